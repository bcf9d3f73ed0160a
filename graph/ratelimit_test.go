package graph_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"kite/internal/apitest"
)

// query sends one query over the WebSocket and returns the first error's
// code ("" when it was answered).
func (c *wsClient) query(id, q string) string {
	c.t.Helper()
	c.subscribe(id, q)
	m, err := c.read(5 * time.Second)
	if err != nil {
		c.t.Fatal(err)
	}
	var errs []struct {
		Extensions map[string]any `json:"extensions"`
	}
	switch m.Type {
	case "next":
		var p struct {
			Errors []struct {
				Extensions map[string]any `json:"extensions"`
			} `json:"errors"`
		}
		_ = json.Unmarshal(m.Payload, &p)
		errs = p.Errors
		if done, err := c.read(5 * time.Second); err != nil || done.Type != "complete" {
			c.t.Fatalf("after the answer: %s %v", done.Type, err)
		}
	case "error":
		_ = json.Unmarshal(m.Payload, &errs)
	default:
		c.t.Fatalf("unexpected %s %s", m.Type, m.Payload)
	}
	if len(errs) == 0 {
		return ""
	}
	code, _ := errs[0].Extensions["code"].(string)
	return code
}

// The per-viewer budget counts every operation, whichever way it comes: a
// WebSocket carries many operations on one connection, and they draw on
// the same budget as the viewer's HTTP requests.
func TestRateLimitCoversWebSocketOperations(t *testing.T) {
	s := apitest.NewWith(t, map[string]string{"KITE_RATE_LIMIT": "6/min"})
	srv := httptest.NewServer(s.Handler)
	defer srv.Close()
	tok := s.Login("iro.demo") // from another address: not the viewer's budget
	const q = `{ me { id } }`
	for i := 0; i < 2; i++ {
		if r := s.QueryFrom("198.51.100.1:1000", tok, q, nil); len(r.Errors) > 0 {
			t.Fatalf("HTTP %d: %s", i, r.Raw)
		}
	}
	ws, err := dial(t, srv, tok)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 4; i++ { // 2 over HTTP + 4 here = 6
		if code := ws.query(string(rune('a'+i)), q); code != "" {
			t.Fatalf("WebSocket operation %d: %s", i, code)
		}
	}
	if code := ws.query("x", q); code != "RATE_LIMITED" {
		t.Fatalf("the 7th operation: %q", code)
	}
	// The budget is the viewer's: HTTP is refused now too, from anywhere.
	if r := s.QueryFrom("198.51.100.2:1000", tok, q, nil); r.Status != http.StatusTooManyRequests || r.Code() != "RATE_LIMITED" {
		t.Fatalf("HTTP after the WebSocket used the budget: %d %s", r.Status, r.Raw)
	}
	// Another viewer is not held back.
	if r := s.QueryFrom("198.51.100.1:1000", s.Login("sw.demo"), q, nil); len(r.Errors) > 0 {
		t.Fatalf("another viewer: %s", r.Raw)
	}
}

// An IPv6 client has a whole /64 to choose addresses from, so requests
// without a token are counted per /64.
func TestRateLimitCountsIPv6PerSlash64(t *testing.T) {
	s := apitest.NewWith(t, map[string]string{"KITE_RATE_LIMIT": "3/min"})
	const q = `{ glossary { term } }`
	for i, addr := range []string{"[2001:db8:1:2::1]:1000", "[2001:db8:1:2::2]:1000", "[2001:db8:1:2:ffff::3]:1000"} {
		if r := s.QueryFrom(addr, "", q, nil); len(r.Errors) > 0 {
			t.Fatalf("request %d: %s", i, r.Raw)
		}
	}
	if r := s.QueryFrom("[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:1000", "", q, nil); r.Code() != "RATE_LIMITED" {
		t.Fatalf("a 4th address in the same /64: %s", r.Raw)
	}
	if r := s.QueryFrom("[2001:db8:1:3::1]:1000", "", q, nil); len(r.Errors) > 0 {
		t.Fatalf("another /64: %s", r.Raw)
	}
}
