package graph_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"kite/internal/apitest"
)

// The dashboard of docs/quality.md and a full caseload pass under the default limits.
func TestNormalQueriesPassTheLimits(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	if r := s.Query(s.Login("child.demo"), dashboardQuery, map[string]any{"id": jamie.ID}); len(r.Errors) > 0 {
		t.Fatalf("dashboard: %s", r.Raw)
	}
	caseload := `{ myCaseload(first: 70) { totalCount edges { node { id preferredName unreadSubmissionCount
		nextMeetingDue { kind dueBy overdue } chair { name } } } } }`
	if r := s.Query(s.Login("iro.demo"), caseload, nil); len(r.Errors) > 0 {
		t.Fatalf("caseload: %s", r.Raw)
	}
}

func TestLimits(t *testing.T) {
	s := apitest.New(t)
	tok := s.Login("manager.demo")
	nest := func(levels int) string {
		q := "id"
		for i := 0; i < levels; i++ {
			q = fmt.Sprintf("allocations { child { %s } }", q)
		}
		return "{ myCaseload(first: 1) { edges { node { " + q + " } } } }"
	}
	many := func(n int, format string) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	cases := []struct {
		name, query, code string
	}{
		{"too deep", nest(4), "QUERY_TOO_COMPLEX"}, // 3 + 4×2 + 1 = 12 levels
		{"too costly", `{ myCaseload(first: 100) { edges { node { submissions(first: 100) { edges { node { id answers { value } } } } } } } }`, "QUERY_TOO_COMPLEX"},
		{"too many aliases", "{ me { " + many(16, "a%d: id ") + "} }", "QUERY_TOO_COMPLEX"},
		{"too many root fields", "{ " + many(11, "g%d: glossary { term } ") + "}", "QUERY_TOO_COMPLEX"},
		{"too many tokens", "{ me { " + strings.Repeat("id ", 4100) + "} }", "QUERY_TOO_COMPLEX"},
		{"too long", "{ me { id } } # " + strings.Repeat("x", 17<<10), "BAD_USER_INPUT"},
	}
	for _, tc := range cases {
		r := s.Query(tok, tc.query, nil)
		if r.Code() != tc.code || r.Data != nil && len(r.Data) > 0 {
			t.Errorf("%s: %s", tc.name, r.Raw[:min(len(r.Raw), 300)])
		}
	}
	// Within the limits, the same shapes pass.
	for name, q := range map[string]string{"nested to 10": nest(3), "15 aliases": "{ me { " + many(15, "a%d: id ") + "} }",
		"10 root fields": "{ " + many(10, "g%d: glossary { term } ") + "}"} {
		if r := s.Query(tok, q, nil); len(r.Errors) > 0 {
			t.Errorf("%s: %s", name, r.Raw)
		}
	}
}

// An operation's price is kept per query text, operation and variables
// (pricedOnce): the same text with a bigger page in its variables is priced
// afresh and refused, and the small one still passes after it.
func TestComplexityFollowsTheVariables(t *testing.T) {
	s := apitest.New(t)
	tok := s.Login("manager.demo")
	q := `query Q($n: Int) { myCaseload(first: $n) { edges { node { submissions(first: $n) { edges { node { id answers { value } } } } } } } }`
	for i, tc := range []struct {
		n       int
		refused bool
	}{{2, false}, {100, true}, {2, false}, {100, true}} {
		r := s.Query(tok, q, map[string]any{"n": tc.n})
		if got := r.Code() == "QUERY_TOO_COMPLEX"; got != tc.refused {
			t.Errorf("request %d (first: %d): refused %v, want %v: %s", i, tc.n, got, tc.refused, r.Raw[:min(len(r.Raw), 300)])
		}
	}
}

func TestPageSizeIsCapped(t *testing.T) {
	s := apitest.New(t)
	r := s.Query(s.Login("manager.demo"), `{ auditEvents(first: 5000) { edges { node { id } } } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	if n := len(apitest.Path(r.Data, "auditEvents", "edges").([]any)); n > 100 {
		t.Fatalf("%d rows on one page", n)
	}
}

// A fragment "bomb" (fragments spreading fragments, doubling each level) is
// refused or answered quickly: nothing walks it exponentially.
func TestFragmentBombIsCheap(t *testing.T) {
	s := apitest.New(t)
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	const levels = 40
	for i := 0; i < levels; i++ {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { glossary { term } }\n", levels)
	start := time.Now()
	r := s.Query(s.Login("manager.demo"), b.String(), nil)
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("a fragment bomb took %s", took)
	}
	if len(r.Errors) == 0 {
		t.Fatalf("a fragment bomb was answered: %s", r.Raw[:min(len(r.Raw), 200)])
	}
}

// A query with hundreds of mistakes gets the first 20 and one error saying
// the rest were left out, over HTTP as over a WebSocket.
func TestValidationErrorsAreCapped(t *testing.T) {
	s := apitest.New(t)
	q := "{ glossary " + strings.Repeat("@include(if: true) ", 500) + "{ term } }"
	check := func(how string, errs []map[string]any) {
		t.Helper()
		if len(errs) != 21 {
			t.Fatalf("%s: %d errors", how, len(errs))
		}
		last := errs[20]
		ext, _ := last["extensions"].(map[string]any)
		if ext["code"] != "GRAPHQL_VALIDATION_FAILED" || !strings.Contains(fmt.Sprint(last["message"]), "first 20") {
			t.Fatalf("%s: the last error: %v", how, last)
		}
	}
	r := s.Query("", q, nil)
	var errs []map[string]any
	for _, e := range r.Errors {
		errs = append(errs, map[string]any{"message": e.Message, "extensions": e.Extensions})
	}
	check("HTTP", errs)

	srv := httptest.NewServer(s.Handler)
	defer srv.Close()
	ws, err := dial(t, srv, s.Login("iro.demo"))
	if err != nil {
		t.Fatal(err)
	}
	ws.subscribe("1", q)
	m, err := ws.read(5 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var payload []map[string]any
	if m.Type == "next" {
		var p struct{ Errors []map[string]any }
		_ = json.Unmarshal(m.Payload, &p)
		payload = p.Errors
	} else if err := json.Unmarshal(m.Payload, &payload); err != nil {
		t.Fatalf("%s %s", m.Type, m.Payload)
	}
	check("WebSocket", payload)
}
