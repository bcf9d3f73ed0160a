package access

import (
	"context"
	"fmt"

	kent "kite/ent"
	"kite/ent/predicate"
	"kite/ent/privacy"
	"kite/ent/wishesandfeelings"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Counts are the numbers a caseload shows about a child's submissions.
type Counts struct {
	// Unread: sent and not yet read.
	Unread int
	// Urgent: sent, saying the child needs to talk today, not yet answered.
	Urgent int
}

// SubmissionCounts counts, for each child among ids, the unread and the
// urgent submissions, by the same rules as UnreadCounts.
func SubmissionCounts(ctx context.Context, client *kent.Client, ids []ident.ID) (map[ident.ID]Counts, error) {
	out := map[ident.ID]Counts{}
	unread, err := count(ctx, client, ids, wishesandfeelings.StatusEQ(domain.Submitted))
	if err != nil {
		return nil, err
	}
	urgent, err := count(ctx, client, ids, wishesandfeelings.NeedsToTalkToday(true),
		wishesandfeelings.StatusIn(domain.Submitted, domain.Read))
	if err != nil {
		return nil, err
	}
	for id, n := range unread {
		c := out[id]
		c.Unread = n
		out[id] = c
	}
	for id, n := range urgent {
		c := out[id]
		c.Urgent = n
		out[id] = c
	}
	return out, nil
}

// UnreadCounts counts the sent, unread submissions of each child among ids.
// Staff count the ones they may see. A manager sees no submissions, only
// their number (access.md: "counts through aggregate queries only"), so for
// a manager the count runs as an internal aggregate, narrowed to the
// children they may see, and returns numbers only.
func UnreadCounts(ctx context.Context, client *kent.Client, ids []ident.ID) (map[ident.ID]int, error) {
	return count(ctx, client, ids, wishesandfeelings.StatusEQ(domain.Submitted))
}

// count counts each child's submissions matching where: through the read
// rules for staff; for a manager as an aggregate of numbers only.
func count(ctx context.Context, client *kent.Client, ids []ident.ID, where ...predicate.WishesAndFeelings) (map[ident.ID]int, error) {
	out := map[ident.ID]int{}
	v := viewerOf(ctx)
	if v == nil || len(ids) == 0 {
		return out, nil
	}
	q := client.WishesAndFeelings.Query().Where(wishesandfeelings.ChildIDIn(ids...)).Where(where...)
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
