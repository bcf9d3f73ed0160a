package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"kite/ent/auditevent"
	"kite/internal/apitest"
	"kite/internal/audit"
)

// wsClient is a minimal graphql-transport-ws client.
type wsClient struct {
	t    *testing.T
	conn *websocket.Conn
}

type wsMessage struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

func dial(t *testing.T, srv *httptest.Server, token string) (*wsClient, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http")+"/query",
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		t.Fatal(err)
	}
	c := &wsClient{t: t, conn: conn}
	payload := map[string]any{}
	if token != "" {
		payload["authorization"] = "Bearer " + token
	}
	c.send(wsMessage{Type: "connection_init", Payload: mustJSON(payload)})
	for {
		m, err := c.read(5 * time.Second)
		if err != nil {
			return nil, err
		}
		if m.Type == "connection_ack" {
			return c, nil
		}
	}
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

func (c *wsClient) send(m wsMessage) {
	c.t.Helper()
	b, _ := json.Marshal(m)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.conn.Write(ctx, websocket.MessageText, b); err != nil {
		c.t.Fatal(err)
	}
}

// read returns the next message that is not a keep-alive.
func (c *wsClient) read(timeout time.Duration) (wsMessage, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		_, b, err := c.conn.Read(ctx)
		if err != nil {
			return wsMessage{}, err
		}
		var m wsMessage
		_ = json.Unmarshal(b, &m)
		if m.Type != "ping" && m.Type != "pong" && m.Type != "ka" {
			return m, nil
		}
	}
}

func (c *wsClient) subscribe(id, query string) {
	c.send(wsMessage{ID: id, Type: "subscribe", Payload: mustJSON(map[string]any{"query": query})})
}

// next waits for the next data message, or reports none within timeout.
func (c *wsClient) next(timeout time.Duration) (map[string]any, bool) {
	c.t.Helper()
	m, err := c.read(timeout)
	if err != nil {
		return nil, false
	}
	if m.Type != "next" {
		c.t.Fatalf("unexpected message %s %s", m.Type, m.Payload)
	}
	var p struct {
		Data   map[string]any `json:"data"`
		Errors []any          `json:"errors"`
	}
	_ = json.Unmarshal(m.Payload, &p)
	if len(p.Errors) > 0 {
		c.t.Fatalf("subscription error: %s", m.Payload)
	}
	return p.Data, true
}

func closeCode(err error) websocket.StatusCode { return websocket.CloseStatus(err) }

func TestSubscriptionNeedsAValidToken(t *testing.T) {
	s := apitest.New(t)
	srv := httptest.NewServer(s.Handler)
	defer srv.Close()
	for name, tok := range map[string]string{"no token": "", "a bad token": "not-a-token"} {
		_, err := dial(t, srv, tok)
		if err == nil || closeCode(err) != 4401 {
			t.Errorf("%s: %v (code %d)", name, err, closeCode(err))
		}
	}
}

