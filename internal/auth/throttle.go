package auth

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"kite/internal/clientip"
	"kite/internal/shared"
)

// Failed logins are counted three ways (docs/api.md, Authentication). The
// numbers balance slowing guessers against letting a third party keep a
// child out of their account.
const (
	// Per username and client address: the usual case of someone guessing
	// from one place. After 5 failures each further attempt waits 1s, 2s,
	// 4s, … up to 15 minutes, so a person who mistypes a few times hardly
	// notices, while a guesser gets about 100 tries a day.
	pairFreeFailures = 5
	pairBaseDelay    = time.Second
	pairMaxDelay     = 15 * time.Minute
	// pairMemory is how long a quiet pair's failures are remembered.
	pairMemory = 24 * time.Hour

	// Per username from any address: catches guessing spread over many
	// addresses. Anyone can add to this count for any username, so it stays
	// gentle: it starts late, and the wait never exceeds a minute, so a
	// child is only ever slowed down, never locked out for long. Even at
	// its cap it holds a guesser to about 1,440 tries a day, against
	// passwords that the policy requires to need 10^8 or more. (An attacker
	// who retries the instant each wait ends can still keep a child at a
	// new address waiting a minute at a time; addresses the child has
	// signed in from are exempt, see knownAddressMemory.)
	userFreeFailures = 20
	userBaseDelay    = time.Second
	userMaxDelay     = time.Minute
	// userMemory is how long a quiet username's failures are remembered.
	userMemory = time.Hour

	// Per client address: one place trying many usernames. At most 100
	// failures in a 15-minute window that starts at the first failure.
	addrMaxFailures = 100
	addrWindow      = 15 * time.Minute

	// knownAddressMemory is how long a successful sign-in exempts that
	// username and address from the per-username slow-down, so that a
	// child signing in from home is not slowed by someone guessing at
	// their account from elsewhere.
	knownAddressMemory = 30 * 24 * time.Hour
)

// DefaultMaxTrackedKeys bounds the memory store's size (see
// shared.DefaultMaxKeys): when it is full the least recently updated key is
// forgotten.
const DefaultMaxTrackedKeys = shared.DefaultMaxKeys

// ThrottleConfig configures a Throttle.
type ThrottleConfig struct {
	// Now is the clock; nil means time.Now. Tests set it.
	Now func() time.Time
	// Store keeps the counts; nil means a memory store of MaxKeys keys
	// (one instance). Several instances share a PostgreSQL or Redis store
	// (KITE_SHARED_STORE), so that they count as one.
	Store shared.Store
	// MaxKeys bounds the memory store; zero means DefaultMaxTrackedKeys.
	MaxKeys int
}

// storeTimeout bounds each look at the store.
const storeTimeout = 2 * time.Second

// Throttle slows down password guessing by counting failed logins per
// username and address, per username and per address.
//
// It never looks at whether a username exists, so known and unknown
// usernames get the same answers. Usernames are compared without case and
// surrounding spaces; user lookup must be at least as forgiving, or
// variants of a name would get separate counts. IPv6 addresses are counted
// per /64, the block a single customer usually has.
//
// The counts are kept in a shared.Store: in memory for one instance, or in
// PostgreSQL or Redis so that every instance counts the same failures. A
// store that cannot be reached refuses logins (for a second at a time)
// rather than letting guesses through uncounted; the failure is logged.
// It is safe for concurrent use.
type Throttle struct {
	now   func() time.Time
	store shared.Store
}

// NewThrottle returns an empty Throttle.
func NewThrottle(cfg ThrottleConfig) *Throttle {
	t := &Throttle{now: cfg.Now, store: cfg.Store}
	if t.now == nil {
		t.now = time.Now
	}
	if t.store == nil {
		t.store = shared.NewMemory(cfg.MaxKeys)
	}
	return t
}

// unavailableWait is the answer while the store cannot be reached.
const unavailableWait = time.Second

