// Package httpserver is Kite's HTTP surface: routes, middleware (request id,
// panic recovery, security headers, body limit), health and readiness, and
// the server with graceful shutdown.
package httpserver

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql/playground"

	"kite/internal/apierr"
	"kite/internal/clientip"
	"kite/internal/reqlog"
	"kite/internal/requestid"
)

// Options are what the handler is built from.
type Options struct {
	// GraphQL serves /query (with the viewer and audit middleware already
	// around it).
	GraphQL http.Handler
	// Ping checks the database for /readyz.
	Ping func(context.Context) error
	// Dependencies are the other services /readyz checks (the event bus,
	// the shared store).
	Dependencies []Dependency
	// Ready reports whether start-up work (migrations, demo data) is done.
	Ready *atomic.Bool
	// Development serves the GraphQL IDE at /.
	Development bool
	// MaxBody is the largest request body on /query, in bytes.
	MaxBody int64
	// MaxUploadBody is the largest multipart request body on /query (a
	// mutation with pictures), in bytes, for a request that carries a
	// token; any other request has MaxBody. Zero means MaxBody.
	MaxUploadBody int64
	// Attachments serves GET AttachmentPath{id} (with the viewer
	// middleware already around it); nil serves nothing there.
	Attachments http.Handler
	// TrustedProxies are believed about the client address (X-Forwarded-For).
	TrustedProxies []netip.Prefix
	// CORSOrigins are the browser origins allowed to call the API.
	CORSOrigins []string
	// Logger writes one line per request; nil means slog's default.
	Logger *slog.Logger
	// SignIn serves /auth/oidc/ (SignInRoutes, behind the rate limit); nil
	// when staff sign-in through identity providers is off.
	SignIn http.Handler
	// BrowserSessions serves /auth/browser/ (BrowserSessionRoutes, behind
	// the rate limit); nil serves nothing there.
	BrowserSessions http.Handler
	// Portal is the web portal's files (package web), served at /portal/;
	// nil serves nothing there.
	Portal fs.FS
}

// NewHandler builds the routes and wraps them in the middleware.
func NewHandler(o Options) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", readyz(o))
	query := untilReady(o.Ready, limitBody(o.MaxBody, o.MaxUploadBody, withResponseHeader(o.GraphQL)))
	mux.Handle("POST /query", query)
	mux.Handle("GET /query", query)
	if o.Attachments != nil {
		mux.Handle("GET "+AttachmentPath+"{id}", untilReady(o.Ready, o.Attachments))
	}
	if o.SignIn != nil {
		mux.Handle("GET /auth/oidc/", untilReady(o.Ready, o.SignIn))
	}
	if o.BrowserSessions != nil {
		mux.Handle("POST "+BrowserPath, untilReady(o.Ready, o.BrowserSessions))
	}
	if o.Portal != nil {
		mux.Handle("GET "+PortalPath, Portal(o.Portal))
	}
	if o.Development {
		mux.Handle("GET /{$}", playground.Handler("Kite (development)", "/query"))
	}
	log := o.Logger
	if log == nil {
		log = slog.Default()
	}
	inner := securityHeaders(cors(o.CORSOrigins, clientip.Middleware(o.TrustedProxies, mux)))
	return requestid.Middleware(o.TrustedProxies, reqlog.Middleware(log, recoverPanics(inner)))
}

// MetricsHandler serves metrics at path, for the metrics listener (never
// the API's). With a token, a scrape must send it as a bearer token.
func MetricsHandler(metrics http.Handler, path, token string) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET "+path, requireToken(token, metrics))
	return securityHeaders(mux)
}

