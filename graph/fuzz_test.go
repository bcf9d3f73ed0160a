package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"kite/internal/apitest"
)

// FuzzHTTP sends arbitrary bodies, content types, methods and variables to
// /query: the server never panics, never answers 500, and always answers
// JSON (or nothing, for a preflight).
func FuzzHTTP(f *testing.F) {
	seeds := []struct{ method, contentType, body string }{
		{"POST", "application/json", `{"query":"{ glossary { term } }"}`},
		{"POST", "application/json", `{"query":"query($id: ID!) { child(id: $id) { id } }","variables":{"id":123}}`},
		{"POST", "application/json", `{"query":"mutation($in: SubmitWishesAndFeelingsInput!) { submitWishesAndFeelings(input: $in) { submission { id } } }","variables":{"in":{"childId":"chd_x","answers":[{"questionKey":1}],"shareWith":"NOPE","idempotencyKey":null}}}`},
		{"POST", "application/json", `[{"query":"{ me { id } }"}]`},
		{"POST", "application/json", `{"query":"{ node(id: \"\u0000\") { id } }"}`},
		{"POST", "text/plain", `{ glossary { term } }`},
		{"POST", "application/graphql", `{ glossary { term } }`},
		{"POST", "application/json", `{"query":`},
		{"GET", "", ""},
		{"POST", "multipart/form-data; boundary=x", "--x\r\n\r\n--x--"},
		{"POST", "application/json", `{"query":"mutation { login(input: {username: \"a\", password: \"b\"}) { accessToken } }"}`},
		{"POST", "application/json", `{"query":"{ authorityFigures(from: \"2026-02-30\", to: \"x\") { from } }"}`},
	}
	for _, s := range seeds {
		f.Add(s.method, s.contentType, []byte(s.body))
	}
	s := apitest.NewWith(f, map[string]string{"KITE_RATE_LIMIT": "0"})
	token := s.Login("iro.demo")
	f.Fuzz(func(t *testing.T, method, contentType string, body []byte) {
		if method != "GET" && method != "POST" && method != "OPTIONS" {
			method = "POST"
		}
		req := httptest.NewRequest(method, "/query", bytes.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		s.Handler.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %q %q: status %d %s", method, contentType, body, rec.Code, rec.Body)
		}
		if rec.Body.Len() > 0 && !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %q %q: not JSON: %s", method, contentType, body, rec.Body)
		}
		if rec.Code == http.StatusOK && bytes.Contains(rec.Body.Bytes(), []byte(`"INTERNAL"`)) {
			t.Fatalf("%s %q %q: internal error: %s", method, contentType, body, rec.Body)
		}
	})
}
