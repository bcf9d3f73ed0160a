package audit

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"sync"

	"kite/ent"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Staff reads of a child's record and submissions are audited, batched per
// request: one event per child per request (not one per field or row), and
// a caseload list is one event for the whole list.
const (
	ChildRead       = "child.read"
	SubmissionsRead = "child.submissions.read"
	BreakGlassUsed  = "breakglass.used"
	CaseloadRead    = "caseload.read"
)

// reads collects what one request read.
type reads struct {
	mu          sync.Mutex
	viewer      *viewer.Viewer
	children    map[ident.ID]string // child id → the most sensitive action
	caseload    bool
	caseloadIDs int
}

type readsKey struct{}

// NoteChildRead records that the viewer read these children's records.
func NoteChildRead(ctx context.Context, children ...ident.ID) { note(ctx, ChildRead, children) }

// NoteSubmissionsRead records that the viewer read these children's
// submissions.
func NoteSubmissionsRead(ctx context.Context, children ...ident.ID) {
	action := SubmissionsRead
	if v := viewer.FromContext(ctx); v != nil && v.Role == viewer.Manager {
		// A manager reads submissions only by break-glass.
		action = BreakGlassUsed
	}
	note(ctx, action, children)
}

// NoteCaseload marks the request as a caseload list: its child reads are
// written as one event.
func NoteCaseload(ctx context.Context) {
	if r, ok := ctx.Value(readsKey{}).(*reads); ok {
		r.mu.Lock()
		r.caseload = true
		r.mu.Unlock()
	}
}

// rank orders actions by how sensitive they are; an event records the most
// sensitive thing read about each child.
var rank = map[string]int{ChildRead: 1, SubmissionsRead: 2, BreakGlassUsed: 3}

func note(ctx context.Context, action string, children []ident.ID) {
	r, ok := ctx.Value(readsKey{}).(*reads)
	v := viewer.FromContext(ctx)
	if !ok || v == nil || !v.IsStaff() {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.viewer = v
	for _, id := range children {
		if rank[action] > rank[r.children[id]] {
			r.children[id] = action
		}
	}
}

// ReadsMiddleware collects a request's reads and writes their audit events
// when it ends. It must run inside the middleware that sets the viewer. A
// subscription's events are collected and written one by one instead
// (WithReads, Flush), not when its connection closes.
func ReadsMiddleware(client *ent.Client, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx := WithReads(req.Context())
		next.ServeHTTP(w, req.WithContext(ctx))
		Flush(ctx, client)
	})
}

// WithReads returns ctx collecting the staff reads of one piece of work: a
// request, or one event of a subscription.
func WithReads(ctx context.Context) context.Context {
	return context.WithValue(ctx, readsKey{}, &reads{children: map[ident.ID]string{}})
}

// Flush writes the reads collected in ctx (see WithReads), even if ctx has
// ended; a failure is logged, as the answer has already gone.
func Flush(ctx context.Context, client *ent.Client) {
	r, ok := ctx.Value(readsKey{}).(*reads)
	if !ok {
		return
	}
	if err := r.flush(context.WithoutCancel(ctx), client); err != nil {
		slog.ErrorContext(ctx, "audit reads", "error", err)
	}
}

// flush writes the collected events, in one statement.
func (r *reads) flush(ctx context.Context, client *ent.Client) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.viewer == nil || len(r.children) == 0 {
		return nil
	}
	ctx = viewer.NewContext(ctx, r.viewer)
	ids := make([]ident.ID, 0, len(r.children))
	for id := range r.children {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var events []Event
	if r.caseload {
		// The list itself is one event; submissions opened alongside are
		// still recorded per child.
		events = append(events, Event{Action: CaseloadRead, EntityType: "caseload"})
	}
	for _, id := range ids {
		action := r.children[id]
		if r.caseload && action == ChildRead {
			continue
		}
		events = append(events, Event{Action: action, EntityType: "child", EntityID: string(id), ChildID: id})
	}
	return recordAll(ctx, client, events)
}
