package audit

import (
	"context"
	"log/slog"
	"slices"
	"sync"

	"kite/ent"
	"kite/ent/alert"
	"kite/ent/plan"
	"kite/ent/planversion"
	"kite/ent/privacy"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Staff reads of anything that belongs to a child — the child's profile,
// identity, plans and their versions and actions, meetings, family links,
// allocations, alerts and their responses, parents' views, submissions —
// are audited for that child, batched per piece of work (an HTTP request, a
// WebSocket operation, a subscription event): one event per child, naming
// the most sensitive thing read and, where just one record was read, that
// record. A caseload list is one event for the children on its page; a
// child read alongside it that is not on the page has its own event.
// Figures computed over many children are one aggregate event.
const (
	ChildRead       = "child.read"
	SubmissionsRead = "child.submissions.read"
	BreakGlassUsed  = "breakglass.used"
	CaseloadRead    = "caseload.read"
	FiguresRead     = "figures.read"
	// ReportWritten: `kite report` wrote an authority's annual figures
	// to a file (numbers only), run by an operator.
	ReportWritten = "figures.report_written"
)

// Record kinds a read can be of, as written in entity_type.
const (
	KindChild       = "child"
	KindPlan        = "plan"
	KindPlanVersion = "plan_version"
	KindAlert       = "alert"
	KindSubmission  = "submission"
)

// Read is one record read: its kind, its id and the child it belongs to.
type Read struct {
	Kind    string
	ID      ident.ID
	ChildID ident.ID
}

// ReadVia is a record read whose child is found through its parent record
// (a plan version through its plan, an alert's response through the alert).
type ReadVia struct {
	Kind       string
	ID         ident.ID
	ParentKind string // KindPlan, KindPlanVersion or KindAlert
	ParentID   ident.ID
}

// childReads is what one piece of work read of one child.
type childReads struct {
	action string // the most sensitive action
	kind   string // the kind of record read, or KindChild when several
	record ident.ID
	n      int // records read
}

// reads collects what one piece of work read.
type reads struct {
	mu       sync.Mutex
	discard  bool // inside an aggregate: the aggregate event stands for these
	viewer   *viewer.Viewer
	children map[ident.ID]*childReads
	owner    map[ident.ID]ident.ID // record id → child id, of every record read
	via      []ReadVia
	via2     []string // actions of via, in step
	caseload map[ident.ID]bool
	listed   bool // a caseload list was read
	events   []Event
}

type readsKey struct{}

// NoteChildRead records that the viewer read these children's profiles.
func NoteChildRead(ctx context.Context, children ...ident.ID) {
	rs := make([]Read, len(children))
	for i, id := range children {
		rs[i] = Read{Kind: KindChild, ID: id, ChildID: id}
	}
	NoteReads(ctx, rs...)
}

// NoteReads records that the viewer read these records of children.
func NoteReads(ctx context.Context, rs ...Read) { note(ctx, ChildRead, rs, nil) }

// NoteReadsVia records reads of records whose child is found at the end of
// the work through their parent record.
func NoteReadsVia(ctx context.Context, rs ...ReadVia) { note(ctx, ChildRead, nil, rs) }

// NoteSubmissionsRead records that the viewer read these submissions.
func NoteSubmissionsRead(ctx context.Context, rs ...Read) {
	action := SubmissionsRead
	if v := viewer.FromContext(ctx); v != nil && v.Role == domain.RoleManager {
		// A manager reads submissions only by break-glass.
		action = BreakGlassUsed
	}
	note(ctx, action, rs, nil)
}

// Caseload marks the work as a caseload list and returns the context to
// make the list in: what is read in it to filter, order and page the list
// (including the row past the page that paging looks ahead to) is covered
// by the one caseload event. NoteCaseload then names the page.
func Caseload(ctx context.Context) context.Context {
	r := collector(ctx)
	if r == nil {
		return ctx
	}
	r.mu.Lock()
	r.listed = true
	r.mu.Unlock()
	return context.WithValue(ctx, listingKey{}, true)
}

type listingKey struct{}

// NoteCaseload records the children on a caseload page: what is read of
// them in the same work is covered by the caseload event.
func NoteCaseload(ctx context.Context, children ...ident.ID) {
	r := collector(ctx)
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, id := range children {
		r.caseload[id] = true
	}
}

// Aggregate records e, an event standing for work over many children
// (figures: numbers only), and returns the context that work runs in: the
// reads made in it are covered by e and not written one by one.
func Aggregate(ctx context.Context, e Event) context.Context {
	r := collector(ctx)
	v := viewer.FromContext(ctx)
	if r == nil || v == nil || !v.IsStaff() {
		return ctx
	}
	r.mu.Lock()
	r.viewer = v
	r.events = append(r.events, e)
	r.mu.Unlock()
	return context.WithValue(ctx, readsKey{}, &reads{discard: true})
}

// rank orders actions by how sensitive they are; an event records the most
// sensitive thing read about each child.
var rank = map[string]int{ChildRead: 1, SubmissionsRead: 2, BreakGlassUsed: 3}

func collector(ctx context.Context) *reads {
	r, _ := ctx.Value(readsKey{}).(*reads)
	return r
}

func note(ctx context.Context, action string, rs []Read, via []ReadVia) {
	r := collector(ctx)
	v := viewer.FromContext(ctx)
	if r == nil || r.discard || v == nil || !v.IsStaff() {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.viewer = v
	if action == ChildRead && ctx.Value(listingKey{}) != nil {
		// Read to make the list (to filter, order and page it): the
		// caseload event stands for them, and the page is noted as such.
		return
	}
	for _, rd := range rs {
		r.add(action, rd)
	}
	for _, rd := range via {
		r.via = append(r.via, rd)
		r.via2 = append(r.via2, action)
	}
}

// add counts one read of a record of a child.
func (r *reads) add(action string, rd Read) {
	if rd.ChildID == "" {
		return
	}
	r.owner[rd.ID] = rd.ChildID
	c := r.children[rd.ChildID]
	if c == nil {
		c = &childReads{kind: rd.Kind, record: rd.ID}
		r.children[rd.ChildID] = c
	}
	if rank[action] > rank[c.action] {
		c.action = action
	}
	if c.kind != rd.Kind || c.record != rd.ID {
		c.n++
	}
	if c.kind != rd.Kind {
		c.kind = KindChild
	}
}

// WithReads returns ctx collecting the staff reads of one piece of work: an
// operation over HTTP or a WebSocket, or one event of a subscription.
func WithReads(ctx context.Context) context.Context {
	return context.WithValue(ctx, readsKey{}, &reads{children: map[ident.ID]*childReads{},
		owner: map[ident.ID]ident.ID{}, caseload: map[ident.ID]bool{}})
}

// Flush writes the reads collected in ctx (see WithReads), even if ctx has
// ended; a failure is logged, as the answer has already gone.
func Flush(ctx context.Context, client *ent.Client) {
	r := collector(ctx)
	if r == nil || r.discard {
		return
	}
	if err := r.flush(context.WithoutCancel(ctx), client); err != nil {
		slog.ErrorContext(ctx, "audit reads", "error", err)
	}
}

// flush writes the collected events, in one statement.
func (r *reads) flush(ctx context.Context, client *ent.Client) error {
	if err := r.resolveVia(ctx, client); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.viewer == nil {
		return nil
	}
	ctx = viewer.NewContext(ctx, r.viewer)
	events := r.events
	if r.listed {
		// The list itself is one event; submissions opened alongside are
		// still recorded per child.
		events = append(events, Event{Action: CaseloadRead, EntityType: "caseload"})
	}
	ids := make([]ident.ID, 0, len(r.children))
	for id := range r.children {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		c := r.children[id]
		if r.caseload[id] && c.action == ChildRead {
			continue
		}
		e := Event{Action: c.action, EntityType: KindChild, EntityID: string(id), ChildID: id}
		if c.n == 0 { // one record: name it
			e.EntityType, e.EntityID = c.kind, string(c.record)
		} else if c.kind != KindChild {
			e.EntityType = c.kind // several records, all of one kind
		}
		events = append(events, e)
	}
	if len(events) == 0 {
		return nil
	}
	return recordAll(ctx, client, events)
}

// resolveVia finds the children of records read through a parent, from
// the records read alongside where it can, and otherwise from the parents'
// rows (at most three small statements, only when such records were read
// on their own).
func (r *reads) resolveVia(ctx context.Context, client *ent.Client) error {
	r.mu.Lock()
	via, actions := r.via, r.via2
	r.via, r.via2 = nil, nil
	r.mu.Unlock()
	if len(via) == 0 {
		return nil
	}
	// System context without a viewer: these lookups are the log's own,
	// not reads of the viewer's to audit.
	sys := privacy.DecisionContext(viewer.NewContext(ctx, nil), privacy.Allow)
	owner := map[ident.ID]ident.ID{}
	r.mu.Lock()
	for k, v := range r.owner {
		owner[k] = v
	}
	r.mu.Unlock()
	missing := func(kind string) []ident.ID {
		var ids []ident.ID
		for _, rd := range via {
			if rd.ParentKind == kind && owner[rd.ParentID] == "" && !slices.Contains(ids, rd.ParentID) {
				ids = append(ids, rd.ParentID)
			}
		}
		return ids
	}
	var planOf map[ident.ID]ident.ID // version → plan
	if ids := missing(KindPlanVersion); len(ids) > 0 {
		vs, err := client.PlanVersion.Query().Where(planversion.IDIn(ids...)).
			Select(planversion.FieldID, planversion.FieldPlanID).All(sys)
		if err != nil {
			return err
		}
		planOf = map[ident.ID]ident.ID{}
		for _, v := range vs {
			planOf[v.ID] = v.PlanID
			if c := owner[v.PlanID]; c != "" {
				owner[v.ID] = c
			}
		}
	}
	plans := missing(KindPlan)
	for version, p := range planOf {
		if owner[version] == "" && !slices.Contains(plans, p) {
			plans = append(plans, p)
		}
	}
	if len(plans) > 0 {
		ps, err := client.Plan.Query().Where(plan.IDIn(plans...)).Select(plan.FieldID, plan.FieldChildID).All(sys)
		if err != nil {
			return err
		}
		for _, p := range ps {
			owner[p.ID] = p.ChildID
		}
		for version, p := range planOf {
			if owner[version] == "" {
				owner[version] = owner[p]
			}
		}
	}
	if ids := missing(KindAlert); len(ids) > 0 {
		as, err := client.Alert.Query().Where(alert.IDIn(ids...)).Select(alert.FieldID, alert.FieldChildID).All(sys)
		if err != nil {
			return err
		}
		for _, a := range as {
			owner[a.ID] = a.ChildID
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, rd := range via {
		r.add(actions[i], Read{Kind: rd.Kind, ID: rd.ID, ChildID: owner[rd.ParentID]})
	}
	return nil
}
