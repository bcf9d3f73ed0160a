package access

import (
	"strings"
	"testing"
	"time"

	"kite/internal/civil"
)

// TestShapes: a statement whose inputs are only arguments is kept and bound
// to each request's inputs; one that writes an input into its text is built
// afresh every time; a new day empties the store; and with the check on, a kept statement whose text
// depends on something its key does not name fails loudly.
func TestShapes(t *testing.T) {
	builds := 0
	asArgs := func(in []string) (string, []any) {
		builds++
		return "SELECT x FROM t WHERE a = ? AND b IN (?, ?) AND k = ?", []any{in[0], in[1], in[2], "KIND"}
	}
	var c shapes
	day := civil.Date("2026-12-06")
	for _, in := range [][]string{{"u1", "c1", "c2"}, {"u2", "c3", "c4"}} {
		query, args := c.statement(day, "k", in, asArgs)
		if !strings.HasPrefix(query, "SELECT x") || !sameArgs(args, []any{in[0], in[1], in[2], "KIND"}) {
			t.Errorf("inputs %v: %s %v", in, query, args)
		}
	}
	if builds != 1 {
		t.Errorf("built %d times, want once (kept)", builds)
	}

	builds = 0
	inText := func(in []string) (string, []any) {
		builds++
		return "SELECT x FROM t WHERE a = '" + in[0] + "'", nil
	}
	for _, in := range [][]string{{"u1"}, {"u2"}} {
		if query, _ := c.statement(day, "text", in, inText); query != "SELECT x FROM t WHERE a = '"+in[0]+"'" {
			t.Errorf("input in the text: %s", query)
		}
	}
	if builds != 3 { // the marked build, then one per request
		t.Errorf("built %d times, want 3 (never kept)", builds)
	}

	inPattern := func(in []string) (string, []any) { return "SELECT x FROM t WHERE a LIKE ?", []any{"%" + in[0] + "%"} }
	if _, args := c.statement(day, "pattern", []string{"u1"}, inPattern); !sameArgs(args, []any{"%u1%"}) {
		t.Errorf("input inside an argument: %v", args)
	}

	// A moment among the arguments (now, against an expiry) is never kept.
	builds = 0
	var nows []time.Time
	withNow := func(in []string) (string, []any) {
		builds++
		now := time.Date(2026, 12, 6, 9, builds, 0, 0, time.UTC)
		nows = append(nows, now)
		return "SELECT x FROM t WHERE a = ? AND expires_at > ?", []any{in[0], now}
	}
	for _, in := range []string{"u1", "u2"} {
		if _, args := c.statement(day, "moment", []string{in}, withNow); !sameArgs(args, []any{in, nows[len(nows)-1]}) {
			t.Errorf("a moment among the arguments: %v, want %s and the latest now", args, in)
		}
	}
	if builds != 3 {
		t.Errorf("built %d times, want 3 (never kept)", builds)
	}

	// A new day starts an empty store; a request of the day before is
	// built, not kept.
	builds = 0
	c.statement(day.AddDays(1), "k", []string{"u1", "c1", "c2"}, asArgs)
	c.statement(day, "k", []string{"u1", "c1", "c2"}, asArgs)
	if builds != 2 || len(c.m) != 1 || c.day != day.AddDays(1) {
		t.Errorf("a new day: %d builds, %d kept, day %s; want 2, 1 and the new day", builds, len(c.m), c.day)
	}
	day = day.AddDays(1)

	checkShapes.Store(true)
	defer checkShapes.Store(false)
	branches := func(in []string) (string, []any) {
		if in[0] == "admin" {
			return "SELECT x FROM t", nil
		}
		return "SELECT x FROM t WHERE a = ?", []any{in[0]}
	}
	c.statement(day, "branch", []string{"u1"}, branches)
	defer func() {
		if recover() == nil {
			t.Error("a kept statement that differs from a fresh build was used")
		}
	}()
	c.statement(day, "branch", []string{"admin"}, branches)
}
