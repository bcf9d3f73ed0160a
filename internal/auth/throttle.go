package auth

import (
	"container/list"
	"strings"
	"sync"
	"time"

	"kite/internal/clientip"
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

// DefaultMaxTrackedKeys bounds the throttle's memory (each key is one
// username, address or pair; a few hundred bytes each). When it is full the
// least recently updated key is forgotten.
const DefaultMaxTrackedKeys = 100_000

// ThrottleConfig configures a Throttle.
type ThrottleConfig struct {
	// Now is the clock; nil means time.Now. Tests set it.
	Now func() time.Time
	// MaxKeys bounds memory; zero means DefaultMaxTrackedKeys.
	MaxKeys int
}

// Throttle slows down password guessing by counting failed logins per
// username and address, per username and per address.
//
// It never looks at whether a username exists, so known and unknown
// usernames get the same answers. Usernames are compared without case and
// surrounding spaces; user lookup must be at least as forgiving, or
// variants of a name would get separate counts. IPv6 addresses are counted
// per /64, the block a single customer usually has.
//
// State is in memory, per process: with several instances each counts on
// its own, so a shared store (Redis or the database) will be needed then.
// It is safe for concurrent use.
type Throttle struct {
	now     func() time.Time
	maxKeys int

	mu      sync.Mutex
	entries map[string]*throttleEntry
	// order has the most recently updated entry at the front, so the
	// oldest (first to expire or to be evicted) are at the back.
	order *list.List
}

type throttleEntry struct {
	key      string
	failures int
	first    time.Time // first failure: start of an address window
	last     time.Time // latest failure
	// knownUntil (pairs only) is when a successful sign-in from this
	// address stops exempting it from the per-username slow-down.
	knownUntil time.Time
	expires    time.Time
	elem       *list.Element
}

// NewThrottle returns an empty Throttle.
func NewThrottle(cfg ThrottleConfig) *Throttle {
	t := &Throttle{
		now:     cfg.Now,
		maxKeys: cfg.MaxKeys,
		entries: make(map[string]*throttleEntry),
		order:   list.New(),
	}
	if t.now == nil {
		t.now = time.Now
	}
	if t.maxKeys <= 0 {
		t.maxKeys = DefaultMaxTrackedKeys
	}
	return t
}

// Check reports whether a login for username from addr may go ahead now.
// Call it before checking the password. If not, retryAfter is how long to
// wait (round it up to whole seconds for a Retry-After header).
func (t *Throttle) Check(username, addr string) (retryAfter time.Duration, ok bool) {
	user, address, now := t.attempt(username, addr)
	t.mu.Lock()
	defer t.mu.Unlock()

	var wait time.Duration
	pair := t.get(pairKey(user, address), now)
	if pair != nil {
		wait = max(wait, until(pair.last.Add(backoff(pair.failures, pairFreeFailures, pairBaseDelay, pairMaxDelay)), now))
	}
	if pair == nil || !now.Before(pair.knownUntil) {
		if u := t.get(userKey(user), now); u != nil {
			wait = max(wait, until(u.last.Add(backoff(u.failures, userFreeFailures, userBaseDelay, userMaxDelay)), now))
		}
	}
	if a := t.get(addrKey(address), now); a != nil && a.failures >= addrMaxFailures {
		wait = max(wait, until(a.first.Add(addrWindow), now))
	}
	return wait, wait == 0
}

// Failure records a failed login (wrong password or unknown username).
func (t *Throttle) Failure(username, addr string) {
	user, address, now := t.attempt(username, addr)
	t.mu.Lock()
	defer t.mu.Unlock()

	pair := t.touch(pairKey(user, address), now)
	pair.failures++
	pair.last = now
	pair.expires = later(now.Add(pairMemory), pair.knownUntil)

	u := t.touch(userKey(user), now)
	u.failures++
	u.last = now
	u.expires = now.Add(userMemory)

	a := t.touch(addrKey(address), now)
	if a.failures == 0 {
		a.first = now
		a.expires = now.Add(addrWindow)
	}
	a.failures++
	a.last = now
}

// Success records a successful login. It clears the failures of this
// username and address only: the per-username and per-address counts stay,
// so a guesser cannot wipe them by signing in to an account of their own.
// It also marks the address as known for the username.
func (t *Throttle) Success(username, addr string) {
	user, address, now := t.attempt(username, addr)
	t.mu.Lock()
	defer t.mu.Unlock()

	pair := t.touch(pairKey(user, address), now)
	pair.failures = 0
	pair.knownUntil = now.Add(knownAddressMemory)
	pair.expires = pair.knownUntil
}

// attempt is what a login attempt is counted by: the normalised username
// and the address block, and the time now.
func (t *Throttle) attempt(username, addr string) (user, address string, now time.Time) {
	return normaliseUsername(username), clientip.Block(addr), t.now()
}

// get returns the live entry for key, or nil. It does not count as an
// update, so reading never keeps an entry alive.
func (t *Throttle) get(key string, now time.Time) *throttleEntry {
	e := t.entries[key]
	if e == nil {
		return nil
	}
	if !now.Before(e.expires) {
		t.remove(e)
		return nil
	}
	return e
}

// touch returns the live entry for key, creating it if needed, and marks it
// as the most recently updated. The caller sets its expiry.
func (t *Throttle) touch(key string, now time.Time) *throttleEntry {
	t.sweep(now)
	if e := t.get(key, now); e != nil {
		t.order.MoveToFront(e.elem)
		return e
	}
	for len(t.entries) >= t.maxKeys {
		t.remove(t.order.Back().Value.(*throttleEntry))
	}
	e := &throttleEntry{key: key}
	e.elem = t.order.PushFront(e)
	t.entries[key] = e
	return e
}

// sweep drops expired entries from the back of the list. It stops at the
// first live one, so each call does little work; entries it misses are
// dropped when next read, or evicted when the table is full.
func (t *Throttle) sweep(now time.Time) {
	for el := t.order.Back(); el != nil; el = t.order.Back() {
		e := el.Value.(*throttleEntry)
		if now.Before(e.expires) {
			return
		}
		t.remove(e)
	}
}

func (t *Throttle) remove(e *throttleEntry) {
	t.order.Remove(e.elem)
	delete(t.entries, e.key)
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
