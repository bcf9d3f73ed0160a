package graph_test

import (
	"slices"
	"strings"
	"testing"

	"kite/ent/advocacyrequest"
	"kite/ent/helpcontact"
	"kite/ent/notification"
	"kite/internal/accesstest"
	"kite/internal/apitest"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/notify"
)

const (
	helpQuery   = `query($id: ID!) { child(id: $id) { helpContacts { kind kindLabel about name phone textPhone web email hours } } }`
	askMutation = `mutation($in: RequestAdvocateInput!) { requestAdvocate(input: $in) {
		request { id status statusLabel note askedByRole requestedAt fromForm service { name phone } } message } }`
	moveMutation = `mutation($id: ID!, $to: AdvocacyStatus!) { moveAdvocacyRequest(input: {requestId: $id, status: $to}) {
		request { id status requestedAt acceptedAt contactedAt closedAt } } }`
	openQuery       = `{ openAdvocacyRequests { id status ageDays child { preferredName } } }`
	setHelpMutation = `mutation($in: SetHelpContactInput!) { setHelpContact(input: $in) { helpContact { id kind name phone web email hours } } }`
)

// helpKinds are the kinds of help contacts in an answer, in order.
func helpKinds(r *apitest.Response) []string {
	var out []string
	list, _ := apitest.Path(r.Data, "child", "helpContacts").([]any)
	for _, h := range list {
		out = append(out, h.(map[string]any)["kind"].(string))
	}
	return out
}

// TestHelpContactsForEveryone: the child, their parent and their staff see
// the authority's help contacts in order, Childline's real number among
// them; a child of another authority sees theirs; a manager changes their
// own authority's, which the child then sees, and the authority's record
// keeps in step.
func TestHelpContactsForEveryone(t *testing.T) {
	s := apitest.New(t)
	jamie, ava, noah := childNamed(t, s, "Jamie"), childNamed(t, s, "Ava"), childNamed(t, s, "Noah")
	all := []string{"ADVOCACY", "COMPLAINTS", "INDEPENDENT_VISITOR", "CHILDLINE"}
	for _, tc := range []struct {
		who   string
		child ident.ID
		want  []string
	}{
		{"child.demo", jamie.ID, all},
		{"parent.demo", ava.ID, all},
		{"sw.demo", jamie.ID, all},
		{"manager.demo", ava.ID, all},
		// Other Shire has only what its record had, and Childline.
		{"child.other", noah.ID, []string{"ADVOCACY", "COMPLAINTS", "CHILDLINE"}},
		// Another authority's child is not there at all.
		{"child.other", jamie.ID, nil},
	} {
		r := s.Query(s.Login(tc.who), helpQuery, map[string]any{"id": tc.child})
		if len(r.Errors) > 0 || !slices.Equal(helpKinds(r), tc.want) {
			t.Errorf("%s, child %s: help contacts %v, want %v: %s", tc.who, tc.child, helpKinds(r), tc.want, r.Raw)
		}
	}
	child := s.Login("child.demo")
	r := s.Query(child, helpQuery, map[string]any{"id": jamie.ID})
	list := apitest.Path(r.Data, "child", "helpContacts").([]any)
	line := list[3].(map[string]any)
	if line["phone"] != "0800 1111" || line["kindLabel"] != "Childline" || line["about"] == "" || line["hours"] == "" {
		t.Errorf("Childline: %v", line)
	}
	if adv := list[0].(map[string]any); adv["name"] != "Demo Borough Children's Advocacy Service" || adv["phone"] != "01632 960150" {
		t.Errorf("advocacy service: %v", adv)
	}
	// A manager changes the Independent Visitor scheme; the child sees it.
	manager := s.Login("manager.demo")
	r = s.Query(manager, setHelpMutation, map[string]any{"in": map[string]any{"kind": "INDEPENDENT_VISITOR",
		"name": "  Demo Borough Visitors  ", "phone": "+44 (0)1632 960171", "web": "https://visitors.example.org", "hours": "Weekdays"}})
	if len(r.Errors) > 0 || apitest.Path(r.Data, "setHelpContact", "helpContact", "name") != "Demo Borough Visitors" {
		t.Fatalf("set the IV scheme: %s", r.Raw)
	}
	r = s.Query(child, helpQuery, map[string]any{"id": jamie.ID})
	if iv := apitest.Path(r.Data, "child", "helpContacts").([]any)[2].(map[string]any); iv["phone"] != "+44 (0)1632 960171" || iv["email"] != nil && iv["email"] != "" {
		t.Errorf("the child sees the IV scheme as %v", iv)
	}
	// Setting the advocacy service keeps the authority's record in step.
	r = s.Query(manager, setHelpMutation, map[string]any{"in": map[string]any{"kind": "ADVOCACY",
		"name": "Voices for Children", "phone": "01632 960180", "email": "voices@example.org"}})
	if len(r.Errors) > 0 {
		t.Fatalf("set the advocacy service: %s", r.Raw)
	}
	la := s.Client().LocalAuthority.GetX(apitest.System(), jamie.AuthorityID)
	if la.AdvocacyName != "Voices for Children" || la.AdvocacyPhone != "01632 960180" || la.AdvocacyEmail != "voices@example.org" {
		t.Errorf("the authority's record says %q %q %q", la.AdvocacyName, la.AdvocacyPhone, la.AdvocacyEmail)
	}
	if n := s.Client().HelpContact.Query().Where(helpcontact.AuthorityID(jamie.AuthorityID)).CountX(apitest.System()); n != 3 {
		t.Errorf("Demo Borough has %d help contacts, want 3 (one of each kind it set)", n)
	}
}

