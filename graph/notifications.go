package graph

import (
	"context"
	"fmt"
	"sync"

	"kite/ent"
	"kite/internal/events"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// followNotices streams the viewer's own new notices (see follow); every
// signed-in account may listen for its own.
func (r *Resolver) followNotices(ctx context.Context) (<-chan *ent.Notice, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	return follow(ctx, r, v, func(e events.Event) bool { return e.Kind == events.NoticeAdded && e.UserID == v.UserID },
		func(ctx context.Context, e events.Event) (*ent.Notice, error) {
			return r.Client.Notice.Get(ctx, e.NoticeID)
		}), nil
}

// aboutLoader loads what a page of notices is about, for one read
// operation: the notifications field notes the page (want), and the first
// Notice.about asked for loads every record noted, one query per kind of
// record (ent's Noders), under the viewer's rules. Without it each about
// would be a query of its own.
type aboutLoader struct {
	mu      sync.Mutex
	pending []ident.ID
	done    map[ident.ID]ent.Noder
}

type aboutLoaderKey struct{}

// withAboutLoader gives a read operation its loader.
func withAboutLoader(ctx context.Context) context.Context {
	return context.WithValue(ctx, aboutLoaderKey{}, &aboutLoader{done: map[ident.ID]ent.Noder{}})
}

// want notes the records a page of notices is about.
func (l *aboutLoader) want(conn *ent.NoticeConnection) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range conn.Edges {
		if id := e.Node.AboutID; id != nil && id.Valid() {
			l.pending = append(l.pending, *id)
		}
	}
}

// get returns one record, loading every one noted with it; null when it is
// missing or the viewer may not see it.
func (l *aboutLoader) get(ctx context.Context, client *ent.Client, id ident.ID) (ent.Noder, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n, ok := l.done[id]; ok {
		return n, nil
	}
	ids := append(l.pending, id)
	l.pending = nil
	nodes, err := client.Noders(ctx, ids, ent.WithNodeType(ent.TableOfID))
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("notices: about: %w", err)
	}
	for i, k := range ids {
		if i < len(nodes) && nodes[i] != nil {
			l.done[k] = nodes[i]
		} else {
			l.done[k] = nil
		}
	}
	return l.done[id], nil
}

// noticePage is a page of the viewer's notices, noted for the about loader.
func (r *Resolver) noticePage(ctx context.Context, conn *ent.NoticeConnection) {
	if l, ok := ctx.Value(aboutLoaderKey{}).(*aboutLoader); ok && conn != nil {
		l.want(conn)
	}
}

// about is what a notice is about, under the viewer's rules.
func (r *Resolver) about(ctx context.Context, n *ent.Notice) (ent.Noder, error) {
	if n.AboutID == nil || !n.AboutID.Valid() {
		return nil, nil
	}
	if l, ok := ctx.Value(aboutLoaderKey{}).(*aboutLoader); ok {
		return l.get(ctx, r.Client, *n.AboutID)
	}
	return r.node(ctx, *n.AboutID)
}
