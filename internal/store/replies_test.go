package store_test

import (
	"context"
	"testing"
	"time"

	"kite/ent/formtemplate"
	"kite/ent/privacy"
	"kite/ent/reply"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/store"
	"kite/internal/testdb"
)

// TestSingleRepliesBecomeThreads: a submission answered before replies
// were a thread (a reply in its single field, no Reply rows) gets its reply
// as the first of its thread, by the chair who wrote it, at the time they
// did; running the step again adds nothing. SQLite runs it at every
// migrate; PostgreSQL ran it in its migration, and the same statement is
// run here on the test's database to hold it to both dialects.
func TestSingleRepliesBecomeThreads(t *testing.T) {
	st := testdb.Open(t)
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := st.Client
	la := c.LocalAuthority.Create().SetName("Reply Borough").SaveX(ctx)
	iro := c.User.Create().SetAuthorityID(la.ID).SetRole(domain.RoleIRO).SetDisplayName("Priya Shah").SaveX(ctx)
	child := c.Child.Create().SetAuthorityID(la.ID).SetPreferredName("Sam").SetStatus(domain.InCare).SaveX(ctx)
	form := c.FormTemplate.Create().SetKey("reply-test").SetAudience(formtemplate.AudienceCHILD).SetVersion(1).SetTitle("Test").
		SetQuestions([]forms.Question{{Key: "q", Prompt: "Q?", Type: forms.Text}}).SaveX(ctx)
	at := time.Date(2026, 3, 2, 10, 30, 0, 0, time.UTC)
	sub := c.WishesAndFeelings.Create().SetAuthorityID(la.ID).SetChildID(child.ID).SetFormTemplateID(form.ID).
		SetAnswers([]forms.Answer{{QuestionKey: "q", Value: "hello"}}).SetStatus(domain.Responded).SetSubmittedAt(at.Add(-time.Hour)).
		SetReply("Thank you, Sam.").SetRepliedByID(iro.ID).SetRespondedAt(at).SaveX(ctx)
	unanswered := c.WishesAndFeelings.Create().SetAuthorityID(la.ID).SetChildID(child.ID).SetFormTemplateID(form.ID).
		SetAnswers([]forms.Answer{{QuestionKey: "q", Value: "hi"}}).SetStatus(domain.Submitted).SetSubmittedAt(at).SaveX(ctx)
	for range 2 {
		if _, err := st.DB.ExecContext(ctx, store.RepliesFromSingleReplies); err != nil {
			t.Fatal(err)
		}
		if err := st.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	got := c.Reply.Query().Where(reply.SubmissionID(sub.ID)).AllX(ctx)
	if len(got) != 1 {
		t.Fatalf("%d replies, want 1", len(got))
	}
	r := got[0]
	if r.Text != "Thank you, Sam." || r.AuthorID != iro.ID || r.AuthorName != "Priya Shah" || r.AuthorRole != domain.RoleIRO ||
		!r.CreatedAt.Equal(at) || r.ChildID != child.ID || r.AuthorityID != la.ID {
		t.Errorf("the reply: %+v", r)
	}
	if n := c.Reply.Query().Where(reply.SubmissionID(unanswered.ID)).CountX(ctx); n != 0 {
		t.Errorf("a submission with no reply got %d", n)
	}
}
