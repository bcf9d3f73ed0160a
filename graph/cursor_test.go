package graph_test

import (
	"bytes"
	"strconv"
	"testing"

	"entgo.io/contrib/entgql"

	"kite/internal/apitest"
)

// cursor encodes c as entgql does, so a test can send one that decodes but
// holds what Kite never gives out.
func cursor(t *testing.T, c entgql.Cursor[any]) string {
	var b bytes.Buffer
	c.MarshalGQL(&b)
	s, err := strconv.Unquote(b.String())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMalformedCursorIsBadInput: a cursor that is not one Kite gave out is
// the client's mistake, BAD_USER_INPUT naming the argument — not INTERNAL.
func TestMalformedCursorIsBadInput(t *testing.T) {
	s := apitest.New(t)
	iro := s.Login("iro.demo")
	jamie := childNamed(t, s, "Jamie")
	odd := []string{
		cursor(t, entgql.Cursor[any]{ID: 42}),
		cursor(t, entgql.Cursor[any]{ID: "chd_x", Value: map[string]any{"a": []int{1}}}),
		cursor(t, entgql.Cursor[any]{ID: "chd_x", Value: []any{1, 2}}),
	}
	for _, cursor := range append([]string{"!!!", "bm90IGpzb24", "", "gaFp2SQ"}, odd...) {
		for name, q := range map[string]string{
			"caseload after":     `query($c: Cursor) { myCaseload(first: 5, after: $c) { edges { node { id } } } }`,
			"submissions before": `query($id: ID!, $c: Cursor) { child(id: $id) { submissions(last: 5, before: $c) { edges { node { id } } } } }`,
		} {
			r := s.Query(iro, q, map[string]any{"c": cursor, "id": jamie.ID})
			if cursor == "" && len(r.Errors) == 0 {
				continue // an empty cursor may mean "from the start"
			}
			if r.Code() != "BAD_USER_INPUT" {
				t.Errorf("%s %q: %s", name, cursor, r.Raw)
			}
		}
	}
}
