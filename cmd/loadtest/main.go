// Command loadtest measures Kite against its floor (docs/quality.md,
// Performance). It builds and starts the real server on a generated data set
// (kite gen), starts beside it a minimal hand-written handler serving the
// same data (internal/floor), and drives the child dashboard and
// myCaseload(first: 70) at fixed concurrency against both, in interleaved
// rounds, printing throughput, p50/p95/p99, the server's peak memory, the
// median ratio to the floor, and the dashboard's p99 during a burst of
// logins.
//
//	go run ./cmd/loadtest                      # SQLite, 10,000 children
//	go run ./cmd/loadtest -database 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable'
//
// Every request goes to 127.0.0.1; every phase runs for a fixed time.
package main

import (
	"bytes"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"kite/internal/app"
	"kite/internal/auth"
	"kite/internal/floor"
)

func main() {
	children := flag.Int("children", 10000, "children in the generated authority")
	database := flag.String("database", "", "a postgres:// server URL to test on PostgreSQL (a scratch database is made and dropped); empty: SQLite")
	duration := flag.Duration("duration", 10*time.Second, "how long each measured phase runs")
	rounds := flag.Int("rounds", 3, "how many times to measure each phase (the summary takes the median)")
	concurrency := flag.Int("concurrency", 32, "simultaneous clients")
	flag.IntVar(&instances, "instances", 1, "Kite processes on the database (more than 1: PostgreSQL only); the dashboard is measured across all of them too")
	flag.Parse()
	if err := run(*children, *database, *duration, *rounds, *concurrency); err != nil {
		log.Fatal(err)
	}
}

// instances is how many Kite processes serve the database (-instances).
var instances int