// TestAdvocacyJourney: a child asks for an advocate; it is stored once
// however often they send it, emailed to the advocacy service with no case
// details, and their IRO and the manager are told; the child sees where it
// stands, with the service's name and number; the manager sees it among the
// open requests, moves it on, and the child is told each time. A "yes" on the
// form asks once.
func TestAdvocacyJourney(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	child, manager := s.Login("child.demo"), s.Login("manager.demo")
	note := "Please can someone help me talk about where I live."
	ask := map[string]any{"in": map[string]any{"childId": jamie.ID, "note": note, "idempotencyKey": "ask-1"}}
	r := s.Query(child, askMutation, ask)
	if len(r.Errors) > 0 {
		t.Fatalf("ask: %s", r.Raw)
	}
	req := apitest.Path(r.Data, "requestAdvocate", "request").(map[string]any)
	id := req["id"].(string)
	msg := apitest.Path(r.Data, "requestAdvocate", "message").(string)
	if req["status"] != "REQUESTED" || req["askedByRole"] != "CHILD" || req["note"] != note || req["fromForm"] != false ||
		apitest.Path(req, "service", "phone") != "01632 960150" {
		t.Errorf("the request: %v", req)
	}
	for _, want := range []string{"We have sent the request to Demo Borough Children's Advocacy Service.", "01632 960150", "Monday to Friday, 9am to 5pm"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
	for _, never := range []string{"today", "will call", "will ring", "tomorrow"} {
		if strings.Contains(strings.ToLower(msg), never) {
			t.Errorf("message %q promises %q", msg, never)
		}
	}
	// Sent again: the same request, nothing new stored or sent.
	r = s.Query(child, askMutation, ask)
	if got := apitest.Path(r.Data, "requestAdvocate", "request", "id"); got != id {
		t.Errorf("asking again with the key gave %v, want %s: %s", got, id, r.Raw)
	}
	c := s.Client()
	if n := c.AdvocacyRequest.Query().Where(advocacyrequest.ChildID(jamie.ID)).CountX(apitest.System()); n != 2 {
		t.Errorf("Jamie has %d requests, want the demo's and this one", n)
	}
	mails := c.Notification.Query().Where(notification.Kind(notify.AdvocacyRequested)).AllX(apitest.System())
	if len(mails) != 1 || mails[0].RecipientAddress != "advocacy@demo-borough.example.org" || mails[0].Payload["requestId"] != id {
		t.Fatalf("emails to the advocacy service: %+v", mails)
	}
	body := notify.Render(mails[0])
	for _, secret := range []string{"Jamie", note, "where I live"} {
		if strings.Contains(body.Subject+body.Body, secret) {
			t.Errorf("the email to the advocacy service carries %q", secret)
		}
	}
	if !strings.Contains(body.Body, id) {
		t.Errorf("the email gives no reference: %s", body.Body)
	}
	for who, want := range map[string]int{"iro.demo": 1, "manager.demo": 1, "sw.demo": 0, "child.demo": 0, "parent.demo": 0} {
		if n := told(t, s, who, domain.NoticeAdvocacyRequested); n != want {
			t.Errorf("%s was told of the request %d times, want %d", who, n, want)
		}
	}
	// The manager sees it among the open requests, with its age.
	r = s.Query(manager, openQuery, nil)
	open := apitest.Path(r.Data, "openAdvocacyRequests").([]any)
	var mine map[string]any
	for _, o := range open {
		if o.(map[string]any)["id"] == id {
			mine = o.(map[string]any)
		}
	}
	if mine == nil || mine["ageDays"] != float64(0) || apitest.Path(mine, "child", "preferredName") != "Jamie" || len(open) != 3 {
		t.Fatalf("open requests: %s", r.Raw)
	}
	// The manager records each step; the child is told each time.
	r = s.Query(manager, moveMutation, map[string]any{"id": id, "to": "ACCEPTED"})
	if apitest.Path(r.Data, "moveAdvocacyRequest", "request", "acceptedAt") == nil {
		t.Fatalf("accept: %s", r.Raw)
	}
	if r = s.Query(manager, moveMutation, map[string]any{"id": id, "to": "REQUESTED"}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("moving back: %s", r.Raw)
	}
	r = s.Query(manager, moveMutation, map[string]any{"id": id, "to": "CLOSED"})
	got := apitest.Path(r.Data, "moveAdvocacyRequest", "request").(map[string]any)
	if got["status"] != "CLOSED" || got["closedAt"] == nil || got["contactedAt"] != nil || got["acceptedAt"] == nil {
		t.Errorf("close: %s", r.Raw)
	}
	if n := told(t, s, "child.demo", domain.NoticeAdvocacyStatusChanged); n != 2 {
		t.Errorf("the child was told of %d changes, want 2", n)
	}
	// The child sees it, with its steps and the service to call.
	r = s.Query(child, `query($id: ID!) { child(id: $id) { advocacyRequests { id status statusLabel acceptedAt closedAt service { name phone } } } }`,
		map[string]any{"id": jamie.ID})
	reqs := apitest.Path(r.Data, "child", "advocacyRequests").([]any)
	if len(reqs) != 2 || apitest.Path(reqs[0], "id") != id || apitest.Path(reqs[0], "statusLabel") != "Finished" ||
		apitest.Path(reqs[0], "service", "name") != "Demo Borough Children's Advocacy Service" {
		t.Errorf("the child's requests: %s", r.Raw)
	}
	// With the demo's request closed too, a "yes" on the form asks, once.
	demoReq := c.AdvocacyRequest.Query().Where(advocacyrequest.ChildID(jamie.ID), advocacyrequest.IdempotencyKey("demo-jamie-advocate")).OnlyX(apitest.System())
	if r = s.Query(manager, moveMutation, map[string]any{"id": demoReq.ID, "to": "CLOSED"}); len(r.Errors) > 0 {
		t.Fatalf("close the demo's: %s", r.Raw)
	}
	formYes := func(key string) map[string]any {
		r := s.Query(child, `mutation($in: SubmitWishesAndFeelingsInput!) { submitWishesAndFeelings(input: $in) {
			submission { id } advocacyRequest { id status fromForm } } }`,
			map[string]any{"in": map[string]any{"childId": jamie.ID, "shareWith": "CHAIR_ONLY", "idempotencyKey": key,
				"answers": []map[string]any{{"questionKey": "advocate", "value": "yes"}}}})
		if len(r.Errors) > 0 {
			t.Fatalf("send the form: %s", r.Raw)
		}
		return apitest.Path(r.Data, "submitWishesAndFeelings").(map[string]any)
	}
	first := formYes("form-yes-1")
	fromForm := apitest.Path(first, "advocacyRequest").(map[string]any)
	if fromForm["fromForm"] != true || fromForm["status"] != "REQUESTED" {
		t.Errorf("the form's yes: %v", first)
	}
	again := formYes("form-yes-1")
	later := formYes("form-yes-2")
	if apitest.Path(again, "advocacyRequest", "id") != fromForm["id"] || apitest.Path(later, "advocacyRequest", "id") != fromForm["id"] {
		t.Errorf("a yes sent again, and a second yes while one is open, gave %v and %v, want %v", again, later, fromForm["id"])
	}
	if n := c.AdvocacyRequest.Query().Where(advocacyrequest.ChildID(jamie.ID)).CountX(apitest.System()); n != 3 {
		t.Errorf("Jamie has %d requests, want 3", n)
	}
	if n := c.Notification.Query().Where(notification.Kind(notify.AdvocacyRequested)).CountX(apitest.System()); n != 2 {
		t.Errorf("%d emails to the advocacy service, want 2", n)
	}
}

// TestAdvocacyBadInput: what a client must fix is BAD_USER_INPUT naming the
// field, and stores nothing.
func TestAdvocacyBadInput(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	child, manager := s.Login("child.demo"), s.Login("manager.demo")
	before := s.Client().AdvocacyRequest.Query().CountX(apitest.System())
	for _, tc := range []struct {
		in    map[string]any
		field string
	}{
		{map[string]any{"childId": jamie.ID, "idempotencyKey": ""}, "idempotencyKey"},
		{map[string]any{"childId": jamie.ID, "idempotencyKey": strings.Repeat("k", 129)}, "idempotencyKey"},
		{map[string]any{"childId": jamie.ID, "idempotencyKey": "form:waf_x"}, "idempotencyKey"},
		{map[string]any{"childId": jamie.ID, "idempotencyKey": "long", "note": strings.Repeat("a", 2001)}, "note"},
	} {
		r := s.Query(child, askMutation, map[string]any{"in": tc.in})
		if r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Raw, `"field":"`+tc.field+`"`) {
			t.Errorf("ask %v: %s", tc.in, r.Raw)
		}
	}
	if r := s.Query(child, askMutation, map[string]any{"in": map[string]any{"childId": "chd_nobody", "idempotencyKey": "k"}}); r.Code() != "NOT_FOUND" {
		t.Errorf("an unknown child: %s", r.Raw)
	}
	// A baby not born yet cannot have an advocate.
	baby := childNamed(t, s, "Baby Taylor")
	if r := s.Query(s.Login("sw.demo"), askMutation, map[string]any{"in": map[string]any{"childId": baby.ID, "idempotencyKey": "baby"}}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("asking for an unborn baby: %s", r.Raw)
	}
	if n := s.Client().AdvocacyRequest.Query().CountX(apitest.System()); n != before {
		t.Errorf("bad input stored %d requests", n-before)
	}
	for _, tc := range []struct {
		in    map[string]any
		field string
	}{
		{map[string]any{"kind": "CHILDLINE", "name": "Childline", "phone": "0800 1111"}, "kind"},
		{map[string]any{"kind": "ADVOCACY", "name": " ", "phone": "01632 960150"}, "name"},
		{map[string]any{"kind": "ADVOCACY", "name": strings.Repeat("n", 201), "phone": "01632 960150"}, "name"},
		{map[string]any{"kind": "ADVOCACY", "name": "Voices"}, "phone"},
		{map[string]any{"kind": "ADVOCACY", "name": "Voices", "phone": "call us"}, "phone"},
		{map[string]any{"kind": "ADVOCACY", "name": "Voices", "textPhone": "12"}, "textPhone"},
		{map[string]any{"kind": "ADVOCACY", "name": "Voices", "web": "http://voices.example.org"}, "web"},
		{map[string]any{"kind": "ADVOCACY", "name": "Voices", "web": "javascript:alert(1)"}, "web"},
		{map[string]any{"kind": "ADVOCACY", "name": "Voices", "email": "Voices <v@example.org>"}, "email"},
		{map[string]any{"kind": "ADVOCACY", "name": "Voices", "email": "not an address"}, "email"},
		{map[string]any{"kind": "ADVOCACY", "name": "Voices", "phone": "01632 960150", "hours": strings.Repeat("h", 201)}, "hours"},
	} {
		r := s.Query(manager, setHelpMutation, map[string]any{"in": tc.in})
		if r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Raw, `"field":"`+tc.field+`"`) {
			t.Errorf("set %v: %s", tc.in, r.Raw)
		}
	}
	la := s.Client().LocalAuthority.GetX(apitest.System(), jamie.AuthorityID)
	if la.AdvocacyName != "Demo Borough Children's Advocacy Service" {
		t.Errorf("bad input changed the authority's advocacy service to %q", la.AdvocacyName)
	}
}

