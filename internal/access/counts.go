package access

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	kent "kite/ent"
	"kite/ent/privacy"
	"kite/ent/wishesandfeelings"
	"kite/internal/domain"
	"kite/internal/ident"
)

// Counts are the numbers a caseload shows about a child's submissions.
type Counts struct {
	// Unread: sent and not yet read.
	Unread int
	// Urgent: sent, saying the child needs to talk today, not yet answered.
	Urgent int
}

// SubmissionCounts counts, for each child among ids, the unread and the
// urgent submissions, in one aggregate query. Staff count the ones they may
// see. A manager sees no submissions, only their number (docs/access.md: "counts
// through aggregate queries only"), so for a manager the count runs as an
// internal aggregate, narrowed to the children they may see, and returns
// numbers only. A parent is never told of the urgent flag, not even as a
// number.
func SubmissionCounts(ctx context.Context, client *kent.Client, ids []ident.ID) (map[ident.ID]Counts, error) {
	out := map[ident.ID]Counts{}
	v := viewerOf(ctx)
	if v == nil || len(ids) == 0 {
		return out, nil
	}
	// Unread is SUBMITTED; urgent is SUBMITTED or READ (not yet answered)
	// with the flag.
	q := client.WishesAndFeelings.Query().
		Where(wishesandfeelings.ChildIDIn(ids...), wishesandfeelings.StatusIn(domain.Submitted, domain.Read))
	qctx := ctx
	if v.Role == domain.RoleManager {
		q.Where(wishesandfeelings.HasChildWith(VisibleChildren(v)))
		qctx = privacy.DecisionContext(ctx, privacy.Allow)
	}
	var rows []struct {
		ChildID ident.ID `json:"child_id"`
		Unread  int      `json:"unread"`
		Urgent  int      `json:"urgent"`
	}
	err := q.GroupBy(wishesandfeelings.FieldChildID).Aggregate(
		func(s *sql.Selector) string {
			return sql.As(fmt.Sprintf("SUM(CASE WHEN %s = '%s' THEN 1 ELSE 0 END)",
				s.C(wishesandfeelings.FieldStatus), domain.Submitted), "unread")
		},
		func(s *sql.Selector) string {
			return sql.As(fmt.Sprintf("SUM(CASE WHEN %s THEN 1 ELSE 0 END)", s.C(wishesandfeelings.FieldNeedsToTalkToday)), "urgent")
		}).Scan(qctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("submission counts: %w", err)
	}
	for _, r := range rows {
		c := Counts{Unread: r.Unread, Urgent: r.Urgent}
		if v.Role == domain.RoleParent {
			c.Urgent = 0
		}
		out[r.ChildID] = c
	}
	return out, nil
}
