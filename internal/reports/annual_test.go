package reports_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"kite/ent"
	"kite/ent/child"
	"kite/ent/privacy"
	"kite/ent/user"
	"kite/ent/wishesandfeelings"
	"kite/internal/apierr"
	"kite/internal/apitest"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/reports"
	"kite/internal/viewer"
)

// asUser is the context of a demo account, as the session would make it.
func asUser(t *testing.T, s *apitest.Server, username string) context.Context {
	t.Helper()
	u, err := s.Client().User.Query().Where(user.Username(username)).Only(privacy.DecisionContext(context.Background(), privacy.Allow))
	if err != nil {
		t.Fatal(err)
	}
	return viewer.NewContext(context.Background(), &viewer.Viewer{UserID: u.ID, AuthorityID: u.AuthorityID, Role: u.Role})
}

// TestAnnualFiguresAreTheAPIsFigures: `kite report` counts, for an
// authority, exactly what a manager of it gets from authorityFigures — for
// the period and for the period before.
func TestAnnualFiguresAreTheAPIsFigures(t *testing.T) {
	s := apitest.New(t)
	to := civil.Today()
	from := to.AddYears(-1).AddDays(1)
	ctx, _, err := reports.AsManagerOf(context.Background(), s.Client(), "Demo Borough")
	if err != nil {
		t.Fatal(err)
	}
	a, err := reports.AnnualFigures(ctx, s.Client(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	manager := asUser(t, s, "manager.demo")
	api, err := reports.Figures(manager, s.Client(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Current, *api) {
		t.Errorf("the report's figures differ from the API's:\n%+v\n%+v", a.Current, *api)
	}
	prevFrom, prevTo := reports.PreviousPeriod(from, to)
	if prev, err := reports.Figures(manager, s.Client(), prevFrom, prevTo); err != nil || !reflect.DeepEqual(a.Previous, *prev) {
		t.Errorf("the period before differs from the API's: %v", err)
	}
	if a.Authority != "Demo Borough" || !a.SuppressSmallCounts || len(a.Months) < 12 {
		t.Errorf("authority %q, suppress %v, %d months", a.Authority, a.SuppressSmallCounts, len(a.Months))
	}
	if a.Current.InCare.During == 0 {
		t.Error("the demo authority has children in care, the report counts none")
	}
	// Another authority's report counts none of Demo Borough's children.
	other, _, err := reports.AsManagerOf(context.Background(), s.Client(), "Other Shire")
	if err != nil {
		t.Fatal(err)
	}
	if o, err := reports.AnnualFigures(other, s.Client(), from, to); err != nil || o.Current.InCare.During >= a.Current.InCare.During {
		t.Errorf("Other Shire: %v, %d in care", err, o.Current.InCare.During)
	}
	if _, _, err := reports.AsManagerOf(context.Background(), s.Client(), "Nowhere Council"); err == nil {
		t.Error("an unknown authority has a report")
	}
}

// TestAnnualFiguresAreForManagersOnly: the report covers the whole
// authority, so only its managers may have it; an IRO's own caseload
// figures stay with authorityFigures.
func TestAnnualFiguresAreForManagersOnly(t *testing.T) {
	s := apitest.New(t)
	to := civil.Today()
	for _, username := range []string{"iro.demo", "chair.demo", "sw.demo", "admin.demo", "parent.demo", "child.demo"} {
		_, err := reports.AnnualFigures(asUser(t, s, username), s.Client(), to.AddYears(-1), to)
		var e *apierr.Error
		if !errors.As(err, &e) || e.Code != apierr.CodeForbidden {
			t.Errorf("%s: %v, want FORBIDDEN", username, err)
		}
	}
	if _, err := reports.AnnualFigures(context.Background(), s.Client(), to.AddYears(-1), to); err == nil {
		t.Error("no viewer, and a report")
	}
}

// TestParticipationCountsViewsNotWords: participation by meeting kind counts
// a meeting the child attended, or sent their views for (a sent form of
// theirs linked to it; not a draft, not another child's), for a manager who
// may not read a single submission: the count is an EXISTS inside the
// meeting query, not a read of the submissions.
func TestParticipationCountsViewsNotWords(t *testing.T) {
	s := apitest.New(t)
	sys := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := s.Client()
	jamie := c.Child.Query().Where(child.PreferredName("Jamie")).OnlyX(sys)
	other := c.Child.Query().Where(child.AuthorityID(jamie.AuthorityID), child.IDNEQ(jamie.ID)).FirstX(sys)
	form := c.FormTemplate.Query().FirstX(sys)
	manager := asUser(t, s, "manager.demo")
	to := civil.Today()
	from := to.AddYears(-1).AddDays(1)
	review := func() reviewRow {
		t.Helper()
		f, err := reports.Figures(manager, c, from, to)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range f.ParticipationByMeetingKind {
			if k.Kind == domain.CICReview {
				return reviewRow{k.Held, k.Attended, k.SentViews, k.TookPart.Numerator, k.TookPart.Denominator}
			}
		}
		t.Fatal("no row for child-in-care reviews")
		return reviewRow{}
	}
	before := review()

	held := func(attended bool) *ent.Meeting {
		return c.Meeting.Create().SetAuthorityID(jamie.AuthorityID).SetChildID(jamie.ID).SetKind(domain.CICReview).
			SetStatus(domain.Held).SetHeldOn(to.AddDays(-1)).SetDueBy(to).SetChildAttended(attended).SaveX(sys)
	}
	submit := func(by *ent.Child, m *ent.Meeting, status domain.SubmissionStatus) *ent.WishesAndFeelings {
		b := c.WishesAndFeelings.Create().SetAuthorityID(by.AuthorityID).SetChildID(by.ID).SetFormTemplateID(form.ID).
			SetAnswers([]forms.Answer{{QuestionKey: "q", Value: "Private words."}}).SetStatus(status).SetMeetingID(m.ID)
		if status != domain.Draft {
			b.SetSubmittedAt(time.Now())
		}
		return b.SaveX(sys)
	}
	// Two reviews Jamie did not attend: he sent views for the first (twice:
	// it is one meeting); only a draft, and another child's form, are
	// linked to the second.
	first, second := held(false), held(false)
	sent := submit(jamie, first, domain.Submitted)
	submit(jamie, first, domain.Read)
	submit(jamie, second, domain.Draft)
	submit(other, second, domain.Submitted)
	want := reviewRow{before.held + 2, before.attended, before.views + 1, before.took + 1, before.of + 2}
	if got := review(); got != want {
		t.Errorf("after two reviews, views sent for one: %+v, want %+v", got, want)
	}
	// The manager counted it without being able to read it.
	if n := c.WishesAndFeelings.Query().Where(wishesandfeelings.ID(sent.ID)).CountX(manager); n != 0 {
		t.Fatalf("the manager reads the child's submission (%d)", n)
	}
	// Attending the second review counts it too.
	second.Update().SetChildAttended(true).ExecX(sys)
	want = reviewRow{before.held + 2, before.attended + 1, before.views + 1, before.took + 2, before.of + 2}
	if got := review(); got != want {
		t.Errorf("after attending the second: %+v, want %+v", got, want)
	}
}

// reviewRow is a row of participation by meeting kind, as numbers.
type reviewRow struct{ held, attended, views, took, of int }
