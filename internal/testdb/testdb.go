// Package testdb gives tests a fresh, migrated database of their own:
// an embedded SQLite file in the test's temporary folder, or — when
// KITE_TEST_POSTGRES holds a server URL — a uniquely named PostgreSQL
// database created for the test, migrated with the checked-in versioned
// migrations, and dropped afterwards.
//
// With KITE_TEST_POSTGRES set there is no fallback: if the server cannot be
// reached the test fails. KITE_TEST_POSTGRES_MARKER, if set, names a file
// that gets one line per PostgreSQL database made, so CI can prove the
// PostgreSQL run really used PostgreSQL.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"kite/internal/store"
)

// PostgresEnv names the variable holding the PostgreSQL server URL.
const PostgresEnv = "KITE_TEST_POSTGRES"

// MarkerEnv names the variable holding the marker file path.
const MarkerEnv = "KITE_TEST_POSTGRES_MARKER"

// URL returns a database setting for a new, empty database: a SQLite file
// path, or a postgres:// URL of a database created for this test. The
// database is removed when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	server := os.Getenv(PostgresEnv)
	if server == "" {
		return filepath.Join(t.TempDir(), "kite.db")
	}
	return createPostgres(t, server)
}

// Open returns a migrated store on a new database, closed when the test ends.
func Open(t testing.TB) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, URL(t))
	if err != nil {
		t.Fatalf("testdb: open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatalf("testdb: migrate: %v", err)
	}
	return st
}

// Postgres reports whether tests run on PostgreSQL.
func Postgres() bool { return os.Getenv(PostgresEnv) != "" }

func createPostgres(t testing.TB, server string) string {
	t.Helper()
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatalf("testdb: %s: %v", PostgresEnv, err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "kite_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		t.Fatalf("testdb: create database on %s: %v", PostgresEnv, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("testdb: drop %s: %v", name, err)
		}
		admin.Close()
	})
	mark(t, name)
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("testdb: %s is not a URL", PostgresEnv)
	}
	u.Path = "/" + name
	return u.String()
}

func mark(t testing.TB, name string) {
	path := os.Getenv(MarkerEnv)
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatalf("testdb: marker: %v", err)
	}
	defer f.Close()
	fmt.Fprintln(f, name)
}