func TestSubmissionReceivedReachesStaffWhoMaySeeIt(t *testing.T) {
	s := apitest.New(t)
	srv := httptest.NewServer(s.Handler)
	defer srv.Close()
	q := `subscription { submissionReceived { id status needsToTalkToday answers { value } child { id } } }`
	iro, err := dial(t, srv, s.Login("iro.demo"))
	if err != nil {
		t.Fatal(err)
	}
	sw, err := dial(t, srv, s.Login("sw.demo"))
	if err != nil {
		t.Fatal(err)
	}
	chair, err := dial(t, srv, s.Login("chair.demo")) // not Jamie's chair
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*wsClient{iro, sw, chair} {
		c.subscribe("1", q)
	}
	time.Sleep(100 * time.Millisecond) // let the subscriptions start
	jamie := childNamed(t, s, "Jamie")
	submit(t, s, s.Login("child.demo"), jamie.ID, "live-1", true, map[string]any{"shareWith": "CHAIR_ONLY"})

	got, ok := iro.next(5 * time.Second)
	if !ok || apitest.Path(got, "submissionReceived", "needsToTalkToday") != true || apitest.Path(got, "submissionReceived", "answers") == nil {
		t.Fatalf("IRO: %v", got)
	}
	// The IRO's read is in the audit log at once, not when they disconnect.
	read := s.Client().AuditEvent.Query().Where(auditevent.Action(audit.SubmissionsRead),
		auditevent.ActorID(userID(t, s, "iro.demo").ID), auditevent.ChildID(jamie.ID))
	if n := read.CountX(apitest.System()); n != 1 {
		t.Errorf("the IRO's read of the submission: %d audit events while subscribed, want 1", n)
	}
	got, ok = sw.next(5 * time.Second)
	if !ok || apitest.Path(got, "submissionReceived", "needsToTalkToday") != true || apitest.Path(got, "submissionReceived", "answers") != nil {
		t.Fatalf("social worker (chair only, urgent: the flag, not the words): %v", got)
	}
	if got, ok := chair.next(500 * time.Millisecond); ok {
		t.Fatalf("a chair of other children received it: %v", got)
	}
}

func TestParentCannotSubscribe(t *testing.T) {
	s := apitest.New(t)
	srv := httptest.NewServer(s.Handler)
	defer srv.Close()
	p, err := dial(t, srv, s.Login("parent.demo"))
	if err != nil {
		t.Fatal(err)
	}
	p.subscribe("1", `subscription { submissionReceived { id needsToTalkToday } }`)
	m, err := p.read(5 * time.Second)
	if err != nil || (m.Type != "error" && m.Type != "next") || !strings.Contains(string(m.Payload), "FORBIDDEN") {
		t.Fatalf("parent subscribing: %s %s %v", m.Type, m.Payload, err)
	}
}

func TestChildHearsTheirSubmissionWasRead(t *testing.T) {
	s := apitest.New(t)
	srv := httptest.NewServer(s.Handler)
	defer srv.Close()
	childTok := s.Login("child.demo")
	c, err := dial(t, srv, childTok)
	if err != nil {
		t.Fatal(err)
	}
	c.subscribe("1", `subscription { submissionStatusChanged { id status } }`)
	time.Sleep(100 * time.Millisecond)
	jamie := childNamed(t, s, "Jamie")
	r := submit(t, s, childTok, jamie.ID, "live-2", false, nil)
	id := apitest.Path(r.Data, "submitWishesAndFeelings", "submission", "id")
	s.Query(s.Login("iro.demo"), `mutation($id: ID!) { markSubmissionRead(id: $id) { id } }`, map[string]any{"id": id})
	got, ok := c.next(5 * time.Second)
	if !ok || apitest.Path(got, "submissionStatusChanged", "id") != id || apitest.Path(got, "submissionStatusChanged", "status") != "READ" {
		t.Fatalf("child: %v", got)
	}
}

func TestDisablingAnAccountClosesItsSubscription(t *testing.T) {
	s := apitest.New(t)
	srv := httptest.NewServer(s.Handler)
	defer srv.Close()
	sw, err := dial(t, srv, s.Login("sw.demo"))
	if err != nil {
		t.Fatal(err)
	}
	sw.subscribe("1", `subscription { submissionReceived { id } }`)
	time.Sleep(100 * time.Millisecond)
	admin := s.Login("admin.demo")
	r := s.Query(admin, `mutation($id: ID!) { setAccountActive(input: {userId: $id, active: false}) { user { id } } }`,
		map[string]any{"id": userID(t, s, "sw.demo").ID})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		_, err := sw.read(time.Until(deadline))
		if err == nil {
			continue
		}
		// Closed by the server — not our own wait running out, which
		// would mean it is still open.
		if errors.Is(err, context.DeadlineExceeded) {
			break
		}
		return
	}
	t.Fatal("the disabled account's subscription is still open")
}
