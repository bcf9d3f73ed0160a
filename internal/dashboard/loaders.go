package dashboard

import (
	"context"
	"fmt"
	"sync"

	"entgo.io/ent/dialect/sql"

	"kite/ent"
	"kite/ent/childidentity"
	"kite/ent/localauthority"
	"kite/ent/planversion"
	"kite/internal/access"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/duedates"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// loaders hold one read operation's per-child data, loaded in batches (see
// batch): a caseload page of seventy children costs one query for their
// plans, one for their meetings, one for their allocations, not seventy of
// each. They live for one query operation only — never across a mutation or
// a subscription's events — so nothing is served stale.
//
// They are the package's only way to read: a call whose context has no
// loaders (a mutation, a service) gets loaders of its own, which read just
// the one child (see loadersOf).
type loaders struct {
	plans       *batch[[]*ent.Plan]
	planLines   *batch[[]*ent.Plan]      // only the columns the timescales read
	versions    *batch[*ent.PlanVersion] // keyed by plan id: the newest version
	meetings    *batch[[]*ent.Meeting]
	timelines   *batch[[]*ent.Meeting]    // only the columns the timescales read
	allocations *batch[[]*ent.Allocation] // current ones, with the staff
	chairs      *batch[[]*ent.Allocation] // the chairs' alone, with the staff
	counts      *batch[access.Counts]
	ages        *batch[*int] // nil when unknown (unborn)
	identities  *batch[*ent.ChildIdentity]
	// keyed by meeting id: what was sent for each meeting
	meetingSubmissions *batch[[]*ent.WishesAndFeelings]
	meetingViews       *batch[[]*ent.ParentViews]

	// meetingColumns are the meeting columns the operation shows (nil:
	// whole rows), decided by the API layer from the query's text.
	meetingColumns []string

	mu          sync.Mutex
	authorities map[ident.ID]domain.AuthoritySettings
}

type loadersKey struct{}

// WithLoaders returns ctx with fresh loaders for one read operation, which
// shows meetingColumns of the meetings it reads (nil: it may show any).
func WithLoaders(ctx context.Context, client *ent.Client, meetingColumns []string) context.Context {
	l := newLoaders(client)
	l.meetingColumns = meetingColumns
	return context.WithValue(ctx, loadersKey{}, l)
}

// loadersOf returns the operation's loaders, or, outside a read operation,
// loaders for this one call: they cost the same single statement a direct
// query would.
func loadersOf(ctx context.Context, client *ent.Client) *loaders {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		return l
	}
	return newLoaders(client)
}

func newLoaders(client *ent.Client) *loaders {
	l := &loaders{authorities: map[ident.ID]domain.AuthoritySettings{}}
	l.plans = newBatch(func(ctx context.Context, ids []ident.ID) (map[ident.ID][]*ent.Plan, error) {
		rows, err := access.ReadPlans(ctx, client, ids, nil) // newest first
		// A list showing these plans shows their newest versions too.
		l.versions.want(idsOf(rows, func(p *ent.Plan) ident.ID { return p.ID }))
		return group(rows, func(p *ent.Plan) ident.ID { return p.ChildID }), wrap(err, "plans")
	})
	l.planLines = newBatch(func(ctx context.Context, ids []ident.ID) (map[ident.ID][]*ent.Plan, error) {
		rows, err := planTimelines(ctx, client, ids) // newest first
		return group(rows, func(p *ent.Plan) ident.ID { return p.ChildID }), wrap(err, "plan timelines")
	})
	l.versions = newBatch(func(ctx context.Context, ids []ident.ID) (map[ident.ID]*ent.PlanVersion, error) {
		rows, err := client.PlanVersion.Query().Where(planversion.PlanIDIn(ids...)).
			Order(planversion.ByVersion(sql.OrderDesc())).All(ctx)
		out := map[ident.ID]*ent.PlanVersion{}
		for _, v := range rows {
			if _, ok := out[v.PlanID]; !ok {
				out[v.PlanID] = v
			}
		}
		return out, wrap(err, "plan versions")
	})
	l.meetings = newBatch(func(ctx context.Context, ids []ident.ID) (map[ident.ID][]*ent.Meeting, error) {
		rows, err := meetingsOf(ctx, client, ids, l.meetingColumns)
		// A list showing these meetings may show what was sent for each.
		meetingIDs := idsOf(rows, func(m *ent.Meeting) ident.ID { return m.ID })
		l.meetingSubmissions.want(meetingIDs)
		l.meetingViews.want(meetingIDs)
		return group(rows, func(m *ent.Meeting) ident.ID { return m.ChildID }), wrap(err, "meetings")
	})
	l.timelines = newBatch(func(ctx context.Context, ids []ident.ID) (map[ident.ID][]*ent.Meeting, error) {
		rows, err := timelines(ctx, client, ids)
		return group(rows, func(m *ent.Meeting) ident.ID { return m.ChildID }), wrap(err, "meeting timelines")
	})
	l.allocations = newBatch(func(ctx context.Context, ids []ident.ID) (map[ident.ID][]*ent.Allocation, error) {
		rows, err := access.CurrentContacts(ctx, client, ids) // with their staff
		return group(rows, func(a *ent.Allocation) ident.ID { return a.ChildID }), wrap(err, "allocations")
	})
	l.chairs = newBatch(func(ctx context.Context, ids []ident.ID) (map[ident.ID][]*ent.Allocation, error) {
		rows, err := access.CurrentChairs(ctx, client, ids) // with their staff
		return group(rows, func(a *ent.Allocation) ident.ID { return a.ChildID }), wrap(err, "chairs")
	})
	l.counts = newBatch(func(ctx context.Context, ids []ident.ID) (map[ident.ID]access.Counts, error) {
		return access.SubmissionCounts(ctx, client, ids)
	})
	l.ages = newBatch(func(ctx context.Context, ids []ident.ID) (map[ident.ID]*int, error) {
		ages, err := access.Ages(ctx, client, ids, civil.Today())
		out := make(map[ident.ID]*int, len(ages))
		for id, a := range ages {
			out[id] = &a
		}
		return out, err
	})
	l.meetingSubmissions = newBatch(func(ctx context.Context, ids []ident.ID) (map[ident.ID][]*ent.WishesAndFeelings, error) {
		rows, err := meetingSubmissionsQuery(client, ids).All(ctx)
		return group(rows, func(w *ent.WishesAndFeelings) ident.ID { return *w.MeetingID }), wrap(err, "meeting submissions")
	})
	l.meetingViews = newBatch(func(ctx context.Context, ids []ident.ID) (map[ident.ID][]*ent.ParentViews, error) {
		rows, err := meetingViewsQuery(client, ids).All(ctx)
		return group(rows, func(p *ent.ParentViews) ident.ID { return *p.MeetingID }), wrap(err, "meeting parent views")
	})
	l.identities = newBatch(func(ctx context.Context, ids []ident.ID) (map[ident.ID]*ent.ChildIdentity, error) {
		rows, err := client.ChildIdentity.Query().Where(childidentity.ChildIDIn(ids...)).All(ctx)
		out := make(map[ident.ID]*ent.ChildIdentity, len(rows))
		for _, r := range rows {
			out[r.ChildID] = r
		}
		return out, wrap(err, "identities")
	})
	return l
}

