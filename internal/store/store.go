// Package store opens Kite's database — embedded SQLite by default, or
// PostgreSQL for a postgres:// URL — with the settings each needs, and brings
// its schema up to date.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"kite/ent"
	"kite/internal/pipeline"
	"kite/internal/textinput"
)

// Store is an open database and the ent client over it.
type Store struct {
	Client  *ent.Client
	DB      *sql.DB
	Dialect string
}

// IsPostgres reports whether database names a PostgreSQL server rather than
// an embedded SQLite file.
func IsPostgres(database string) bool {
	return strings.HasPrefix(database, "postgres://") || strings.HasPrefix(database, "postgresql://")
}

// Open connects to the database without changing its schema.
func Open(ctx context.Context, database string) (*Store, error) {
	var (
		db      *sql.DB
		dialect string
		err     error
	)
	if IsPostgres(database) {
		db, err = openPostgres(database)
		dialect = dialectPostgres
	} else {
		db, err = openSQLite(database)
		dialect = dialectSQLite
	}
	if err != nil {
		return nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to %s database: %w", dialect, err)
	}
	return &Store{Client: NewClient(Driver(dialect, db)), DB: db, Dialect: dialect}, nil
}

// Driver is ent's driver over db: on PostgreSQL one that sends a request's
// independent reads in one round trip (internal/pipeline).
func Driver(name string, db *sql.DB) dialect.Driver {
	drv := entsql.OpenDB(name, db)
	if name == dialectPostgres {
		return pipeline.Wrap(drv)
	}
	return drv
}

// NewClient is the ent client over drv with the checks every write passes
// (no hidden formatting characters in any text: internal/textinput).
func NewClient(drv dialect.Driver) *ent.Client {
	client := ent.NewClient(ent.Driver(drv))
	client.Use(textinput.Hook())
	return client
}

// sqliteConns is the size of the SQLite connection pool.
const sqliteConns = 8

const (
	dialectSQLite   = dialect.SQLite
	dialectPostgres = dialect.Postgres
)

// openSQLite opens an embedded database file. Every connection gets the same
// pragmas: foreign keys on, WAL so readers never wait for the writer,
// synchronous FULL so that an acknowledged write survives a crash or power
// cut, a busy timeout so that concurrent writers queue instead of failing,
// and a page cache of 512 KiB per connection rather than 2 MiB (the
// operating system caches the file too; at the reference load this kept
// throughput and saved 13 MB of the 100 MB budget).
// Transactions take the write lock when they begin (_txlock=immediate): a
// transaction that reads and then writes cannot then fail to upgrade its lock.
func openSQLite(path string) (*sql.DB, error) {
	if path == "" {
		return nil, errors.New("store: no database file given")
	}
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "synchronous(FULL)", "busy_timeout(10000)", "cache_size(-512)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	connector, err := newCachingConnector("file:" + path + "?" + q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite %s: %w", path, err)
	}
	db := sql.OpenDB(connector)
	// SQLite has one writer at a time; a few connections let reads run beside it.
	db.SetMaxOpenConns(sqliteConns)
	db.SetMaxIdleConns(sqliteConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// planCacheMode is PostgreSQL's setting for how a prepared statement is
// planned; genericPlans plans it once per connection, for any arguments.
// pgx prepares every statement and keeps it per connection, but with the
// default ("auto") PostgreSQL plans again on each execution while it
// judges a plan for these arguments cheaper than one for any: Kite's reads
// carry the access rules as subqueries and a page's ids as a list, so
// planning cost more than running them (a caseload of 70: about 3.3 ms of
// planning against 0.9 for the floor's plainer statements, and 30% of the
// server's CPU saved with one plan per statement; README, Performance).
// Kite's reads find their rows by ids and keys through indexes, where a
// plan for any argument is the plan for each; the whole test suite runs
// with it on PostgreSQL.
const (
	planCacheMode = "plan_cache_mode"
	genericPlans  = "force_generic_plan"
)

// PostgresConfig is how Kite connects to the PostgreSQL server at dsn: its
// sessions plan each prepared statement once (planCacheMode) unless the URL
// says otherwise. The floor (internal/floor) connects the same way.
func PostgresConfig(dsn string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: postgres: %w", err)
	}
	if _, set := cfg.RuntimeParams[planCacheMode]; !set {
		cfg.RuntimeParams[planCacheMode] = genericPlans
	}
	return cfg, nil
}

