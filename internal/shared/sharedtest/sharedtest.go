// Package sharedtest gives tests the shared stores (internal/shared) this
// machine can run.
package sharedtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver

	"kite/internal/shared"
)

// Environment variables that name the services tests use.
const (
	PostgresEnv = "KITE_TEST_POSTGRES"
	// RedisEnv names a Redis server for tests (default
	// redis://127.0.0.1:6379/0 when one answers there).
	RedisEnv = "KITE_TEST_REDIS"
)

// Stores returns every store the machine can run, each with keys of its
// own for this test: memory always; PostgreSQL when KITE_TEST_POSTGRES is
// set (failing if it cannot be reached); Redis at KITE_TEST_REDIS or the
// local default when it answers (failing in CI, where CI is set, if it
// does not).
func Stores(t testing.TB) []shared.Store {
	t.Helper()
	var out []shared.Store
	for _, kind := range []string{shared.KindMemory, shared.KindPostgres, shared.KindRedis} {
		if st := Store(t, kind); st != nil {
			out = append(out, st)
		}
	}
	return out
}

// Store returns a store of kind with keys of its own for this test, or nil
// when this machine has no such service for tests (see Stores).
func Store(t testing.TB, kind string) shared.Store {
	t.Helper()
	ctx := context.Background()
	prefix := "test-" + randomHex() + ":"
	switch kind {
	case shared.KindMemory:
		return shared.NewMemory(0)
	case shared.KindPostgres:
		url := os.Getenv(PostgresEnv)
		if url == "" {
			return nil
		}
		db, err := sql.Open("pgx", url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_, _ = db.Exec(`DELETE FROM kite_shared_state WHERE key LIKE $1`, []byte(prefix+"%"))
			db.Close()
		})
		pg, err := shared.NewPostgres(ctx, db, prefix)
		if err != nil {
			t.Fatal(err)
		}
		return pg
	case shared.KindRedis:
		url := RedisURL(t)
		if url == "" {
			return nil
		}
		r, err := shared.NewRedis(ctx, url, prefix)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		return r
	}
	t.Fatalf("no store of kind %q", kind)
	return nil
}

// RedisURL is the Redis server tests use, or "" (the test is told why)
// when there is none outside CI.
func RedisURL(t testing.TB) string {
	return testService(t, RedisEnv, "redis://127.0.0.1:6379/0", "127.0.0.1:6379")
}

// testService is the URL of a service for tests: the variable's value, or
// def when something listens at addr; "" outside CI when nothing does.
func testService(t testing.TB, env, def, addr string) string {
	t.Helper()
	if url := os.Getenv(env); url != "" {
		return url
	}
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err == nil {
		c.Close()
		return def
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("no server at %s for %s (CI): %v", addr, env, err)
	}
	t.Logf("no server at %s: not testing against it (%v)", addr, err)
	return ""
}

func randomHex() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