func run(children int, server string, duration time.Duration, rounds, concurrency int) error {
	dir, err := os.MkdirTemp("", "kite-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "kite")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	database, drop, err := prepareDatabase(dir, server)
	if err != nil {
		return err
	}
	defer drop()
	keyBytes := make([]byte, 32)
	_, _ = rand.Read(keyBytes)
	key := base64.StdEncoding.EncodeToString(keyBytes)
	env := append(os.Environ(), "KITE_DATABASE="+database, "KITE_MODE=production", "KITE_SIGNING_KEY="+key,
		"KITE_SMTP_URL=smtp://127.0.0.1:1?from=kite@example.org", "KITE_RATE_LIMIT=0", "KITE_DEMO=false")
	if err := runKite(bin, env, "migrate"); err != nil {
		return err
	}
	start := time.Now()
	// gen refuses production mode; the data is the same either way. The
	// accounts get a password of this run's own: a production server
	// refuses to start over accounts with the published demo password.
	passwordFile := filepath.Join(dir, "password")
	if err := os.WriteFile(passwordFile, []byte(password), 0o600); err != nil {
		return err
	}
	if err := runKite(bin, append(env, "KITE_MODE=development"), "gen", "--children", fmt.Sprint(children), "--seed", "1",
		"--password-file", passwordFile); err != nil {
		return err
	}
	fmt.Printf("generated %d children in %s\n", children, time.Since(start).Round(time.Millisecond))
	if err := settle(server, database); err != nil {
		return err
	}

	srv, err := startKite(bin, env)
	if err != nil {
		return err
	}
	defer srv.stop()
	fl, err := startFloor(database, key)
	if err != nil {
		return err
	}
	defer fl.close()

	users, err := signIn(srv.base, 32)
	if err != nil {
		return err
	}
	// More instances on the same database, sharing events and counts
	// through it (the defaults on PostgreSQL).
	bases := []string{srv.base}
	if instances > 1 && server == "" {
		return fmt.Errorf("-instances %d needs -database (PostgreSQL)", instances)
	}
	for range instances - 1 {
		more, err := startKite(bin, env)
		if err != nil {
			return err
		}
		defer more.stop()
		bases = append(bases, more.base)
	}
	// A measurement is only worth its ratio if Kite and the floor answer
	// the same: every account's answers are compared before the rounds.
	if err := sameAnswers(users, srv.base, fl.base); err != nil {
		return err
	}
	fmt.Printf("Kite and the floor give the same answers: %d dashboards, %d caseloads\n", len(users.children), len(users.staff))
	fmt.Printf("\n%d clients, %s per phase, %d rounds, %d children (%s)\n\n", concurrency, duration, rounds, children, dbName(server))
	fmt.Printf("%-28s %10s %9s %9s %9s %12s\n", "", "req/s", "p50 ms", "p95 ms", "p99 ms", "Kite RSS MB")
	phases := []phase{
		{"dashboard  graphql", func(i int) *http.Request { return users.children[i%len(users.children)].dashboard(srv.base) }},
		{"dashboard  floor", func(i int) *http.Request { return users.children[i%len(users.children)].floorDashboard(fl.base) }},
		{"caseload70 graphql", func(i int) *http.Request { return users.staff[i%len(users.staff)].caseload(srv.base) }},
		{"caseload70 floor", func(i int) *http.Request { return users.staff[i%len(users.staff)].floorCaseload(fl.base) }},
	}
	if len(bases) > 1 {
		phases = append(phases, phase{fmt.Sprintf("dashboard  %d instances", len(bases)), func(i int) *http.Request {
			return users.children[i%len(users.children)].dashboard(bases[i%len(bases)])
		}})
	}
	// Rounds interleave Kite and the floor, so that a slow spell of the
	// machine (a shared VM) falls on both rather than on one.
	results := map[string][]result{}
	for round := 1; round <= rounds; round++ {
		for _, p := range phases {
			load(p.req, concurrency, 2*time.Second) // warm up
			rss := srv.watchRSS()
			r := load(p.req, concurrency, duration)
			r.memory = rss()
			results[p.name] = append(results[p.name], r)
			r.print(fmt.Sprintf("%s (%d)", p.name, round))
		}
	}
	rss := srv.watchRSS()
	burst := loadDuring(phases[0].req, concurrency, duration, func(stop <-chan struct{}) { loginBurst(srv.base, stop) })
	burst.memory = rss()
	burst.print("dashboard  during logins")
	fmt.Printf("\nmedians of %d rounds:\n", rounds)
	dash, dashFloor := results["dashboard  graphql"], results["dashboard  floor"]
	cases, casesFloor := results["caseload70 graphql"], results["caseload70 floor"]
	fmt.Printf("dashboard: %.0f req/s, %.2f of the floor's throughput (bar 0.6); p99 %.1f ms, %.1f× the floor's (bar 2)\n",
		median(dash, rps), medianRatio(dash, dashFloor, rps), median(dash, p99), medianRatio(dash, dashFloor, p99))
	if len(bases) > 1 {
		many := results[fmt.Sprintf("dashboard  %d instances", len(bases))]
		fmt.Printf("dashboard on %d instances: %.0f req/s, %.2f of one instance's; p99 %.1f ms\n",
			len(bases), median(many, rps), medianRatio(many, dash, rps), median(many, p99))
	}
	fmt.Printf("caseload:  %.0f req/s, %.2f of the floor's throughput (bar 0.5)\n", median(cases, rps), medianRatio(cases, casesFloor, rps))
	fmt.Printf("dashboard p99 %.1f ms without a login burst, %.1f ms during one\n", median(dash, p99), burst.p99)
	fmt.Printf("Kite's peak RSS: %s during the dashboard, %s during the caseload (bar 100 MB); %d MB over the whole run\n",
		peakRSS(dash), peakRSS(cases), srv.status("VmHWM")/1024)
	return nil
}

type phase struct {
	name string
	req  func(i int) *http.Request
}

func rps(r result) float64 { return r.rps }
func p99(r result) float64 { return r.p99 }

func median(rs []result, of func(result) float64) float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = of(r)
	}
	slices.Sort(v)
	return v[len(v)/2]
}

