package reports_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"kite/ent/privacy"
	"kite/ent/user"
	"kite/internal/apierr"
	"kite/internal/apitest"
	"kite/internal/civil"
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
