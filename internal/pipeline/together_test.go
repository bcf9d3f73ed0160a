package pipeline

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// fakeSender answers each statement with one row holding its query text,
// and keeps the batches it was given.
type fakeSender struct {
	mu      sync.Mutex
	batches [][]string
	replay  *sql.DB
}

func newFake(t *testing.T) *fakeSender {
	f := &fakeSender{replay: openReplay()}
	t.Cleanup(func() { f.replay.Close() })
	return f
}

func (f *fakeSender) send(_ context.Context, stmts []*statement) {
	f.mu.Lock()
	var queries []string
	for _, st := range stmts {
		queries = append(queries, st.query)
	}
	f.batches = append(f.batches, queries)
	f.mu.Unlock()
	for _, st := range stmts {
		if st.query == "fails" {
			st.reply <- reply{err: errors.New("the batch failed here")}
			continue
		}
		st.reply <- reply{result: &result{columns: []string{"q"}, rows: [][]driver.Value{{st.query}}}}
	}
}

func (f *fakeSender) open(ctx context.Context, r *result) (*sql.Rows, error) {
	return f.replay.QueryContext(ctx, "", r)
}

// ask reads a statement through the group as Driver.QueryContext does
// (alone when it may not join) and returns the one value it gives.
func (f *fakeSender) ask(ctx context.Context, query string) (string, bool, error) {
	rows, joined, err := join(ctx, f, query, nil)
	if !joined {
		return query + " (alone)", false, nil
	}
	if err != nil {
		return "", true, err
	}
	defer rows.Close()
	var got string
	if !rows.Next() {
		return "", true, errors.New("no row")
	}
	return got, true, rows.Scan(&got)
}

func TestTogetherSendsFirstStatementsInOneBatch(t *testing.T) {
	f := newFake(t)
	got := make([]string, 3)
	read := func(i int) func(context.Context) error {
		return func(ctx context.Context) error {
			v, joined, err := f.ask(ctx, fmt.Sprintf("read %d", i))
			if !joined {
				return fmt.Errorf("read %d went alone", i)
			}
			got[i] = v
			return err
		}
	}
	if err := Together(context.Background(), true, read(0), read(1), read(2)); err != nil {
		t.Fatal(err)
	}
	if len(f.batches) != 1 || len(f.batches[0]) != 3 {
		t.Fatalf("batches %v, want one of three", f.batches)
	}
	for i, v := range got {
		if want := fmt.Sprintf("read %d", i); v != want {
			t.Errorf("read %d got %q, want its own row %q", i, v, want)
		}
	}
}

func TestTogetherWithoutBatchingRunsInTurn(t *testing.T) {
	f := newFake(t)
	var order []int
	read := func(i int) func(context.Context) error {
		return func(ctx context.Context) error {
			order = append(order, i) // no lock: in turn, in one goroutine
			if _, joined, _ := f.ask(ctx, "q"); joined {
				t.Errorf("read %d joined a batch without batching", i)
			}
			return nil
		}
	}
	if err := Together(context.Background(), false, read(0), read(1), read(2)); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(order) != "[0 1 2]" || len(f.batches) != 0 {
		t.Errorf("order %v, batches %v", order, f.batches)
	}
}

func TestTogetherReadThatAsksNothingDoesNotHoldTheRest(t *testing.T) {
	f := newFake(t)
	asks := func(ctx context.Context) error { _, _, err := f.ask(ctx, "asks"); return err }
	nothing := func(context.Context) error { time.Sleep(10 * time.Millisecond); return nil }
	done := make(chan error, 1)
	go func() { done <- Together(context.Background(), true, asks, nothing, asks) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the group waited for a read that asked for nothing")
	}
	if len(f.batches) != 1 || len(f.batches[0]) != 2 {
		t.Errorf("batches %v, want one of two", f.batches)
	}
}

func TestTogetherLaterStatementsGoAlone(t *testing.T) {
	f := newFake(t)
	var second string
	twice := func(ctx context.Context) error {
		if _, _, err := f.ask(ctx, "first"); err != nil {
			return err
		}
		second, _, _ = f.ask(ctx, "second")
		return nil
	}
	once := func(ctx context.Context) error { _, _, err := f.ask(ctx, "other"); return err }
	if err := Together(context.Background(), true, twice, once); err != nil {
		t.Fatal(err)
	}
	if second != "second (alone)" || len(f.batches) != 1 || len(f.batches[0]) != 2 {
		t.Errorf("second %q, batches %v", second, f.batches)
	}
}

func TestTogetherErrors(t *testing.T) {
	f := newFake(t)
	fails := func(ctx context.Context) error { _, _, err := f.ask(ctx, "fails"); return err }
	ok := func(ctx context.Context) error { _, _, err := f.ask(ctx, "ok"); return err }
	own := errors.New("its own error")
	returns := func(context.Context) error { return own }
	if err := Together(context.Background(), true, ok, fails, returns); err == nil || err.Error() != "the batch failed here" {
		t.Errorf("got %v, want the first read's error in order", err)
	}
	if err := Together(context.Background(), true, ok, returns, fails); !errors.Is(err, own) {
		t.Errorf("got %v, want %v", err, own)
	}
}

func TestTogetherPanicReachesTheCaller(t *testing.T) {
	f := newFake(t)
	ok := func(ctx context.Context) error { _, _, err := f.ask(ctx, "ok"); return err }
	panics := func(context.Context) error { panic("read broke") }
	defer func() {
		if r := recover(); r != "read broke" {
			t.Errorf("recovered %v, want the read's panic", r)
		}
	}()
	_ = Together(context.Background(), true, ok, panics)
	t.Error("no panic")
}

func TestTogetherCancelledReadStopsWaiting(t *testing.T) {
	f := newFake(t)
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	waits := func(ctx context.Context) error { _, _, err := f.ask(ctx, "waits"); return err }
	slow := func(ctx context.Context) error { <-release; _, _, err := f.ask(ctx, "slow"); return err }
	done := make(chan error, 1)
	go func() { done <- Together(ctx, true, waits, slow) }()
	time.Sleep(10 * time.Millisecond)
	cancel()
	close(release)
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want the cancellation", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a cancelled read kept waiting")
	}
}
