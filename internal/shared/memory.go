package shared

import (
	"container/list"
	"context"
	"sync"
	"time"
)

// DefaultMaxKeys bounds the memory store (each key is one throttle
// username, address or pair, or one rate-limit window; a few hundred bytes
// each). When it is full the least recently updated key is forgotten.
const DefaultMaxKeys = 100_000

// Memory is the store in this process's memory: for one instance.
type Memory struct {
	maxKeys int

	mu      sync.Mutex
	entries map[string]*memEntry
	// order has the most recently updated entry at the front, so the
	// oldest (first to expire or to be evicted) are at the back.
	order *list.List
}

type memEntry struct {
	key  string
	e    Entry
	elem *list.Element
}

// NewMemory returns an empty memory store of at most maxKeys keys (zero:
// DefaultMaxKeys).
func NewMemory(maxKeys int) *Memory {
	if maxKeys <= 0 {
		maxKeys = DefaultMaxKeys
	}
	return &Memory{maxKeys: maxKeys, entries: map[string]*memEntry{}, order: list.New()}
}

// Kind is "memory".
func (m *Memory) Kind() string { return KindMemory }

// Ping always answers.
func (m *Memory) Ping(context.Context) error { return nil }

// Len is how many keys are held (live or not yet swept).
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}

// Get returns the live entry for key. Reading never keeps an entry alive.
func (m *Memory) Get(_ context.Context, key string, now time.Time) (Entry, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e := m.get(key, now); e != nil {
		return e.e, true, nil
	}
	return Entry{}, false, nil
}

// Update changes the entry under key, and marks it the most recently
// updated.
func (m *Memory) Update(_ context.Context, key string, now time.Time, fn func(*Entry)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	fn(&m.touch(key, now).e)
	return nil
}

// Add adds n to the count under key.
func (m *Memory) Add(_ context.Context, key string, n int, now, expires time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.touch(key, now)
	if e.e.Expires.IsZero() {
		e.e.Expires = expires
	}
	e.e.Count += n
	return e.e.Count, nil
}

func (m *Memory) get(key string, now time.Time) *memEntry {
	e := m.entries[key]
	if e == nil {
		return nil
	}
	if !live(e.e, now) {
		m.remove(e)
		return nil
	}
	return e
}

// touch returns the live entry for key, creating it if needed, and marks it
// as the most recently updated.
func (m *Memory) touch(key string, now time.Time) *memEntry {
	m.sweep(now)
	if e := m.get(key, now); e != nil {
		m.order.MoveToFront(e.elem)
		return e
	}
	for len(m.entries) >= m.maxKeys {
		m.remove(m.order.Back().Value.(*memEntry))
	}
	e := &memEntry{key: key}
	e.elem = m.order.PushFront(e)
	m.entries[key] = e
	return e
}

// sweep drops expired entries from the back of the list. It stops at the
// first live one, so each call does little work; entries it misses are
// dropped when next read, or evicted when the table is full.
func (m *Memory) sweep(now time.Time) {
	for el := m.order.Back(); el != nil; el = m.order.Back() {
		e := el.Value.(*memEntry)
		if live(e.e, now) {
			return
		}
		m.remove(e)
	}
}

func (m *Memory) remove(e *memEntry) {
	m.order.Remove(e.elem)
	delete(m.entries, e.key)
}
