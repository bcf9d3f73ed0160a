package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"kite/internal/demo"
	"kite/internal/shared/sharedtest"
	"kite/internal/testdb"
)

// TestSeveralInstances runs two real Kite processes on one PostgreSQL
// database, once with the default services (events over LISTEN/NOTIFY, the
// shared store in PostgreSQL) and once with NATS and Redis, and checks what
// must hold across them: a submission on A reaches the subscriptions on B
// that may see it (and not the others); failed logins on A and B count as
// one; a logout on A ends the access token on B; 200 urgent submissions
// across both, with B killed (SIGKILL) halfway, give every notification
// sent once; and, on the default services, every database connection of
// both killed mid-load (pg_terminate_backend: the PostgreSQL server here is
// shared, so it is not restarted) loses no acknowledged write, and both
// instances recover by themselves.
func TestSeveralInstances(t *testing.T) {
	if !testdb.Postgres() {
		t.Skip("PostgreSQL only (KITE_TEST_POSTGRES)")
	}
	variants := []struct {
		name string
		env  func(t *testing.T) []string
		// terminate: kill the database connections during the load.
		terminate bool
	}{
		{"postgres", func(*testing.T) []string { return nil }, true},
		{"nats and redis", func(t *testing.T) []string {
			redis := sharedtest.RedisURL(t)
			nats := natsURL(t)
			if redis == "" || nats == "" {
				t.Skip("no Redis or NATS server here")
			}
			return []string{"KITE_EVENTS=" + nats, "KITE_SHARED_STORE=" + redis}
		}, false},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			database := testdb.URL(t)
			mail := startMailbox(t)
			env := append(v.env(t), "KITE_DATABASE="+database, "KITE_SMTP_URL=smtp://"+mail.addr+"?from=kite@kite.test",
				"KITE_OUTBOX_LEASE=3s", "KITE_TRUSTED_PROXIES=127.0.0.1/32",
				// One signing key, so that a token from one is good on the other.
				"KITE_SIGNING_KEY="+randomKey(t))
			a := start(t, append(env, "KITE_DEMO=true")...)
			b := start(t, append(env, "KITE_DEMO=false")...)
			for _, p := range []*process{a, b} {
				if got := status(t, p.base+"/readyz"); got != http.StatusOK {
					t.Fatalf("/readyz = %d", got)
				}
			}
			t.Run("a submission on A reaches the subscriptions on B that may see it", func(t *testing.T) {
				subscriptionsAcross(t, a, b)
			})
			t.Run("failed logins on A and B count as one", func(t *testing.T) { throttleAcross(t, a, b) })
			t.Run("a logout on A ends the access token on B", func(t *testing.T) { logoutAcross(t, a, b) })
			t.Run("urgent notifications are sent once with B killed halfway", func(t *testing.T) {
				urgentAcross(t, database, mail, a, b, v.terminate)
			})
		})
	}
}

// natsURL is the NATS server for tests: KITE_TEST_NATS, or the local one
// when it answers; "" outside CI when there is none (CI fails instead).
func natsURL(t *testing.T) string {
	if url := os.Getenv("KITE_TEST_NATS"); url != "" {
		return url
	}
	c, err := net.DialTimeout("tcp", "127.0.0.1:4222", time.Second)
	if err == nil {
		c.Close()
		return "nats://127.0.0.1:4222"
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("no NATS server at 127.0.0.1:4222 (CI): %v", err)
	}
	return ""
}

// login signs in and returns the access and refresh tokens.
func login(t *testing.T, base, username string) (access, refresh string) {
	t.Helper()
	data := mustCall(t, base, "", `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { accessToken refreshToken } }`,
		map[string]any{"u": username, "p": demo.Password})
	l := data["login"].(map[string]any)
	return l["accessToken"].(string), l["refreshToken"].(string)
}

