package access

import (
	"context"
	"fmt"

	kent "kite/ent"
	"kite/ent/privacy"
	"kite/ent/wishesandfeelings"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// UnreadCounts counts the sent, unread submissions of each child among ids.
// Staff count the ones they may see. A manager sees no submissions, only
// their number (access.md: "counts through aggregate queries only"), so for
// a manager the count runs as an internal aggregate, narrowed to the
// children they may see, and returns numbers only.
func UnreadCounts(ctx context.Context, client *kent.Client, ids []ident.ID) (map[ident.ID]int, error) {
	out := map[ident.ID]int{}
	v := viewerOf(ctx)
	if v == nil || len(ids) == 0 {
		return out, nil
	}
	q := client.WishesAndFeelings.Query().Where(wishesandfeelings.ChildIDIn(ids...),
		wishesandfeelings.StatusEQ(domain.Submitted))
	qctx := ctx
	if v.Role == viewer.Manager {
		q.Where(wishesandfeelings.HasChildWith(VisibleChildren(v)))
		qctx = privacy.DecisionContext(ctx, privacy.Allow)
	}
	var rows []struct {
		ChildID ident.ID `json:"child_id"`
		Count   int      `json:"count"`
	}
	if err := q.GroupBy(wishesandfeelings.FieldChildID).Aggregate(kent.Count()).Scan(qctx, &rows); err != nil {
		return nil, fmt.Errorf("unread counts: %w", err)
	}
	for _, r := range rows {
		out[r.ChildID] = r.Count
	}
	return out, nil
}
