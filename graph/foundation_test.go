package graph_test

import (
	"fmt"
	"strings"
	"testing"

	"kite/ent/child"
	"kite/internal/apitest"
)

// Until the access rules exist, no query returns child data: node(id) on a
// real child is null, exactly like a missing or malformed id, and the
// glossary is public.
func TestFoundationServesOnlyPublicData(t *testing.T) {
	s := apitest.New(t)
	c := s.Client().Child.Query().Where(child.PreferredName("Jamie")).OnlyX(apitest.System())

	for name, id := range map[string]string{
		"a real child":      string(c.ID),
		"a missing child":   "chd_01JAAAAAAAAAAAAAAAAAAAAAAA",
		"an unknown prefix": "zzz_01JAAAAAAAAAAAAAAAAAAAAAAA",
		"garbage":           "'; DROP TABLE children; --",
	} {
		r := s.Query("", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id})
		if len(r.Errors) > 0 || r.Data["node"] != nil {
			t.Errorf("%s: node = %v, errors %v", name, r.Data["node"], r.Errors)
		}
	}

	r := s.Query("", `{ glossary { term explanation } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("glossary: %v", r.Errors)
	}
	entries := r.Data["glossary"].([]any)
	terms := make([]string, 0, len(entries))
	for _, e := range entries {
		terms = append(terms, strings.ToLower(e.(map[string]any)["term"].(string)))
	}
	for _, want := range []string{"advocate", "care plan", "core group", "review"} {
		if !containsPrefix(terms, want) {
			t.Errorf("glossary lacks %q: %v", want, terms)
		}
	}
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func TestNodesCapsItsList(t *testing.T) {
	s := apitest.New(t)
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = fmt.Sprintf("chd_%026d", i)
	}
	r := s.Query("", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids})
	if r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("101 ids: %s", r.Raw)
	}
	r = s.Query("", `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": ids[:3]})
	if len(r.Errors) > 0 || len(r.Data["nodes"].([]any)) != 3 {
		t.Fatalf("3 ids: %s", r.Raw)
	}
}

func TestGetServesQueries(t *testing.T) {
	s := apitest.New(t)
	r := s.Get(`{ glossary { term } }`)
	if r.Status != 200 || len(r.Errors) > 0 {
		t.Fatalf("GET query: %d %s", r.Status, r.Raw)
	}
}