func subscriptionsAcross(t *testing.T, a, b *process) {
	iroToken, _ := login(t, b.base, "iro.demo")
	chairToken, _ := login(t, b.base, "chair.demo")
	const query = `subscription { submissionReceived { id } }`
	iro := dialKite(t, b.base, iroToken)
	chair := dialKite(t, b.base, chairToken)
	iro.subscribe("1", query)
	chair.subscribe("1", query)
	// A subscription is registered when its first message could come; a
	// round trip on each connection (a second subscription's ack is not in
	// the protocol) is given by a ping.
	iro.ping(t)
	chair.ping(t)

	jamieToken, jamie := loginChild(t, a.base, "child.demo")
	jamies, err := submitOnce(a.base, jamieToken, jamie, "across-1")
	if err != nil {
		t.Fatal(err)
	}
	if got := iro.nextID(t); got != jamies {
		t.Errorf("Jamie's IRO on B received %q, want Jamie's submission %q from A", got, jamies)
	}
	// Ava's chair is not Jamie's: the first thing they receive is Ava's.
	avaToken, ava := loginChild(t, a.base, "child2.demo")
	avas, err := submitOnce(a.base, avaToken, ava, "across-2")
	if err != nil {
		t.Fatal(err)
	}
	if got := chair.nextID(t); got != avas {
		t.Errorf("Ava's chair on B first received %q, want Ava's submission %q (never Jamie's %q)", got, avas, jamies)
	}
}

func throttleAcross(t *testing.T, a, b *process) {
	// One address may fail 100 times in 15 minutes, whichever usernames it
	// tries: 50 failures on each instance make 100, which neither instance
	// alone would have counted. (The address is given through the trusted
	// proxy header, so that the other tests' logins are not refused; a new
	// one each run, as a Redis server keeps its counts between runs.)
	n := time.Now().UnixNano()
	attacker := fmt.Sprintf("2001:db8:%x:%x::1", n&0xffff, n>>16&0xffff)
	var wg sync.WaitGroup
	for n, p := range []*process{a, b} {
		wg.Go(func() {
			for i := range 50 {
				out, err := callFrom(p.base, attacker, `mutation($u: String!) { login(input: {username: $u, password: "not the password"}) { accessToken } }`,
					map[string]any{"u": fmt.Sprintf("nobody.%d.%d", n, i)})
				if err != nil || len(out.Errors) == 0 || out.Errors[0].Extensions["code"] != "UNAUTHENTICATED" {
					t.Errorf("failure %d answered %+v (%v), want UNAUTHENTICATED", i, out, err)
				}
			}
		})
	}
	wg.Wait()
	for name, p := range map[string]*process{"A": a, "B": b} {
		out, _ := callFrom(p.base, attacker, `mutation($p: String!) { login(input: {username: "sw.demo", password: $p}) { accessToken } }`,
			map[string]any{"p": demo.Password})
		if out == nil || len(out.Errors) == 0 || out.Errors[0].Extensions["code"] != "RATE_LIMITED" {
			t.Errorf("on %s after 100 failures across both: %+v, want RATE_LIMITED", name, out)
		}
	}
}

// callFrom is call without a token, from addr as the trusted proxy says.
// Errors in the answer are the caller's to read.
func callFrom(base, addr, query string, vars map[string]any) (*gqlResult, error) {
	out, err := post(base, http.Header{"X-Forwarded-For": {addr}}, query, vars)
	if out != nil && len(out.Errors) > 0 {
		err = nil
	}
	return out, err
}

func logoutAcross(t *testing.T, a, b *process) {
	access, refresh := login(t, a.base, "manager.demo")
	const me = `{ me { id } }`
	if _, err := call(b.base, access, me, nil); err != nil {
		t.Fatalf("the token before logout, on B: %v", err)
	}
	if data := mustCall(t, a.base, "", `mutation($t: String!) { logout(refreshToken: $t) }`, map[string]any{"t": refresh}); data["logout"] != true {
		t.Fatalf("logout answered %v", data)
	}
	out, _ := call(b.base, access, me, nil)
	if out == nil || len(out.Errors) == 0 || out.Errors[0].Extensions["code"] != "UNAUTHENTICATED" {
		t.Errorf("the token after logout on A, on B: %+v, want UNAUTHENTICATED", out)
	}
}

