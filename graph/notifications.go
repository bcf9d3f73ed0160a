package graph

import (
	"context"

	"kite/ent"
	"kite/internal/events"
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
