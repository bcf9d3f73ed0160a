package graph_test

import (
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/auditevent"
	"kite/ent/childidentity"
	"kite/ent/familylink"
	"kite/ent/meeting"
	"kite/ent/parentviews"
	"kite/ent/plan"
	"kite/ent/planaction"
	"kite/ent/planversion"
	"kite/ent/reply"
	"kite/ent/wishesandfeelings"
	"kite/internal/apitest"
	"kite/internal/domain"
	"kite/internal/ident"
)

// auditedFor returns the events actor wrote about child.
func auditedFor(s *apitest.Server, actor, child ident.ID) []*ent.AuditEvent {
	return s.Client().AuditEvent.Query().Where(auditevent.ActorID(actor), auditevent.ChildID(child)).AllX(apitest.System())
}

// TestCaseloadDoesNotHideOtherChildReads: a request that lists a caseload
// page and also reads a child who is not on that page records that child's
// read by its own child id; the page itself is one event.
func TestCaseloadDoesNotHideOtherChildReads(t *testing.T) {
	s := apitest.New(t)
	addCaseload(t, s, 3)
	iro := s.Login("iro.demo")
	iroID := userID(t, s, "iro.demo").ID
	page := s.Query(iro, `{ myCaseload(first: 1) { edges { node { id } } } }`, nil)
	onPage := ident.ID(apitest.Path(page.Data, "myCaseload", "edges").([]any)[0].(map[string]any)["node"].(map[string]any)["id"].(string))
	other := s.Client().Child.Query().AllX(apitest.System())
	var off ident.ID
	for _, c := range other {
		if c.ID != onPage && s.Client().Allocation.Query().Where(allocation.ChildID(c.ID), allocation.StaffID(iroID)).ExistX(apitest.System()) {
			off = c.ID
			break
		}
	}
	if off == "" {
		t.Fatal("no second child on the IRO's caseload")
	}
	before := s.Client().AuditEvent.Query().Where(auditevent.Action("caseload.read")).CountX(apitest.System())
	r := s.Query(iro, `query($id: ID!) { myCaseload(first: 1) { edges { node { id preferredName } } }
		child(id: $id) { id preferredName } }`, map[string]any{"id": off})
	if len(r.Errors) > 0 || r.Data["child"] == nil {
		t.Fatal(r.Raw)
	}
	if got := s.Client().AuditEvent.Query().Where(auditevent.Action("caseload.read")).CountX(apitest.System()) - before; got != 1 {
		t.Errorf("%d caseload events, want 1", got)
	}
	reads := 0
	for _, e := range auditedFor(s, iroID, off) {
		if e.Action == "child.read" {
			reads++
		}
	}
	if reads != 1 {
		t.Errorf("the child read beside the caseload wrote %d child.read events, want 1", reads)
	}
	for _, e := range auditedFor(s, iroID, onPage) {
		if e.Action == "child.read" {
			t.Errorf("the child on the caseload page has its own event too: %+v", e)
		}
	}
}

