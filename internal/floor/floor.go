// Package floor is the baseline of docs/quality.md that Kite's read path is
// measured against: a minimal hand-written net/http handler that validates
// the same token, reads the same data in the fewest sensible SQL statements
// (6 for each query), and writes the same JSON as the GraphQL child
// dashboard and myCaseload(first: 70). It exists only to be measured
// against (cmd/loadtest over HTTP, graph's benchmarks in process); it is
// not part of the server.
package floor

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"kite/internal/auth"
	"kite/internal/civil"
	"kite/internal/store"
	"kite/internal/timescales"
)

// Server is the floor: the dashboard (GET /dashboard?id=…, for the child
// themself) and the caseload (GET /caseload, first 70) over its own pool of
// connections to the database.
type Server struct {
	db       *sql.DB
	postgres bool
	tokens   *auth.Tokens
	cal      *timescales.Calendar
}

// Open opens the floor on a Kite database (a SQLite file or a postgres://
// URL), checking tokens as tokens does: made with Kite's keys, issuer and
// audience.
func Open(database string, tokens *auth.Tokens) (*Server, error) {
	postgres := store.IsPostgres(database)
	var db *sql.DB
	if postgres { // connected as Kite is: the same plans for the same server
		cfg, err := store.PostgresConfig(database)
		if err != nil {
			return nil, err
		}
		db = stdlib.OpenDB(*cfg)
	} else {
		var err error
		if db, err = sql.Open("sqlite", "file:"+database+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"); err != nil {
			return nil, err
		}
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	return &Server{db: db, postgres: postgres, tokens: tokens, cal: timescales.EnglandAndWales()}, nil
}

// Close closes the floor's connections.
func (f *Server) Close() error { return f.db.Close() }

// Handler serves GET /dashboard and GET /caseload.
func (f *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /dashboard", f.Dashboard)
	mux.HandleFunc("GET /caseload", f.Caseload)
	return mux
}

// q rewrites ? placeholders for PostgreSQL.
func (f *Server) q(query string) string {
	if !f.postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

type viewerRow struct {
	userID, authority, role string
	childID                 sql.NullString
}

// viewer checks the token and loads the account, with its child record,
// in one statement.
func (f *Server) viewer(r *http.Request) (*viewerRow, error) {
	token := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	claims, err := f.tokens.Verify(token)
	if err != nil {
		return nil, err
	}
	v := &viewerRow{userID: claims.Subject}
	var active bool
	err = f.db.QueryRowContext(r.Context(), f.q(`SELECT u.authority_id, u.role, u.active, c.id FROM users u
		LEFT JOIN children c ON c.user_id = u.id WHERE u.id = ?`), v.userID).Scan(&v.authority, &v.role, &active, &v.childID)
	if err != nil || !active {
		return nil, errors.New("no viewer")
	}
	return v, nil
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

type contact struct {
	Name  string  `json:"name"`
	Role  string  `json:"role,omitempty"`
	Email *string `json:"email"`
	Phone *string `json:"phone"`
}

// Dashboard answers the child dashboard for the child themself.
func (f *Server) Dashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := f.viewer(r)
	if err != nil || !v.childID.Valid || v.childID.String != r.URL.Query().Get("id") {
		writeJSON(w, map[string]any{"data": map[string]any{"child": nil}})
		return
	}
	today := civil.Today()
	child, err := f.child(ctx, v.childID.String, v.authority, today)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, map[string]any{"data": map[string]any{"child": child}})
}

func (f *Server) child(ctx context.Context, id, authority string, today civil.Date) (map[string]any, error) {
	var (
		name             string
		lookedAfter, dob sql.NullString
		lighter          bool
		interval         int
	)
	err := f.db.QueryRowContext(ctx, f.q(`SELECT c.preferred_name, c.became_looked_after_on, c.lighter_touch,
		i.date_of_birth, la.core_group_interval_weeks FROM children c
		LEFT JOIN child_identities i ON i.child_id = c.id JOIN local_authorities la ON la.id = c.authority_id
		WHERE c.id = ? AND c.authority_id = ?`), id, authority).Scan(&name, &lookedAfter, &lighter, &dob, &interval)
	if err != nil {
		return nil, err
	}
	var age any
	if dob.Valid {
		age = civil.Date(dob.String).YearsOn(today)
	}
	tc := timescales.Case{LighterTouch: lighter, CoreGroupInterval: timescales.Weeks(interval)}
	if interval == 0 {
		tc.CoreGroupInterval = timescales.Monthly()
	}
	current, err := f.plans(ctx, id, today, lookedAfter, &tc)
	if err != nil {
		return nil, err
	}
	upcoming, err := f.meetings(ctx, id, today, &tc)
	if err != nil {
		return nil, err
	}
	var next any
	if dues := timescales.NextDue(f.cal, tc, today); len(dues) > 0 {
		next = map[string]any{"kind": dues[0].Kind, "dueBy": dues[0].DueBy, "overdue": dues[0].Overdue}
	}
	chair, sw, err := f.contacts(ctx, id, today, current)
	if err != nil {
		return nil, err
	}
	subs, total, err := f.submissions(ctx, id)
	if err != nil {
		return nil, err
	}
	var plan any
	if current != nil {
		plan = current
	}
	return map[string]any{"id": id, "preferredName": name, "age": age, "currentPlan": plan,
		"upcomingMeetings": upcoming, "nextMeetingDue": next, "chair": chair, "socialWorker": sw,
		"submissions": map[string]any{"edges": subs, "totalCount": total}}, nil
}

// plans reads the child's plans: the current one (CP first) for the
// dashboard, and the clocks' starts for the due dates.
func (f *Server) plans(ctx context.Context, id string, today civil.Date, lookedAfter sql.NullString, tc *timescales.Case) (map[string]any, error) {
	rows, err := f.db.QueryContext(ctx, f.q(`SELECT id, kind, starts_on, ends_on, strategy_discussion_on FROM plans WHERE child_id = ?`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var current map[string]any
	for rows.Next() {
		var pid, kind, starts string
		var ends, strategy sql.NullString
		if err := rows.Scan(&pid, &kind, &starts, &ends, &strategy); err != nil {
			return nil, err
		}
		if civil.Date(starts).After(today) || (ends.Valid && civil.Date(ends.String).Before(today)) {
			continue
		}
		switch kind {
		case "CARE_PLAN":
			tc.BecameLookedAfter = civil.Date(starts)
			if lookedAfter.Valid {
				tc.BecameLookedAfter = civil.Date(lookedAfter.String)
			}
			if current == nil {
				current = map[string]any{"id": pid, "kind": kind}
			}
		case "CHILD_PROTECTION_PLAN":
			tc.StrategyDiscussion = civil.Date(starts)
			if strategy.Valid {
				tc.StrategyDiscussion = civil.Date(strategy.String)
			}
			current = map[string]any{"id": pid, "kind": kind}
		}
	}
	return current, rows.Err()
}

// meetingRow is a meeting's columns id, kind, status, scheduled_for,
// held_on, due_by, brought_forward: what the due dates need.
type meetingRow struct {
	id, kind, status, due string
	at                    sql.NullTime
	held                  sql.NullString
	forward               bool
}

// fields are where Scan puts the columns, in that order.
func (m *meetingRow) fields() []any {
	return []any{&m.id, &m.kind, &m.status, &m.at, &m.held, &m.due, &m.forward}
}

// timescales is the meeting as the timescales see it.
func (m *meetingRow) timescales() timescales.Meeting {
	out := timescales.Meeting{ID: m.id, Kind: timescales.MeetingKind(m.kind), Status: timescales.MeetingStatus(m.status)}
	if m.held.Valid {
		out.Held = civil.Date(m.held.String)
	}
	if m.at.Valid {
		out.Scheduled = civil.InLondon(m.at.Time)
	}
	if m.forward {
		out.BroughtForwardTo = civil.Date(m.due)
	}
	return out
}

// meetings reads the child's meetings for the due dates and lists the
// upcoming ones, soonest first.
func (f *Server) meetings(ctx context.Context, id string, today civil.Date, tc *timescales.Case) ([]map[string]any, error) {
	rows, err := f.db.QueryContext(ctx, f.q(`SELECT id, kind, status, scheduled_for, held_on, due_by, brought_forward
		FROM meetings WHERE child_id = ? ORDER BY scheduled_for`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	upcoming := []map[string]any{}
	start := today.StartInLondon()
	for rows.Next() {
		var m meetingRow
		if err := rows.Scan(m.fields()...); err != nil {
			return nil, err
		}
		tc.Meetings = append(tc.Meetings, m.timescales())
		if m.status == "SCHEDULED" && m.at.Valid && !m.at.Time.Before(start) {
			upcoming = append(upcoming, map[string]any{"id": m.id, "kind": m.kind,
				"scheduledFor": m.at.Time.UTC().Format(time.RFC3339), "dueBy": m.due, "status": m.status})
		}
	}
	return upcoming, rows.Err()
}

// contacts reads the child's current chair and social worker.
func (f *Server) contacts(ctx context.Context, id string, today civil.Date, current map[string]any) (any, any, error) {
	rows, err := f.db.QueryContext(ctx, f.q(`SELECT a.kind, u.display_name, u.role, u.work_email, u.work_phone
		FROM allocations a JOIN users u ON u.id = a.staff_id
		WHERE a.child_id = ? AND a.starts_on <= ? AND (a.ends_on IS NULL OR a.ends_on >= ?)`), id, today, today)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var chair, sw any
	for rows.Next() {
		var kind, name, role string
		var email, phone sql.NullString
		if err := rows.Scan(&kind, &name, &role, &email, &phone); err != nil {
			return nil, nil, err
		}
		c := contact{Name: name, Role: role, Email: nullable(email), Phone: nullable(phone)}
		switch {
		case kind == "SOCIAL_WORKER":
			c.Role = ""
			sw = c
		case kind == "CP_CHAIR" || chair == nil:
			chair = c
		}
	}
	return chair, sw, rows.Err()
}

func nullable(s sql.NullString) *string {
	if !s.Valid || s.String == "" {
		return nil
	}
	return &s.String
}

// submissions reads the first page and the total in one statement.
func (f *Server) submissions(ctx context.Context, id string) ([]map[string]any, int, error) {
	rows, err := f.db.QueryContext(ctx, f.q(`SELECT id, status, COUNT(*) OVER () FROM wishes_and_feelings
		WHERE child_id = ? ORDER BY id LIMIT 10`), id)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	edges := []map[string]any{}
	total := 0
	for rows.Next() {
		var sid, status string
		if err := rows.Scan(&sid, &status, &total); err != nil {
			return nil, 0, err
		}
		edges = append(edges, map[string]any{"node": map[string]any{"id": sid, "status": status}})
	}
	return edges, total, rows.Err()
}
