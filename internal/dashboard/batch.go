package dashboard

import (
	"context"
	"sync"

	"kite/internal/ident"
)

// batch loads one kind of per-child data for many children in one query.
// A list (a caseload page) first says which children it holds (want); the
// first child whose data is asked for then loads all of them at once, and the
// rest are answered from memory. Without a list, it loads the one child
// asked for. Nothing waits on a timer, so the number of statements is the
// same on every run.
type batch[V any] struct {
	fetch func(ctx context.Context, ids []ident.ID) (map[ident.ID]V, error)

	mu      sync.Mutex
	done    map[ident.ID]V
	pending map[ident.ID]bool
}

func newBatch[V any](fetch func(context.Context, []ident.ID) (map[ident.ID]V, error)) *batch[V] {
	return &batch[V]{fetch: fetch, done: map[ident.ID]V{}, pending: map[ident.ID]bool{}}
}

// want notes children whose data will be asked for.
func (b *batch[V]) want(ids []ident.ID) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, id := range ids {
		if _, ok := b.done[id]; !ok {
			b.pending[id] = true
		}
	}
}

// get returns one child's data, loading every child still wanted with it.
// Concurrent callers wait for the one load rather than making their own.
func (b *batch[V]) get(ctx context.Context, id ident.ID) (V, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if v, ok := b.done[id]; ok {
		return v, nil
	}
	b.pending[id] = true
	keys := make([]ident.ID, 0, len(b.pending))
	for k := range b.pending {
		keys = append(keys, k)
	}
	clear(b.pending)
	got, err := b.fetch(ctx, keys)
	if err != nil {
		var zero V
		return zero, err
	}
	for _, k := range keys {
		b.done[k] = got[k]
	}
	return b.done[id], nil
}

// load loads one child's data (with every child still wanted) for a later
// get to answer from memory.
func (b *batch[V]) load(ctx context.Context, id ident.ID) error {
	_, err := b.get(ctx, id)
	return err
}

// put records one child's data, read by another statement (a child's age
// with the child), so that asking for it reads nothing.
func (b *batch[V]) put(id ident.ID, v V) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done[id] = v
	delete(b.pending, id)
}