// Check reports whether a login for username from addr may go ahead now.
// Call it before checking the password. If not, retryAfter is how long to
// wait (round it up to whole seconds for a Retry-After header).
func (t *Throttle) Check(username, addr string) (retryAfter time.Duration, ok bool) {
	user, address, now := t.attempt(username, addr)
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	get := func(key string) (shared.Entry, bool) {
		e, found, err := t.store.Get(ctx, key, now)
		if err != nil {
			slog.Error("login throttle: store unreachable; refusing logins", "error", err)
			retryAfter = unavailableWait
		}
		return e, found
	}
	var wait time.Duration
	pair, isPair := get(pairKey(user, address))
	if isPair {
		wait = max(wait, until(pair.Last.Add(backoff(pair.Count, pairFreeFailures, pairBaseDelay, pairMaxDelay)), now))
	}
	if !isPair || !now.Before(pair.Until) {
		if u, ok := get(userKey(user)); ok {
			wait = max(wait, until(u.Last.Add(backoff(u.Count, userFreeFailures, userBaseDelay, userMaxDelay)), now))
		}
	}
	if a, ok := get(addrKey(address)); ok && a.Count >= addrMaxFailures {
		wait = max(wait, until(a.First.Add(addrWindow), now))
	}
	wait = max(wait, retryAfter)
	return wait, wait == 0
}

// Failure records a failed login (wrong password or unknown username).
func (t *Throttle) Failure(username, addr string) {
	user, address, now := t.attempt(username, addr)
	t.update(pairKey(user, address), now, func(pair *shared.Entry) {
		pair.Count++
		pair.Last = now
		pair.Expires = later(now.Add(pairMemory), pair.Until)
	})
	t.update(userKey(user), now, func(u *shared.Entry) {
		u.Count++
		u.Last = now
		u.Expires = now.Add(userMemory)
	})
	t.update(addrKey(address), now, func(a *shared.Entry) {
		if a.Count == 0 {
			a.First = now
			a.Expires = now.Add(addrWindow)
		}
		a.Count++
		a.Last = now
	})
}

// Success records a successful login. It clears the failures of this
// username and address only: the per-username and per-address counts stay,
// so a guesser cannot wipe them by signing in to an account of their own.
// It also marks the address as known for the username.
func (t *Throttle) Success(username, addr string) {
	user, address, now := t.attempt(username, addr)
	t.update(pairKey(user, address), now, func(pair *shared.Entry) {
		pair.Count = 0
		pair.Until = now.Add(knownAddressMemory)
		pair.Expires = pair.Until
	})
}

// update changes one count in the store; a failure is logged (Check then
// refuses, as the store is unreachable).
func (t *Throttle) update(key string, now time.Time, fn func(*shared.Entry)) {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	if err := t.store.Update(ctx, key, now, fn); err != nil {
		slog.Error("login throttle: store unreachable; failure not counted", "error", err)
	}
}

// attempt is what a login attempt is counted by: the normalised username
// and the address block, and the time now.
func (t *Throttle) attempt(username, addr string) (user, address string, now time.Time) {
	return normaliseUsername(username), clientip.Block(addr), t.now()
}

// backoff is the wait after failures: none up to free-1 failures, then
// base, doubling with each failure, up to limit.
func backoff(failures, free int, base, limit time.Duration) time.Duration {
	if failures < free {
		return 0
	}
	steps := failures - free
	if steps >= 32 {
		return limit // and avoid overflowing the shift
	}
	return min(base<<steps, limit)
}

// until is how long from now until t, or zero if t has passed.
func until(t, now time.Time) time.Duration {
	return max(t.Sub(now), 0)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// Keys are prefixed by kind, and a pair's parts are joined with a NUL byte.
// Client addresses never contain NUL, so the address is everything after
// the last one and no two pairs can collide, whatever a username holds.
func pairKey(user, addr string) string { return "p\x00" + user + "\x00" + addr }
func userKey(user string) string       { return "u\x00" + user }
func addrKey(addr string) string       { return "a\x00" + addr }

func normaliseUsername(username string) string {
	return strings.ToLower(strings.TrimSpace(username))
}
