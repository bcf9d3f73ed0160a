package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	"entgo.io/contrib/entgql"

	"kite/ent"
	"kite/ent/child"
	"kite/ent/wishesandfeelings"
	"kite/graph"
	"kite/graph/generated"
	"kite/graph/model"
	"kite/internal/apitest"
	"kite/internal/app"
	"kite/internal/auth"
	"kite/internal/config"
	"kite/internal/demo"
	"kite/internal/duedates"
	"kite/internal/floor"
	"kite/internal/gen"
	"kite/internal/ident"
	"kite/internal/store"
	"kite/internal/testdb"
	"kite/internal/viewer"
)

// The benchmarks run the whole server in process on a generated authority,
// and beside it the floor (internal/floor, the hand-written handler
// cmd/loadtest measures Kite against) on the same database, for the same
// children and staff, so that one `go test -bench` run gives both and
// their ratio:
//
//	KITE_BENCH_DATABASE=/tmp/gen.db go test ./graph -run '^$' -bench 'ChildDashboard|Caseload|Floor|GraphQLOnly' -benchmem
//
// KITE_BENCH_DATABASE names a database made with `kite gen` (kept, and
// shared by every benchmark of the run); without it each benchmark
// generates 2,000 children of its own.

// benchChildren and benchStaff are how many accounts the benchmarks rotate
// over, as cmd/loadtest does with its 32 clients.
const (
	benchChildren = 32
	benchStaff    = 32
)

// benchEnv is the server and the floor on one database.
type benchEnv struct {
	database string
	store    *store.Store
	app      *app.App
	floor    http.Handler
	closeAll func()

	childrenOnce sync.Once
	children     []benchAccount
	childrenErr  error
	staffOnce    sync.Once
	staff        []benchAccount
	staffErr     error
}

// benchAccount is a signed-in account: a child (with their own child
// record's id) or a member of staff.
type benchAccount struct {
	token, childID string
}

var sharedBench struct {
	once sync.Once
	env  *benchEnv
	err  error
}

func benchServer(b *testing.B) *benchEnv {
	b.Helper()
	if database := os.Getenv("KITE_BENCH_DATABASE"); database != "" {
		// Go calls each benchmark several times (growing b.N): on a kept
		// database every call shares one server and one set of sign-ins.
		sharedBench.once.Do(func() { sharedBench.env, sharedBench.err = openBench(database, false) })
		if sharedBench.err != nil {
			b.Fatal(sharedBench.err)
		}
		return sharedBench.env
	}
	env, err := openBench(testdb.URL(b), true)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(env.closeAll)
	return env
}

// openBench opens the store (generating 2,000 children if fresh), the
// server and the floor.
func openBench(database string, fresh bool) (_ *benchEnv, err error) {
	ctx := context.Background()
	st, err := store.Open(ctx, database)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			st.Close()
		}
	}()
	if err := st.Migrate(ctx); err != nil {
		return nil, err
	}
	if fresh {
		if _, err := gen.Generate(ctx, st.Client, gen.Options{Children: 2000, Seed: 1}); err != nil {
			return nil, err
		}
		if err := st.Analyze(ctx); err != nil {
			return nil, err
		}
	}
	// Tokens last the whole run: the sign-ins are kept across benchmarks.
	env := map[string]string{"KITE_RATE_LIMIT": "0", "KITE_ACCESS_TOKEN_TTL": "24h"}
	cfg, _, err := config.Load("bench", nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		return nil, err
	}
	a, err := app.New(cfg, st, app.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return nil, err
	}
	a.Ready.Store(true)
	tokens, err := auth.NewTokens(auth.TokenConfig{Keys: cfg.Keys, Issuer: app.TokenIssuer, Audience: app.TokenAudience})
	if err != nil {
		return nil, err
	}
	fl, err := floor.Open(database, tokens)
	if err != nil {
		return nil, err
	}
	return &benchEnv{database: database, store: st, app: a, floor: fl.Handler(),
		closeAll: func() { fl.Close(); st.Close() }}, nil
}