// requireToken refuses requests without the bearer token; an empty token
// lets every request through.
func requireToken(token string, next http.Handler) http.Handler {
	if token == "" {
		return next
	}
	want := sha256.Sum256([]byte("Bearer " + token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Compared as digests, in constant time: neither the token nor its
		// length shows in the time taken.
		got := sha256.Sum256([]byte(r.Header.Get("Authorization")))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="kite-metrics"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// cors answers browsers from the configured origins only: with no origins
// configured, only same-origin pages can call the API. Bearer tokens, never
// cookies, so credentials are not allowed.
func cors(origins []string, next http.Handler) http.Handler {
	allowed := make(map[string]bool, len(origins))
	for _, o := range origins {
		allowed[o] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin != "" && allowed[origin] {
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", origin)
			h.Add("Vary", "Origin")
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept, X-Request-Id")
				h.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// withResponseHeader lets errors raised inside a request set headers such
// as Retry-After (apierr.Present).
func withResponseHeader(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(apierr.WithResponseHeader(r.Context(), w.Header())))
	})
}

// Dependency is a service an instance needs to serve correctly.
type Dependency struct {
	Name  string
	Check func(context.Context) error
}

// readyz answers 200 once start-up work is done and the database and every
// dependency answer within a second, 503 otherwise. The answer names each
// one: {"status":"ready","checks":{"database":"ok","events":"ok",…}}; when
// one fails the status says which ("events unreachable"), never why (that
// goes to the log).
func readyz(o Options) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !o.Ready.Load() {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "starting"})
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), time.Second)
		defer cancel()
		deps := append([]Dependency{{Name: "database", Check: o.Ping}}, o.Dependencies...)
		checks := map[string]string{}
		status := "ready"
		for _, d := range deps {
			checks[d.Name] = "ok"
			if err := d.Check(ctx); err != nil {
				slog.WarnContext(ctx, "readyz: "+d.Name+" unreachable", "error", err)
				checks[d.Name] = "unreachable"
				if status == "ready" {
					status = d.Name + " unreachable"
				}
			}
		}
		code := http.StatusOK
		if status != "ready" {
			code = http.StatusServiceUnavailable
		}
		writeJSON(w, code, map[string]any{"status": status, "checks": checks})
	}
}

// untilReady answers 503 until start-up work is done, so no query meets a
// half-migrated database.
func untilReady(ready *atomic.Bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !ready.Load() {
			w.Header().Set("Retry-After", "1")
			apierr.WriteHTTP(w, r, http.StatusServiceUnavailable, &apierr.Error{Code: apierr.CodeInternal, Message: "Kite is starting. Please try again in a moment."})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody caps the request body; gqlgen reads the whole body otherwise.
// A multipart request (a mutation with files) from someone with a token may
// be up to maxUpload: without a token nothing can be uploaded, so nobody
// can make the server read a big body for nothing.
func limitBody(max, maxUpload int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		max := max
		if maxUpload > max && r.Header.Get("Authorization") != "" && isMultipart(r) {
			max = maxUpload
		}
		if r.ContentLength > max {
			apierr.WriteHTTP(w, r, http.StatusRequestEntityTooLarge, apierr.BadInput("", "The request is too large."))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, max)
		next.ServeHTTP(w, r)
	})
}

// isMultipart reports whether the request body is multipart/form-data.
func isMultipart(r *http.Request) bool {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mediaType == "multipart/form-data"
}

// recoverPanics turns a panic into a logged INTERNAL error, so one bad
// request never takes the server down or shows a stack to a client.
func recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				slog.ErrorContext(r.Context(), "panic", "request_id", requestid.FromContext(r.Context()), "panic", p)
				apierr.WriteHTTP(w, r, http.StatusInternalServerError, apierr.InternalError())
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders are sent on every response. The API serves JSON only; the
// development IDE needs scripts from its CDN, so its page relaxes the policy.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cache-Control", "no-store")
		if r.URL.Path != "/" {
			h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		}
		next.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// Serve runs srv on l until ctx is cancelled, then shuts down gracefully:
// the listener closes at once (new requests are refused) and in-flight
// requests get up to grace to finish.
func Serve(ctx context.Context, srv *http.Server, l net.Listener, grace time.Duration) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// NewServer is an http.Server with timeouts, so a slow client cannot hold a
// connection open for ever.
func NewServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}