// TestReadsOfAChildsRecordsAreAudited: a member of staff reading any record
// that belongs to a child through node(id:) writes an event for that child,
// naming the record and the request.
func TestReadsOfAChildsRecordsAreAudited(t *testing.T) {
	s := apitest.New(t)
	addCaseload(t, s, 1) // gives the IRO an alert
	ctx := apitest.System()
	c := s.Client()
	iroID := userID(t, s, "iro.demo").ID
	jamie := childNamed(t, s, "Jamie")
	// An alert about Jamie with a response, and a parent's views for him.
	a := c.Alert.Create().SetAuthorityID(jamie.AuthorityID).SetChildID(jamie.ID).SetRaisedByID(iroID).
		SetLevel(domain.InformalAlert).SetReason(domain.DriftOrDelay).SetAddressedTo(domain.RoleSocialWorker).
		SetResponseDueBy(s.Today.AddDays(5)).SaveX(ctx)
	sw := userID(t, s, "sw.demo")
	resp := c.AlertResponse.Create().SetAuthorityID(jamie.AuthorityID).SetAlertID(a.ID).SetAuthorID(sw.ID).
		SetAuthorName(sw.DisplayName).SetAuthorRole(domain.RoleSocialWorker).SetText("Booked.").SaveX(ctx)
	p := c.Plan.Query().Where(plan.ChildID(jamie.ID)).FirstX(ctx)
	v := c.PlanVersion.Query().Where(planversion.PlanID(p.ID)).FirstX(ctx)
	records := map[string]ident.ID{
		"child_identity": c.ChildIdentity.Query().Where(childidentity.ChildID(jamie.ID)).OnlyX(ctx).ID,
		"meeting":        c.Meeting.Query().Where(meeting.ChildID(jamie.ID)).FirstX(ctx).ID,
		"plan":           p.ID,
		"plan_version":   v.ID,
		"allocation":     c.Allocation.Query().Where(allocation.ChildID(jamie.ID)).FirstX(ctx).ID,
		"alert":          a.ID,
		"alert_response": resp.ID,
		"submission":     c.WishesAndFeelings.Query().Where(wishesandfeelings.ChildID(jamie.ID), wishesandfeelings.StatusNEQ(domain.Draft)).FirstX(ctx).ID,
	}
	if act := c.PlanAction.Query().Where(planaction.PlanVersionID(v.ID)).FirstX(ctx); act != nil {
		records["plan_action"] = act.ID
	}
	// The chair's reply to Jamie (in the demo data), and a letter sent to him.
	records["reply"] = c.Reply.Query().Where(reply.ChildID(jamie.ID)).FirstX(ctx).ID
	iro := userID(t, s, "iro.demo")
	heldReview := c.Meeting.Query().Where(meeting.ChildID(jamie.ID), meeting.StatusEQ(domain.Held)).FirstX(ctx)
	records["letter"] = c.Letter.Create().SetAuthorityID(jamie.AuthorityID).SetChildID(jamie.ID).SetMeetingID(heldReview.ID).
		SetAuthorID(iro.ID).SetAuthorName(iro.DisplayName).SetAuthorRole(iro.Role).SetText("Dear Jamie").
		SetPublishedAt(time.Now()).SaveX(ctx).ID
	check := func(staff string, child *ent.Child, records map[string]ident.ID) {
		t.Helper()
		staffID := userID(t, s, staff).ID
		tok := s.Login(staff)
		for kind, id := range records {
			before := len(auditedFor(s, staffID, child.ID))
			r := s.Query(tok, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id})
			if apitest.Path(r.Data, "node", "id") != string(id) {
				t.Errorf("%s: %s cannot read it: %s", kind, staff, r.Raw)
				continue
			}
			events := auditedFor(s, staffID, child.ID)
			if len(events) != before+1 {
				t.Errorf("%s: node(id:) wrote %d events for the child, want 1", kind, len(events)-before)
				continue
			}
			e := latest(events)
			if e.EntityType != kind || e.EntityID != string(id) || e.RequestID == "" {
				t.Errorf("%s: event %s %s/%s request %q", kind, e.Action, e.EntityType, e.EntityID, e.RequestID)
			}
		}
	}
	check("iro.demo", jamie, records)
	// Ava, on a child protection plan, has family links and parents' views.
	ava := childNamed(t, s, "Ava")
	r := s.Query(s.Login("parent.demo"), `mutation($in: SubmitParentViewsInput!) { submitParentViews(input: $in) { parentViews { id } } }`,
		map[string]any{"in": map[string]any{"childId": ava.ID, "idempotencyKey": "audit-pv", "answers": []map[string]any{
			{"questionKey": "going_well", "value": "Mornings are calmer."}, {"questionKey": "can_attend", "value": "yes"}}}})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	check("chair.demo", ava, map[string]ident.ID{
		"family_link":  c.FamilyLink.Query().Where(familylink.ChildID(ava.ID)).FirstIDX(ctx),
		"parent_views": c.ParentViews.Query().Where(parentviews.ChildID(ava.ID)).FirstIDX(ctx),
	})
	// A parent reading their own child's records is not a staff read.
	parentID := userID(t, s, "parent.demo").ID
	s.Query(s.Login("parent.demo"), `query($id: ID!) { child(id: $id) { plans { id } meetings { id } } }`, map[string]any{"id": ava.ID})
	if n := len(auditedFor(s, parentID, ava.ID)); n != 0 {
		t.Errorf("a parent's reads wrote %d staff read events", n)
	}
}

func latest(events []*ent.AuditEvent) *ent.AuditEvent {
	l := events[0]
	for _, e := range events[1:] {
		if !e.At.Before(l.At) {
			l = e
		}
	}
	return l
}

// TestWebSocketOperationsAreAuditedWhenTheyComplete: a query sent over the
// WebSocket is audited once it has been answered, while the connection is
// still open — not when it closes, which a crash would prevent.
func TestWebSocketOperationsAreAuditedWhenTheyComplete(t *testing.T) {
	s := apitest.New(t)
	srv := httptest.NewServer(s.Handler)
	defer srv.Close()
	iroID := userID(t, s, "iro.demo").ID
	jamie := childNamed(t, s, "Jamie")
	ws, err := dial(t, srv, s.Login("iro.demo"))
	if err != nil {
		t.Fatal(err)
	}
	defer ws.conn.CloseNow()
	if code := ws.query("1", fmt.Sprintf(`{ child(id: %q) { id preferredName } }`, jamie.ID)); code != "" {
		t.Fatalf("query over the WebSocket: %s", code)
	}
	if n := len(auditedFor(s, iroID, jamie.ID)); n != 1 {
		t.Errorf("after the answer, with the connection open: %d events, want 1", n)
	}
	if code := ws.query("2", fmt.Sprintf(`{ child(id: %q) { id } }`, jamie.ID)); code != "" {
		t.Fatalf("second query: %s", code)
	}
	if n := len(auditedFor(s, iroID, jamie.ID)); n != 2 {
		t.Errorf("each operation is its own piece of work: %d events, want 2", n)
	}
}

// TestFiguresAreOneAuditEvent: a manager's figures, numbers only, write one
// event naming the period, not one per child counted.
func TestFiguresAreOneAuditEvent(t *testing.T) {
	s := apitest.New(t)
	addCaseload(t, s, 5)
	managerID := userID(t, s, "manager.demo").ID
	r := s.Query(s.Login("manager.demo"), `query($from: Date!, $to: Date!) { authorityFigures(from: $from, to: $to) {
		childProtection { plansStarted } inCare { during } } }`, map[string]any{"from": "2025-04-01", "to": "2026-03-31"})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	events := s.Client().AuditEvent.Query().Where(auditevent.ActorID(managerID)).AllX(apitest.System())
	figures := 0
	for _, e := range events {
		switch e.Action {
		case "figures.read":
			figures++
			if e.EntityID != "2025-04-01/2026-03-31" {
				t.Errorf("the figures event names %q, want the period", e.EntityID)
			}
		case "child.read", "caseload.read":
			t.Errorf("figures wrote a per-child event: %+v", e)
		}
	}
	if figures != 1 {
		t.Errorf("%d figures events, want 1", figures)
	}
}
