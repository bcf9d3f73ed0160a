package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// postgresMigrations are the versioned migrations made by `atlas migrate diff`
// through ent (see migrations/diff.go), applied in file-name order.
//
//go:embed migrations/postgres/*.sql
var postgresMigrations embed.FS

// migrationLockID is the PostgreSQL advisory lock that keeps two instances
// from migrating at once.
const migrationLockID = 0x6b697465 // "kite"

// applyPostgresMigrations applies every migration not yet recorded in
// kite_schema_migrations, each in its own transaction.
func applyPostgresMigrations(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockID); err != nil {
		return fmt.Errorf("store: migrate: take lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockID)

	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS kite_schema_migrations (
		version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("store: migrate: create version table: %w", err)
	}
	files, err := MigrationFiles()
	if err != nil {
		return err
	}
	for _, name := range files {
		if err := applyOne(ctx, conn, name); err != nil {
			return err
		}
	}
	return nil
}

// MigrationFiles lists the embedded PostgreSQL migrations in order.
func MigrationFiles() ([]string, error) {
	entries, err := fs.ReadDir(postgresMigrations, "migrations/postgres")
	if err != nil {
		return nil, fmt.Errorf("store: list migrations: %w", err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names, nil
}

func applyOne(ctx context.Context, conn *sql.Conn, name string) error {
	version := strings.TrimSuffix(name, ".sql")
	var applied bool
	err := conn.QueryRowContext(ctx,
		"SELECT EXISTS (SELECT 1 FROM kite_schema_migrations WHERE version = $1)", version).Scan(&applied)
	if err != nil || applied {
		return err
	}
	body, err := postgresMigrations.ReadFile(path.Join("migrations/postgres", name))
	if err != nil {
		return fmt.Errorf("store: read migration %s: %w", name, err)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: migration %s: %w", name, err)
	}
	defer tx.Rollback()
	// Without arguments pgx sends the file as one simple-protocol query, so a
	// file of several statements runs as written.
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("store: apply migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO kite_schema_migrations (version) VALUES ($1)", version); err != nil {
		return fmt.Errorf("store: record migration %s: %w", name, err)
	}
	return tx.Commit()
}