// TestAdvocacyMatrix: every account asks for an advocate for Jamie, moves
// Ava's request on and sets a help contact, and is allowed or refused as
// docs/access.md says (the oracle), changing nothing when refused;
// another authority's manager sets only their own authority's contacts.
func TestAdvocacyMatrix(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	c := s.Client()
	jamie, ava := childNamed(t, s, "Jamie"), childNamed(t, s, "Ava")
	avaReq := c.AdvocacyRequest.Query().Where(advocacyrequest.ChildID(ava.ID)).OnlyX(apitest.System())
	requests := func() int { return c.AdvocacyRequest.Query().CountX(apitest.System()) }
	status := func() domain.AdvocacyStatus { return c.AdvocacyRequest.GetX(apitest.System(), avaReq.ID).Status }
	ivName := func(la ident.ID) string {
		h, err := c.HelpContact.Query().Where(helpcontact.AuthorityID(la), helpcontact.KindEQ(domain.HelpIndependentVisitor)).Only(apitest.System())
		if err != nil {
			return ""
		}
		return h.Name
	}
	other := userID(t, s, "iro.other").AuthorityID
	for _, name := range sortedNames(tokens) {
		v := viewerOf(w, name)
		disabled := name != "" && !userID(t, s, name).Active
		refused := func(what string, r *apitest.Response) {
			t.Helper()
			switch {
			case (name == "" || disabled) && r.Code() != "UNAUTHENTICATED":
				t.Errorf("%s by %s: %s", what, who(name), r.Raw)
			case name != "" && !disabled && r.Code() != "FORBIDDEN" && r.Code() != "NOT_FOUND":
				t.Errorf("%s by %s: %s", what, name, r.Raw)
			}
		}
		// Ask for an advocate for Jamie.
		before := requests()
		r := s.Query(tokens[name], askMutation, map[string]any{"in": map[string]any{"childId": jamie.ID, "idempotencyKey": "matrix-" + name}})
		if w.MayAskForAdvocate(v, jamie.ID) && !disabled {
			if len(r.Errors) > 0 || requests() != before+1 {
				t.Errorf("requestAdvocate by %s: %s", name, r.Raw)
			}
		} else {
			refused("requestAdvocate", r)
			if requests() != before {
				t.Errorf("requestAdvocate by %s stored a request", who(name))
			}
		}
		// Move Ava's request on, one step (the manager's turn comes last).
		if !accesstest.MayMoveAdvocacyRequest(v, avaReq) || disabled {
			was := status()
			refused("moveAdvocacyRequest", s.Query(tokens[name], moveMutation, map[string]any{"id": avaReq.ID, "to": "CLOSED"}))
			if status() != was {
				t.Errorf("moveAdvocacyRequest by %s changed it", who(name))
			}
		}
		// Set the Independent Visitor scheme.
		demoBefore, otherBefore := ivName(jamie.AuthorityID), ivName(other)
		r = s.Query(tokens[name], setHelpMutation, map[string]any{"in": map[string]any{"kind": "INDEPENDENT_VISITOR",
			"name": "Visitors set by " + name, "phone": "01632 960199"}})
		switch {
		case v != nil && !disabled && v.Role == domain.RoleManager:
			if len(r.Errors) > 0 || ivName(v.AuthorityID) != "Visitors set by "+name {
				t.Errorf("setHelpContact by %s: %s", name, r.Raw)
			}
			if v.AuthorityID == other && ivName(jamie.AuthorityID) != demoBefore {
				t.Errorf("another authority's manager changed Demo Borough's contact")
			}
		default:
			refused("setHelpContact", r)
			if ivName(jamie.AuthorityID) != demoBefore || ivName(other) != otherBefore {
				t.Errorf("setHelpContact by %s changed a contact", who(name))
			}
		}
	}
	r := s.Query(tokens["manager.demo"], moveMutation, map[string]any{"id": avaReq.ID, "to": "ACCEPTED"})
	if len(r.Errors) > 0 || status() != domain.AdvocacyAccepted {
		t.Errorf("moveAdvocacyRequest by manager.demo: %s", r.Raw)
	}
	if ivName(other) != "Visitors set by fixture.othermanager" {
		t.Errorf("the other manager did not set their own authority's contact")
	}
}

