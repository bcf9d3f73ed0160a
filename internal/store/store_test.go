package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"kite/ent/privacy"
	_ "kite/ent/runtime"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/store"
	"kite/internal/testdb"
)

// TestMigrationsApply opens a fresh database (SQLite, or PostgreSQL with the
// versioned migrations when KITE_TEST_POSTGRES is set) and writes a row to
// prove the tables exist.
func TestMigrationsApply(t *testing.T) {
	st := testdb.Open(t)
	// System context: this test writes directly, below the access rules.
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	la, err := st.Client.LocalAuthority.Create().SetName("Test Borough").Save(ctx)
	if err != nil {
		t.Fatalf("write after migrate: %v", err)
	}
	if got := st.Client.LocalAuthority.GetX(ctx, la.ID); got.Name != "Test Borough" {
		t.Fatalf("read back %q", got.Name)
	}
	// Migrating again is a no-op.
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
}

// TestPostgresMigrationsMatchSchema fails when ent/schema changed without a
// new versioned migration (see internal/store/migrations/diff.go).
func TestPostgresMigrationsMatchSchema(t *testing.T) {
	if !testdb.Postgres() {
		t.Skip("PostgreSQL only: set KITE_TEST_POSTGRES")
	}
	st := testdb.Open(t)
	var plan bytes.Buffer
	if err := st.Client.Schema.WriteTo(context.Background(), &plan); err != nil {
		t.Fatalf("diff: %v", err)
	}
	var changes []string
	for _, line := range strings.Split(plan.String(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line == "BEGIN;" || line == "COMMIT;" || strings.HasPrefix(line, "--") {
			continue
		}
		changes = append(changes, line)
	}
	if len(changes) > 0 {
		t.Fatalf("the checked-in migrations differ from ent/schema; run\n"+
			"  go run -mod=mod internal/store/migrations/diff.go <name>\nPending:\n%s", strings.Join(changes, "\n"))
	}
}

func TestIsPostgres(t *testing.T) {
	for in, want := range map[string]bool{
		"kite.db":                    false,
		"/var/lib/kite/kite.db":      false,
		"postgres://u@h/db":          true,
		"postgresql://u@h/db":        true,
		"file:postgres://not-really": false,
	} {
		if got := store.IsPostgres(in); got != want {
			t.Errorf("IsPostgres(%q) = %v", in, got)
		}
	}
}

// TestUpgradeCodesOldEndReasons: a plan ended before end reasons were coded
// gets the code its words clearly say when the database is migrated; words
// that say none keep no code, and a coded plan is left alone.
func TestUpgradeCodesOldEndReasons(t *testing.T) {
	st := testdb.Open(t)
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := st.Client
	la := c.LocalAuthority.Create().SetName("Test Borough").SaveX(ctx)
	child := c.Child.Create().SetAuthorityID(la.ID).SetPreferredName("Sam").SetStatus(domain.Neither).SaveX(ctx)
	plan := func(kind domain.PlanKind, words string, code domain.PlanEndReason) ident.ID {
		p := c.Plan.Create().SetAuthorityID(la.ID).SetChildID(child.ID).SetKind(kind).
			SetStartsOn("2024-01-01").SetEndsOn("2025-01-01").SetEndReason(words)
		if code != "" {
			p.SetEndReasonCode(code)
		}
		return p.SaveX(ctx).ID
	}
	adopted := plan(domain.CarePlan, "Adopted", "")
	nfa := plan(domain.ChildProtectionPlan, "NFA", "")
	unclear := plan(domain.CarePlan, "replaced by a new plan", "")
	wrongKind := plan(domain.ChildProtectionPlan, "Adopted", "")
	coded := plan(domain.CarePlan, "Returned home", domain.EndOther)
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	for id, want := range map[ident.ID]domain.PlanEndReason{adopted: domain.EndAdoption, nfa: domain.EndNoFurtherAction,
		unclear: "", wrongKind: "", coded: domain.EndOther} {
		p := c.Plan.GetX(ctx, id)
		var got domain.PlanEndReason
		if p.EndReasonCode != nil {
			got = *p.EndReasonCode
		}
		if got != want {
			t.Errorf("%q: code %q, want %q", p.EndReason, got, want)
		}
	}
}
