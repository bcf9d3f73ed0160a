package graph_test

import (
	"strings"
	"testing"

	"kite/ent/alert"
	"kite/ent/notification"
	"kite/internal/apitest"
	"kite/internal/ident"
	"kite/internal/notify"
)

const (
	raiseAlertQ   = `mutation($in: RaiseAlertInput!) { raiseAlert(input: $in) { alert { id status } } }`
	resolveAlertQ = `mutation($id: ID!, $r: String!) { resolveAlert(input: {alertId: $id, resolution: $r}) { alert { status resolution } } }`
	respondAlertQ = `mutation($id: ID!, $t: String!) { respondToAlert(input: {alertId: $id, text: $t}) {
		alert { status response respondedAt responses { id text respondedAt authorName authorRole author { id } } } } }`
)

// raiseOnAva has chair.demo (Ava's CP Chair) raise an alert on Ava's case
// addressed to the given role, and returns its id.
func raiseOnAva(t *testing.T, s *apitest.Server, addressedTo string) string {
	t.Helper()
	ava := childNamed(t, s, "Ava")
	r := s.Query(s.Login("chair.demo"), raiseAlertQ, map[string]any{"in": map[string]any{"childId": ava.ID,
		"level": "INFORMAL_ALERT", "reason": "DRIFT_OR_DELAY", "details": "The plan has not moved on.", "addressedTo": addressedTo}})
	id, _ := apitest.Path(r.Data, "raiseAlert", "alert", "id").(string)
	if id == "" {
		t.Fatalf("raise: %s", r.Raw)
	}
	return id
}

// TestAlertAddresseeCannotResolve: the social worker an alert is addressed
// to responds to it; only the chair who raised it or a manager records how
// it was resolved.
func TestAlertAddresseeCannotResolve(t *testing.T) {
	s := apitest.New(t)
	id := raiseOnAva(t, s, "SOCIAL_WORKER")
	r := s.Query(s.Login("sw.demo"), resolveAlertQ, map[string]any{"id": id, "r": "Sorted, as far as I am concerned."})
	if r.Code() != "FORBIDDEN" {
		t.Fatalf("the addressee resolves the alert: %s", r.Raw)
	}
	if a := s.Client().Alert.GetX(apitest.System(), ident.ID(id)); a.Status != "OPEN" || a.Resolution != "" {
		t.Fatalf("the refused resolution left a trace: %+v", a)
	}
	// The chair who raised it can.
	r = s.Query(s.Login("chair.demo"), resolveAlertQ, map[string]any{"id": id, "r": "The plan moved on."})
	if apitest.Path(r.Data, "resolveAlert", "alert", "status") != "RESOLVED" {
		t.Fatalf("the raiser resolves: %s", r.Raw)
	}
	// So can a manager of the authority, on an alert addressed to a social worker.
	other := raiseOnAva(t, s, "SOCIAL_WORKER")
	r = s.Query(s.Login("manager.demo"), resolveAlertQ, map[string]any{"id": other, "r": "Agreed with the team."})
	if apitest.Path(r.Data, "resolveAlert", "alert", "status") != "RESOLVED" {
		t.Fatalf("a manager resolves: %s", r.Raw)
	}
	// Nobody else: another IRO of the authority does not even see it.
	third := raiseOnAva(t, s, "SOCIAL_WORKER")
	if r := s.Query(s.Login("iro.demo"), resolveAlertQ, map[string]any{"id": third, "r": "Not mine to say."}); r.Code() != "NOT_FOUND" {
		t.Fatalf("an IRO not allocated to Ava: %s", r.Raw)
	}
}

