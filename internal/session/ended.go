package session

import (
	"sync"
	"time"
)

// sessionCheckEvery is how long a session found live is believed live
// without asking the database again, by one instance alone; one ended on
// this instance is refused at once. With several instances
// (Service.CheckSessionEveryRequest) every request asks.
const sessionCheckEvery = time.Second

// sessionCache remembers, per instance, which sessions were live a moment
// ago and which have ended, so that checking an access token's session
// costs at most one small lookup per session per sessionCheckEvery, folded
// into the viewer load that runs on every request anyway.
type sessionCache struct {
	mu      sync.Mutex
	entries map[string]sessionEntry
	swept   time.Time
}

type sessionEntry struct {
	ended bool
	// until is when a live entry must be checked again, or when an ended
	// one can be forgotten (its access tokens have expired by then).
	until time.Time
}

// sweepEvery is how often stale entries are dropped, which bounds the
// cache to the sessions seen in the last minute or so plus the ended
// sessions whose access tokens have not yet expired.
const sweepEvery = time.Minute

// known reports what is known of a session now: ended, or live and checked
// recently enough (fresh). Neither means it must be checked.
func (c *sessionCache) known(id string, now time.Time) (ended, fresh bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	if !ok {
		return false, false
	}
	if e.ended {
		return true, false
	}
	return false, now.Before(e.until)
}

// live records that the database found the session live at now.
func (c *sessionCache) live(id string, now time.Time) {
	c.put(id, sessionEntry{until: now.Add(sessionCheckEvery)}, now)
}

// end records that the session has ended; it is refused without asking
// again until forget, when its access tokens have expired.
func (c *sessionCache) end(id string, now, forget time.Time) {
	c.put(id, sessionEntry{ended: true, until: forget}, now)
}

func (c *sessionCache) put(id string, e sessionEntry, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]sessionEntry{}
	}
	if old, ok := c.entries[id]; ok && old.ended && !e.ended {
		return // an ended session never comes back
	}
	c.entries[id] = e
	if now.Sub(c.swept) >= sweepEvery {
		c.swept = now
		for k, v := range c.entries {
			if !now.Before(v.until) {
				delete(c.entries, k)
			}
		}
	}
}