// post sends a GraphQL request through the server's whole HTTP handler.
func (e *benchEnv) post(token, query string, vars map[string]any) []byte {
	return serve(e.app.Handler, apitest.Request(token, query, vars))
}

// get sends a request to the floor.
func (e *benchEnv) get(token, path string) []byte {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return serve(e.floor, req)
}

func serve(h http.Handler, req *http.Request) []byte {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Body.Bytes()
}

// login signs a generated account in with the demo password; "" if it
// cannot (there is no such account).
func (e *benchEnv) login(username string) string {
	var out struct {
		Data struct {
			Login struct{ AccessToken string }
		}
	}
	_ = json.Unmarshal(e.post("", `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { accessToken } }`,
		map[string]any{"u": username, "p": demo.Password}), &out)
	return out.Data.Login.AccessToken
}

// dashboardChildren signs in the first benchChildren generated children
// whose dashboards are full — a current plan, a chair and a social worker,
// upcoming meetings and submissions — so that every part of the query
// reads rows (gen-child-1's case, for one, is closed).
func (e *benchEnv) dashboardChildren(b *testing.B) []benchAccount {
	b.Helper()
	e.childrenOnce.Do(func() {
		for i := 1; len(e.children) < benchChildren; i++ {
			token := e.login(fmt.Sprintf("gen-child-%d", i))
			if token == "" {
				break // no more generated children
			}
			var me struct {
				Data struct {
					Me struct{ Child struct{ ID string } }
				}
			}
			_ = json.Unmarshal(e.post(token, `{ me { child { id } } }`, nil), &me)
			a := benchAccount{token: token, childID: me.Data.Me.Child.ID}
			if full, err := fullDashboard(e.post(token, dashboardQuery, map[string]any{"id": a.childID})); err != nil {
				e.childrenErr = err
				return
			} else if full {
				e.children = append(e.children, a)
			}
		}
		if len(e.children) == 0 {
			e.childrenErr = errors.New("no generated child has a full dashboard")
		}
	})
	if e.childrenErr != nil {
		b.Fatal(e.childrenErr)
	}
	return e.children
}

// fullDashboard reports whether a dashboard answer has every part.
func fullDashboard(answer []byte) (bool, error) {
	var out struct {
		Data struct {
			Child *struct {
				CurrentPlan      *struct{ ID string }
				UpcomingMeetings []struct{ ID string }
				Chair            *struct{ Name string }
				SocialWorker     *struct{ Name string }
				Submissions      struct{ TotalCount int }
			}
		}
		Errors []any
	}
	if err := json.Unmarshal(answer, &out); err != nil || len(out.Errors) > 0 {
		return false, fmt.Errorf("dashboard: %s", answer)
	}
	c := out.Data.Child
	return c != nil && c.CurrentPlan != nil && len(c.UpcomingMeetings) > 0 && c.Chair != nil && c.SocialWorker != nil &&
		c.Submissions.TotalCount > 0, nil
}

// caseloadStaff signs in the generated IROs gen-iro-1 to gen-iro-32 (as
// cmd/loadtest does), as many as there are.
func (e *benchEnv) caseloadStaff(b *testing.B) []benchAccount {
	b.Helper()
	e.staffOnce.Do(func() {
		for i := 1; i <= benchStaff; i++ {
			token := e.login(fmt.Sprintf("gen-iro-%d", i))
			if token == "" {
				break
			}
			e.staff = append(e.staff, benchAccount{token: token})
		}
		if len(e.staff) == 0 {
			e.staffErr = errors.New("no generated IRO could sign in")
		}
	})
	if e.staffErr != nil {
		b.Fatal(e.staffErr)
	}
	return e.staff
}