// medianRatio is the median over rounds of a's figure over b's in the same
// round.
func medianRatio(a, b []result, of func(result) float64) float64 {
	v := make([]float64, len(a))
	for i := range a {
		v[i] = of(a[i]) / of(b[i])
	}
	slices.Sort(v)
	return v[len(v)/2]
}

// peakRSS is the server's memory at its highest in any of the rounds.
func peakRSS(rs []result) memory {
	var peak memory
	for _, r := range rs {
		if r.memory.rss > peak.rss {
			peak = r.memory
		}
	}
	return peak
}

// String gives the memory in MB: in all, and mapped from files or not.
func (m memory) String() string {
	return fmt.Sprintf("%d MB (%d from files, %d anonymous)", m.rss/1024, m.file/1024, m.anon/1024)
}

func dbName(server string) string {
	if server == "" {
		return "embedded SQLite"
	}
	return "PostgreSQL"
}

// prepareDatabase makes an empty database: a SQLite file, or a scratch
// PostgreSQL database dropped afterwards.
func prepareDatabase(dir, server string) (string, func(), error) {
	if server == "" {
		return filepath.Join(dir, "kite.db"), func() {}, nil
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return "", nil, err
	}
	name := fmt.Sprintf("kite_load_%d", time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		return "", nil, err
	}
	u, _ := url.Parse(server)
	u.Path = "/" + name
	return u.String(), func() {
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	}, nil
}

// settle vacuums a PostgreSQL database after gen, as autovacuum would have
// long since done on a server in use. Left to autovacuum, the freshly
// written tables were vacuumed during the first round, which then measured
// whichever of Kite or the floor it fell on (a floor caseload round of 280
// requests a second against 400 in the next).
func settle(server, database string) error {
	if server == "" {
		return nil
	}
	db, err := sql.Open("pgx", database)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Exec("VACUUM (ANALYZE)"); err != nil {
		return fmt.Errorf("vacuum after gen: %w", err)
	}
	return nil
}

