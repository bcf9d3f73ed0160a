package graph_test

import (
	"fmt"
	"testing"

	"kite/ent/parentviews"
	"kite/ent/reply"
	"kite/ent/wishesandfeelings"
	"kite/internal/apitest"
	"kite/internal/domain"
	"kite/internal/ident"
)

func asID(s string) ident.ID { return ident.ID(s) }

// TestRepliesAreAThread: a second reply is added after the first, never
// over it; reply stays the latest; the child is told of each; a social
// worker it was shared with reads the thread, a parent never does.
func TestRepliesAreAThread(t *testing.T) {
	s := apitest.New(t)
	child, iro, sw, parent := s.Login("child.demo"), s.Login("iro.demo"), s.Login("sw.demo"), s.Login("parent.demo")
	jamie := childNamed(t, s, "Jamie")
	r := submit(t, s, child, jamie.ID, "thread", false, map[string]any{"shareWith": "EVERYONE_AT_MEETING"})
	id := apitest.Path(r.Data, "submitWishesAndFeelings", "submission", "id")
	texts := []string{"Thank you for telling me, Jamie.", "I have talked to your social worker about football."}
	respond := `mutation($id: ID!, $m: String!) { respondToSubmission(id: $id, message: $m) { reply status } }`
	for _, m := range texts {
		if r := s.Query(iro, respond, map[string]any{"id": id, "m": m}); apitest.Path(r.Data, "respondToSubmission", "reply") != m {
			t.Fatalf("reply %q: %s", m, r.Raw)
		}
	}
	threadQ := `query($id: ID!) { node(id: $id) { ... on WishesAndFeelings { reply respondedAt replies { id authorName authorRole text createdAt } } } }`
	r = s.Query(child, threadQ, map[string]any{"id": id})
	thread, _ := apitest.Path(r.Data, "node", "replies").([]any)
	if len(thread) != 2 {
		t.Fatalf("the child's thread: %s", r.Raw)
	}
	for i, m := range texts {
		if apitest.Path(thread[i], "text") != m || apitest.Path(thread[i], "authorRole") != "IRO" || apitest.Path(thread[i], "authorName") == "" {
			t.Errorf("reply %d: %v, want %q by the IRO", i, thread[i], m)
		}
	}
	if apitest.Path(r.Data, "node", "reply") != texts[1] || apitest.Path(thread[1], "createdAt") != apitest.Path(r.Data, "node", "respondedAt") {
		t.Errorf("reply is not the latest of the thread: %s", r.Raw)
	}
	if n := told(t, s, "child.demo", domain.NoticeReplyReceived); n != 2 {
		t.Errorf("the child was told of %d replies, want 2", n)
	}
	if r := s.Query(sw, threadQ, map[string]any{"id": id}); len(apitest.Path(r.Data, "node", "replies").([]any)) != 2 {
		t.Errorf("the social worker it was shared with reads the thread: %s", r.Raw)
	}
	r = s.Query(parent, threadQ, map[string]any{"id": id})
	if got, _ := apitest.Path(r.Data, "node", "replies").([]any); apitest.Path(r.Data, "node") != nil && (len(got) != 0 || apitest.Path(r.Data, "node", "reply") != nil) {
		t.Errorf("a parent reads the chair's replies to the child: %s", r.Raw)
	}
	first := apitest.Path(thread[0], "id")
	if r := s.Query(parent, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": first}); apitest.Path(r.Data, "node") != nil {
		t.Errorf("a parent reads a reply by node(id): %s", r.Raw)
	}
}

// TestReplyMatrix: every account replies to every sent submission and
// every sent parents' views; only what the oracle allows is stored (the
// child's chair), everyone else is refused and nothing is written.
func TestReplyMatrix(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	ctx := apitest.System()
	c := s.Client()
	cases := []struct {
		mutation string
		ids      func() []string
		child    func(id string) (string, bool)
		count    func(id string) int
	}{
		{`mutation($id: ID!, $m: String!) { respondToSubmission(id: $id, message: $m) { id } }`,
			func() []string { return c.WishesAndFeelings.Query().Select(wishesandfeelings.FieldID).StringsX(ctx) },
			func(id string) (string, bool) {
				sub := c.WishesAndFeelings.Query().Where(wishesandfeelings.ID(asID(id))).OnlyX(ctx)
				return string(sub.ChildID), sub.Status != domain.Draft
			},
			func(id string) int { return c.Reply.Query().Where(reply.SubmissionID(asID(id))).CountX(ctx) }},
		{`mutation($id: ID!, $m: String!) { replyToParentViews(id: $id, message: $m) { id } }`,
			func() []string { return c.ParentViews.Query().Select(parentviews.FieldID).StringsX(ctx) },
			func(id string) (string, bool) {
				pv := c.ParentViews.Query().Where(parentviews.ID(asID(id))).OnlyX(ctx)
				return string(pv.ChildID), pv.Status != domain.Draft
			},
			func(id string) int { return c.Reply.Query().Where(reply.ParentViewsID(asID(id))).CountX(ctx) }},
	}
	for _, tc := range cases {
		for _, name := range sortedNames(tokens) {
			v := viewerOf(w, name)
			for _, id := range tc.ids() {
				childID, sent := tc.child(id)
				want := w.MayReply(v, asID(childID), sent)
				before := tc.count(id)
				r := s.Query(tokens[name], tc.mutation, map[string]any{"id": id, "m": fmt.Sprintf("A reply from %s.", name)})
				stored := tc.count(id) - before
				switch {
				case want && (len(r.Errors) > 0 || stored != 1):
					t.Errorf("%s replies to %s: docs/access.md allows it: %s", who(name), id, r.Raw)
				case !want && (stored != 0 || (r.Code() != "FORBIDDEN" && r.Code() != "NOT_FOUND" && !(name == "" && r.Code() == "UNAUTHENTICATED"))):
					t.Errorf("%s replies to %s: docs/access.md refuses it: %s", who(name), id, r.Raw)
				}
			}
		}
	}
}
