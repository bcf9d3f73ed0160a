package graph

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"kite/graph/generated"
)

// TestAnswerAsJSONMarshal: writeAnswer writes every answer byte for byte
// as json.Marshal does (which is how gqlgen's own transport writes it),
// escaping included.
func TestAnswerAsJSONMarshal(t *testing.T) {
	yes, no := true, false
	answers := map[string]*graphql.Response{
		"nil":          nil,
		"no data":      {},
		"empty data":   {Data: json.RawMessage{}},
		"null data":    {Data: json.RawMessage(`null`)},
		"plain":        {Data: json.RawMessage(`{"child":{"id":"chd_1","preferredName":"Ava","n":3,"ok":true,"x":null}}`)},
		"escaped":      {Data: json.RawMessage(`{"text":"<script>alert(\"a & b\")</script>","sep":"a` + "\u2028b\u2029c" + `","é":"ünï"}`)},
		"escapes kept": {Data: json.RawMessage(`{"text":"line\nbreak \u003c \\ \/ \t"}`)},
		"errors": {
			Errors: gqlerror.List{
				{Message: "Sorry — <that> & this", Path: ast.Path{ast.PathName("child"), ast.PathIndex(2)},
					Extensions: map[string]any{"code": "FORBIDDEN"}},
				{Message: "second", Locations: []gqlerror.Location{{Line: 1, Column: 3}}},
			},
			Data: json.RawMessage(`{"child":null}`),
		},
		"errors without data": {Errors: gqlerror.List{{Message: "refused"}}},
		"the rest": {Data: json.RawMessage(`{"a":1}`), Label: "later <1>", Path: ast.Path{ast.PathName("a")},
			HasNext: &yes, Extensions: map[string]any{"cost": 12, "note": "a&b"}},
		"hasNext false": {Data: json.RawMessage(`{}`), HasNext: &no},
	}
	for name, a := range answers {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			writeAnswer(&got, a)
			want, err := json.Marshal(a)
			if name == "empty data" { // json.Marshal refuses it (gqlgen's transport panics); we write null
				if err == nil {
					t.Fatal("json.Marshal took empty data")
				}
				want = []byte(`{"data":null}`)
			} else if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("writeAnswer:\n got %s\nwant %s", got.Bytes(), want)
			}
		})
	}
}

// TestPostAsGqlgens: the same requests through gqlgen's POST transport and
// Kite's get the same status, content type and body.
func TestPostAsGqlgens(t *testing.T) {
	exec := executor.New(generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}))
	requests := []struct{ body, accept string }{
		{`{"query":"{ __typename }"}`, ""},
		{`{"query":"query($n: Int) { __typename }","variables":{"n":12345678901234567890}}`, ""},
		{`{"query":"{ __typename }"}`, "*/*"},
		{`{"query":"{ __typename }"}`, "application/*"},
		{`{"query":"{ __typename }"}`, "application/json"},
		{`{"query":"{ __typename }"}`, "application/graphql-response+json"},
		{`{"query":"{ __typename }"}`, "text/html, application/graphql-response+json;q=0.9, application/json"},
		{`{"query":"{ __typename }"}`, "text/html"},
		{`{"query":"{ __typename }"}`, ";;;, application/json"},
		{`{"query":"{ a < }"}`, ""},
		{`{"query":"{ a < }"}`, "application/graphql-response+json"},
		{`{"query":"{ nothing }"}`, ""},
		{`{"query":"{ nothing }"}`, "application/graphql-response+json"},
		{`{"query":`, ""},
		{`not json <at all>`, "application/graphql-response+json"},
		{``, ""},
	}
	serve := func(tr graphql.Transport, body, accept string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(body))
		req = req.WithContext(graphql.StartOperationTrace(req.Context())) // as gqlgen's handler does
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		if !tr.Supports(req) {
			t.Fatalf("%T does not take %q", tr, body)
		}
		rec := httptest.NewRecorder()
		tr.Do(rec, req, exec)
		return rec
	}
	for _, r := range requests {
		theirs, ours := serve(transport.POST{}, r.body, r.accept), serve(post{}, r.body, r.accept)
		if theirs.Code != ours.Code || theirs.Header().Get("Content-Type") != ours.Header().Get("Content-Type") ||
			theirs.Body.String() != ours.Body.String() {
			t.Errorf("%s (Accept %q):\ngqlgen %d %s %s\nkite   %d %s %s", r.body, r.accept,
				theirs.Code, theirs.Header().Get("Content-Type"), theirs.Body, ours.Code, ours.Header().Get("Content-Type"), ours.Body)
		}
	}
	for _, req := range []*http.Request{
		httptest.NewRequest(http.MethodGet, "/query", nil),
		httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{}`)), // no content type
	} {
		if (post{}).Supports(req) || (transport.POST{}).Supports(req) {
			t.Errorf("%s without a JSON body was taken", req.Method)
		}
	}
	up := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{}`))
	up.Header.Set("Content-Type", "application/json")
	up.Header.Set("Upgrade", "websocket")
	if (post{}).Supports(up) {
		t.Error("a WebSocket upgrade was taken")
	}
}