// rotate runs request in parallel, each call for the next account in
// turn, and fails on an answer that does not begin with want.
func rotate(b *testing.B, accounts []benchAccount, want string, request func(benchAccount) []byte) {
	b.Helper()
	for _, a := range accounts { // each answer checked once, outside the timing
		if out := request(a); !bytes.HasPrefix(out, []byte(want)) || bytes.Contains(out, []byte(`"errors"`)) {
			b.Fatalf("%.500s", out)
		}
	}
	var next atomic.Uint64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			a := accounts[int(next.Add(1)%uint64(len(accounts)))]
			if out := request(a); !bytes.HasPrefix(out, []byte(want)) {
				b.Errorf("%.500s", out)
				return
			}
		}
	})
}

// BenchmarkChildDashboard: docs/quality.md's dashboard query, each child
// of a rotation asking for their own full dashboard.
func BenchmarkChildDashboard(b *testing.B) {
	e := benchServer(b)
	rotate(b, e.dashboardChildren(b), `{"data":{"child":{`, func(a benchAccount) []byte {
		return e.post(a.token, dashboardQuery, map[string]any{"id": a.childID})
	})
}

// BenchmarkFloorDashboard: the floor's dashboard (6 statements) for the
// same children.
func BenchmarkFloorDashboard(b *testing.B) {
	e := benchServer(b)
	rotate(b, e.dashboardChildren(b), `{"data":{"child":{`, func(a benchAccount) []byte {
		return e.get(a.token, "/dashboard?id="+url.QueryEscape(a.childID))
	})
}

// BenchmarkCaseload: myCaseload(first: 70) with due dates, chairs and
// counts, each IRO of a rotation asking for their own.
func BenchmarkCaseload(b *testing.B) {
	e := benchServer(b)
	rotate(b, e.caseloadStaff(b), `{"data":{"myCaseload":{`, func(a benchAccount) []byte {
		return e.post(a.token, caseload70, nil)
	})
}

// BenchmarkFloorCaseload: the floor's caseload page (6 statements) for
// the same IROs.
func BenchmarkFloorCaseload(b *testing.B) {
	e := benchServer(b)
	rotate(b, e.caseloadStaff(b), `{"data":{"myCaseload":{`, func(a benchAccount) []byte {
		return e.get(a.token, "/caseload")
	})
}

// BenchmarkDashboardGraphQLOnly is the GraphQL layer's own cost on the
// dashboard query: the real generated executable schema and handler
// (graph.NewHandler's transports, parsed-query and persisted-query caches,
// limit, complexity and page-cap checks, the field middleware, the
// operation and response hooks), executing the query (the query root's
// fields in goroutines of their own, every other object's in turn: see
// graph/gqlgen.go) and encoding the JSON answer, with resolvers that
// answer from memory: Query.child and the Child fields the dashboard
// resolves (age, currentPlan, upcomingMeetings, nextMeetingDue, chair,
// socialWorker, and submissions if it is a resolver) return what the real
// resolvers returned for the first full-dashboard child, recorded in one
// request before the timing; the child comes with their first page of
// submissions loaded, so that ent's Child.Submissions answers from memory
// too (its totalCount is then the page's length, at most 10).
//
// Not included: the database and ent (the recording's store is closed
// before the timing, so a read that slipped through would fail), the
// access rules, the resolvers' own work, the HTTP server and its middleware
// (request id, log, body limit, rate limit), the token check and loading
// the viewer (the viewer is put in the request's context).
func BenchmarkDashboardGraphQLOnly(b *testing.B) {
	e := benchServer(b)
	a := e.dashboardChildren(b)[0]
	post := fromMemory(b, e, a.token, dashboardQuery, map[string]any{"id": a.childID}, func(answer []byte) error {
		if full, err := fullDashboard(answer); err != nil || !full {
			return fmt.Errorf("not a full dashboard: %s", answer)
		}
		return nil
	})
	inParallel(b, post)
}

