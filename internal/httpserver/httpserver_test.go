package httpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"kite/internal/requestid"
)

func newTestHandler(ping func(context.Context) error, ready bool, dev bool) http.Handler {
	var r atomic.Bool
	r.Store(ready)
	gql := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Query().Get("panic") != "" {
			panic("boom")
		}
		b, err := io.ReadAll(req.Body)
		if err != nil {
			http.Error(w, "too big", http.StatusRequestEntityTooLarge)
			return
		}
		w.Write(b)
	})
	return NewHandler(Options{GraphQL: gql, Ping: ping, Ready: &r, Development: dev, MaxBody: 100})
}

func get(h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
	return rec
}

func TestReadyz(t *testing.T) {
	ok := func(context.Context) error { return nil }
	gone := func(context.Context) error { return errors.New("database is gone") }
	tests := []struct {
		name  string
		ping  func(context.Context) error
		ready bool
		want  int
	}{
		{"ready", ok, true, http.StatusOK},
		{"still starting", ok, false, http.StatusServiceUnavailable},
		{"database gone", gone, true, http.StatusServiceUnavailable},
	}
	for _, tt := range tests {
		rec := get(newTestHandler(tt.ping, tt.ready, false), "GET", "/readyz", "")
		if rec.Code != tt.want {
			t.Errorf("%s: /readyz = %d, want %d", tt.name, rec.Code, tt.want)
		}
		if strings.Contains(rec.Body.String(), "gone") {
			t.Errorf("%s: readyz leaks the error: %s", tt.name, rec.Body)
		}
	}
	if rec := get(newTestHandler(gone, true, false), "GET", "/healthz", ""); rec.Code != http.StatusOK {
		t.Errorf("/healthz = %d while the database is gone; the process is up", rec.Code)
	}
}

// TestReadyzNamesEachDependency: /readyz reports the database and each
// dependency; one that fails (an instance that lost its event bus) makes
// the instance not ready, and the answer says which, never why.
func TestReadyzNamesEachDependency(t *testing.T) {
	ok := func(context.Context) error { return nil }
	lost := func(context.Context) error { return errors.New("bus connection reset") }
	var r atomic.Bool
	r.Store(true)
	for _, tt := range []struct {
		name   string
		events func(context.Context) error
		want   int
		status string
		checks map[string]string
	}{
		{"all answer", ok, http.StatusOK, "ready", map[string]string{"database": "ok", "events": "ok", "sharedStore": "ok"}},
		{"the bus is lost", lost, http.StatusServiceUnavailable, "events unreachable",
			map[string]string{"database": "ok", "events": "unreachable", "sharedStore": "ok"}},
	} {
		h := NewHandler(Options{Ping: ok, Ready: &r, MaxBody: 100,
			Dependencies: []Dependency{{Name: "events", Check: tt.events}, {Name: "sharedStore", Check: ok}}})
		rec := get(h, "GET", "/readyz", "")
		var body struct {
			Status string
			Checks map[string]string
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatal(err)
		}
		if rec.Code != tt.want || body.Status != tt.status || !maps.Equal(body.Checks, tt.checks) {
			t.Errorf("%s: /readyz = %d %+v, want %d %q %v", tt.name, rec.Code, body, tt.want, tt.status, tt.checks)
		}
		if strings.Contains(rec.Body.String(), "reset") {
			t.Errorf("%s: readyz leaks the error: %s", tt.name, rec.Body)
		}
	}
}

func TestQueryWaitsUntilReady(t *testing.T) {
	rec := get(newTestHandler(nil, false, false), "POST", "/query", "{}")
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Errorf("query before ready: %d %v", rec.Code, rec.Header())
	}
}

func TestBodyLimit(t *testing.T) {
	h := newTestHandler(nil, true, false)
	if rec := get(h, "POST", "/query", strings.Repeat("x", 101)); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d", rec.Code)
	}
	if rec := get(h, "POST", "/query", strings.Repeat("x", 100)); rec.Code != http.StatusOK {
		t.Errorf("body at the limit: %d", rec.Code)
	}
}

