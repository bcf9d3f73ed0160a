package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"kite/ent/child"
	"kite/ent/privacy"
	_ "kite/ent/runtime"
	"kite/ent/user"
	"kite/internal/auth"
	"kite/internal/civil"
	"kite/internal/demo"
	"kite/internal/store"
	"kite/internal/testdb"
)

// kiteBinary is the real server binary, built once for the tests that start
// it as a separate process (signals, production refusals).
var kiteBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kite-bin-")
	if err != nil {
		panic(err)
	}
	kiteBinary = filepath.Join(dir, "kite")
	out, err := exec.Command("go", "build", "-o", kiteBinary, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build kite: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// process is a running kite server.
type process struct {
	cmd  *exec.Cmd
	base string
	// metrics is the metrics listener's base URL.
	metrics string
	logs    *syncBuffer
	// exited is closed when the process has ended; err is then its Wait error.
	exited chan struct{}
	err    error
}

// wait returns the process's exit error, or fails after timeout.
func (p *process) wait(t *testing.T, timeout time.Duration) error {
	t.Helper()
	select {
	case <-p.exited:
		return p.err
	case <-time.After(timeout):
		t.Fatalf("kite did not exit within %s\n%s", timeout, p.logs)
		return nil
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// start runs the binary with env added to a clean environment and waits
// until /readyz answers 200.
func start(t *testing.T, env ...string) *process {
	t.Helper()
	addr, metrics := freeAddr(t), freeAddr(t)
	p := &process{base: "http://" + addr, metrics: "http://" + metrics, logs: &syncBuffer{}, exited: make(chan struct{})}
	p.cmd = exec.Command(kiteBinary, "serve")
	p.cmd.Dir = t.TempDir()
	p.cmd.Env = append([]string{"KITE_ADDR=" + addr, "KITE_METRICS_ADDR=" + metrics, "PATH=" + os.Getenv("PATH")}, env...)
	p.cmd.Stdout, p.cmd.Stderr = p.logs, p.logs
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.err = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.exited
	})
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-p.exited:
			t.Fatalf("kite exited before ready: %v\n%s", p.err, p.logs)
		default:
		}
		if resp, err := http.Get(p.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("kite not ready in time\n%s", p.logs)
	return nil
}

func (p *process) graphql(t *testing.T, query string) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	resp, err := http.Post(p.base+"/query", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

func status(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func demoEnv(database string) []string {
	env := []string{"KITE_DATABASE=" + database}
	if store.IsPostgres(database) {
		// Demo data is automatic only on an empty embedded database.
		env = append(env, "KITE_DEMO=true")
	}
	return env
}

// TestServeWithDemoData is the README's first command in miniature: the
// server starts in development mode, creates the demo data, serves health,
// readiness, the glossary and the IDE, and stops cleanly on SIGTERM.
func TestServeWithDemoData(t *testing.T) {
	database := testdb.URL(t)
	p := start(t, demoEnv(database)...)

	if got := status(t, p.base+"/healthz"); got != http.StatusOK {
		t.Errorf("/healthz = %d", got)
	}
	if got := status(t, p.base+"/"); got != http.StatusOK {
		t.Errorf("IDE at / in development = %d", got)
	}
	out := p.graphql(t, `{ glossary { term explanation } }`)
	entries, _ := out["data"].(map[string]any)["glossary"].([]any)
	if len(entries) < 12 {
		t.Errorf("glossary has %d entries, want at least 12: %v", len(entries), out)
	}

	st, err := store.Open(context.Background(), database)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// System context: the test checks stored rows below the access rules.
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	for _, name := range []string{"child.demo", "child2.demo", "parent.demo", "iro.demo", "chair.demo",
		"sw.demo", "manager.demo", "admin.demo", "iro.other", "child.other"} {
		if ok, err := st.Client.User.Query().Where(user.Username(name)).Exist(ctx); err != nil || !ok {
			t.Errorf("demo account %s missing (%v)", name, err)
		}
	}

	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := p.wait(t, 30*time.Second); err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, p.logs)
	}
	if !strings.Contains(p.logs.String(), `"msg":"stopped"`) {
		t.Errorf("no clean stop in the logs:\n%s", p.logs)
	}
}

// TestSIGTERMLetsInFlightRequestsFinish sends SIGTERM while a request is in
// flight: the request completes and new connections are refused.
func TestSIGTERMLetsInFlightRequestsFinish(t *testing.T) {
	p := start(t, "KITE_DATABASE="+testdb.URL(t), "KITE_DEMO=false")
	// A slow client: send headers and half a body, signal, then finish.
	conn, err := net.Dial("tcp", strings.TrimPrefix(p.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"query":"{ glossary { term } }"}`
	fmt.Fprintf(conn, "POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:10])
	time.Sleep(200 * time.Millisecond)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(p.base, "http://"), time.Second); err == nil {
		t.Error("new connection accepted after SIGTERM")
	}
	fmt.Fprint(conn, body[10:])
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("in-flight request cut off: %v", err)
	}
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(data), "glossary") {
		t.Errorf("in-flight request: %d %s", resp.StatusCode, data)
	}
	if err := p.wait(t, 30*time.Second); err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, p.logs)
	}
}

var strongKey = base64.StdEncoding.EncodeToString([]byte("a-test-signing-key-of-more-than-32-random-bytes!"))

func runOnce(t *testing.T, env ...string) (int, string) {
	t.Helper()
	return runCommand(t, []string{"serve"}, append([]string{"KITE_ADDR=" + freeAddr(t), "KITE_METRICS_ADDR=" + freeAddr(t)}, env...)...)
}

func TestProductionRefusesToStartWithoutStrongKey(t *testing.T) {
	smtp := "KITE_SMTP_URL=smtp://mail.example.org:25?from=kite@example.org"
	for name, env := range map[string][]string{
		"missing": {"KITE_MODE=production", smtp},
		"short":   {"KITE_MODE=production", smtp, "KITE_SIGNING_KEY=" + base64.StdEncoding.EncodeToString([]byte("short"))},
		"weak":    {"KITE_MODE=production", smtp, "KITE_SIGNING_KEY=" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte("a"), 40))},
	} {
		t.Run(name, func(t *testing.T) {
			code, out := runOnce(t, env...)
			if code != 2 || !strings.Contains(out, "KITE_SIGNING_KEY") {
				t.Fatalf("exit %d, output:\n%s", code, out)
			}
		})
	}
}

func TestProductionCreatesNoDemoDataAndHidesIDE(t *testing.T) {
	database := testdb.URL(t)
	p := start(t, "KITE_MODE=production", "KITE_DATABASE="+database, "KITE_SIGNING_KEY="+strongKey,
		"KITE_SMTP_URL=smtp://mail.example.org:25?from=kite@example.org")
	if got := status(t, p.base+"/"); got != http.StatusNotFound {
		t.Errorf("IDE at / in production = %d, want 404", got)
	}
	st, err := store.Open(context.Background(), database)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// System context: the test counts stored rows below the access rules.
	n, err := st.Client.User.Query().Count(privacy.DecisionContext(context.Background(), privacy.Allow))
	if err != nil || n != 0 {
		t.Fatalf("production made %d users (%v)", n, err)
	}
}

// Metrics are served on their own listener, with the token when one is
// set, and not on the API's.
func TestMetricsListener(t *testing.T) {
	const token = "a-metrics-token-for-the-test"
	p := start(t, "KITE_DATABASE="+testdb.URL(t), "KITE_METRICS_TOKEN="+token, "KITE_DEMO=false")
	if got := status(t, p.base+"/metrics"); got != http.StatusNotFound {
		t.Errorf("/metrics on the API = %d, want 404", got)
	}
	if got := status(t, p.metrics+"/metrics"); got != http.StatusUnauthorized {
		t.Errorf("/metrics without the token = %d, want 401", got)
	}
	req, _ := http.NewRequest(http.MethodGet, p.metrics+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "kite_outbox_backlog") {
		t.Fatalf("/metrics with the token: %d %.200s", resp.StatusCode, body)
	}
}

// TestReadyzFailsWhenDatabaseGone drops the PostgreSQL database under a
// running server (SQLite's equivalent is covered in internal/httpserver).
func TestReadyzFailsWhenDatabaseGone(t *testing.T) {
	if !testdb.Postgres() {
		t.Skip("PostgreSQL only")
	}
	database := testdb.URL(t)
	p := start(t, "KITE_DATABASE="+database, "KITE_DEMO=false")
	name := database[strings.LastIndex(database, "/")+1:]
	if i := strings.Index(name, "?"); i >= 0 {
		name = name[:i]
	}
	admin, err := store.Open(context.Background(), os.Getenv(testdb.PostgresEnv))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.DB.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
		t.Fatal(err)
	}
	if got := status(t, p.base+"/readyz"); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database gone = %d, want 503", got)
	}
	if got := status(t, p.base+"/healthz"); got != http.StatusOK {
		t.Errorf("/healthz = %d, want 200 (the process is up)", got)
	}
}

// runCommand runs a kite subcommand to completion.
func runCommand(t *testing.T, args []string, env ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(kiteBinary, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	out, err := cmd.CombinedOutput()
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode(), string(out)
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, string(out)
}

func TestMigrateAndSeedCommands(t *testing.T) {
	database := testdb.URL(t)
	env := "KITE_DATABASE=" + database

	if code, out := runCommand(t, []string{"migrate"}, env); code != 0 {
		t.Fatalf("migrate: exit %d\n%s", code, out)
	}
	if code, out := runCommand(t, []string{"seed"}, env, "KITE_MODE=production", "KITE_SIGNING_KEY="+strongKey,
		"KITE_SMTP_URL=smtp://mail.example.org:25?from=kite@example.org"); code == 0 || !strings.Contains(out, "production") {
		t.Fatalf("seed in production: exit %d\n%s", code, out)
	}
	if code, out := runCommand(t, []string{"seed"}, env); code != 0 {
		t.Fatalf("seed: exit %d\n%s", code, out)
	}
	if code, out := runCommand(t, []string{"seed"}, env); code == 0 || !strings.Contains(out, "already holds data") {
		t.Fatalf("second seed: exit %d\n%s", code, out)
	}
	if code, out := runCommand(t, []string{"migrate"}, env); code != 0 {
		t.Fatalf("migrate on a migrated database: exit %d\n%s", code, out)
	}
	if code, _ := runCommand(t, []string{"frobnicate"}, env); code != 2 {
		t.Fatalf("unknown command: exit %d", code)
	}
}

func TestImportCommand(t *testing.T) {
	database := testdb.URL(t)
	env := []string{"KITE_DATABASE=" + database}
	if code, out := runCommand(t, []string{"seed"}, env...); code != 0 {
		t.Fatalf("seed: %d %s", code, out)
	}
	dir := t.TempDir()
	children := filepath.Join(dir, "children.csv")
	os.WriteFile(children, []byte("external_id,preferred_name,legal_name,date_of_birth,status,became_looked_after_on\nCS-9,Robin,Robin Ash,2015-03-04,IN_CARE,2025-01-10\n"), 0o600)
	for i := 0; i < 2; i++ { // twice: the second run changes nothing
		if code, out := runCommand(t, []string{"import", "Demo Borough", children}, env...); code != 0 {
			t.Fatalf("import: %d %s", code, out)
		}
	}
	bad := filepath.Join(dir, "meetings.csv")
	os.WriteFile(bad, []byte("external_id,child_ref,kind,status,due_by\nCS-M1,NOPE,CIC_REVIEW,SCHEDULED,2026-01-01\n"), 0o600)
	if code, out := runCommand(t, []string{"import", "Demo Borough", bad}, env...); code == 0 || !strings.Contains(out, "nothing was imported") {
		t.Fatalf("bad import: %d %s", code, out)
	}
	if code, _ := runCommand(t, []string{"import", "Nowhere Council", children}, env...); code == 0 {
		t.Fatal("import into an unknown authority")
	}
	st, err := store.Open(context.Background(), database)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	if n := st.Client.Child.Query().Where(child.PreferredName("Robin")).CountX(ctx); n != 1 {
		t.Fatalf("%d Robins", n)
	}
}

func TestGenCommand(t *testing.T) {
	database := testdb.URL(t)
	env := "KITE_DATABASE=" + database
	for i := 0; i < 2; i++ { // twice: a second authority, numbering carried on
		if code, out := runCommand(t, []string{"gen", "--children", "30", "--seed", "7"}, env); code != 0 {
			t.Fatalf("gen: %d %s", code, out)
		}
	}
	if code, out := runCommand(t, []string{"gen", "--children", "5"}, env, "KITE_MODE=production", "KITE_SIGNING_KEY="+strongKey,
		"KITE_SMTP_URL=smtp://mail.example.org:25?from=kite@example.org"); code == 0 || !strings.Contains(out, "production") {
		t.Fatalf("gen in production: %d %s", code, out)
	}
	st, err := store.Open(context.Background(), database)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	if n := st.Client.LocalAuthority.Query().CountX(ctx); n != 2 {
		t.Fatalf("%d authorities, want 2", n)
	}
	if n := st.Client.Child.Query().CountX(ctx); n != 60 {
		t.Fatalf("%d children, want 60", n)
	}
	if !st.Client.User.Query().Where(user.Username("gen-iro-1")).ExistX(ctx) {
		t.Fatal("no gen-iro-1")
	}
}

// TestGenWithItsOwnPassword: `kite gen --password-file` gives the generated
// accounts another password than the published one (what the load tool
// does), and a too-short one is refused.
func TestGenWithItsOwnPassword(t *testing.T) {
	database := testdb.URL(t)
	file := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(file, []byte("a long load-test secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out := runCommand(t, []string{"gen", "--children", "3", "--password-file", file}, "KITE_DATABASE="+database); code != 0 {
		t.Fatalf("gen: %d %s", code, out)
	}
	st, err := store.Open(context.Background(), database)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	hash := st.Client.User.Query().Where(user.Username("gen-child-1")).OnlyX(ctx).PasswordHash
	hasher, err := auth.NewHasher(auth.DefaultArgon2Params, 1)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := hasher.Compare(ctx, "a long load-test secret", hash); !ok {
		t.Error("gen-child-1 does not sign in with the password from the file")
	}
	if ok, _ := hasher.Compare(ctx, demo.Password, hash); ok {
		t.Error("gen-child-1 still has the demo password")
	}
	if err := os.WriteFile(file, []byte("short"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out := runCommand(t, []string{"gen", "--children", "3", "--password-file", file}, "KITE_DATABASE="+database); code == 0 || !strings.Contains(out, "12 characters") {
		t.Fatalf("a short password: %d %s", code, out)
	}
}

// TestProductionRefusesDemoPasswords: a database that came from a
// development server (demo data, `kite gen`) holds accounts that sign in
// with the published demo password. A production server over it refuses to
// start, naming them, until they are disabled or their passwords changed —
// renamed ones too, found by the password hash they share.
func TestProductionRefusesDemoPasswords(t *testing.T) {
	database := testdb.URL(t)
	if code, out := runCommand(t, []string{"seed"}, "KITE_DATABASE="+database); code != 0 {
		t.Fatalf("seed: %d %s", code, out)
	}
	if code, out := runCommand(t, []string{"gen", "--children", "3"}, "KITE_DATABASE="+database); code != 0 {
		t.Fatalf("gen: %d %s", code, out)
	}
	production := []string{"KITE_MODE=production", "KITE_DATABASE=" + database, "KITE_SIGNING_KEY=" + strongKey,
		"KITE_SMTP_URL=smtp://mail.example.org:25?from=kite@example.org"}
	refused := func(want ...string) string {
		t.Helper()
		// Without the refusal the server would run on: give it a minute.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, kiteBinary, "serve")
		cmd.Dir = t.TempDir()
		cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "KITE_ADDR=" + freeAddr(t)}, production...)
		b, err := cmd.CombinedOutput()
		out := string(b)
		code := cmd.ProcessState.ExitCode()
		if err != nil && ctx.Err() != nil {
			t.Fatalf("production over demo accounts is still running after a minute:\n%s", out)
		}
		if code == 0 || !strings.Contains(out, "demo password") {
			t.Fatalf("production over demo accounts: exit %d\n%s", code, out)
		}
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("the refusal does not name %s:\n%s", w, out)
			}
		}
		return out
	}
	st, err := store.Open(context.Background(), database)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	// Renamed, admin.demo is still known by its hash, shared with the others.
	st.Client.User.Update().Where(user.Username("admin.demo")).SetUsername("morgan.lee").ExecX(ctx)
	// A demo account whose password was changed is fine.
	st.Client.User.Update().Where(user.Username("child.demo")).SetPasswordHash(otherPasswordHash(t)).ExecX(ctx)
	out := refused("iro.demo", "child.other", "gen-iro-1", "morgan.lee")
	if strings.Contains(out, `"child.demo"`) {
		t.Errorf("child.demo, with a new password, is named:\n%s", out)
	}

	if code, out := runCommand(t, []string{"disable-demo-accounts"}, production...); code != 0 {
		t.Fatalf("disable-demo-accounts: %d %s", code, out)
	}
	if !st.Client.User.Query().Where(user.Username("child.demo"), user.Active(true)).ExistX(ctx) ||
		st.Client.User.Query().Where(user.Username("morgan.lee"), user.Active(true)).ExistX(ctx) {
		t.Fatal("disable-demo-accounts disabled the wrong accounts")
	}
	p := start(t, production...)
	if got := status(t, p.base+"/readyz"); got != http.StatusOK {
		t.Fatalf("/readyz = %d", got)
	}
}

// otherPasswordHash is an argon2id hash of a password that is not the demo
// one.
func otherPasswordHash(t *testing.T) string {
	t.Helper()
	h, err := auth.NewHasher(auth.DefaultArgon2Params, 1)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := h.Hash(context.Background(), "velvet harbour lantern")
	if err != nil {
		t.Fatal(err)
	}
	return hash
}

// TestReportCommand: `kite report` writes the annual report's statistics
// for one authority — every section, at least five charts, no names — and
// a PDF through Chromium when it is installed, or says clearly that it is
// not.
func TestReportCommand(t *testing.T) {
	database := testdb.URL(t)
	env := "KITE_DATABASE=" + database
	if code, out := runCommand(t, []string{"seed"}, env); code != 0 {
		t.Fatalf("seed: %d %s", code, out)
	}
	today := civil.Today()
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	args := []string{"report", "--authority", "Demo Borough", "--from", today.AddYears(-1).AddDays(1).String(), "--to", today.String()}
	if code, out := runCommand(t, append(args, file), env); code != 0 || !strings.Contains(out, "report written") {
		t.Fatalf("report: %d %s", code, out)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	if n := strings.Count(page, `<svg role="img"`); n < 5 {
		t.Errorf("%d charts", n)
	}
	for _, section := range []string{"in-care", "child-protection", "records", "timeliness", "alerts", "caseloads", "definitions"} {
		if !strings.Contains(page, `<section id="`+section+`"`) {
			t.Errorf("no section %s", section)
		}
	}
	// Numbers only: no name of a child, a parent or a member of staff.
	st, err := store.Open(context.Background(), database)
	if err != nil {
		t.Fatal(err)
	}
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	var names []string
	for _, u := range st.Client.User.Query().AllX(ctx) {
		names = append(names, u.DisplayName)
		if u.Username != nil {
			names = append(names, *u.Username)
		}
	}
	for _, c := range st.Client.Child.Query().WithIdentity().AllX(ctx) {
		names = append(names, c.PreferredName)
		if c.Edges.Identity != nil {
			names = append(names, c.Edges.Identity.LegalName)
		}
	}
	st.Close()
	for _, name := range names {
		if name != "" && regexp.MustCompile(`\b`+regexp.QuoteMeta(name)+`\b`).MatchString(page) {
			t.Errorf("the report names %q", name)
		}
	}

	if code, out := runCommand(t, []string{"report", "--authority", "Nowhere Council", "--from", "2019-04-01", "--to", "2020-03-31", file}, env); code == 0 ||
		!strings.Contains(out, "no local authority is called") {
		t.Errorf("unknown authority: %d %s", code, out)
	}
	if code, out := runCommand(t, append(args, "--format", "docx", file), env); code == 0 || !strings.Contains(out, "html or pdf") {
		t.Errorf("--format docx: %d %s", code, out)
	}
	pdf := filepath.Join(dir, "report.pdf")
	if code, out := runCommand(t, append(args, pdf), env, "PATH=/nonexistent"); code == 0 || !strings.Contains(out, "apt-get install chromium") {
		t.Errorf("PDF without Chromium: %d %s", code, out)
	}
	if _, err := exec.LookPath("chromium"); err != nil {
		t.Log("chromium is not installed: the PDF itself is not checked")
		return
	}
	if code, out := runCommand(t, append(args, pdf), env); code != 0 {
		t.Fatalf("PDF: %d %s", code, out)
	}
	if b, err := os.ReadFile(pdf); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("no PDF written: %v", err)
	}
}