// TestAdvocacyFigures: the demo's two requests (Jamie's, accepted; Ava's,
// asked for) are the manager's advocacy figures for the last month; Jamie's
// IRO counts only Jamie's; a parent counts nothing.
func TestAdvocacyFigures(t *testing.T) {
	s := apitest.New(t)
	q := `query($from: Date!, $to: Date!) { authorityFigures(from: $from, to: $to) { advocacy {
		requests childrenAsking takeUp { numerator denominator } byStatus { key count } } } }`
	vars := map[string]any{"from": string(s.Today.AddDays(-30)), "to": string(s.Today)}
	for _, tc := range []struct {
		who                    string
		requests, asking, took int
		requested, accepted    float64
	}{
		{"manager.demo", 2, 2, 2, 1, 1},
		{"iro.demo", 1, 1, 1, 0, 1},
		{"parent.demo", 0, 0, 0, 0, 0},
	} {
		r := s.Query(s.Login(tc.who), q, vars)
		a := apitest.Path(r.Data, "authorityFigures", "advocacy")
		if len(r.Errors) > 0 || a == nil {
			t.Fatalf("%s: %s", tc.who, r.Raw)
		}
		byStatus := map[string]float64{}
		for _, row := range apitest.Path(a, "byStatus").([]any) {
			byStatus[row.(map[string]any)["key"].(string)] = row.(map[string]any)["count"].(float64)
		}
		if apitest.Path(a, "requests") != float64(tc.requests) || apitest.Path(a, "childrenAsking") != float64(tc.asking) ||
			apitest.Path(a, "takeUp", "numerator") != float64(tc.took) ||
			byStatus["REQUESTED"] != tc.requested || byStatus["ACCEPTED"] != tc.accepted {
			t.Errorf("%s: advocacy figures %v", tc.who, a)
		}
	}
}