func runKite(bin string, env []string, args ...string) error {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("kite %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

type kiteProcess struct {
	cmd  *exec.Cmd
	base string
}

func freePort() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func startKite(bin string, env []string) (*kiteProcess, error) {
	addr := freePort()
	cmd := exec.Command(bin, "serve")
	// Each instance its own metrics listener: the default port is one, and
	// may be taken.
	cmd.Env = append(env, "KITE_ADDR="+addr, "KITE_METRICS_ADDR="+freePort())
	// The server's log goes to a file, named if it does not become ready.
	logs, err := os.CreateTemp("", "kite-load-*.log")
	if err != nil {
		return nil, err
	}
	defer logs.Close()
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &kiteProcess{cmd: cmd, base: "http://" + addr}
	for i := 0; i < 600; i++ {
		if resp, err := http.Get(p.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.stop()
	return nil, fmt.Errorf("kite did not become ready (its log: %s)", logs.Name())
}

func (p *kiteProcess) stop() {
	_ = p.cmd.Process.Signal(os.Interrupt)
	_ = p.cmd.Wait()
}

// status reads a memory figure of the server from /proc (VmRSS, VmHWM), in
// KiB.
func (p *kiteProcess) status(field string) int {
	return statusField(p.statusText(), field)
}

func (p *kiteProcess) statusText() string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	return string(b)
}

// statusField is one figure of a /proc/PID/status text, in KiB (0 if it
// is not there).
func statusField(text, field string) int {
	for _, line := range strings.Split(text, "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			var kb int
			fmt.Sscanf(strings.TrimSpace(rest), "%d", &kb)
			return kb
		}
	}
	return 0
}

// memory is the server's resident memory at one moment, in KiB: in all,
// the pages mapped from files (the binary's code and read-only data, above
// all) and the anonymous ones (the Go heap, SQLite's memory, the binary's
// written data).
type memory struct{ rss, file, anon int }

func memoryOf(status string) memory {
	return memory{statusField(status, "VmRSS"), statusField(status, "RssFile"), statusField(status, "RssAnon")}
}

// watchRSS samples the server's resident memory until the returned
// function is called, which gives the highest sample.
func (p *kiteProcess) watchRSS() func() memory {
	stop, done := make(chan struct{}), make(chan memory)
	go func() {
		var peak memory
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			if m := memoryOf(p.statusText()); m.rss > peak.rss {
				peak = m
			}
			select {
			case <-stop:
				done <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() memory {
		close(stop)
		return <-done
	}
}

type floorServer struct {
	floor *floor.Server
	srv   *http.Server
	base  string
}

func startFloor(database, key string) (*floorServer, error) {
	k, err := auth.ParseKey(key)
	if err != nil {
		return nil, err
	}
	tokens, err := auth.NewTokens(auth.TokenConfig{Keys: auth.Keyring{Current: k}, Issuer: app.TokenIssuer, Audience: app.TokenAudience})
	if err != nil {
		return nil, err
	}
	f, err := floor.Open(database, tokens)
	if err != nil {
		return nil, err
	}
	addr := freePort()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		f.Close()
		return nil, err
	}
	s := &http.Server{Handler: f.Handler()}
	go s.Serve(l)
	return &floorServer{floor: f, srv: s, base: "http://" + addr}, nil
}

func (f *floorServer) close() {
	f.srv.Close()
	f.floor.Close()
}

// password is what the generated accounts sign in with in this run.
var password = func() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}()

type account struct {
	token, childID string
}

type accounts struct {
	children, staff []account
}

func gql(base, token, query string, vars map[string]any) (map[string]any, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, base+"/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	if errs, ok := out["errors"]; ok {
		return nil, fmt.Errorf("graphql: %v", errs)
	}
	return out["data"].(map[string]any), nil
}

func login(base, username string) (string, error) {
	data, err := gql(base, "", `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { accessToken } }`,
		map[string]any{"u": username, "p": password})
	if err != nil {
		return "", err
	}
	return data["login"].(map[string]any)["accessToken"].(string), nil
}

// signIn logs in n generated children and n generated IROs.
func signIn(base string, n int) (*accounts, error) {
	a := &accounts{}
	for i := 1; i <= n; i++ {
		tok, err := login(base, fmt.Sprintf("gen-child-%d", i))
		if err != nil {
			return nil, err
		}
		data, err := gql(base, tok, `{ me { child { id } } }`, nil)
		if err != nil {
			return nil, err
		}
		a.children = append(a.children, account{token: tok, childID: data["me"].(map[string]any)["child"].(map[string]any)["id"].(string)})
		staffTok, err := login(base, fmt.Sprintf("gen-iro-%d", i))
		if err != nil {
			return nil, err
		}
		a.staff = append(a.staff, account{token: staffTok})
	}
	return a, nil
}

const (
	dashboardQuery = `query($id: ID!) { child(id: $id) { id preferredName age currentPlan { id kind }
  upcomingMeetings { id kind scheduledFor dueBy status } nextMeetingDue { kind dueBy overdue }
  chair { name role email phone } socialWorker { name email phone }
  submissions(first: 10) { edges { node { id status } } totalCount } } }`
	caseloadQuery = `{ myCaseload(first: 70) { totalCount edges { node { id preferredName
  nextMeetingDue { kind dueBy overdue } chair { name email } unreadSubmissionCount } } } }`
)

func (a account) post(base, query string, vars map[string]any) *http.Request {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, base+"/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+a.token)
	return req
}

func (a account) dashboard(base string) *http.Request {
	return a.post(base, dashboardQuery, map[string]any{"id": a.childID})
}

func (a account) caseload(base string) *http.Request { return a.post(base, caseloadQuery, nil) }

// sameAnswers asks Kite and the floor for each signed-in child's dashboard
// and each member of staff's caseload, and fails at the first pair that
// does not say the same (as JSON values: key order and spacing aside).
func sameAnswers(users *accounts, kite, floor string) error {
	for _, a := range users.children {
		if err := sameAnswer("dashboard", a.dashboard(kite), a.floorDashboard(floor)); err != nil {
			return err
		}
	}
	for _, a := range users.staff {
		if err := sameAnswer("caseload", a.caseload(kite), a.floorCaseload(floor)); err != nil {
			return err
		}
	}
	return nil
}

// sameAnswer sends both requests and compares their answers.
func sameAnswer(what string, kite, floor *http.Request) error {
	var answers [2][]byte
	for i, req := range []*http.Request{kite, floor} {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		answers[i], err = io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	same, err := sameJSON(answers[0], answers[1])
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if !same {
		return fmt.Errorf("%s: Kite and the floor answer differently, so their throughputs cannot be compared:\nKite:  %.2000s\nfloor: %.2000s", what, answers[0], answers[1])
	}
	return nil
}

// sameJSON reports whether a and b hold the same JSON value.
func sameJSON(a, b []byte) (bool, error) {
	var va, vb any
	for _, d := range []struct {
		text []byte
		v    *any
	}{{a, &va}, {b, &vb}} {
		dec := json.NewDecoder(bytes.NewReader(d.text))
		dec.UseNumber()
		if err := dec.Decode(d.v); err != nil {
			return false, fmt.Errorf("not JSON: %w: %.200s", err, d.text)
		}
	}
	return reflect.DeepEqual(va, vb), nil
}

func (a account) get(url string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "Bearer "+a.token)
	return req
}

func (a account) floorDashboard(base string) *http.Request {
	return a.get(base + "/dashboard?id=" + url.QueryEscape(a.childID))
}

func (a account) floorCaseload(base string) *http.Request { return a.get(base + "/caseload") }

type result struct {
	rps, p50, p95, p99 float64
	errors             int64
	memory             memory // the server's at its peak, for the phases that drive it
}

func (r result) print(name string) {
	fmt.Printf("%-28s %10.0f %9.2f %9.2f %9.2f", name, r.rps, r.p50, r.p95, r.p99)
	if strings.Contains(name, "graphql") || strings.Contains(name, "logins") {
		fmt.Printf(" %12d", r.memory.rss/1024)
	}
	if r.errors > 0 {
		fmt.Printf("   (%d errors)", r.errors)
	}
	fmt.Println()
}

var client = &http.Client{Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256}, Timeout: 30 * time.Second}

