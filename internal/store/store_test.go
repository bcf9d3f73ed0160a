package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"kite/ent/privacy"
	_ "kite/ent/runtime"
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
