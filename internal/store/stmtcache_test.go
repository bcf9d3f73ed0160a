package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// TestStatementCacheGivesTheRightRows runs statements again and again with
// new arguments, nests a query inside the result of the same query, and
// runs more distinct statements than one connection keeps: every answer is
// the one a fresh statement would give.
func TestStatementCacheGivesTheRightRows(t *testing.T) {
	ctx := context.Background()
	st := openSQLite(t, filepath.Join(t.TempDir(), "kite.db"))
	db := st.DB
	if _, err := db.ExecContext(ctx, "CREATE TABLE numbers (n INTEGER PRIMARY KEY, word TEXT)"); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 300; i++ {
		if _, err := db.ExecContext(ctx, "INSERT INTO numbers (n, word) VALUES (?, ?)", i, fmt.Sprint("w", i)); err != nil {
			t.Fatal(err)
		}
	}
	word := func(query string, args ...any) string {
		t.Helper()
		var w string
		if err := db.QueryRowContext(ctx, query, args...).Scan(&w); err != nil {
			t.Fatalf("%s %v: %v", query, args, err)
		}
		return w
	}
	for i := 1; i <= 300; i++ {
		if got := word("SELECT word FROM numbers WHERE n = ?", i); got != fmt.Sprint("w", i) {
			t.Fatalf("n = %d: got %q", i, got)
		}
	}
	// More distinct statements than a connection keeps, twice over: the
	// least recently used are closed and prepared again.
	for round := 0; round < 2; round++ {
		for i := 1; i <= 300; i++ {
			if got := word(fmt.Sprintf("SELECT word FROM numbers WHERE n = %d + ?", i), 0); got != fmt.Sprint("w", i) {
				t.Fatalf("round %d, statement %d: got %q", round, i, got)
			}
		}
	}

	// The same text while its own result is still open, in one transaction
	// (so on one connection): the inner run must not disturb the outer.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	const between = "SELECT n FROM numbers WHERE n BETWEEN ? AND ? ORDER BY n"
	outer, err := tx.QueryContext(ctx, between, 1, 5)
	if err != nil {
		t.Fatal(err)
	}
	var seen []int
	for outer.Next() {
		var n int
		if err := outer.Scan(&n); err != nil {
			t.Fatal(err)
		}
		seen = append(seen, n)
		var inner int
		if err := tx.QueryRowContext(ctx, between, 100+n, 200).Scan(&inner); err != nil || inner != 100+n {
			t.Fatalf("inner query beside the outer one: %d, %v", inner, err)
		}
	}
	if err := outer.Err(); err != nil {
		t.Fatal(err)
	}
	outer.Close()
	if fmt.Sprint(seen) != "[1 2 3 4 5]" {
		t.Fatalf("outer query read %v", seen)
	}

	// Column types still reach database/sql through the cache.
	rows, err := db.QueryContext(ctx, "SELECT n, word FROM numbers LIMIT 1")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil || len(types) != 2 || types[0].DatabaseTypeName() != "INTEGER" {
		t.Fatalf("column types: %v, %v", types, err)
	}
}

// TestAnalyzeKeepsRowCountsNotSamples: the planner keeps its per-index row
// counts, and the value samples that would make it re-plan every prepared
// statement on each run are gone.
func TestAnalyzeKeepsRowCountsNotSamples(t *testing.T) {
	ctx := context.Background()
	st := openSQLite(t, filepath.Join(t.TempDir(), "kite.db"))
	if _, err := st.DB.ExecContext(ctx, "CREATE TABLE things (id INTEGER PRIMARY KEY, kind TEXT); CREATE INDEX things_kind ON things (kind)"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		if _, err := st.DB.ExecContext(ctx, "INSERT INTO things (kind) VALUES (?)", fmt.Sprint("k", i%7)); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	count := func(table string) int {
		var n int
		if err := st.DB.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if count("sqlite_stat1") == 0 {
		t.Error("ANALYZE kept no row counts")
	}
	if n := count("sqlite_stat4"); n != 0 {
		t.Errorf("sqlite_stat4 still holds %d samples", n)
	}
	// Migrating again (PRAGMA optimize may analyze) keeps it so.
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count("sqlite_stat4"); n != 0 {
		t.Errorf("after migrating, sqlite_stat4 holds %d samples", n)
	}
}
