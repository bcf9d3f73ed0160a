package graph_test

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"kite/internal/apitest"
)

// scrape returns what Prometheus would read from the metrics listener.
func scrape(t *testing.T, s *apitest.Server) string {
	t.Helper()
	rec := httptest.NewRecorder()
	s.App.Metrics.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("metrics: %d", rec.Code)
	}
	return rec.Body.String()
}

// The API listener does not serve the metrics: they show the urgent
// notification backlog, which is nobody's business outside.
func TestMetricsAreNotServedByTheAPI(t *testing.T) {
	s := apitest.New(t)
	rec := httptest.NewRecorder()
	s.Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "kite_outbox_backlog") {
		t.Fatalf("/metrics on the API: %d", rec.Code)
	}
}

// Operation names come from clients; as metric labels they would let anyone
// grow the metrics without end. Only known names become labels.
func TestMetricsLabelsAreBounded(t *testing.T) {
	s := apitest.NewWith(t, map[string]string{"KITE_RATE_LIMIT": "0"})
	for i := 0; i < 100; i++ {
		b := make([]byte, 100)
		_, _ = rand.Read(b)
		s.Query("", "query Q"+hex.EncodeToString(b)+" { glossary { term } }", nil)
	}
	s.Query("", `query Glossary { glossary { term } }`, nil)
	s.Query("", `{ glossary { term } }`, nil)
	body := scrape(t, s)
	labels := map[string]bool{}
	for _, m := range regexp.MustCompile(`kite_graphql_requests_total\{operation="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		labels[m[1]] = true
	}
	if len(labels) > 5 || !labels["Glossary"] || !labels["other"] || !labels["anonymous"] {
		t.Fatalf("operation labels: %v", labels)
	}
	if len(body) > 64<<10 {
		t.Fatalf("metrics are %d bytes", len(body))
	}
}
