package shared

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Execer is the PostgreSQL pool the store uses: Kite's own (*sql.DB).
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
	PingContext(ctx context.Context) error
}

// Postgres keeps entries in the table kite_shared_state of Kite's own
// database. The table is UNLOGGED: it is not written to the WAL, so it
// costs little, and it is emptied if the server crashes, which loses only
// throttle counts and rate windows.
type Postgres struct {
	db     Execer
	prefix string
	// writes counts writes, so that every sweepEvery-th one sweeps.
	writes atomic.Int64
}

const postgresTable = `CREATE UNLOGGED TABLE IF NOT EXISTS kite_shared_state (
	key bytea PRIMARY KEY,
	value jsonb NOT NULL,
	expires_at timestamptz NOT NULL
)`

// sweepEvery is how many writes pass between deletions of expired rows.
const sweepEvery = 1000

// NewPostgres makes the table if it is missing and returns the store;
// prefix goes before every key (tests keep apart with it).
func NewPostgres(ctx context.Context, db Execer, prefix string) (*Postgres, error) {
	if _, err := db.ExecContext(ctx, postgresTable); err != nil {
		// Two instances starting at once may both create it: the loser's
		// error says it exists.
		var pg *pgconn.PgError
		if !errors.As(err, &pg) || (pg.Code != "23505" && pg.Code != "42P07") {
			return nil, fmt.Errorf("shared store: create table: %w", err)
		}
	}
	return &Postgres{db: db, prefix: prefix}, nil
}

// Kind is "postgres".
func (p *Postgres) Kind() string { return KindPostgres }

// Ping checks the database answers.
func (p *Postgres) Ping(ctx context.Context) error { return p.db.PingContext(ctx) }

// Get returns the live entry under key.
func (p *Postgres) Get(ctx context.Context, key string, now time.Time) (Entry, bool, error) {
	var raw []byte
	// The column has microseconds; the value has the exact expiry.
	err := p.db.QueryRowContext(ctx, `SELECT value FROM kite_shared_state WHERE key = $1 AND expires_at > $2`,
		[]byte(p.prefix+key), now.Add(-time.Second)).Scan(&raw)
	return decode(raw, errors.Is(err, sql.ErrNoRows), err, now)
}

// Update reads the row under key with a lock (making it first if needed,
// so that two instances cannot both start from nothing), changes it, and
// writes it back, in one transaction.
func (p *Postgres) Update(ctx context.Context, key string, now time.Time, fn func(*Entry)) error {
	k := []byte(p.prefix + key) // bytea: keys may hold NUL bytes
	tx, err := p.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("shared store: update: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO kite_shared_state (key, value, expires_at) VALUES ($1, '{}', $2)
		ON CONFLICT (key) DO NOTHING`, k, now); err != nil {
		return fmt.Errorf("shared store: update: %w", err)
	}
	var raw []byte
	if err := tx.QueryRowContext(ctx, `SELECT value FROM kite_shared_state WHERE key = $1 FOR UPDATE`,
		k).Scan(&raw); err != nil {
		return fmt.Errorf("shared store: update: %w", err)
	}
	var e Entry
	if err := json.Unmarshal(raw, &e); err != nil {
		return fmt.Errorf("shared store: update: %w", err)
	}
	if !live(e, now) {
		e = Entry{}
	}
	fn(&e)
	if raw, err = json.Marshal(e); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE kite_shared_state SET value = $2, expires_at = $3 WHERE key = $1`,
		k, raw, e.Expires); err != nil {
		return fmt.Errorf("shared store: update: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("shared store: update: %w", err)
	}
	p.maybeSweep(ctx, now)
	return nil
}

// Add adds n to the count under key in one statement.
func (p *Postgres) Add(ctx context.Context, key string, n int, now, expires time.Time) (int, error) {
	start, err := json.Marshal(Entry{Count: n, Expires: expires})
	if err != nil {
		return 0, err
	}
	var count int
	err = p.db.QueryRowContext(ctx, `INSERT INTO kite_shared_state AS s (key, value, expires_at) VALUES ($1, $2, $3)
		ON CONFLICT (key) DO UPDATE SET
			value = CASE WHEN s.expires_at > $4
				THEN jsonb_set(s.value, '{n}', to_jsonb(COALESCE((s.value->>'n')::bigint, 0) + $5))
				ELSE EXCLUDED.value END,
			expires_at = CASE WHEN s.expires_at > $4 THEN s.expires_at ELSE EXCLUDED.expires_at END
		RETURNING (value->>'n')::bigint`,
		[]byte(p.prefix+key), start, expires, now, n).Scan(&count)
	if err != nil {
		return 0, fmt.Errorf("shared store: add: %w", err)
	}
	p.maybeSweep(ctx, now)
	return count, nil
}

// maybeSweep deletes expired rows now and then.
func (p *Postgres) maybeSweep(ctx context.Context, now time.Time) {
	if p.writes.Add(1)%sweepEvery != 0 {
		return
	}
	_, _ = p.db.ExecContext(ctx, `DELETE FROM kite_shared_state WHERE expires_at < $1`, now)
}
