package store_test

import (
	"bytes"
	"context"
	"net/url"
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

// TestUpgradeStagesOldAlerts: an alert from before the stages has the stage
// its level starts at and the role of the chair who raised it; an alert
// raised since keeps its own.
func TestUpgradeStagesOldAlerts(t *testing.T) {
	st := testdb.Open(t)
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := st.Client
	la := c.LocalAuthority.Create().SetName("Test Borough").SaveX(ctx)
	child := c.Child.Create().SetAuthorityID(la.ID).SetPreferredName("Sam").SetStatus(domain.InCare).SaveX(ctx)
	chair := c.User.Create().SetAuthorityID(la.ID).SetUsername("chair.test").SetDisplayName("A Chair").
		SetRole(domain.RoleCPChair).SaveX(ctx)
	raise := func(level domain.AlertLevel, stage domain.AlertStage, history bool) ident.ID {
		a := c.Alert.Create().SetAuthorityID(la.ID).SetChildID(child.ID).SetRaisedByID(chair.ID).SetLevel(level).
			SetReason(domain.DriftOrDelay).SetAddressedTo(domain.RoleSocialWorker).SetResponseDueBy("2025-01-10")
		if history {
			a.SetStage(stage).SetRaisedByRole(domain.RoleIRO).SetStageHistory([]domain.AlertStageStep{{Stage: stage}})
		}
		return a.SaveX(ctx).ID
	}
	oldFormal := raise(domain.FormalEscalation, "", false)
	oldInformal := raise(domain.InformalAlert, "", false)
	escalated := raise(domain.FormalEscalation, domain.StageDirector, true)
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	for id, want := range map[ident.ID][2]string{oldFormal: {"FORMAL_TEAM_MANAGER", "CP_CHAIR"},
		oldInformal: {"INFORMAL", "CP_CHAIR"}, escalated: {"FORMAL_DIRECTOR", "IRO"}} {
		a := c.Alert.GetX(ctx, id)
		if string(a.Stage) != want[0] || a.RaisedByRole == nil || string(*a.RaisedByRole) != want[1] {
			t.Errorf("%s: stage %s, role %v; want %v", a.Level, a.Stage, a.RaisedByRole, want)
		}
	}
}

// TestPostgresPlansOnce: Kite's PostgreSQL sessions plan each prepared
// statement once (generic plans), unless the database URL sets the mode.
func TestPostgresPlansOnce(t *testing.T) {
	if !testdb.Postgres() {
		t.Skip("PostgreSQL only: set KITE_TEST_POSTGRES")
	}
	database := testdb.URL(t)
	auto, err := url.Parse(database)
	if err != nil {
		t.Fatal(err)
	}
	q := auto.Query()
	q.Set("plan_cache_mode", "auto")
	auto.RawQuery = q.Encode()
	for _, tc := range []struct{ url, want string }{
		{database, "force_generic_plan"},
		{auto.String(), "auto"},
	} {
		st, err := store.Open(context.Background(), tc.url)
		if err != nil {
			t.Fatal(err)
		}
		var mode string
		err = st.DB.QueryRowContext(context.Background(), "SHOW plan_cache_mode").Scan(&mode)
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		if mode != tc.want {
			t.Errorf("%s: plan_cache_mode %q, want %q", tc.url, mode, tc.want)
		}
	}
}
