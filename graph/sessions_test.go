package graph_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"kite/internal/apitest"
	"kite/internal/app"
)

// endedWithin is how soon an ended session's access token must be refused
// on every instance.
const endedWithin = 2 * time.Second

// secondInstance is another server over the same database, as a second
// instance behind a load balancer would be: it shares nothing in memory
// with s.
func secondInstance(t *testing.T, s *apitest.Server) *apitest.Server {
	t.Helper()
	a, err := app.New(s.Config, s.Store, app.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	a.Ready.Store(true)
	other := *s
	other.Handler, other.App = a.Handler, a
	return &other
}

func mustWork(t *testing.T, s *apitest.Server, name, token string) {
	t.Helper()
	if r := s.Query(token, meQuery, nil); len(r.Errors) > 0 {
		t.Fatalf("%s: %s", name, r.Raw)
	}
}

// refusedWithin asks until the token is refused, failing after d.
func refusedWithin(t *testing.T, s *apitest.Server, name, token string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		r := s.Query(token, meQuery, nil)
		if r.Code() == "UNAUTHENTICATED" {
			return
		}
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %s", name, r.Raw)
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still works %s after its session ended", name, d)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestLogoutEndsTheAccessTokenOnEveryInstance(t *testing.T) {
	a := apitest.New(t)
	b := secondInstance(t, a)
	ended := mustLogin(t, a, "sw.demo")
	kept := mustLogin(t, a, "sw.demo")
	for _, s := range []*apitest.Server{a, b} {
		mustWork(t, s, "before logout", ended.access)
		mustWork(t, s, "the other session before logout", kept.access)
	}
	if r := a.Query("", logoutMutation, map[string]any{"t": ended.refresh}); apitest.Path(r.Data, "logout") != true {
		t.Fatalf("logout: %s", r.Raw)
	}
	// The instance that ended it knows at once; another within a second or two.
	if r := a.Query(ended.access, meQuery, nil); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("the access token still works where the session ended: %s", r.Raw)
	}
	refusedWithin(t, b, "the access token on another instance", ended.access, endedWithin)
	for _, s := range []*apitest.Server{a, b} {
		mustWork(t, s, "another session of the same user", kept.access)
	}
}

func TestRefreshReuseEndsTheAccessTokens(t *testing.T) {
	a := apitest.New(t)
	b := secondInstance(t, a)
	first := mustLogin(t, a, "iro.demo")
	kept := mustLogin(t, a, "iro.demo")
	r := a.Query("", refreshMutation, map[string]any{"t": first.refresh})
	if len(r.Errors) > 0 {
		t.Fatalf("refresh: %s", r.Raw)
	}
	rotated := apitest.Path(r.Data, "refreshSession", "accessToken").(string)
	for _, s := range []*apitest.Server{a, b} {
		mustWork(t, s, "the first access token", first.access)
		mustWork(t, s, "the rotated access token", rotated)
	}
	if r := a.Query("", refreshMutation, map[string]any{"t": first.refresh}); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("reuse: %s", r.Raw)
	}
	for name, tok := range map[string]string{"the first access token": first.access, "the rotated access token": rotated} {
		if r := a.Query(tok, meQuery, nil); r.Code() != "UNAUTHENTICATED" {
			t.Errorf("%s still works where the session ended: %s", name, r.Raw)
		}
		refusedWithin(t, b, name+" on another instance", tok, endedWithin)
	}
	for _, s := range []*apitest.Server{a, b} {
		mustWork(t, s, "another session of the same user", kept.access)
	}
}

func TestChangePasswordEndsOtherSessionsOnEveryInstance(t *testing.T) {
	a := apitest.New(t)
	b := secondInstance(t, a)
	here := mustLogin(t, a, "chair.demo")
	elsewhere := mustLogin(t, a, "chair.demo")
	mustWork(t, b, "before the change", elsewhere.access)
	q := `mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { accessToken } }`
	r := a.Query(here.access, q, map[string]any{"c": "kite-demo-password", "n": "velvet harbour lantern"})
	if len(r.Errors) > 0 {
		t.Fatalf("change: %s", r.Raw)
	}
	refusedWithin(t, b, "another session on another instance", elsewhere.access, endedWithin)
	mustWork(t, b, "the new session on another instance", apitest.Path(r.Data, "changePassword", "accessToken").(string))
}

func TestLogoutClosesTheSessionsSubscription(t *testing.T) {
	s := apitest.New(t)
	srv := httptest.NewServer(s.Handler)
	defer srv.Close()
	ended, kept := mustLogin(t, s, "sw.demo"), mustLogin(t, s, "sw.demo")
	sub, err := dial(t, srv, ended.access)
	if err != nil {
		t.Fatal(err)
	}
	sub.subscribe("1", `subscription { submissionReceived { id } }`)
	other, err := dial(t, srv, kept.access)
	if err != nil {
		t.Fatal(err)
	}
	other.subscribe("1", `subscription { submissionReceived { id } }`)
	time.Sleep(100 * time.Millisecond)
	if r := s.Query("", logoutMutation, map[string]any{"t": ended.refresh}); apitest.Path(r.Data, "logout") != true {
		t.Fatalf("logout: %s", r.Raw)
	}
	deadline := time.Now().Add(endedWithin)
	closed := false
	for !closed && time.Now().Before(deadline) {
		_, err := sub.read(time.Until(deadline))
		// A read that times out is not a close.
		closed = err != nil && !errors.Is(err, context.DeadlineExceeded)
	}
	if !closed {
		t.Fatal("the ended session's subscription is still open")
	}
	// The same user's other session still hears of submissions.
	submit(t, s, s.Login("child.demo"), childNamed(t, s, "Jamie").ID, "live-after-logout", false, nil)
	if got, ok := other.next(5 * time.Second); !ok || apitest.Path(got, "submissionReceived", "id") == nil {
		t.Fatalf("the other session's subscription: %v", got)
	}
}