// urgentAcross sends 200 urgent submissions, half while both instances
// run, half after B is killed; with terminate, every database connection
// of both is killed while the second half is under way. Each submission is
// tried until acknowledged (with its idempotency key, as a client does).
func urgentAcross(t *testing.T, database string, mail *mailbox, a, b *process, terminate bool) {
	const total, workers = 200, 8
	tokens := map[*process][2]string{}
	for _, p := range []*process{a, b} {
		tok, child := loginChild(t, p.base, "child.demo")
		tokens[p] = [2]string{tok, child}
	}
	send := func(from, to int, on func(i int) *process) {
		var wg sync.WaitGroup
		next := make(chan int)
		for range workers {
			wg.Go(func() {
				for i := range next {
					deadline := time.Now().Add(60 * time.Second)
					for {
						p := on(i)
						if _, err := submitUrgent(p.base, tokens[p][0], tokens[p][1], fmt.Sprintf("urgent-%d", i)); err == nil {
							break
						} else if time.Now().After(deadline) {
							t.Errorf("submission %d never acknowledged: %v", i, err)
							break
						}
						time.Sleep(100 * time.Millisecond)
					}
				}
			})
		}
		for i := from; i < to; i++ {
			next <- i
		}
		close(next)
		wg.Wait()
	}
	alternate := func(i int) *process {
		if i%2 == 0 {
			return a
		}
		return b
	}
	send(0, total/2, alternate)
	if err := b.cmd.Process.Kill(); err != nil { // SIGKILL: B's claims are left as they are
		t.Fatal(err)
	}
	b.wait(t, 10*time.Second)
	var watching *kiteSocket
	if terminate {
		// An IRO's subscription on A: when A's connection to the bus is
		// killed, it must end with RESUBSCRIBE, not go quiet.
		iroToken, _ := login(t, a.base, "iro.demo")
		watching = dialKite(t, a.base, iroToken)
		watching.subscribe("1", `subscription { submissionReceived { id } }`)
		watching.ping(t)
	}
	done := make(chan struct{})
	if terminate {
		go func() {
			defer close(done)
			time.Sleep(200 * time.Millisecond)
			terminateConnections(t, database)
		}()
	} else {
		close(done)
	}
	send(total/2, total, func(int) *process { return a })
	<-done
	if watching != nil {
		for m := watching.read(t); ; m = watching.read(t) {
			if m.Type == "next" || m.Type == "ping" || m.Type == "pong" {
				continue
			}
			if m.Type != "error" || !strings.Contains(string(m.Payload), `"RESUBSCRIBE"`) {
				t.Errorf("the subscription on A after its bus connection was killed: %s %s, want an error RESUBSCRIBE", m.Type, m.Payload)
			}
			break
		}
	}

	// Every urgent submission writes one notification to each of the
	// child's IRO and social worker; wait until all are delivered.
	db, err := sql.Open("pgx", database)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows, waiting int
	deadline := time.Now().Add(90 * time.Second)
	for {
		err := db.QueryRow(`SELECT count(*), count(*) FILTER (WHERE delivered_at IS NULL) FROM notifications WHERE kind = 'urgent_submission'`).
			Scan(&rows, &waiting)
		if err == nil && waiting == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d urgent notifications still waiting (%v)\n%s", waiting, rows, err, a.logs)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if rows != 2*total {
		t.Errorf("%d urgent notifications for %d urgent submissions, want %d", rows, total, 2*total)
	}
	ids, messages := mail.counts()
	if ids != rows {
		t.Errorf("%d notifications sent (distinct Message-IDs), want %d", ids, rows)
	}
	// Only a message B was sending at the moment it was killed can go
	// twice (sent, not yet recorded as sent): it carries the same
	// Message-ID both times.
	if messages > ids+1 {
		t.Errorf("%d messages for %d notifications: more than the one B may have been sending when killed", messages, ids)
	}
	t.Logf("%d urgent submissions, %d notifications, %d messages (%d distinct)", total, rows, messages, ids)
	if got := status(t, a.base+"/readyz"); got != http.StatusOK {
		t.Errorf("A's /readyz after the load = %d, want 200", got)
	}
}

