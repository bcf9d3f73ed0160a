package graph_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kite/internal/apitest"
)

func TestRequestRateLimit(t *testing.T) {
	s := apitest.NewWith(t, map[string]string{"KITE_RATE_LIMIT": "5/min"})
	var last *apitest.Response
	for i := 0; i < 6; i++ {
		last = s.QueryFrom("203.0.113.5:1000", "", `{ glossary { term } }`, nil)
	}
	if last.Code() != "RATE_LIMITED" || last.Status != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Fatalf("6th request in a minute: %d %v %s", last.Status, last.Header, last.Raw)
	}
	// Another address is not held back.
	if r := s.QueryFrom("203.0.113.6:1000", "", `{ glossary { term } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("another address: %s", r.Raw)
	}
}

func TestRateLimitOffWithZero(t *testing.T) {
	s := apitest.NewWith(t, map[string]string{"KITE_RATE_LIMIT": "0"})
	for i := 0; i < 700; i++ {
		if r := s.QueryFrom("203.0.113.5:1000", "", `{ passwordPolicy { minLength } }`, nil); len(r.Errors) > 0 {
			t.Fatalf("request %d: %s", i, r.Raw)
		}
	}
}

func TestCORSAllowList(t *testing.T) {
	s := apitest.NewWith(t, map[string]string{"KITE_CORS_ORIGINS": "https://portal.example.org"})
	preflight := func(origin string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodOptions, "/query", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		rec := httptest.NewRecorder()
		s.Handler.ServeHTTP(rec, req)
		return rec
	}
	if rec := preflight("https://portal.example.org"); rec.Header().Get("Access-Control-Allow-Origin") != "https://portal.example.org" {
		t.Errorf("allowed origin: %v", rec.Header())
	}
	if rec := preflight("https://evil.example.com"); rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("other origin allowed: %v", rec.Header())
	}
}

func TestMetrics(t *testing.T) {
	s := apitest.New(t)
	s.Query("", `query Glossary { glossary { term } }`, nil)
	s.Query("", `mutation { login(input: {username: "nobody", password: "wrong password here"}) { accessToken } }`, nil)
	body := scrape(t, s)
	for _, want := range []string{
		`kite_graphql_requests_total{operation="Glossary",outcome="ok"} 1`,
		`outcome="UNAUTHENTICATED"`,
		"kite_graphql_request_duration_seconds_bucket",
		"kite_login_failures_total 1",
		"kite_outbox_backlog 0",
		"go_sql_max_open_connections",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestMetricsCanBeTurnedOff(t *testing.T) {
	s := apitest.NewWith(t, map[string]string{"KITE_METRICS_PATH": "off"})
	if s.App.Metrics != nil {
		t.Fatal("metrics are served when off")
	}
}

// production is a server in production mode.
func production(t *testing.T) *apitest.Server {
	return apitest.NewWith(t, map[string]string{"KITE_MODE": "production",
		"KITE_SIGNING_KEY": "YS10ZXN0LXNpZ25pbmcta2V5LW9mLW1vcmUtdGhhbi0zMi1yYW5kb20tYnl0ZXMh",
		"KITE_SMTP_URL":    "smtp://mail.example.org:25?from=kite@example.org"})
}

func TestProductionModeRefusesIntrospectionAndSuggestions(t *testing.T) {
	s := production(t)
	if r := s.Query("", `{ __schema { types { name } } }`, nil); r.Code() != "GRAPHQL_VALIDATION_FAILED" {
		t.Fatalf("introspection in production: %s", r.Raw[:min(200, len(r.Raw))])
	}
	r := s.Query("", `{ glossar { term } }`, nil)
	if len(r.Errors) == 0 || strings.Contains(r.Raw, "Did you mean") {
		t.Fatalf("field suggestions in production: %s", r.Raw)
	}
	dev := apitest.New(t)
	if r := dev.Query("", `{ __schema { queryType { name } } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("introspection in development: %s", r.Raw)
	}
}

func TestInternalErrorsAreMasked(t *testing.T) {
	s := production(t)
	tok := s.Login("iro.demo")
	// Break the database under the server: every query now fails inside.
	s.Store.DB.Close()
	r := s.Query(tok, `{ myCaseload { totalCount } }`, nil)
	if r.Code() != "INTERNAL" || r.Errors[0].Extensions["requestId"] == nil {
		t.Fatalf("an internal failure: %s", r.Raw)
	}
	for _, leak := range []string{"sql", "database", "closed", ".go", "ent:"} {
		if strings.Contains(strings.ToLower(r.Errors[0].Message), leak) {
			t.Errorf("the error shows %q: %s", leak, r.Errors[0].Message)
		}
	}
}

// GraphQL over HTTP: with the graphql-response+json media type, request
// errors get 4xx statuses; GET never runs a mutation.
func TestGraphQLOverHTTP(t *testing.T) {
	s := apitest.New(t)
	post := func(body, accept string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", accept)
		rec := httptest.NewRecorder()
		s.Handler.ServeHTTP(rec, req)
		return rec
	}
	const gql = "application/graphql-response+json"
	ok := post(`{"query":"{ glossary { term } }"}`, gql)
	if ok.Code != 200 || !strings.HasPrefix(ok.Header().Get("Content-Type"), gql) {
		t.Errorf("a good query: %d %s", ok.Code, ok.Header().Get("Content-Type"))
	}
	if r := post(`{"query":"{ glossary { "}`, gql); r.Code != http.StatusBadRequest || !strings.Contains(r.Body.String(), "GRAPHQL_PARSE_FAILED") {
		t.Errorf("a parse error: %d %s", r.Code, r.Body)
	}
	if r := post(`{"query":"{ nothing }"}`, gql); r.Code != http.StatusBadRequest || !strings.Contains(r.Body.String(), "GRAPHQL_VALIDATION_FAILED") {
		t.Errorf("a validation error: %d %s", r.Code, r.Body)
	}
	if r := post(`{"query":`, gql); r.Code != http.StatusBadRequest {
		t.Errorf("bad JSON: %d %s", r.Code, r.Body)
	}
	if r := post(`{"query":"{ glossary { term } }"}`, "application/json"); r.Code != 200 || !strings.HasPrefix(r.Header().Get("Content-Type"), "application/json") {
		t.Errorf("application/json: %d %s", r.Code, r.Header().Get("Content-Type"))
	}
	req := httptest.NewRequest(http.MethodGet, "/query?query="+strings.ReplaceAll(`mutation { logout(refreshToken: "x") }`, " ", "+"), nil)
	rec := httptest.NewRecorder()
	s.Handler.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Body)
	if rec.Code == 200 && !strings.Contains(string(body), "errors") {
		t.Errorf("GET mutation: %d %s", rec.Code, body)
	}
	// Wrong content type: refused with a clear error, nothing run.
	req = httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`query { glossary { term } }`))
	req.Header.Set("Content-Type", "text/plain")
	rec = httptest.NewRecorder()
	s.Handler.ServeHTTP(rec, req)
	if rec.Code < 400 {
		t.Errorf("text/plain body: %d %s", rec.Code, rec.Body)
	}
}
