// Package apitest runs the whole server in process for API tests: a fresh
// database (SQLite, or PostgreSQL with KITE_TEST_POSTGRES), the reference
// and demo data, and the real HTTP handler. Tests speak GraphQL to it as a
// client would.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"kite/ent"
	"kite/ent/privacy"
	_ "kite/ent/runtime" // installs the privacy policies
	"kite/internal/access"
	"kite/internal/app"
	"kite/internal/civil"
	"kite/internal/config"
	"kite/internal/demo"
	"kite/internal/pipeline"
	"kite/internal/refdata"
	"kite/internal/store"
	"kite/internal/testdb"
)

// demoHash is the argon2id hash of the demo password, made once per test
// binary: hashing is slow on purpose.
var demoHash string

// Server is an in-process Kite with the demo data.
type Server struct {
	t       testing.TB
	Store   *store.Store
	Handler http.Handler
	Today   civil.Date
	Config  *config.Config
	App     *app.App

	// Pipeline is the driver that batches a request's reads on
	// PostgreSQL (nil on SQLite), to count its batches.
	Pipeline *pipeline.Driver

	statements *atomic.Int64
	texts      *statementLog
}

// Statements runs fn and returns how many SQL statements ran meanwhile.
func (s *Server) Statements(fn func()) int {
	before := s.statements.Load()
	fn()
	return int(s.statements.Load() - before)
}

// StatementsOf runs fn and returns the SQL statements that ran meanwhile,
// as ent's debug driver writes them (the text, then the arguments).
func (s *Server) StatementsOf(fn func()) []string {
	s.texts.mu.Lock()
	s.texts.on, s.texts.lines = true, nil
	s.texts.mu.Unlock()
	fn()
	s.texts.mu.Lock()
	defer s.texts.mu.Unlock()
	s.texts.on = false
	return s.texts.lines
}

// statementLog keeps the statements that run while on.
type statementLog struct {
	mu    sync.Mutex
	on    bool
	lines []string
}

func (l *statementLog) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.on {
		l.lines = append(l.lines, line)
	}
}

// New starts a server on a fresh database holding the demo data.
func New(t testing.TB) *Server { return NewWith(t, nil) }

// NewWith is New with configuration settings (KITE_* variables) given.
func NewWith(t testing.TB, settings map[string]string) *Server {
	t.Helper()
	st := testdb.Open(t)
	// Every statement a read keeps per shape is checked against a fresh
	// build (internal/access, shapes.go).
	access.CheckShapes()
	counter, texts := &atomic.Int64{}, &statementLog{}
	// Every statement goes through a counting driver, so tests can check
	// how many a query runs. KITE_TEST_SQL_LOG=1 also logs each one, to see
	// what a query runs when a count changes.
	logSQL := os.Getenv("KITE_TEST_SQL_LOG") != ""
	drv := store.Driver(st.Dialect, st.DB)
	batching, _ := drv.(*pipeline.Driver)
	st.Client = store.NewClient(dialect.DebugWithContext(drv,
		func(_ context.Context, args ...any) {
			if len(args) > 0 {
				if line, ok := args[0].(string); ok && isStatement(line) {
					counter.Add(1)
					texts.add(line)
					if logSQL {
						t.Log(line)
					}
				}
			}
		}))
	ctx := context.Background()
	if err := refdata.Write(ctx, st.Client); err != nil {
		t.Fatalf("apitest: reference data: %v", err)
	}
	today := civil.Today()
	if err := demo.Write(ctx, st.Client, demo.Options{Today: today, PasswordHash: passwordHash(t)}); err != nil {
		t.Fatalf("apitest: demo data: %v", err)
	}
	cfg, _, err := config.Load("test", nil, func(k string) string { return settings[k] }, io.Discard)
	if err != nil {
		t.Fatalf("apitest: config: %v", err)
	}
	// The request log would drown the test output; tests check what they need.
	a, err := app.New(cfg, st, app.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("apitest: assemble: %v", err)
	}
	a.Ready.Store(true)
	return &Server{t: t, Store: st, Handler: a.Handler, Today: today, Config: cfg, App: a, Pipeline: batching, statements: counter, texts: texts}
}

func passwordHash(t testing.TB) string {
	if demoHash == "" {
		h, err := demo.HashPassword(context.Background())
		if err != nil {
			t.Fatalf("apitest: hash: %v", err)
		}
		demoHash = h
	}
	return demoHash
}

// System returns a context that bypasses the access rules, for a test to
// look at stored rows directly.
func System() context.Context {
	return privacy.DecisionContext(context.Background(), privacy.Allow)
}

// Client is the ent client, for tests that inspect the database.
func (s *Server) Client() *ent.Client { return s.Store.Client }