// openPostgres opens a pgx connection pool (PostgresConfig).
func openPostgres(dsn string) (*sql.DB, error) {
	cfg, err := PostgresConfig(dsn)
	if err != nil {
		return nil, err
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// Migrate brings the schema up to date: the embedded database migrates itself
// from the ent schema; PostgreSQL applies the checked-in versioned migrations.
// Then the data upgrades run (upgrade.go).
func (s *Store) Migrate(ctx context.Context) error {
	if s.Dialect == dialectPostgres {
		if err := applyPostgresMigrations(ctx, s.DB); err != nil {
			return err
		}
		return s.upgradeData(ctx)
	}
	if err := s.Client.Schema.Create(ctx); err != nil {
		return fmt.Errorf("store: migrate sqlite: %w", err)
	}
	if _, err := s.DB.ExecContext(ctx, RepliesFromSingleReplies); err != nil {
		return fmt.Errorf("store: replies from single replies: %w", err)
	}
	if err := s.upgradeData(ctx); err != nil {
		return err
	}
	// Refresh the planner's statistics where SQLite thinks they are stale
	// (cheap when they are not): https://sqlite.org/pragma.html#pragma_optimize
	if _, err := s.DB.ExecContext(ctx, "PRAGMA optimize=0x10002"); err != nil {
		return fmt.Errorf("store: optimize: %w", err)
	}
	return s.dropSamples(ctx)
}

// RepliesFromSingleReplies makes each submission's single reply, from
// before replies were a thread, the first reply of its thread: by the chair
// who wrote it, as they are called now, at the time it was sent. It adds
// nothing twice (the reply's id is made from the submission's), so the
// embedded database runs it at every start; PostgreSQL ran it once, in the
// migration that made the replies table.
const RepliesFromSingleReplies = `INSERT INTO replies (id, text, author_name, author_role, created_at, submission_id, child_id, author_id, authority_id)
SELECT 'rpl_' || substr(w.id, 5), w.reply, u.display_name, u.role, COALESCE(w.responded_at, w.updated_at), w.id, w.child_id, w.replied_by_id, w.authority_id
FROM wishes_and_feelings w JOIN users u ON u.id = w.replied_by_id
WHERE w.reply IS NOT NULL AND w.reply <> '' AND NOT EXISTS (SELECT 1 FROM replies r WHERE r.submission_id = w.id)`

// Ping checks that the database answers, for /readyz.
func (s *Store) Ping(ctx context.Context) error { return s.DB.PingContext(ctx) }

// Close closes the client and the connections.
func (s *Store) Close() error { return s.Client.Close() }

// Analyze refreshes the query planner's statistics. Without them SQLite
// cannot tell that a child's id narrows a table far more than its
// authority does, and picks the wrong index; run it after loading a lot of
// data at once (gen, import).
func (s *Store) Analyze(ctx context.Context) error {
	if _, err := s.DB.ExecContext(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("store: analyze: %w", err)
	}
	if s.Dialect == dialectSQLite {
		return s.dropSamples(ctx)
	}
	return nil
}

// dropSamples keeps SQLite's per-index row counts (sqlite_stat1) and drops
// the value samples ANALYZE also takes (sqlite_stat4). With samples, SQLite
// re-plans a prepared statement whenever a value bound in its WHERE clause
// changes, so every statement was parsed and planned again on every run:
// half the child dashboard's time. Kite's keys are random ids, where
// samples tell the planner nothing the row counts do not.
func (s *Store) dropSamples(ctx context.Context) error {
	var n int
	if err := s.DB.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat4'").Scan(&n); err != nil {
		return fmt.Errorf("store: look for sqlite_stat4: %w", err)
	}
	if n == 0 {
		return nil
	}
	if _, err := s.DB.ExecContext(ctx, "DELETE FROM sqlite_stat4"); err != nil {
		return fmt.Errorf("store: drop sqlite_stat4 samples: %w", err)
	}
	// A connection reads the statistics when it opens: close the idle ones
	// so that none keeps the samples in memory.
	s.DB.SetMaxIdleConns(0)
	s.DB.SetMaxIdleConns(sqliteConns)
	return nil
}