// terminateConnections ends every server connection to database but this
// one: the instances' pools and their LISTEN connection.
func terminateConnections(t *testing.T, database string) {
	db, err := sql.Open("pgx", database)
	if err != nil {
		t.Error(err)
		return
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid()`).Scan(&n); err != nil {
		t.Error(err)
		return
	}
	t.Logf("terminated %d database connections during the load", n)
}

const submitUrgentMutation = `mutation($in: SubmitWishesAndFeelingsInput!) { submitWishesAndFeelings(input: $in) { submission { id status } } }`

func submitUrgent(base, token, childID, key string) (string, error) {
	out, err := call(base, token, submitUrgentMutation, map[string]any{"in": map[string]any{
		"childId": childID, "idempotencyKey": key, "shareWith": "CHAIR_AND_SOCIAL_WORKER", "needsToTalkToday": true,
		"answers": []map[string]any{{"questionKey": "worries", "value": "I need to talk to someone (" + key + ")."}},
	}})
	if err != nil {
		return "", err
	}
	sub, _ := out.Data["submitWishesAndFeelings"].(map[string]any)["submission"].(map[string]any)
	if sub == nil || sub["status"] != "SUBMITTED" {
		return "", fmt.Errorf("submission answered %v", out.Data)
	}
	return sub["id"].(string), nil
}

// kiteSocket is a minimal graphql-transport-ws client of a Kite process.
type kiteSocket struct {
	conn *websocket.Conn
}

func dialKite(t *testing.T, base, token string) *kiteSocket {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(base, "http")+"/query",
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.CloseNow() })
	s := &kiteSocket{conn: conn}
	s.send(t, map[string]any{"type": "connection_init", "payload": map[string]any{"authorization": "Bearer " + token}})
	if m := s.read(t); m.Type != "connection_ack" {
		t.Fatalf("connection_init answered %+v", m)
	}
	return s
}

type socketMessage struct {
	ID      string          `json:"id"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload"`
}

func (s *kiteSocket) send(t *testing.T, m map[string]any) {
	t.Helper()
	b, _ := json.Marshal(m)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.conn.Write(ctx, websocket.MessageText, b); err != nil {
		t.Fatal(err)
	}
}

// read returns the next message, failing the test after 30 seconds (a
// bound on a broken test, not a measure of speed).
func (s *kiteSocket) read(t *testing.T) socketMessage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, b, err := s.conn.Read(ctx)
	if err != nil {
		t.Fatalf("websocket: %v", err)
	}
	var m socketMessage
	_ = json.Unmarshal(b, &m)
	return m
}

func (s *kiteSocket) subscribe(id, query string) {
	b, _ := json.Marshal(map[string]any{"id": id, "type": "subscribe", "payload": map[string]any{"query": query}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = s.conn.Write(ctx, websocket.MessageText, b)
}

// ping waits for the server's pong: everything sent before is handled.
func (s *kiteSocket) ping(t *testing.T) {
	t.Helper()
	s.send(t, map[string]any{"type": "ping"})
	for m := s.read(t); m.Type != "pong"; m = s.read(t) {
		if m.Type != "ping" && m.Type != "ka" {
			t.Fatalf("before pong: %+v", m)
		}
	}
}

// nextID is the id of the submission in the next data message.
func (s *kiteSocket) nextID(t *testing.T) string {
	t.Helper()
	for {
		m := s.read(t)
		switch m.Type {
		case "ping", "pong", "ka":
			continue
		case "next":
			var p struct {
				Data struct {
					SubmissionReceived struct{ ID string } `json:"submissionReceived"`
				} `json:"data"`
			}
			_ = json.Unmarshal(m.Payload, &p)
			return p.Data.SubmissionReceived.ID
		}
		t.Fatalf("unexpected %+v", m)
	}
}

// mailbox is an SMTP server that records the Message-ID of every message.
type mailbox struct {
	addr string
	mu   sync.Mutex
	ids  map[string]int
}

func (m *mailbox) counts() (distinct, messages int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, n := range m.ids {
		messages += n
	}
	return len(m.ids), messages
}

func startMailbox(t *testing.T) *mailbox {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	m := &mailbox{addr: l.Addr().String(), ids: map[string]int{}}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go m.serve(c)
		}
	}()
	return m
}

// serve speaks just enough SMTP for net/smtp (no STARTTLS, no AUTH).
func (m *mailbox) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(s string) { _, _ = c.Write([]byte(s + "\r\n")) }
	say("220 mailbox")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 mailbox")
		case cmd == "DATA":
			say("354 go on")
			id := ""
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				if strings.HasPrefix(l, "Message-ID: ") {
					id = strings.TrimSpace(strings.TrimPrefix(l, "Message-ID: "))
				}
			}
			m.mu.Lock()
			m.ids[id]++
			m.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

// randomKey is a signing key for this test, as base64.
func randomKey(t *testing.T) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}