// Response is a GraphQL response.
type Response struct {
	Status int
	Header http.Header
	Data   map[string]any
	Errors []struct {
		Message    string         `json:"message"`
		Path       []any          `json:"path"`
		Extensions map[string]any `json:"extensions"`
	}
	Raw string
}

// Code is the extensions.code of the first error, or "".
func (r *Response) Code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	code, _ := r.Errors[0].Extensions["code"].(string)
	return code
}

// Query posts a GraphQL operation with variables, with a bearer token when
// token is not empty.
func (s *Server) Query(token, query string, vars map[string]any) *Response {
	s.t.Helper()
	return s.Do(s.Request(token, query, vars))
}

// QueryFrom is Query from a given client address ("203.0.113.7:4000").
func (s *Server) QueryFrom(addr, token, query string, vars map[string]any) *Response {
	s.t.Helper()
	req := s.Request(token, query, vars)
	req.RemoteAddr = addr
	return s.Do(req)
}

// Request builds a GraphQL POST request.
func (s *Server) Request(token, query string, vars map[string]any) *http.Request {
	return Request(token, query, vars)
}

// Request builds a GraphQL POST request to /query, with the token as its
// bearer ("" for none).
func Request(token, query string, vars map[string]any) *http.Request {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return req
}

// Do sends any request and decodes a GraphQL response.
func (s *Server) Do(req *http.Request) *Response {
	s.t.Helper()
	rec := httptest.NewRecorder()
	ctx, cancel := context.WithTimeout(req.Context(), 30*time.Second)
	defer cancel()
	s.Handler.ServeHTTP(rec, req.WithContext(ctx))
	out := &Response{Status: rec.Code, Header: rec.Header(), Raw: rec.Body.String()}
	var body struct {
		Data   map[string]any `json:"data"`
		Errors json.RawMessage
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		s.t.Fatalf("apitest: response is not JSON (%d): %s", rec.Code, rec.Body)
	}
	out.Data = body.Data
	if len(body.Errors) > 0 {
		if err := json.Unmarshal(body.Errors, &out.Errors); err != nil {
			s.t.Fatalf("apitest: errors: %v", err)
		}
	}
	return out
}

// Get sends a query with GET, as a browser cache or CDN would.
func (s *Server) Get(query string) *Response {
	s.t.Helper()
	req := httptest.NewRequest(http.MethodGet, "/query?query="+url.QueryEscape(query), nil)
	return s.Do(req)
}

// Login signs in as a demo account and returns its access token.
func (s *Server) Login(username string) string {
	s.t.Helper()
	r := s.Query("", `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { accessToken } }`,
		map[string]any{"u": username, "p": demo.Password})
	if len(r.Errors) > 0 {
		s.t.Fatalf("apitest: login %s: %s", username, r.Raw)
	}
	return r.Data["login"].(map[string]any)["accessToken"].(string)
}

// Path digs a value out of response data by keys and list indexes.
func Path(data any, keys ...any) any {
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, _ := data.(map[string]any)
			data = m[k]
		case int:
			l, _ := data.([]any)
			if k >= len(l) {
				return nil
			}
			data = l[k]
		}
	}
	return data
}

// Body makes a request body from a string.
func Body(s string) io.ReadCloser { return io.NopCloser(strings.NewReader(s)) }

// File is a file sent with Upload: Path is where it goes in the variables
// ("variables.in.file"), Name the file name the client gives it.
type File struct {
	Path string
	Name string
	Data []byte
}

// Upload posts a GraphQL operation with files in the multipart request
// format (graphql-multipart-request-spec), as a browser or app sends
// pictures. The variables at the files' paths should be null.
func (s *Server) Upload(token, query string, vars map[string]any, files ...File) *Response {
	s.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	_ = mw.WriteField("operations", string(ops))
	paths := map[string][]string{}
	for i, f := range files {
		paths[strconv.Itoa(i)] = []string{f.Path}
	}
	m, _ := json.Marshal(paths)
	_ = mw.WriteField("map", string(m))
	for i, f := range files {
		part, _ := mw.CreateFormFile(strconv.Itoa(i), f.Name)
		_, _ = part.Write(f.Data)
	}
	_ = mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/query", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return s.Do(req)
}

// Download GETs a path (such as an attachment's downloadPath) with a
// bearer token when token is not empty, and returns the raw response.
func (s *Server) Download(token, path string) *httptest.ResponseRecorder {
	s.t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	s.Handler.ServeHTTP(rec, req)
	return rec
}

// isStatement reports whether a debug driver's log line is a statement:
// ent's Query and Exec, and QueryContext and ExecContext, which reads outside
// ent (internal/access's kept statements) run through the same driver.
func isStatement(line string) bool {
	for _, op := range []string{".Query:", ".Exec:", ".QueryContext:", ".ExecContext:"} {
		if strings.Contains(line, op) {
			return true
		}
	}
	return false
}
