package access_test

import (
	"context"
	"testing"

	"kite/ent/child"
	"kite/ent/privacy"
	_ "kite/ent/runtime" // the access policies
	"kite/internal/access"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/testdb"
)

// TestWithAgeIsYearsOn: the age worked out in the database (WithAge) is the
// one civil.Date.YearsOn gives, on the birthday, the day before, for a
// birthday on 29 February and a date of birth after today, and nothing for
// an unborn baby — on SQLite and on PostgreSQL.
func TestWithAgeIsYearsOn(t *testing.T) {
	st := testdb.Open(t)
	c := st.Client
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	la := c.LocalAuthority.Create().SetName("Age Borough").SaveX(ctx)
	births := []string{"2010-03-15", "2012-02-29", "2026-12-31", "2000-01-01", ""}
	ids := map[string]ident.ID{}
	for _, b := range births {
		ch := c.Child.Create().SetAuthorityID(la.ID).SetPreferredName("Child " + b).SetStatus(domain.InCare).SaveX(ctx)
		id := c.ChildIdentity.Create().SetAuthorityID(la.ID).SetChildID(ch.ID).SetLegalName("Child " + b)
		if b != "" {
			id.SetDateOfBirth(civil.MustParse(b))
		}
		id.ExecX(ctx)
		ids[b] = ch.ID
	}
	for _, today := range []string{"2026-03-14", "2026-03-15", "2026-02-28", "2028-02-29", "2027-03-01", "2026-12-06"} {
		for _, b := range births {
			q := c.Child.Query().Where(child.ID(ids[b]))
			q.Modify(access.WithAge(civil.MustParse(today)))
			got, loaded := access.AgeOf(q.OnlyX(ctx))
			if !loaded {
				t.Fatalf("born %q, on %s: age not read", b, today)
			}
			switch {
			case b == "" && got != nil:
				t.Errorf("unborn, on %s: age %d, want none", today, *got)
			case b != "" && (got == nil || *got != civil.MustParse(b).YearsOn(civil.MustParse(today))):
				t.Errorf("born %s, on %s: age %v, want %d", b, today, got, civil.MustParse(b).YearsOn(civil.MustParse(today)))
			}
		}
	}
}
