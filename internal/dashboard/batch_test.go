package dashboard

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"sync"
	"testing"

	"kite/internal/ident"
)

// fetchLog is a batch's fetch that records the ids of each call and answers
// every id with itself, unless told to fail.
type fetchLog struct {
	mu    sync.Mutex
	calls [][]ident.ID
	fail  bool
}

func (f *fetchLog) fetch(_ context.Context, ids []ident.ID) (map[ident.ID]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	f.calls = append(f.calls, sorted)
	if f.fail {
		return nil, errors.New("database gone")
	}
	out := map[ident.ID]string{}
	for _, id := range ids {
		if id != "none" { // a child with no rows
			out[id] = "data of " + string(id)
		}
	}
	return out, nil
}

func TestBatch(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		want  []ident.ID   // what the list says it holds
		gets  []ident.ID   // asked for, in order
		calls [][]ident.ID // fetches expected
	}{
		{"alone: one child at a time", nil, []ident.ID{"a", "b", "a"}, [][]ident.ID{{"a"}, {"b"}}},
		{"a list: the first get loads every wanted child", []ident.ID{"a", "b", "c"}, []ident.ID{"b", "a", "c", "b"},
			[][]ident.ID{{"a", "b", "c"}}},
		{"a child outside the list loads with the rest", []ident.ID{"a", "b"}, []ident.ID{"x", "a", "b"},
			[][]ident.ID{{"a", "b", "x"}}},
		{"a child with no rows is not read again", []ident.ID{"a", "none"}, []ident.ID{"a", "none", "none"},
			[][]ident.ID{{"a", "none"}}},
	} {
		f := &fetchLog{}
		b := newBatch(f.fetch)
		b.want(tc.want)
		for _, id := range tc.gets {
			got, err := b.get(ctx, id)
			if err != nil {
				t.Fatalf("%s: get(%s): %v", tc.name, id, err)
			}
			if want := map[bool]string{true: "", false: "data of " + string(id)}[id == "none"]; got != want {
				t.Errorf("%s: get(%s) = %q, want %q", tc.name, id, got, want)
			}
		}
		if !reflect.DeepEqual(f.calls, tc.calls) {
			t.Errorf("%s: fetched %v, want %v", tc.name, f.calls, tc.calls)
		}
	}
}

func TestBatchWantSkipsLoaded(t *testing.T) {
	f := &fetchLog{}
	b := newBatch(f.fetch)
	ctx := context.Background()
	if _, err := b.get(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	b.want([]ident.ID{"a", "b"})
	if _, err := b.get(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	if want := [][]ident.ID{{"a"}, {"b"}}; !reflect.DeepEqual(f.calls, want) {
		t.Errorf("fetched %v, want %v: a loaded child is not read again", f.calls, want)
	}
}

func TestBatchDoesNotKeepFailures(t *testing.T) {
	f := &fetchLog{fail: true}
	b := newBatch(f.fetch)
	ctx := context.Background()
	if _, err := b.get(ctx, "a"); err == nil {
		t.Fatal("a failed fetch gave no error")
	}
	f.fail = false
	got, err := b.get(ctx, "a")
	if err != nil || got != "data of a" {
		t.Fatalf("after a failure: get = %q, %v; want it read again", got, err)
	}
}

func TestBatchConcurrentGetsShareOneFetch(t *testing.T) {
	f := &fetchLog{}
	b := newBatch(f.fetch)
	ids := []ident.ID{"a", "b", "c", "d"}
	b.want(ids)
	var wg sync.WaitGroup
	for range 8 {
		for _, id := range ids {
			wg.Go(func() {
				if got, err := b.get(context.Background(), id); err != nil || got != "data of "+string(id) {
					t.Errorf("get(%s) = %q, %v", id, got, err)
				}
			})
		}
	}
	wg.Wait()
	if len(f.calls) != 1 {
		t.Errorf("fetched %d times (%v), want once", len(f.calls), f.calls)
	}
}

func TestLoadersOf(t *testing.T) {
	plain := context.Background()
	if loadersOf(plain, nil) == loadersOf(plain, nil) {
		t.Error("without a read operation's loaders, two calls shared loaders")
	}
	Want(plain, []ident.ID{"a"}) // nothing to tell: must not panic
	op := WithLoaders(plain, nil, nil)
	if l := loadersOf(op, nil); l == nil || l != loadersOf(op, nil) {
		t.Error("a read operation's calls did not share its loaders")
	}
}
