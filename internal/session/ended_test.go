package session

import (
	"testing"
	"time"
)

func TestSessionCache(t *testing.T) {
	var c sessionCache
	now := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	if ended, fresh := c.known("a", now); ended || fresh {
		t.Fatal("an unknown session must be checked")
	}
	c.live("a", now)
	if ended, fresh := c.known("a", now.Add(sessionCheckEvery/2)); ended || !fresh {
		t.Fatal("a session checked just now is believed live")
	}
	if _, fresh := c.known("a", now.Add(sessionCheckEvery)); fresh {
		t.Fatal("a session checked a while ago must be checked again")
	}
	c.end("b", now, now.Add(time.Hour))
	// A check that started before the session ended must not revive it.
	c.live("b", now)
	if ended, _ := c.known("b", now.Add(time.Minute)); !ended {
		t.Fatal("an ended session came back")
	}
	// Stale entries are dropped, so the cache does not grow without bound.
	c.live("c", now.Add(2*time.Hour))
	if _, ok := c.entries["a"]; ok {
		t.Error("a stale live entry was kept")
	}
	if _, ok := c.entries["b"]; ok {
		t.Error("an ended entry was kept after its tokens expired")
	}
}
