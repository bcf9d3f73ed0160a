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
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver (pure Go)

	"kite/ent"
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
	drv := entsql.OpenDB(dialect, db)
	return &Store{Client: ent.NewClient(ent.Driver(drv)), DB: db, Dialect: dialect}, nil
}

const (
	dialectSQLite   = dialect.SQLite
	dialectPostgres = dialect.Postgres
)

// openSQLite opens an embedded database file. Every connection gets the same
// pragmas: foreign keys on, WAL so readers never wait for the writer,
// synchronous FULL so that an acknowledged write survives a crash or power
// cut, and a busy timeout so that concurrent writers queue instead of failing.
// Transactions take the write lock when they begin (_txlock=immediate): a
// transaction that reads and then writes cannot then fail to upgrade its lock.
func openSQLite(path string) (*sql.DB, error) {
	if path == "" {
		return nil, errors.New("store: no database file given")
	}
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "synchronous(FULL)", "busy_timeout(10000)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite %s: %w", path, err)
	}
	// SQLite has one writer at a time; a few connections let reads run beside it.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// openPostgres opens a pgx connection pool.
func openPostgres(dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// Migrate brings the schema up to date: the embedded database migrates itself
// from the ent schema; PostgreSQL applies the checked-in versioned migrations.
func (s *Store) Migrate(ctx context.Context) error {
	if s.Dialect == dialectPostgres {
		return applyPostgresMigrations(ctx, s.DB)
	}
	if err := s.Client.Schema.Create(ctx); err != nil {
		return fmt.Errorf("store: migrate sqlite: %w", err)
	}
	// Refresh the planner's statistics where SQLite thinks they are stale
	// (cheap when they are not): https://sqlite.org/pragma.html#pragma_optimize
	if _, err := s.DB.ExecContext(ctx, "PRAGMA optimize=0x10002"); err != nil {
		return fmt.Errorf("store: optimize: %w", err)
	}
	return nil
}

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
	return nil
}