// load runs concurrency clients for d, each sending requests back to back.
func load(req func(int) *http.Request, concurrency int, d time.Duration) result {
	return loadDuring(req, concurrency, d, nil)
}

func loadDuring(req func(int) *http.Request, concurrency int, d time.Duration, beside func(stop <-chan struct{})) result {
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      atomic.Int64
		wg        sync.WaitGroup
	)
	stop := make(chan struct{})
	if beside != nil {
		go beside(stop)
	}
	deadline := time.Now().Add(d)
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var mine []time.Duration
			for i := w; time.Now().Before(deadline); i += concurrency {
				start := time.Now()
				resp, err := client.Do(req(i))
				if err != nil {
					errs.Add(1)
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || bytes.Contains(body, []byte(`"errors"`)) {
					errs.Add(1)
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	close(stop)
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		if len(latencies) == 0 {
			return 0
		}
		return float64(latencies[int(p*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	return result{rps: float64(len(latencies)) / d.Seconds(), p50: pct(.50), p95: pct(.95), p99: pct(.99), errors: errs.Load()}
}

// loginBurst keeps 16 logins going at once until stopped.
func loginBurst(base string, stop <-chan struct{}) {
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				_, _ = login(base, fmt.Sprintf("gen-child-%d", 100+w*50+i%50))
			}
		}(w)
	}
	wg.Wait()
}
