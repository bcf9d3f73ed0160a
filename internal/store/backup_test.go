package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kite/ent/localauthority"
	"kite/ent/privacy"
	"kite/internal/store"
	"kite/internal/testdb"
)

// openSQLite opens and migrates an embedded database in the test's folder,
// whichever database the other tests use: backup is for SQLite.
func openSQLite(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestBackupUnderLoadRestores backs up while a writer keeps committing, as a
// running server would, then opens the copy as a store: it migrates (a
// no-op), and holds every row committed before the backup began.
func TestBackupUnderLoadRestores(t *testing.T) {
	dir := t.TempDir()
	st := openSQLite(t, filepath.Join(dir, "kite.db"))
	// System context: the test writes and reads below the access rules.
	ctx, cancel := context.WithTimeout(privacy.DecisionContext(context.Background(), privacy.Allow), 20*time.Second)
	defer cancel()

	var (
		mu        sync.Mutex
		committed []string // names, in commit order
	)
	write := func(name string) error {
		if err := st.Client.LocalAuthority.Create().SetName(name).Exec(ctx); err != nil {
			return err
		}
		mu.Lock()
		committed = append(committed, name)
		mu.Unlock()
		return nil
	}
	for i := range 50 {
		if err := write(fmt.Sprintf("before %d", i)); err != nil {
			t.Fatal(err)
		}
	}

	// The load: a writer committing as fast as it can until told to stop.
	stop := make(chan struct{})
	writerDone := make(chan error, 1)
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				writerDone <- nil
				return
			default:
			}
			if err := write(fmt.Sprintf("during %d", i)); err != nil {
				writerDone <- err
				return
			}
		}
	}()
	time.Sleep(50 * time.Millisecond) // let the writer get going

	mu.Lock()
	before := append([]string(nil), committed...)
	mu.Unlock()
	dest := filepath.Join(dir, "backups", "kite-backup.db")
	if err := os.Mkdir(filepath.Dir(dest), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, dest); err != nil {
		t.Fatalf("backup under load: %v", err)
	}
	close(stop)
	if err := <-writerDone; err != nil {
		t.Fatalf("the writer failed while the backup ran: %v", err)
	}
	mu.Lock()
	total := len(committed)
	mu.Unlock()

	// Nothing but the backup in its folder: no temporary or -wal files.
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "kite-backup.db" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("backup folder holds %v, want only kite-backup.db", names)
	}

	restored := openSQLite(t, dest)
	names, err := restored.Client.LocalAuthority.Query().Select(localauthority.FieldName).Strings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	have := make(map[string]bool, len(names))
	for _, n := range names {
		have[n] = true
	}
	for _, n := range before {
		if !have[n] {
			t.Errorf("the backup lacks %q, committed before the backup began", n)
		}
	}
	if len(names) > total {
		t.Errorf("the backup has %d rows, more than the %d ever committed", len(names), total)
	}
	t.Logf("%d rows committed before the backup began, %d in the backup, %d committed in all", len(before), len(names), total)

	// The restored copy is a working database.
	if err := restored.Client.LocalAuthority.Create().SetName("after restore").Exec(ctx); err != nil {
		t.Errorf("write to the restored copy: %v", err)
	}
}

// TestBackupRefusesAnExistingFile: a backup never overwrites anything, and
// a failed one leaves no file behind.
func TestBackupRefusesAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	st := openSQLite(t, filepath.Join(dir, "kite.db"))
	dest := filepath.Join(dir, "taken.db")
	if err := os.WriteFile(dest, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := st.Backup(context.Background(), dest)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("backup over an existing file: %v", err)
	}
	if b, _ := os.ReadFile(dest); string(b) != "precious" {
		t.Errorf("the existing file was changed: %q", b)
	}
	// A folder that does not exist: an error, and nothing left anywhere.
	if err := st.Backup(context.Background(), filepath.Join(dir, "missing", "kite.db")); err == nil {
		t.Error("backup into a missing folder succeeded")
	}
	// A cancelled backup leaves no partial file under any name.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := st.Backup(ctx, filepath.Join(dir, "cancelled.db")); err == nil {
		t.Error("a cancelled backup succeeded")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		switch e.Name() {
		case "kite.db", "kite.db-wal", "kite.db-shm", "taken.db":
		default:
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestBackupRefusesPostgres: PostgreSQL is backed up with pg_dump.
func TestBackupRefusesPostgres(t *testing.T) {
	if !testdb.Postgres() {
		t.Skip("PostgreSQL only: set KITE_TEST_POSTGRES")
	}
	st := testdb.Open(t)
	err := st.Backup(context.Background(), filepath.Join(t.TempDir(), "kite.db"))
	if !errors.Is(err, store.ErrBackupPostgres) || !strings.Contains(err.Error(), "pg_dump") {
		t.Fatalf("backup of PostgreSQL: %v", err)
	}
}