// TestAlertAddresseeResponds: the addressee's responses are listed on the
// alert (the latest also as its response), the raiser is told through the
// outbox with ids only, and nobody but the addressee may respond.
func TestAlertAddresseeResponds(t *testing.T) {
	s := apitest.New(t)
	id := raiseOnAva(t, s, "SOCIAL_WORKER")
	sw, chair, manager := userID(t, s, "sw.demo"), userID(t, s, "chair.demo"), userID(t, s, "manager.demo")

	// The addressee was told of the new alert.
	told := s.Client().Notification.Query().Where(notification.Kind(notify.AlertRaised)).AllX(apitest.System())
	if len(told) != 1 || told[0].RecipientUserID == nil || *told[0].RecipientUserID != sw.ID || told[0].Payload["alertId"] != id {
		t.Fatalf("the social worker was not told of the alert: %+v", told)
	}

	// Not the addressee: the raiser, a manager (it is addressed to a social
	// worker), staff who do not see the child.
	for name, code := range map[string]string{"chair.demo": "FORBIDDEN", "manager.demo": "FORBIDDEN", "iro.demo": "NOT_FOUND", "parent.demo": "NOT_FOUND"} {
		if r := s.Query(s.Login(name), respondAlertQ, map[string]any{"id": id, "t": "Not mine to answer."}); r.Code() != code {
			t.Errorf("%s responds: %s", name, r.Raw)
		}
	}
	if n := s.Client().AlertResponse.Query().CountX(apitest.System()); n != 0 {
		t.Fatalf("%d responses stored by people it was not addressed to", n)
	}

	words := "A core group is booked for Friday."
	r := s.Query(s.Login("sw.demo"), respondAlertQ, map[string]any{"id": id, "t": words})
	got, _ := apitest.Path(r.Data, "respondToAlert", "alert").(map[string]any)
	if got == nil || got["status"] != "RESPONDED" || got["response"] != words || got["respondedAt"] == nil {
		t.Fatalf("respond: %s", r.Raw)
	}
	responses := got["responses"].([]any)
	if len(responses) != 1 || apitest.Path(responses[0], "text") != words || apitest.Path(responses[0], "authorRole") != "SOCIAL_WORKER" ||
		apitest.Path(responses[0], "author", "id") != string(sw.ID) {
		t.Fatalf("responses: %s", r.Raw)
	}
	responseID := apitest.Path(responses[0], "id").(string)

	// The raiser is told, with ids only.
	n := s.Client().Notification.Query().Where(notification.Kind(notify.AlertResponded)).AllX(apitest.System())
	if len(n) != 1 || n[0].RecipientUserID == nil || *n[0].RecipientUserID != chair.ID || n[0].RecipientAddress != chair.WorkEmail {
		t.Fatalf("the raiser was not told: %+v", n)
	}
	if n[0].Payload["alertId"] != id || n[0].Payload["responseId"] != responseID {
		t.Errorf("payload: %v", n[0].Payload)
	}
	for k, v := range n[0].Payload {
		if strings.Contains(v, "core group") || !strings.Contains(v, "_") {
			t.Errorf("payload %s carries more than an id: %q", k, v)
		}
	}
	if msg := notify.Render(n[0]); strings.Contains(msg.Body, "core group") || strings.Contains(msg.Subject, "core group") {
		t.Errorf("the email carries the response's words: %+v", msg)
	}

	// A second response: both listed, oldest first; the latest is the response.
	later := "The core group met and agreed the next steps."
	r = s.Query(s.Login("sw.demo"), respondAlertQ, map[string]any{"id": id, "t": later})
	if apitest.Path(r.Data, "respondToAlert", "alert", "response") != later ||
		len(apitest.Path(r.Data, "respondToAlert", "alert", "responses").([]any)) != 2 ||
		apitest.Path(r.Data, "respondToAlert", "alert", "responses", 1, "text") != later {
		t.Fatalf("second response: %s", r.Raw)
	}

	// Who sees the responses: the child's allocated staff and managers, as
	// for the alert; nobody else, by any path.
	list := `query($id: ID!) { node(id: $id) { ... on Alert { responses { id } } } }`
	byID := `query($id: ID!) { node(id: $id) { id } }`
	for name, want := range map[string]int{"chair.demo": 2, "sw.demo": 2, "manager.demo": 2, "iro.demo": 0, "parent.demo": 0, "child2.demo": 0, "admin.demo": 0, "iro.other": 0} {
		tok := s.Login(name)
		r := s.Query(tok, list, map[string]any{"id": id})
		rs, _ := apitest.Path(r.Data, "node", "responses").([]any)
		if len(rs) != want {
			t.Errorf("%s sees %d responses, want %d: %s", name, len(rs), want, r.Raw)
		}
		if r := s.Query(tok, byID, map[string]any{"id": responseID}); (r.Data["node"] != nil) != (want > 0) {
			t.Errorf("%s node(response): %s", name, r.Raw)
		}
	}

	// Too long is the client's to fix; a resolved alert takes no more.
	if r := s.Query(s.Login("sw.demo"), respondAlertQ, map[string]any{"id": id, "t": strings.Repeat("a", 5000)}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("an overlong response: %s", r.Raw)
	}
	s.Query(s.Login("chair.demo"), resolveAlertQ, map[string]any{"id": id, "r": "The core group met."})
	if r := s.Query(s.Login("sw.demo"), respondAlertQ, map[string]any{"id": id, "t": "One more thing."}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("responding to a resolved alert: %s", r.Raw)
	}
	if a := s.Client().Alert.Query().Where(alert.ID(ident.ID(id))).OnlyX(apitest.System()); a.Status != "RESOLVED" || a.Response != later {
		t.Errorf("after resolving: %+v", a)
	}

	// Addressed to managers, a manager of the authority responds.
	toManagers := raiseOnAva(t, s, "MANAGER")
	if c := s.Client().Notification.Query().Where(notification.Kind(notify.AlertRaised), notification.RecipientUserID(manager.ID)).CountX(apitest.System()); c != 1 {
		t.Errorf("the manager was told %d times of the alert addressed to managers", c)
	}
	if r := s.Query(s.Login("manager.demo"), respondAlertQ, map[string]any{"id": toManagers, "t": "A manager will look at it."}); apitest.Path(r.Data, "respondToAlert", "alert", "status") != "RESPONDED" {
		t.Errorf("a manager responds to an alert addressed to managers: %s", r.Raw)
	}
	if r := s.Query(s.Login("sw.demo"), respondAlertQ, map[string]any{"id": toManagers, "t": "Me too."}); r.Code() != "FORBIDDEN" {
		t.Errorf("a social worker responds to an alert addressed to managers: %s", r.Raw)
	}
}

// TestAlertResponsesLoadInOneQuery: a list of alerts loads every alert's
// responses together, however many alerts there are.
func TestAlertResponsesLoadInOneQuery(t *testing.T) {
	s := apitest.New(t)
	manager := s.Login("manager.demo")
	q := `{ alerts { id responses { id text } } }`
	count := func() int { return s.Statements(func() { s.Query(manager, q, nil) }) }
	raiseOnAva(t, s, "MANAGER")
	one := count()
	for i := 0; i < 4; i++ {
		id := raiseOnAva(t, s, "MANAGER")
		s.Query(manager, respondAlertQ, map[string]any{"id": id, "t": "Looking into it."})
	}
	if five := count(); five != one {
		t.Errorf("alerts with responses: %d statements for 1 alert, %d for 5", one, five)
	}
}