func TestPanicBecomesInternal(t *testing.T) {
	rec := get(newTestHandler(nil, true, false), "POST", "/query?panic=1", "{}")
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"INTERNAL"`) ||
		strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("panic: %d %s", rec.Code, rec.Body)
	}
	if rec.Header().Get("X-Request-Id") == "" || !strings.Contains(rec.Body.String(), rec.Header().Get("X-Request-Id")) {
		t.Errorf("INTERNAL without the request id: %s", rec.Body)
	}
}

func TestIDEOnlyInDevelopment(t *testing.T) {
	if rec := get(newTestHandler(nil, true, true), "GET", "/", ""); rec.Code != http.StatusOK {
		t.Errorf("development /: %d", rec.Code)
	}
	if rec := get(newTestHandler(nil, true, false), "GET", "/", ""); rec.Code != http.StatusNotFound {
		t.Errorf("production /: %d", rec.Code)
	}
}

func TestSecurityHeaders(t *testing.T) {
	rec := get(newTestHandler(nil, true, false), "GET", "/healthz", "")
	for _, h := range []string{"X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy", "X-Frame-Options"} {
		if rec.Header().Get(h) == "" {
			t.Errorf("missing %s", h)
		}
	}
}

// Metrics are served on their own listener, never on the API's.
func TestMetricsAreNotOnTheAPI(t *testing.T) {
	if rec := get(newTestHandler(nil, true, true), "GET", "/metrics", ""); rec.Code != http.StatusNotFound {
		t.Fatalf("/metrics on the API: %d", rec.Code)
	}
}

func TestMetricsHandler(t *testing.T) {
	metrics := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "kite_up 1\n") })
	scrape := func(h http.Handler, path, auth string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	open := MetricsHandler(metrics, "/metrics", "")
	if rec := scrape(open, "/metrics", ""); rec.Code != http.StatusOK || rec.Body.String() != "kite_up 1\n" {
		t.Fatalf("without a token configured: %d %s", rec.Code, rec.Body)
	}
	if rec := scrape(open, "/query", ""); rec.Code != http.StatusNotFound {
		t.Fatalf("another path: %d", rec.Code)
	}
	const token = "0123456789abcdef0123"
	locked := MetricsHandler(metrics, "/internal/metrics", token)
	for name, auth := range map[string]string{"no token": "", "a wrong token": "Bearer 0123456789abcdef0124",
		"the token as basic": "Basic " + token, "a prefix of it": "Bearer 0123456789"} {
		if rec := scrape(locked, "/internal/metrics", auth); rec.Code != http.StatusUnauthorized || strings.Contains(rec.Body.String(), "kite_up") {
			t.Errorf("%s: %d %s", name, rec.Code, rec.Body)
		}
	}
	if rec := scrape(locked, "/internal/metrics", "Bearer "+token); rec.Code != http.StatusOK || rec.Body.String() != "kite_up 1\n" {
		t.Fatalf("with the token: %d %s", rec.Code, rec.Body)
	}
}

// A client's X-Request-Id is believed only from a trusted proxy; otherwise
// the request gets our own id, and the client's appears in the request log
// only as client_request_id, cut short and cleaned.
func TestRequestIDFromTrustedProxiesOnly(t *testing.T) {
	var logs bytes.Buffer
	var seen string
	var r atomic.Bool
	r.Store(true)
	h := NewHandler(Options{Ready: &r, MaxBody: 100, Logger: slog.New(slog.NewJSONHandler(&logs, nil)),
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
		GraphQL: http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			seen = requestid.FromContext(req.Context())
		})})
	send := func(from, id string) (header string, line map[string]any) {
		t.Helper()
		logs.Reset()
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader("{}"))
		req.RemoteAddr = from
		req.Header.Set("X-Request-Id", id)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if err := json.Unmarshal(logs.Bytes(), &line); err != nil {
			t.Fatalf("log line: %v %s", err, logs.String())
		}
		return rec.Header().Get("X-Request-Id"), line
	}
	chosen := "chosen-by-the-client-0001"
	header, line := send("203.0.113.9:1000", chosen)
	if seen == chosen || header != seen || line["request_id"] != seen || line["client_request_id"] != chosen {
		t.Fatalf("untrusted: the request ran as %q, answered %q, logged %v", seen, header, line)
	}
	long := "evil\nline\x1b[31m" + strings.Repeat("x", 200)
	if _, line := send("203.0.113.9:1000", long); line["client_request_id"] != "evilline[31m"+strings.Repeat("x", 52) {
		t.Fatalf("untrusted, a long id with control characters: logged %q", line["client_request_id"])
	}
	header, line = send("10.1.2.3:1000", chosen)
	if seen != chosen || header != chosen || line["request_id"] != chosen || line["client_request_id"] != nil {
		t.Fatalf("trusted: the request ran as %q, answered %q, logged %v", seen, header, line)
	}
}
