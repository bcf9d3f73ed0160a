package graph_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"kite/internal/apitest"
)

// The dashboard of quality.md and a full caseload pass under the default limits.
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