// Want tells the loaders which children a list holds, so that the first of
// them to need its data loads everyone's.
func Want(ctx context.Context, ids []ident.ID) {
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok {
		l.plans.want(ids)
		l.planLines.want(ids)
		l.meetings.want(ids)
		l.timelines.want(ids)
		l.allocations.want(ids)
		l.chairs.want(ids)
		l.counts.want(ids)
		l.ages.want(ids)
		l.identities.want(ids)
	}
}

// settings are the child's authority's settings the timescales read: the
// viewer's, read with them (viewer.Viewer.Authority) when the child is of
// the viewer's authority, as every child a viewer may see is; otherwise
// (system code) the authority's row, read once per operation.
func (l *loaders) settings(ctx context.Context, c *ent.Child) (domain.AuthoritySettings, error) {
	if v := viewer.FromContext(ctx); v != nil && v.Authority != nil && v.AuthorityID == c.AuthorityID {
		return *v.Authority, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if s, ok := l.authorities[c.AuthorityID]; ok {
		return s, nil
	}
	la, err := c.QueryAuthority().Where(localauthority.ID(c.AuthorityID)).Only(ctx)
	if err != nil {
		return domain.AuthoritySettings{}, fmt.Errorf("authority: %w", err)
	}
	s := duedates.SettingsOf(la)
	l.authorities[c.AuthorityID] = s
	return s, nil
}

// idsOf lists id of each of rows.
func idsOf[T any](rows []*T, id func(*T) ident.ID) []ident.ID {
	out := make([]ident.ID, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}

func group[T any](rows []*T, key func(*T) ident.ID) map[ident.ID][]*T {
	out := map[ident.ID][]*T{}
	for _, r := range rows {
		out[key(r)] = append(out[key(r)], r)
	}
	return out
}

func wrap(err error, what string) error {
	if err != nil {
		return fmt.Errorf("load %s: %w", what, err)
	}
	return nil
}

// Wants says which of a child's data an operation will read: whole plans
// and meetings, or only the columns their timescales read (PlanTimelines,
// Timelines; see NextDue). ChairsOnly says that Contacts are the chairs
// alone (see Chairs).
type Wants struct {
	Plans, PlanTimelines, Meetings, Timelines, Contacts, ChairsOnly bool
}

// Prefetch loads what wants names for one child now, in the caller's
// goroutine, before the child's fields are resolved (in turn, since
// graph/gqlgen.go; gqlgen used to give each a goroutine of its own, whose
// small stack a database read first grew, the pure-Go SQLite's frames being
// deep). Loaded here, the fields answer from memory, with the same
// statements.
func Prefetch(ctx context.Context, client *ent.Client, id ident.ID, wants Wants) error {
	l, ok := ctx.Value(loadersKey{}).(*loaders)
	if !ok {
		return nil // nothing would keep what was read
	}
	loads := []struct {
		want bool
		get  func() error
	}{
		{wants.Plans, func() error { _, err := l.plans.get(ctx, id); return err }},
		{wants.PlanTimelines, func() error { _, err := l.planLines.get(ctx, id); return err }},
		{wants.Meetings, func() error { _, err := l.meetings.get(ctx, id); return err }},
		{wants.Timelines, func() error { _, err := l.timelines.get(ctx, id); return err }},
		{wants.Contacts && !wants.ChairsOnly, func() error { _, err := l.allocations.get(ctx, id); return err }},
		{wants.Contacts && wants.ChairsOnly, func() error { _, err := l.chairs.get(ctx, id); return err }},
	}
	for _, load := range loads {
		if load.want {
			if err := load.get(); err != nil {
				return err
			}
		}
	}
	return nil
}
