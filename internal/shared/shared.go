// Package shared keeps the small, short-lived state that every instance of
// Kite must see alike: the login throttle's counts (internal/auth) and the
// rate limit's windows (internal/app). Three stores keep it, chosen by
// KITE_SHARED_STORE: in this process's memory (the embedded SQLite default,
// one instance), a small UNLOGGED table in the PostgreSQL database
// (the default on PostgreSQL: no new service), or Redis.
//
// An entry has an expiry; the caller's clock decides whether an entry is
// still live, so tests can move time on, and the stores forget expired
// entries on their own (Redis by TTL, PostgreSQL by an occasional sweep, the
// memory store from the back of its list).
package shared

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Entry is what is kept under one key.
type Entry struct {
	Count int       `json:"n,omitempty"`
	First time.Time `json:"f,omitzero"`
	Last  time.Time `json:"l,omitzero"`
	// Until is a time of the caller's own meaning (the throttle: until when
	// an address is known for a username).
	Until time.Time `json:"u,omitzero"`
	// Expires is when the entry is forgotten.
	Expires time.Time `json:"e"`
}

// Store keeps entries for every instance alike. Every method is safe for
// concurrent use, and Update and Add are atomic across instances.
type Store interface {
	// Get returns the entry under key if it is live at now.
	Get(ctx context.Context, key string, now time.Time) (Entry, bool, error)
	// Update changes the entry under key: fn is given the live entry (the
	// zero Entry if there is none) and changes it, setting its Expires.
	// No other Update or Add of key comes between the read and the write.
	Update(ctx context.Context, key string, now time.Time, fn func(*Entry)) error
	// Add adds n to the count under key and returns the new count; a new
	// entry (or one expired at now) starts from zero and expires at expires.
	Add(ctx context.Context, key string, n int, now, expires time.Time) (int, error)
	// Ping checks the store answers (for /readyz).
	Ping(ctx context.Context) error
	// Kind names the store: memory, postgres or redis.
	Kind() string
}

// Kinds of store, as KITE_SHARED_STORE names them (Redis by its URL).
const (
	KindMemory   = "memory"
	KindPostgres = "postgres"
	KindRedis    = "redis"
)

// Open returns the store setting names: "memory", "postgres" (over db, the
// Kite database's pool, which must then be PostgreSQL) or a redis:// or
// rediss:// URL.
func Open(ctx context.Context, setting string, postgres Execer) (Store, error) {
	switch {
	case setting == KindMemory:
		return NewMemory(0), nil
	case setting == KindPostgres:
		if postgres == nil {
			return nil, errors.New("shared store: postgres needs a PostgreSQL database (KITE_DATABASE)")
		}
		return NewPostgres(ctx, postgres, "")
	case strings.HasPrefix(setting, "redis://") || strings.HasPrefix(setting, "rediss://"):
		return NewRedis(ctx, setting, "")
	}
	return nil, fmt.Errorf("shared store: %q is not memory, postgres or a redis:// URL", setting)
}

// live reports whether e is live at now.
func live(e Entry, now time.Time) bool { return now.Before(e.Expires) }

// decode is a stored entry as Get returns it: none when missing, the
// lookup's error, or the entry and whether it is live at now.
func decode(raw []byte, missing bool, err error, now time.Time) (Entry, bool, error) {
	if missing {
		return Entry{}, false, nil
	}
	if err != nil {
		return Entry{}, false, fmt.Errorf("shared store: get: %w", err)
	}
	var e Entry
	if err := json.Unmarshal(raw, &e); err != nil {
		return Entry{}, false, fmt.Errorf("shared store: get: %w", err)
	}
	return e, live(e, now), nil
}