// BenchmarkCaseloadGraphQLOnly is the GraphQL layer's own cost on the
// caseload page (myCaseload(first: 70) as cmd/loadtest asks it), measured
// as BenchmarkDashboardGraphQLOnly measures the dashboard's: Query.myCaseload
// and the page's Child resolvers (nextMeetingDue, chair,
// unreadSubmissionCount) answer from memory what the real ones answered for
// the first generated IRO; id and preferredName are the recorded children's
// own fields. Not included, as there: the database, ent, the access rules,
// the resolvers' own work, the HTTP server and the token check.
func BenchmarkCaseloadGraphQLOnly(b *testing.B) {
	e := benchServer(b)
	a := e.caseloadStaff(b)[0]
	post := fromMemory(b, e, a.token, caseload70, nil, func(answer []byte) error {
		if !bytes.HasPrefix(answer, []byte(`{"data":{"myCaseload":{"totalCount":`)) || !bytes.Contains(answer, []byte(`"chair":{`)) {
			return fmt.Errorf("not a caseload with chairs: %.500s", answer)
		}
		return nil
	})
	inParallel(b, post)
}

// fromMemory records the answer to query for the account signed in with
// token, through the real resolvers (memResolver), checks it with full,
// closes the recording's store, and returns a request that answers the same
// query from memory, having checked that it answers the same bytes.
func fromMemory(b *testing.B, e *benchEnv, token, query string, vars map[string]any, full func([]byte) error) func() []byte {
	b.Helper()
	ctx := context.Background()
	v, err := e.app.Sessions.Authenticate(ctx, token)
	if err != nil {
		b.Fatal(err)
	}
	recording, err := store.Open(ctx, e.database)
	if err != nil {
		b.Fatal(err)
	}
	defer recording.Close()
	real := &graph.Resolver{Client: recording.Client}
	m := &memo{values: map[string]any{}}
	srv := graph.NewHandlerWith(memResolver{Resolver: real, memo: m}, real, graph.HandlerOptions{})
	post := func() []byte {
		req := apitest.Request("", query, vars)
		return serve(srv, req.WithContext(viewer.NewContext(req.Context(), v)))
	}
	recorded := post()
	if err := full(recorded); err != nil || bytes.Contains(recorded, []byte(`"errors"`)) {
		b.Fatalf("recording: %v %.500s", err, recorded)
	}
	recording.Close()
	m.replay = true
	if replayed := post(); !bytes.Equal(replayed, recorded) {
		b.Fatalf("from memory the answer differs:\n%s\nfrom the database:\n%s", replayed, recorded)
	}
	return post
}

// inParallel runs post as the benchmark, failing on an answer with errors.
func inParallel(b *testing.B, post func() []byte) {
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if out := post(); bytes.Contains(out, []byte(`"errors"`)) {
				b.Errorf("%.500s", out)
				return
			}
		}
	})
}

// memo keeps what each resolver answered while recording, and answers it
// again when replaying. Resolvers of one request run concurrently while
// recording; replaying only reads.
type memo struct {
	mu     sync.Mutex
	replay bool
	values map[string]any
}

func remember[T any](m *memo, field string, resolve func() (T, error)) (T, error) {
	if m.replay {
		v, ok := m.values[field].(T)
		if !ok {
			return v, fmt.Errorf("%s was not recorded", field)
		}
		return v, nil
	}
	v, err := resolve()
	if err == nil {
		m.mu.Lock()
		m.values[field] = v
		m.mu.Unlock()
	}
	return v, err
}

// memResolver is the real resolver root but for Query.child and the
// dashboard's Child fields.
type memResolver struct {
	*graph.Resolver
	memo *memo
}

func (r memResolver) Query() generated.QueryResolver {
	return memQuery{QueryResolver: r.Resolver.Query(), client: r.Resolver.Client, memo: r.memo}
}

func (r memResolver) Child() generated.ChildResolver {
	return memChild{ChildResolver: r.Resolver.Child(), memo: r.memo}
}

type memQuery struct {
	generated.QueryResolver
	client *ent.Client
	memo   *memo
}

// Child reads the child with the first page of their submissions (ordered
// as the connection orders them, one more to tell if there is a next
// page), so that ent's Child.Submissions answers from it.
func (q memQuery) Child(ctx context.Context, id ident.ID) (*ent.Child, error) {
	return remember(q.memo, "child", func() (*ent.Child, error) {
		return q.client.Child.Query().Where(child.ID(id)).WithNamedSubmissions("submissions", func(w *ent.WishesAndFeelingsQuery) {
			w.Order(ent.Asc(wishesandfeelings.FieldID)).Limit(11)
		}).Only(ctx)
	})
}

