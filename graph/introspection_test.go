package graph_test

import (
	"fmt"
	"os"
	"testing"

	"kite/internal/apitest"
)

// introspectionQuery is graphql-js 16's getIntrospectionQuery() with every
// option on: what GraphiQL, graphql-codegen, Apollo and Postman send.
func introspectionQuery(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/introspection-graphql-js-16.graphql")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStandardIntrospectionWorksInDevelopment(t *testing.T) {
	q := introspectionQuery(t)
	dev := apitest.New(t)
	r := dev.Query("", q, nil)
	if len(r.Errors) > 0 || apitest.Path(r.Data, "__schema", "queryType", "name") != "Query" {
		t.Fatalf("development: %s", r.Raw[:min(len(r.Raw), 400)])
	}
	if types, _ := apitest.Path(r.Data, "__schema", "types").([]any); len(types) < 20 {
		t.Fatalf("development: %d types", len(types))
	}
	prod := production(t)
	if r := prod.Query("", q, nil); r.Code() != "GRAPHQL_VALIDATION_FAILED" || len(r.Data) > 0 {
		t.Fatalf("production: %s", r.Raw[:min(len(r.Raw), 400)])
	}
}

// Only the introspection subtree is exempt from the depth and cost limits:
// real fields beside it, or aliased to its name, are counted as ever.
func TestIntrospectionCannotSmuggleDepth(t *testing.T) {
	s := apitest.New(t)
	tok := s.Login("manager.demo")
	deep := "id"
	for i := 0; i < 4; i++ {
		deep = fmt.Sprintf("allocations { child { %s } }", deep)
	}
	costly := `submissions(first: 100) { edges { node { id answers { value } } } }`
	cases := map[string]string{
		"deep beside __type": `{ __type(name: "Child") { name fields { type { ofType { name } } } }
			myCaseload(first: 1) { edges { node { ` + deep + ` } } } }`,
		"deep aliased as __schema": `{ __schema: myCaseload(first: 1) { edges { node { ` + deep + ` } } } }`,
		"deep aliased as __type":   `{ __type: myCaseload(first: 1) { edges { node { ` + deep + ` } } } }`,
		"costly beside __schema": `{ __schema { types { name } }
			myCaseload(first: 100) { edges { node { ` + costly + ` } } } }`,
		"costly aliased as __type": `{ __type: myCaseload(first: 100) { edges { node { ` + costly + ` } } } }`,
	}
	for name, q := range cases {
		if r := s.Query(tok, q, nil); r.Code() != "QUERY_TOO_COMPLEX" {
			t.Errorf("%s: %s", name, r.Raw[:min(len(r.Raw), 300)])
		}
	}
}
