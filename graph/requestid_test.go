package graph_test

import (
	"testing"

	"kite/ent/auditevent"
	"kite/internal/apitest"
	"kite/internal/demo"
)

// The request id in the audit log is the server's own, unless the request
// came through a trusted proxy: a client cannot choose it, and so cannot
// tie its actions to someone else's or hide them among them.
func TestRequestIDIsTakenOnlyFromTrustedProxies(t *testing.T) {
	s := apitest.NewWith(t, map[string]string{"KITE_TRUSTED_PROXIES": "10.0.0.0/8"})
	login := func(from, id string) string {
		t.Helper()
		req := s.Request("", `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { accessToken } }`,
			map[string]any{"u": "iro.demo", "p": demo.Password})
		req.RemoteAddr = from
		req.Header.Set("X-Request-Id", id)
		if r := s.Do(req); len(r.Errors) > 0 {
			t.Fatal(r.Raw)
		} else {
			return r.Header.Get("X-Request-Id")
		}
		return ""
	}
	audited := func(id string) int {
		t.Helper()
		n, err := s.Client().AuditEvent.Query().Where(auditevent.RequestID(id)).Count(apitest.System())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	const chosen = "chosen-by-the-client-0001"
	got := login("203.0.113.9:1000", chosen)
	if got == chosen || got == "" || audited(chosen) != 0 || audited(got) == 0 {
		t.Fatalf("from an untrusted address: answered %q, %d audit events with the client's id, %d with ours",
			got, audited(chosen), audited(got))
	}
	const proxied = "set-by-the-proxy-0001"
	if got := login("10.1.2.3:1000", proxied); got != proxied || audited(proxied) == 0 {
		t.Fatalf("from a trusted proxy: answered %q, %d audit events", got, audited(proxied))
	}
}
