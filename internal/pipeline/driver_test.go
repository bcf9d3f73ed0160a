package pipeline_test

import (
	"context"
	"database/sql"
	"reflect"
	"strings"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5/stdlib"

	"kite/internal/pipeline"
	"kite/internal/store"
	"kite/internal/testdb"
)

// openPostgres returns a fresh PostgreSQL database as Kite connects to it,
// with a table holding a value of each type Kite's columns use and more,
// and NULLs of each.
func openPostgres(t *testing.T) (*sql.DB, *pipeline.Driver) {
	t.Helper()
	if !testdb.Postgres() {
		t.Skip("batches are PostgreSQL's; set " + testdb.PostgresEnv)
	}
	cfg, err := store.PostgresConfig(testdb.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	db := stdlib.OpenDB(*cfg)
	drv := pipeline.Wrap(entsql.OpenDB(dialect.Postgres, db))
	t.Cleanup(func() { drv.Close() })
	for _, stmt := range []string{
		`CREATE TABLE kinds (id int PRIMARY KEY, t text, v varchar(20), s smallint, i integer, b bigint,
			ok boolean, f4 real, f8 double precision, n numeric(10,2), d date, ts timestamp,
			tz timestamptz, jb jsonb, j json, by bytea, u uuid)`,
		`INSERT INTO kinds VALUES (1, 'Ava''s plan', 'café', 7, -42, 9007199254740993, true, 1.5, 2.25,
			12.30, '2026-12-06', '2026-12-06 10:11:12.345678', '2026-12-06 10:11:12.345678+01',
			'{"a": [1, "x"], "b": null}', '{"z":  1}', '\x00ff10', '0191b3a0-6c3e-7e8a-9b1d-2f3c4d5e6f70')`,
		`INSERT INTO kinds (id) VALUES (2)`,
	} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	return db, drv
}

// values reads every row of rows as database/sql gives them to any.
func values(t *testing.T, rows *sql.Rows) ([]string, [][]any) {
	t.Helper()
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]any
	for rows.Next() {
		row := make([]any, len(columns))
		ptrs := make([]any, len(columns))
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return columns, out
}

// TestBatchReadsAsItsOwnStatement: a statement's rows read from a batch are
// what database/sql gives for the same statement run alone, value for
// value and type for type, and the group's statements went in one batch.
func TestBatchReadsAsItsOwnStatement(t *testing.T) {
	db, drv := openPostgres(t)
	ctx := context.Background()
	queries := []struct {
		query string
		args  []any
	}{
		{`SELECT * FROM kinds ORDER BY id`, nil},
		{`SELECT id, t, tz FROM kinds WHERE id = $1 AND t = $2`, []any{1, "Ava's plan"}},
		{`SELECT count(*), sum(i), max(tz) FROM kinds`, nil},
		// Rows across every size of chunk collect allocates, and past them.
		{`SELECT n, 'row ' || n, CASE WHEN n % 7 = 0 THEN NULL ELSE n * 2 END FROM generate_series(1, 300) AS n ORDER BY n`, nil},
	}
	type answer struct {
		columns []string
		rows    [][]any
	}
	alone := make([]answer, len(queries))
	for i, q := range queries {
		rows, err := db.QueryContext(ctx, q.query, q.args...)
		if err != nil {
			t.Fatal(err)
		}
		alone[i].columns, alone[i].rows = values(t, rows)
	}
	batched := make([]answer, len(queries))
	var reads []func(context.Context) error
	for i, q := range queries {
		reads = append(reads, func(ctx context.Context) error {
			rows, err := drv.QueryContext(ctx, q.query, q.args...)
			if err != nil {
				return err
			}
			batched[i].columns, batched[i].rows = values(t, rows)
			return nil
		})
	}
	if err := pipeline.Together(ctx, true, reads...); err != nil {
		t.Fatal(err)
	}
	for i := range queries {
		if !reflect.DeepEqual(alone[i], batched[i]) {
			t.Errorf("%s:\nalone   %#v\nbatched %#v", queries[i].query, alone[i], batched[i])
		}
	}
	if len(alone[0].rows) != 2 || alone[0].rows[1][1] != nil {
		t.Errorf("the table is not as made: %v", alone[0].rows)
	}
	if b, n := drv.Batches(); b != 1 || n != int64(len(queries)) {
		t.Errorf("%d batches of %d statements, want 1 of %d", b, n, len(queries))
	}
}

// TestBatchThroughEntsQuery: ent's builders read through Query, which
// batches too.
func TestBatchThroughEntsQuery(t *testing.T) {
	_, drv := openPostgres(t)
	texts := make([]string, 2)
	read := func(i int) func(context.Context) error {
		return func(ctx context.Context) error {
			var rows entsql.Rows
			if err := drv.Query(ctx, `SELECT t FROM kinds WHERE id = $1`, []any{i + 1}, &rows); err != nil {
				return err
			}
			defer rows.Close()
			var t sql.NullString
			for rows.Next() {
				if err := rows.Scan(&t); err != nil {
					return err
				}
			}
			texts[i] = t.String
			return rows.Err()
		}
	}
	if err := pipeline.Together(context.Background(), true, read(0), read(1)); err != nil {
		t.Fatal(err)
	}
	if texts[0] != "Ava's plan" || texts[1] != "" {
		t.Errorf("got %q", texts)
	}
	if b, n := drv.Batches(); b != 1 || n != 2 {
		t.Errorf("%d batches of %d statements, want 1 of 2", b, n)
	}
}

// TestBatchStatementFails: a failing statement's read gets its error, and
// the batch's connection goes back to the pool fit for use.
func TestBatchStatementFails(t *testing.T) {
	db, drv := openPostgres(t)
	db.SetMaxOpenConns(1) // the next read must reuse the batch's connection
	read := func(query string) func(context.Context) error {
		return func(ctx context.Context) error {
			rows, err := drv.QueryContext(ctx, query)
			if err != nil {
				return err
			}
			return rows.Close()
		}
	}
	err := pipeline.Together(context.Background(), true, read(`SELECT 1`), read(`SELECT 1/0 FROM kinds`))
	if err == nil || !strings.Contains(err.Error(), "division by zero") {
		t.Fatalf("got %v, want the failing statement's error", err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM kinds`).Scan(&n); err != nil || n != 2 {
		t.Errorf("after the failed batch: %d rows, %v", n, err)
	}
}
