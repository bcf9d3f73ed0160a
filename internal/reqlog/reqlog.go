// Package reqlog writes one structured log line per request: method, path,
// status, time taken, request id, the viewer's user id and the GraphQL
// operation name — never names, tokens, passwords or anyone's answers.
package reqlog

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"kite/internal/requestid"
)

type entry struct {
	mu        sync.Mutex
	viewer    string
	operation string
}

type ctxKey struct{}

// SetViewer records who the request is from (their user id).
func SetViewer(ctx context.Context, userID string) {
	if e, ok := ctx.Value(ctxKey{}).(*entry); ok {
		e.mu.Lock()
		e.viewer = userID
		e.mu.Unlock()
	}
}

// maxOperation is the most of an operation's name that is logged: the name
// is the client's choice and can be as long as the query.
const maxOperation = 100

// SetOperation records the GraphQL operation's name.
func SetOperation(ctx context.Context, name string) {
	if e, ok := ctx.Value(ctxKey{}).(*entry); ok {
		e.mu.Lock()
		e.operation = strings.ToValidUTF8(name[:min(len(name), maxOperation)], "")
		e.mu.Unlock()
	}
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (websockets).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Middleware logs each request when it ends.
func Middleware(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		e := &entry{}
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), ctxKey{}, e)))
		e.mu.Lock()
		defer e.mu.Unlock()
		attrs := []slog.Attr{
			slog.String("request_id", requestid.FromContext(r.Context())),
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Int64("duration_ms", time.Since(start).Milliseconds()),
			slog.String("viewer", e.viewer),
			slog.String("operation", e.operation),
		}
		if id := requestid.ClientFromContext(r.Context()); id != "" {
			// What the client claimed, to help match its own logs: untrusted.
			attrs = append(attrs, slog.String("client_request_id", id))
		}
		log.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
	})
}
