package access

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	kent "kite/ent"
	"kite/ent/meeting"
	"kite/ent/predicate"
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

// ViewsSent narrows meetings to those the child sent views for: a
// wishes-and-feelings form of the meeting's own child, sent (not a draft),
// linked to the meeting. It is an EXISTS over the submissions table inside
// the meeting query, so it reads no submission (no words, nothing a
// manager may not see) and counts only meetings the viewer's rules give
// them: the figures get a yes or no per meeting, and print numbers only
// (docs/access.md: counts of submissions through aggregate queries only).
func ViewsSent() predicate.Meeting {
	return func(s *sql.Selector) {
		w := sql.Table(wishesandfeelings.Table)
		s.Where(sql.Exists(sql.Select(w.C(wishesandfeelings.FieldID)).From(w).Where(sql.And(
			sql.ColumnsEQ(w.C(wishesandfeelings.FieldMeetingID), s.C(meeting.FieldID)),
			sql.ColumnsEQ(w.C(wishesandfeelings.FieldChildID), s.C(meeting.FieldChildID)),
			sql.NEQ(w.C(wishesandfeelings.FieldStatus), string(domain.Draft))))))
	}
}
