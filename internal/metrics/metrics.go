// Package metrics exposes Prometheus metrics: GraphQL requests by operation
// name and outcome, their latency, the database pool, login failures and the
// notification outbox's backlog.
package metrics

import (
	"context"
	"database/sql"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are Kite's collectors, in a registry of their own.
type Metrics struct {
	Registry      *prometheus.Registry
	requests      *prometheus.CounterVec
	duration      *prometheus.HistogramVec
	loginFailures prometheus.Counter
}

// New registers the collectors. backlog reports the outbox's undelivered
// notifications when scraped.
func New(db *sql.DB, backlog func(context.Context) (int, error)) *Metrics {
	m := &Metrics{Registry: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "kite_graphql_requests_total",
		Help: "GraphQL operations, by operation name (known names only; other or anonymous) and outcome (ok, or the error code).",
	}, []string{"operation", "outcome"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "kite_graphql_request_duration_seconds",
		Help:    "Time to answer a GraphQL operation, by operation name.",
		Buckets: []float64{.002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	}, []string{"operation"})
	m.loginFailures = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "kite_login_failures_total",
		Help: "Failed logins (wrong password, unknown username or disabled account).",
	})
	outbox := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "kite_outbox_backlog",
		Help: "Notifications waiting to be delivered.",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		n, err := backlog(ctx)
		if err != nil {
			return -1
		}
		return float64(n)
	})
	m.Registry.MustRegister(m.requests, m.duration, m.loginFailures, outbox,
		collectors.NewDBStatsCollector(db, "kite"),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{Registry: m.Registry})
}

// KnownOperations are the operation names that become metric labels: the
// named operations Kite's own tools send (graphql-js's introspection query,
// sent by GraphiQL and code generators; the glossary, the public page the
// README's examples use). The name comes from the client, so any other
// name is counted as "other" and an unnamed operation as "anonymous":
// otherwise anyone could grow the metrics without end, one name per request.
var KnownOperations = map[string]bool{"IntrospectionQuery": true, "Glossary": true}

// maxLabel caps any label value, whatever a later change lets through.
const maxLabel = 64

// operationLabel is the bounded label for a client's operation name.
func operationLabel(name string) string {
	switch {
	case name == "":
		return "anonymous"
	case KnownOperations[name]:
		return name
	}
	return "other"
}

func capLabel(s string) string { return strings.ToValidUTF8(s[:min(len(s), maxLabel)], "") }

// Observe records one GraphQL operation.
func (m *Metrics) Observe(operation, outcome string, took time.Duration) {
	if m == nil {
		return
	}
	operation = capLabel(operationLabel(operation))
	m.requests.WithLabelValues(operation, capLabel(outcome)).Inc()
	m.duration.WithLabelValues(operation).Observe(took.Seconds())
}

// LoginFailed counts a failed login.
func (m *Metrics) LoginFailed() {
	if m != nil {
		m.loginFailures.Inc()
	}
}
