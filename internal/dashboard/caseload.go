package dashboard

import (
	"context"
	"fmt"
	"slices"

	"entgo.io/contrib/entgql"

	"kite/ent"
	"kite/internal/access"
	"kite/internal/civil"
	"kite/internal/duedates"
	"kite/internal/ident"
)

// CaseloadFilter narrows and orders a caseload.
type CaseloadFilter struct {
	// DueWithinDays keeps children whose next statutory meeting is due within
	// this many days (overdue ones included).
	DueWithinDays *int
	// Overdue keeps children whose next statutory meeting is overdue.
	Overdue bool
	// HasUnreadViews keeps children with sent submissions not yet read.
	HasUnreadViews bool
	// UrgentFirst puts children who need to talk to someone today first.
	UrgentFirst bool
}

// Active reports whether the filter does anything.
func (f CaseloadFilter) Active() bool {
	return f.DueWithinDays != nil || f.Overdue || f.HasUnreadViews || f.UrgentFirst
}

// entry is what the filter judges a child by, and what was read to judge it.
type entry struct {
	id      ident.ID
	due     *duedates.Due
	counts  access.Counts
	created int // position in the unfiltered order, as a last tie-breaker

	child    *ent.Child
	plans    []*ent.Plan    // the timescales' columns (planTimelines)
	meetings []*ent.Meeting // the timescales' columns (timelines)
}

// Judged is a filtered caseload: the children that passed, most pressing
// first, with what was read to judge each of them.
type Judged struct{ entries []entry }

// IDs are the children's ids, in the caseload's order.
func (j Judged) IDs() []ident.ID {
	ids := make([]ident.ID, len(j.entries))
	for i, e := range j.entries {
		ids[i] = e.id
	}
	return ids
}

// Page returns the children from start up to end, and gives the operation's
// loaders what was read to judge them — their plans' and meetings' timelines
// and their submission counts, the same reads a page's batch makes — so that
// their due dates and counts read nothing more. Only the page's children are
// shared: the others were judged, not shown, and a child read elsewhere in
// the operation reads for itself.
func (j Judged) Page(ctx context.Context, start, end int) []*ent.Child {
	l, _ := ctx.Value(loadersKey{}).(*loaders)
	children := make([]*ent.Child, 0, end-start)
	for _, e := range j.entries[start:end] {
		children = append(children, e.child)
		if l != nil {
			l.planLines.put(e.id, e.plans)
			l.timelines.put(e.id, e.meetings)
			l.counts.put(e.id, e.counts)
		}
	}
	return children
}

// Caseload returns the viewer's caseload (the children the access rules let
// them see) that pass the filter, most pressing first: urgent ones first
// when asked, then by the next statutory due date (overdue first), then
// children with nothing due. It reads in a fixed number of queries.
func Caseload(ctx context.Context, client *ent.Client, f CaseloadFilter, today civil.Date) (Judged, error) {
	children, err := client.Child.Query().Order(ent.Asc("created_at"), ent.Asc("id")).All(ctx)
	if err != nil {
		return Judged{}, fmt.Errorf("caseload: %w", err)
	}
	entries, err := judge(ctx, client, children, today)
	if err != nil {
		return Judged{}, err
	}
	return Judged{choose(entries, f, today)}, nil
}

// byRecord is a caseload's order without a filter: oldest record first.
var byRecord = ent.WithChildOrder(&ent.ChildOrder{Field: ent.ChildOrderFieldCreatedAt, Direction: entgql.OrderDirectionAsc})

// CaseloadPage is a page of the children the viewer may see, oldest record
// first, with the total. A first page that ent would read from the
// children's own columns in one statement, loading no edge with them, is
// read outside ent (access.ReadChildrenFirstPage, the same statement under
// the same rules) and made into the connection PageWithTotal would make;
// every other page is ent's.
func CaseloadPage(ctx context.Context, client *ent.Client, after *ent.Cursor, first *int, before *ent.Cursor, last *int) (*ent.ChildConnection, error) {
	columns, ok, err := client.Child.Query().FirstPageColumns(ctx, after, first, before, last)
	if err != nil {
		return nil, fmt.Errorf("caseload: %w", err)
	}
	if ok {
		rows, err := access.ReadChildrenFirstPage(ctx, client, columns, *first+1)
		if err != nil {
			return nil, fmt.Errorf("caseload: %w", err)
		}
		return ent.NewChildConnectionFirstPage(rows, *first, byRecord)
	}
	conn, err := client.Child.Query().PageWithTotal(ctx, after, first, before, last, byRecord)
	if err != nil {
		return nil, fmt.Errorf("caseload: %w", err)
	}
	return conn, nil
}

// choose returns the entries that pass the filter, most pressing first. It
// reuses entries' storage.
func choose(entries []entry, f CaseloadFilter, today civil.Date) []entry {
	kept := entries[:0]
	for _, e := range entries {
		if keep(e, f, today) {
			kept = append(kept, e)
		}
	}
	slices.SortStableFunc(kept, func(a, b entry) int { return compare(a, b, f.UrgentFirst) })
	return kept
}

// judge works out each child's next due meeting and submission counts, in
// bulk: one query each for plans, meetings and counts, whatever the caseload.
func judge(ctx context.Context, client *ent.Client, children []*ent.Child, today civil.Date) ([]entry, error) {
	if len(children) == 0 {
		return nil, nil
	}
	ids := make([]ident.ID, len(children))
	for i, c := range children {
		ids[i] = c.ID
	}
	settings, err := loadersOf(ctx, client).settings(ctx, children[0])
	if err != nil {
		return nil, fmt.Errorf("caseload: %w", err)
	}
	plans, err := planTimelines(ctx, client, ids)
	if err != nil {
		return nil, fmt.Errorf("caseload: plans: %w", err)
	}
	meetings, err := timelines(ctx, client, ids)
	if err != nil {
		return nil, fmt.Errorf("caseload: meetings: %w", err)
	}
	counts, err := access.SubmissionCounts(ctx, client, ids)
	if err != nil {
		return nil, err
	}
	plansOf := group(plans, func(p *ent.Plan) ident.ID { return p.ChildID })
	meetingsOf := group(meetings, func(m *ent.Meeting) ident.ID { return m.ChildID })
	out := make([]entry, len(children))
	for i, c := range children {
		e := entry{id: c.ID, counts: counts[c.ID], created: i, child: c, plans: plansOf[c.ID], meetings: meetingsOf[c.ID]}
		if dues := duedates.Next(c, settings, e.plans, e.meetings, today); len(dues) > 0 {
			e.due = &dues[0]
		}
		out[i] = e
	}
	return out, nil
}

func keep(e entry, f CaseloadFilter, today civil.Date) bool {
	if f.Overdue && (e.due == nil || !e.due.Overdue) {
		return false
	}
	if f.DueWithinDays != nil && (e.due == nil || e.due.DueBy.After(today.AddDays(*f.DueWithinDays))) {
		return false
	}
	return !f.HasUnreadViews || e.counts.Unread > 0
}

func compare(a, b entry, urgentFirst bool) int {
	if urgentFirst {
		if ua, ub := a.counts.Urgent > 0, b.counts.Urgent > 0; ua != ub {
			if ua {
				return -1
			}
			return 1
		}
	}
	switch {
	case a.due != nil && b.due == nil:
		return -1
	case a.due == nil && b.due != nil:
		return 1
	case a.due != nil && a.due.DueBy != b.due.DueBy:
		if a.due.DueBy.Before(b.due.DueBy) {
			return -1
		}
		return 1
	}
	return a.created - b.created
}
