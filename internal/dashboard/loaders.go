package dashboard

import (
	"context"
	"fmt"
	"sync"

	"entgo.io/ent/dialect"
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
	"kite/internal/pipeline"
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

	client *ent.Client

	mu          sync.Mutex
	authorities map[ident.ID]domain.AuthoritySettings
	pages       map[pageKey]keptPage // first pages of submissions read with their child
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
	l := &loaders{client: client, authorities: map[ident.ID]domain.AuthoritySettings{}, pages: map[pageKey]keptPage{}}
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
	// Counts are the child's unread and urgent submissions.
	Counts bool
	// Submissions is the first page of the child's submissions the
	// operation shows, when it is one Submissions would read outside ent
	// (nil: none, or one that reads for itself).
	Submissions *FirstPage
}

// FirstPage names a first page of a child's submissions in the default
// order: up to First, with the columns ent's field collection selects for
// it (nil: every column), for the operation's Field asking for it (a key:
// one operation may ask for a child's submissions twice, differently).
type FirstPage struct {
	Field   any
	First   int
	Columns []string
}

// ChildWith reads a child (Child) and, with them, what wants names for
// them, before the child's fields are resolved: loaded here, the fields
// answer from memory, with the same statements. The reads do not depend
// on each other — each carries its own rules (internal/access) — so on
// PostgreSQL they go to the server in one round trip (internal/pipeline);
// on SQLite they run in turn in the caller's goroutine (gqlgen used to give
// each field a goroutine of its own, whose small stack a database read
// first grew, the pure-Go SQLite's frames being deep). When the child is
// not to be seen, its error is returned and what was read with it, which
// the same rules gave, is not shown. client is the pool's, never a
// transaction's (pipeline.Together).
func ChildWith(ctx context.Context, client *ent.Client, id ident.ID, today civil.Date, wants Wants) (*ent.Child, error) {
	var c *ent.Child
	reads := []func(context.Context) error{func(ctx context.Context) (err error) {
		c, err = Child(ctx, client, id, today)
		return err
	}}
	if l, ok := ctx.Value(loadersKey{}).(*loaders); ok { // else nothing would keep what was read
		reads = append(reads, l.prefetches(id, wants)...)
	}
	if err := pipeline.Together(ctx, client.Dialect() == dialect.Postgres, reads...); err != nil {
		return nil, err
	}
	return c, nil
}

// Prefetch loads what wants names for a page of children (a caseload page
// whose children Want has named) before their fields are resolved, as
// ChildWith does for one child: together, so on PostgreSQL in one round
// trip. A read that fails is left for the field that needs it, which reads
// again and reports its own error. client is the pool's, never a
// transaction's (pipeline.Together).
func Prefetch(ctx context.Context, client *ent.Client, ids []ident.ID, wants Wants) {
	l, ok := ctx.Value(loadersKey{}).(*loaders)
	if !ok || len(ids) == 0 {
		return
	}
	_ = pipeline.Together(ctx, client.Dialect() == dialect.Postgres, l.prefetches(ids[0], wants)...)
}

// prefetches are the reads of what wants names for one child (with every
// child still wanted).
func (l *loaders) prefetches(id ident.ID, wants Wants) []func(context.Context) error {
	loads := []struct {
		want  bool
		batch interface {
			load(ctx context.Context, id ident.ID) error
		}
	}{
		{wants.Plans, l.plans},
		{wants.PlanTimelines, l.planLines},
		{wants.Meetings, l.meetings},
		{wants.Timelines, l.timelines},
		{wants.Contacts && !wants.ChairsOnly, l.allocations},
		{wants.Contacts && wants.ChairsOnly, l.chairs},
		{wants.Counts, l.counts},
	}
	var reads []func(context.Context) error
	for _, load := range loads {
		if load.want {
			reads = append(reads, func(ctx context.Context) error { return load.batch.load(ctx, id) })
		}
	}
	if p := wants.Submissions; p != nil {
		reads = append(reads, func(ctx context.Context) error {
			conn, err := firstPageOf(ctx, l.client, id, p.Columns, p.First)
			l.keepPage(pageKey{id, p.Field, p.First}, conn, err)
			return nil // the submissions field's error, not the child's
		})
	}
	return reads
}

// pageKey is a first page of one child's submissions for one field of an
// operation.
type pageKey struct {
	child ident.ID
	field any
	first int
}

type keptPage struct {
	conn *ent.WishesAndFeelingsConnection
	err  error
}

func (l *loaders) keepPage(k pageKey, conn *ent.WishesAndFeelingsConnection, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pages[k] = keptPage{conn, err}
}

// pageReadWithChild returns the page ChildWith read with the child for
// this field, if the operation has one.
func pageReadWithChild(ctx context.Context, k pageKey) (keptPage, bool) {
	l, ok := ctx.Value(loadersKey{}).(*loaders)
	if !ok {
		return keptPage{}, false // not a read operation: nothing was read with the child
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	p, ok := l.pages[k]
	return p, ok
}
