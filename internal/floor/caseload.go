package floor

import (
	"context"
	"database/sql"
	"net/http"
	"strings"

	"kite/internal/civil"
	"kite/internal/timescales"
)

// Caseload answers myCaseload(first: 70) with each child's next due
// meeting, chair and unread submission count, for an IRO, CP Chair or
// social worker: one statement for the page, one each for the plans,
// meetings, chairs and counts of the whole page.
func (f *Server) Caseload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := f.viewer(r)
	if err != nil {
		writeJSON(w, map[string]any{"errors": []any{map[string]any{"message": "unauthenticated"}}})
		return
	}
	today := civil.Today()
	page, err := f.page(ctx, v, today)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if err := f.fill(ctx, page, today); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	edges := make([]map[string]any, len(page.order))
	for i, id := range page.order {
		edges[i] = map[string]any{"node": page.nodes[id]}
	}
	writeJSON(w, map[string]any{"data": map[string]any{"myCaseload": map[string]any{"edges": edges, "totalCount": page.total}}})
}

type casePage struct {
	order []string
	nodes map[string]map[string]any
	cases map[string]*timescales.Case
	total int
}

func (f *Server) page(ctx context.Context, v *viewerRow, today civil.Date) (*casePage, error) {
	rows, err := f.db.QueryContext(ctx, f.q(`SELECT c.id, c.preferred_name, c.became_looked_after_on, c.lighter_touch,
		COUNT(*) OVER () FROM children c WHERE c.authority_id = ? AND c.id IN (SELECT a.child_id FROM allocations a
		WHERE a.staff_id = ? AND a.starts_on <= ? AND (a.ends_on IS NULL OR a.ends_on >= ?))
		ORDER BY c.created_at, c.id LIMIT 70`), v.authority, v.userID, today, today)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	p := &casePage{nodes: map[string]map[string]any{}, cases: map[string]*timescales.Case{}}
	for rows.Next() {
		var id, name string
		var lookedAfter sql.NullString
		var lighter bool
		if err := rows.Scan(&id, &name, &lookedAfter, &lighter, &p.total); err != nil {
			return nil, err
		}
		p.order = append(p.order, id)
		p.nodes[id] = map[string]any{"id": id, "preferredName": name, "nextMeetingDue": nil, "chair": nil, "unreadSubmissionCount": 0}
		tc := &timescales.Case{LighterTouch: lighter, CoreGroupInterval: timescales.Weeks(4)}
		if lookedAfter.Valid {
			tc.BecameLookedAfter = civil.Date(lookedAfter.String) // kept only if a care plan is current
		}
		p.cases[id] = tc
	}
	return p, rows.Err()
}

// in is the page's ids as a SQL list of placeholders and arguments.
func (p *casePage) in() (string, []any) {
	args := make([]any, len(p.order))
	for i, id := range p.order {
		args[i] = id
	}
	return "(" + strings.TrimSuffix(strings.Repeat("?,", len(args)), ",") + ")", args
}

// fill reads the page's plans, meetings, chairs and unread counts.
func (f *Server) fill(ctx context.Context, p *casePage, today civil.Date) error {
	if len(p.order) == 0 {
		return nil
	}
	list, ids := p.in()
	inCare := map[string]bool{}
	err := f.each(ctx, `SELECT child_id, kind, starts_on, ends_on, strategy_discussion_on FROM plans WHERE child_id IN `+list, ids,
		func(s scanner) error {
			var child, kind, starts string
			var ends, strategy sql.NullString
			if err := s.Scan(&child, &kind, &starts, &ends, &strategy); err != nil {
				return err
			}
			if civil.Date(starts).After(today) || (ends.Valid && civil.Date(ends.String).Before(today)) {
				return nil
			}
			tc := p.cases[child]
			if kind == "CARE_PLAN" {
				inCare[child] = true
				if tc.BecameLookedAfter.IsZero() {
					tc.BecameLookedAfter = civil.Date(starts)
				}
			} else {
				tc.StrategyDiscussion = civil.Date(starts)
				if strategy.Valid {
					tc.StrategyDiscussion = civil.Date(strategy.String)
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	for id, tc := range p.cases {
		if !inCare[id] {
			tc.BecameLookedAfter = ""
		}
	}
	err = f.each(ctx, `SELECT child_id, id, kind, status, scheduled_for, held_on, due_by, brought_forward FROM meetings WHERE child_id IN `+list, ids,
		func(s scanner) error {
			var child string
			var m meetingRow
			if err := s.Scan(append([]any{&child}, m.fields()...)...); err != nil {
				return err
			}
			p.cases[child].Meetings = append(p.cases[child].Meetings, m.timescales())
			return nil
		})
	if err != nil {
		return err
	}
	for id, tc := range p.cases {
		if dues := timescales.NextDue(f.cal, *tc, today); len(dues) > 0 {
			p.nodes[id]["nextMeetingDue"] = map[string]any{"kind": dues[0].Kind, "dueBy": dues[0].DueBy, "overdue": dues[0].Overdue}
		}
	}
	args := append(append([]any{}, ids...), today, today)
	err = f.each(ctx, `SELECT a.child_id, a.kind, u.display_name, u.work_email FROM allocations a JOIN users u ON u.id = a.staff_id
		WHERE a.child_id IN `+list+` AND a.kind <> 'SOCIAL_WORKER' AND a.starts_on <= ? AND (a.ends_on IS NULL OR a.ends_on >= ?)`, args,
		func(s scanner) error {
			var child, kind, name string
			var email sql.NullString
			if err := s.Scan(&child, &kind, &name, &email); err != nil {
				return err
			}
			if p.nodes[child]["chair"] == nil || kind == "CP_CHAIR" {
				p.nodes[child]["chair"] = map[string]any{"name": name, "email": nullable(email)}
			}
			return nil
		})
	if err != nil {
		return err
	}
	return f.each(ctx, `SELECT child_id, COUNT(*) FROM wishes_and_feelings WHERE status = 'SUBMITTED' AND child_id IN `+list+` GROUP BY child_id`, ids,
		func(s scanner) error {
			var child string
			var n int
			if err := s.Scan(&child, &n); err != nil {
				return err
			}
			p.nodes[child]["unreadSubmissionCount"] = n
			return nil
		})
}

type scanner interface{ Scan(...any) error }

func (f *Server) each(ctx context.Context, query string, args []any, row func(scanner) error) error {
	rows, err := f.db.QueryContext(ctx, f.q(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := row(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