// MyCaseload answers the caseload page the real resolver read.
func (q memQuery) MyCaseload(ctx context.Context, dueWithinDays *int, overdue *bool, hasUnreadViews *bool, urgentFirst *bool,
	after *entgql.Cursor[ident.ID], first *int, before *entgql.Cursor[ident.ID], last *int) (*ent.ChildConnection, error) {
	return remember(q.memo, "myCaseload", func() (*ent.ChildConnection, error) {
		return q.QueryResolver.MyCaseload(ctx, dueWithinDays, overdue, hasUnreadViews, urgentFirst, after, first, before, last)
	})
}

type memChild struct {
	generated.ChildResolver
	memo *memo
}

// of is a Child field's key in the memo: its name and the child's id.
func of(field string, obj *ent.Child) string { return field + "/" + string(obj.ID) }

func (c memChild) Age(ctx context.Context, obj *ent.Child) (*int, error) {
	return remember(c.memo, of("age", obj), func() (*int, error) { return c.ChildResolver.Age(ctx, obj) })
}

func (c memChild) CurrentPlan(ctx context.Context, obj *ent.Child) (*ent.Plan, error) {
	return remember(c.memo, of("currentPlan", obj), func() (*ent.Plan, error) { return c.ChildResolver.CurrentPlan(ctx, obj) })
}

func (c memChild) UpcomingMeetings(ctx context.Context, obj *ent.Child) ([]*ent.Meeting, error) {
	return remember(c.memo, of("upcomingMeetings", obj), func() ([]*ent.Meeting, error) { return c.ChildResolver.UpcomingMeetings(ctx, obj) })
}

func (c memChild) NextMeetingDue(ctx context.Context, obj *ent.Child) (*duedates.Due, error) {
	return remember(c.memo, of("nextMeetingDue", obj), func() (*duedates.Due, error) { return c.ChildResolver.NextMeetingDue(ctx, obj) })
}

func (c memChild) Chair(ctx context.Context, obj *ent.Child) (*model.StaffContact, error) {
	return remember(c.memo, of("chair", obj), func() (*model.StaffContact, error) { return c.ChildResolver.Chair(ctx, obj) })
}

func (c memChild) SocialWorker(ctx context.Context, obj *ent.Child) (*model.StaffContact, error) {
	return remember(c.memo, of("socialWorker", obj), func() (*model.StaffContact, error) { return c.ChildResolver.SocialWorker(ctx, obj) })
}

func (c memChild) UnreadSubmissionCount(ctx context.Context, obj *ent.Child) (int, error) {
	return remember(c.memo, of("unreadSubmissionCount", obj), func() (int, error) { return c.ChildResolver.UnreadSubmissionCount(ctx, obj) })
}

// childSubmissions is Child.submissions as a resolver, should gqlgen.yml
// make it one; while it is ent's own method, the collected page answers.
type childSubmissions interface {
	Submissions(ctx context.Context, obj *ent.Child, after *ent.Cursor, first *int, before *ent.Cursor, last *int,
		orderBy *ent.WishesAndFeelingsOrder) (*ent.WishesAndFeelingsConnection, error)
}

func (c memChild) Submissions(ctx context.Context, obj *ent.Child, after *ent.Cursor, first *int, before *ent.Cursor, last *int,
	orderBy *ent.WishesAndFeelingsOrder) (*ent.WishesAndFeelingsConnection, error) {
	return remember(c.memo, of("submissions", obj), func() (*ent.WishesAndFeelingsConnection, error) {
		real, ok := c.ChildResolver.(childSubmissions)
		if !ok {
			return nil, errors.New("Child.submissions is not a resolver")
		}
		return real.Submissions(ctx, obj, after, first, before, last, orderBy)
	})
}
