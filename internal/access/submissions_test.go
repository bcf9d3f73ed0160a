package access_test

import (
	"encoding/json"
	"testing"

	"kite/ent"
	"kite/internal/access"
	"kite/internal/domain"
)

// TestReadSubmissionsFirstPageIsTheEntRead: for every account of the demo
// authority (each role, with and without a child record), system code and
// no viewer, every child, whole rows and a few columns, and several page
// sizes, the connection made of ReadSubmissionsFirstPage is the one ent's
// PageWithTotal gives for the same first page — nodes (masks included),
// cursors, page info and total — on SQLite and PostgreSQL, with every kept
// statement checked against a fresh build.
func TestReadSubmissionsFirstPageIsTheEntRead(t *testing.T) {
	access.CheckShapes()
	c, system := demoAuthority(t)
	// Sent submissions that each mask changes: shared with everyone at the
	// meeting, urgent and answered (a parent sees neither the flag nor the
	// reply), and shared with the chair only but urgent (the social worker
	// sees the flag, not the words); every third left as it was (drafts
	// among them).
	for i, s := range c.WishesAndFeelings.Query().AllX(system) {
		if i%3 == 2 {
			continue
		}
		u := s.Update().SetStatus(domain.Submitted).SetNeedsToTalkToday(true).SetReply("We will talk at the meeting.").
			SetWithheldFromFamily(false)
		if i%2 == 0 {
			u.SetShareWith(domain.EveryoneAtMeeting)
		} else {
			u.SetShareWith(domain.ChairOnly)
		}
		u.ExecX(system)
	}
	columnSets := [][]string{nil, {"status", "submitted_at"}, {"answers", "reply", "needs_to_talk_today"}}
	seen := 0
	for who, ctx := range readers(c, system) {
		for _, ch := range c.Child.Query().AllX(system) {
			for _, columns := range columnSets {
				for _, first := range []int{1, 2, 10} {
					q := ch.QuerySubmissions().Unique(false)
					if columns != nil {
						q.Select(columns...)
					}
					want, err := q.PageWithTotal(ctx, nil, &first, nil, nil)
					if err != nil {
						t.Fatalf("%s: ent: %v", who, err)
					}
					rows, err := access.ReadSubmissionsFirstPage(ctx, c, ch.ID, columns, first+1)
					if err != nil {
						t.Fatalf("%s: %v", who, err)
					}
					got, err := ent.NewWishesAndFeelingsConnectionFirstPage(rows, first)
					if err != nil {
						t.Fatalf("%s: %v", who, err)
					}
					g, _ := json.Marshal(got)
					w, _ := json.Marshal(want)
					if string(g) != string(w) {
						t.Errorf("%s, child %s, columns %v, first %d:\n got %s\nwant %s", who, ch.ID, columns, first, g, w)
					}
					// A row read outside ent queries its edges as an ent row does.
					for i := range min(len(got.Edges), len(want.Edges)) {
						if g, w := got.Edges[i].Node.QueryReplies().CountX(ctx), want.Edges[i].Node.QueryReplies().CountX(ctx); g != w {
							t.Errorf("%s: submission %s has %d replies outside ent, %d through it", who, got.Edges[i].Node.ID, g, w)
						}
					}
					seen += len(got.Edges)
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no viewer saw any submission: the comparison proves nothing")
	}
}
