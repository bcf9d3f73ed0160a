package graph_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"kite/ent/allocation"
	"kite/ent/meeting"
	"kite/ent/plan"
	"kite/internal/apitest"
	"kite/internal/domain"
	"kite/internal/duedates"
	"kite/internal/timescales"
)

func TestParentJourney(t *testing.T) {
	s := apitest.New(t)
	parent := s.Login("parent.demo")
	ava := childNamed(t, s, "Ava")
	r := s.Query(parent, `query($id: ID!) { child(id: $id) { preferredName
		currentPlan { kind category currentVersion { worries goingWell needsToChange actions { who what byWhen overdue } } }
		upcomingMeetings { kind dueBy scheduledFor venue } chair { name email phone }
		meetings { kind status outcomeSummary } } }`, map[string]any{"id": ava.ID})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	c := r.Data["child"].(map[string]any)
	if apitest.Path(c, "currentPlan", "kind") != "CHILD_PROTECTION_PLAN" || apitest.Path(c, "currentPlan", "currentVersion", "worries") == "" {
		t.Errorf("CP plan: %s", r.Raw)
	}
	kinds := map[string]bool{}
	for _, m := range c["upcomingMeetings"].([]any) {
		kinds[apitest.Path(m, "kind").(string)] = apitest.Path(m, "dueBy") != nil
	}
	if !kinds["REVIEW_CP_CONFERENCE"] || !kinds["CORE_GROUP"] {
		t.Errorf("upcoming conference and core group with due dates: %v", kinds)
	}
	if apitest.Path(c, "chair", "email") == nil {
		t.Errorf("chair's contact: %s", r.Raw)
	}
	published := false
	for _, m := range c["meetings"].([]any) {
		if apitest.Path(m, "status") == "HELD" && apitest.Path(m, "outcomeSummary") != nil {
			published = true
		}
	}
	if !published {
		t.Errorf("no published outcome: %s", r.Raw)
	}

	// The parent sends their views; the required question must be answered.
	q := `mutation($in: SubmitParentViewsInput!) { submitParentViews(input: $in) { parentViews { id status } } }`
	conference := s.Client().Meeting.Query().Where(meeting.ChildID(ava.ID), meeting.KindEQ(domain.ReviewCPConference),
		meeting.StatusEQ(domain.Scheduled)).FirstX(apitest.System())
	in := map[string]any{"childId": ava.ID, "meetingId": conference.ID, "idempotencyKey": "pv-1",
		"answers": []map[string]any{{"questionKey": "going_well", "value": "Mornings are calmer."}}}
	if r := s.Query(parent, q, map[string]any{"in": in}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("missing required answer: %s", r.Raw)
	}
	in["answers"] = []map[string]any{{"questionKey": "going_well", "value": "Mornings are calmer."}, {"questionKey": "can_attend", "value": "yes"}}
	first := s.Query(parent, q, map[string]any{"in": in})
	again := s.Query(parent, q, map[string]any{"in": in})
	id := apitest.Path(first.Data, "submitParentViews", "parentViews", "id")
	if id == nil || apitest.Path(again.Data, "submitParentViews", "parentViews", "id") != id {
		t.Fatalf("idempotent parent views: %s / %s", first.Raw, again.Raw)
	}
	// The chair sees them on the meeting's page; another parent's child is NOT_FOUND.
	chair := s.Login("chair.demo")
	r = s.Query(chair, `query($id: ID!) { node(id: $id) { ... on Meeting { parentViews { id answers { questionKey value } } submissions { id } } } }`,
		map[string]any{"id": conference.ID})
	onPage := false
	for _, pv := range apitest.Path(r.Data, "node", "parentViews").([]any) {
		onPage = onPage || apitest.Path(pv, "id") == id
	}
	if !onPage {
		t.Fatalf("meeting page: %s", r.Raw)
	}
	in["childId"] = childNamed(t, s, "Jamie").ID
	in["idempotencyKey"] = "pv-2"
	delete(in, "meetingId")
	if r := s.Query(parent, q, map[string]any{"in": in}); r.Code() != "NOT_FOUND" {
		t.Fatalf("views about a child not theirs: %s", r.Raw)
	}
}

func TestChairJourney(t *testing.T) {
	s := apitest.New(t)
	iro := s.Login("iro.demo")
	child := s.Login("child.demo")
	jamie := childNamed(t, s, "Jamie")
	review := s.Client().Meeting.Query().Where(meeting.ChildID(jamie.ID), meeting.StatusEQ(domain.Scheduled)).OnlyX(apitest.System())

	// Reschedule, with a reason.
	when := time.Now().AddDate(0, 0, 20).UTC().Truncate(time.Minute).Format(time.RFC3339)
	r := s.Query(iro, `mutation($in: RescheduleMeetingInput!) { rescheduleMeeting(input: $in) { meeting { scheduledFor changeReason } } }`,
		map[string]any{"in": map[string]any{"meetingId": review.ID, "scheduledFor": when, "reason": "Jamie has a school trip."}})
	if apitest.Path(r.Data, "rescheduleMeeting", "meeting", "changeReason") != "Jamie has a school trip." {
		t.Fatalf("reschedule: %s", r.Raw)
	}
	// Jamie sends views for the review and does not attend: PN6 is suggested.
	submit(t, s, child, jamie.ID, "before-review", false, map[string]any{"meetingId": review.ID})
	held := `mutation($in: RecordMeetingHeldInput!) { recordMeetingHeld(input: $in) { meeting { status heldOn participationCode } suggestedParticipationCode } }`
	if r := s.Query(iro, held, map[string]any{"in": map[string]any{"meetingId": review.ID, "heldOn": string(s.Today), "childAttended": false}}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("a review without a participation code: %s", r.Raw)
	}
	r = s.Query(iro, `query($id: ID!) { node(id: $id) { ... on Meeting { suggestedParticipationCode } } }`, map[string]any{"id": review.ID})
	if apitest.Path(r.Data, "node", "suggestedParticipationCode") != "PN6" {
		t.Fatalf("suggestion before recording: %s", r.Raw)
	}
	r = s.Query(iro, held, map[string]any{"in": map[string]any{"meetingId": review.ID, "heldOn": string(s.Today),
		"childAttended": false, "participationCode": "PN6", "attendees": []string{"Priya Shah (IRO)", "Sue Brown (carer)"}}})
	if apitest.Path(r.Data, "recordMeetingHeld", "meeting", "participationCode") != "PN6" ||
		apitest.Path(r.Data, "recordMeetingHeld", "suggestedParticipationCode") != "PN6" {
		t.Fatalf("record held: %s", r.Raw)
	}
	// The social worker may not record it.
	sw := s.Login("sw.demo")
	if r := s.Query(sw, `mutation($id: ID!) { publishOutcome(input: {meetingId: $id, outcomeSummary: "x"}) { meeting { id } } }`, map[string]any{"id": review.ID}); r.Code() != "FORBIDDEN" {
		t.Fatalf("social worker publishing an outcome: %s", r.Raw)
	}
	r = s.Query(iro, `mutation($id: ID!, $on: Date!) { publishOutcome(input: {meetingId: $id, outcomeSummary: "You will stay with Sue and Martin. We will plan more time with your sister.", recordSentOn: $on}) { meeting { outcomeSummary outcomePublishedAt recordSentOn } } }`,
		map[string]any{"id": review.ID, "on": string(s.Today)})
	if apitest.Path(r.Data, "publishOutcome", "meeting", "outcomePublishedAt") == nil {
		t.Fatalf("publish outcome: %s", r.Raw)
	}
	// The child sees the outcome, not the chair's record of who attended.
	r = s.Query(child, `query($id: ID!) { node(id: $id) { ... on Meeting { outcomeSummary attendees participationCode } } }`, map[string]any{"id": review.ID})
	if apitest.Path(r.Data, "node", "outcomeSummary") == nil || apitest.Path(r.Data, "node", "attendees") != nil {
		t.Fatalf("child's view of the outcome: %s", r.Raw)
	}

	// The chair writes to Jamie after the review: a draft only the chair
	// sees, then sent; Jamie is told and reads it.
	letterQ := `query($id: ID!) { node(id: $id) { ... on Meeting { letterToChild { text publishedAt } } } }`
	words := "Dear Jamie, thank you for your views. We agreed you will stay with Sue and Martin."
	if r := s.Query(iro, `mutation($id: ID!, $t: String!) { saveLetterToChild(input: {meetingId: $id, text: $t}) { letter { id } } }`,
		map[string]any{"id": review.ID, "t": words}); len(r.Errors) > 0 {
		t.Fatalf("write the letter: %s", r.Raw)
	}
	if r := s.Query(child, letterQ, map[string]any{"id": review.ID}); apitest.Path(r.Data, "node", "letterToChild") != nil {
		t.Fatalf("the child reads a draft: %s", r.Raw)
	}
	if r := s.Query(iro, `mutation($id: ID!) { publishLetterToChild(meetingId: $id) { letter { publishedAt } } }`,
		map[string]any{"id": review.ID}); apitest.Path(r.Data, "publishLetterToChild", "letter", "publishedAt") == nil {
		t.Fatalf("send the letter: %s", r.Raw)
	}
	if r := s.Query(child, letterQ, map[string]any{"id": review.ID}); apitest.Path(r.Data, "node", "letterToChild", "text") != words {
		t.Fatalf("the child reads the letter: %s", r.Raw)
	}
	if k := kinds(notifications(t, s, child, true)); len(k) == 0 || k[0] != "LETTER_RECEIVED" {
		t.Fatalf("the child is told of the letter: %v", k)
	}

	// A new plan version; the earlier ones stay.
	carePlan := s.Client().Plan.Query().Where(plan.ChildID(jamie.ID)).OnlyX(apitest.System())
	r = s.Query(iro, `mutation($in: PublishPlanVersionInput!) { publishPlanVersion(input: $in) { version { version actions { who what } } } }`,
		map[string]any{"in": map[string]any{"planId": carePlan.ID, "worries": "Formal worries.", "worriesForChild": "What we worry about.",
			"goingWell": "Formal going well.", "goingWellForChild": "What is going well.", "needsToChange": "Formal change.",
			"needsToChangeForChild": "What needs to change.", "actions": []map[string]any{{"what": "Arrange family time.", "who": "Sam Patel", "byWhen": string(s.Today.AddDays(30))}}}})
	if apitest.Path(r.Data, "publishPlanVersion", "version", "version") != float64(3) {
		t.Fatalf("publish plan version: %s", r.Raw)
	}
	r = s.Query(child, `query($id: ID!) { child(id: $id) { currentPlan { currentVersion { version worriesForChild } versions { version } } } }`, map[string]any{"id": jamie.ID})
	if apitest.Path(r.Data, "child", "currentPlan", "currentVersion", "version") != float64(3) ||
		len(apitest.Path(r.Data, "child", "currentPlan", "versions").([]any)) != 3 {
		t.Fatalf("child sees the new version and the history: %s", r.Raw)
	}

	// Schedule the next review: due six months after the one just held.
	r = s.Query(iro, `mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { meeting { id kind dueBy status } } }`,
		map[string]any{"in": map[string]any{"childId": jamie.ID, "kind": "CIC_REVIEW", "scheduledFor": time.Now().AddDate(0, 5, 0).UTC().Format(time.RFC3339), "venue": "School"}})
	if apitest.Path(r.Data, "scheduleMeeting", "meeting", "dueBy") != string(s.Today.AddMonths(6)) {
		t.Fatalf("next review due: %s (want %s)", r.Raw, s.Today.AddMonths(6))
	}
	// Lighter touch: Jamie is 12 and agrees; Ava is 9.
	lt := `mutation($in: SetLighterTouchInput!) { setLighterTouch(input: $in) { child { lighterTouch lighterTouchAgreedAt } } }`
	if r := s.Query(iro, lt, map[string]any{"in": map[string]any{"childId": jamie.ID, "on": true}}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("lighter touch without the child's agreement: %s", r.Raw)
	}
	if r := s.Query(iro, lt, map[string]any{"in": map[string]any{"childId": jamie.ID, "on": true, "childAgreed": true}}); apitest.Path(r.Data, "setLighterTouch", "child", "lighterTouch") != true {
		t.Fatalf("lighter touch: %s", r.Raw)
	}
	if r := s.Query(s.Login("chair.demo"), lt, map[string]any{"in": map[string]any{"childId": childNamed(t, s, "Ava").ID, "on": true, "childAgreed": true}}); r.Code() == "" {
		t.Fatalf("lighter touch for a child of 9: %s", r.Raw)
	}
}

func TestBringForwardAndCancel(t *testing.T) {
	s := apitest.New(t)
	iro := s.Login("iro.demo")
	jamie := childNamed(t, s, "Jamie")
	review := s.Client().Meeting.Query().Where(meeting.ChildID(jamie.ID), meeting.StatusEQ(domain.Scheduled)).OnlyX(apitest.System())
	earlier := s.Today.AddDays(7)
	q := `mutation($in: BringReviewForwardInput!) { bringReviewForward(input: $in) { meeting { dueBy broughtForward } } }`
	if r := s.Query(iro, q, map[string]any{"in": map[string]any{"meetingId": review.ID, "dueBy": string(review.DueBy.AddDays(1)), "reason": "later"}}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("a later date: %s", r.Raw)
	}
	r := s.Query(iro, q, map[string]any{"in": map[string]any{"meetingId": review.ID, "dueBy": string(earlier), "reason": "Jamie's placement is changing."}})
	if apitest.Path(r.Data, "bringReviewForward", "meeting", "dueBy") != string(earlier) {
		t.Fatalf("bring forward: %s", r.Raw)
	}
	r = s.Query(s.Login("child.demo"), `query($id: ID!) { child(id: $id) { nextMeetingDue { dueBy } } }`, map[string]any{"id": jamie.ID})
	if apitest.Path(r.Data, "child", "nextMeetingDue", "dueBy") != string(earlier) {
		t.Fatalf("the brought-forward date is the one due: %s", r.Raw)
	}
	if r := s.Query(s.Login("sw.demo"), `mutation($id: ID!) { cancelMeeting(input: {meetingId: $id, reason: "Moving to next week."}) { meeting { status } } }`,
		map[string]any{"id": review.ID}); apitest.Path(r.Data, "cancelMeeting", "meeting", "status") != "CANCELLED" {
		t.Fatalf("social worker cancels: %s", r.Raw)
	}
	if r := s.Query(s.Login("chair.demo"), `mutation($id: ID!) { cancelMeeting(input: {meetingId: $id, reason: "x"}) { meeting { status } } }`,
		map[string]any{"id": review.ID}); r.Code() != "NOT_FOUND" {
		t.Fatalf("a chair of other children: %s", r.Raw)
	}
}

func TestAlerts(t *testing.T) {
	s := apitest.New(t)
	chair := s.Login("chair.demo")
	ava := childNamed(t, s, "Ava")
	r := s.Query(chair, `mutation($in: RaiseAlertInput!) { raiseAlert(input: $in) { alert { id status responseDueBy overdue } } }`,
		map[string]any{"in": map[string]any{"childId": ava.ID, "level": "INFORMAL_ALERT", "reason": "VISITS_OR_CORE_GROUPS_NOT_HELD",
			"details": "The last core group did not take place.", "addressedTo": "MANAGER"}})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	id := apitest.Path(r.Data, "raiseAlert", "alert", "id")
	due := apitest.Path(r.Data, "raiseAlert", "alert", "responseDueBy").(string)
	// The demo authority answers alerts within 10 working days; counted
	// with the same calendar, so the test holds on any day of the week.
	if want := string(timescales.DueAfterWorkingDays(duedates.Calendar(), s.Today, 10)); due != want {
		t.Errorf("response due %s, want 10 working days on, %s", due, want)
	}
	manager := s.Login("manager.demo")
	r = s.Query(manager, `{ alerts { id overdue child { preferredName } } }`, nil)
	if len(r.Data["alerts"].([]any)) != 1 {
		t.Fatalf("manager's alerts: %s", r.Raw)
	}
	if r := s.Query(s.Login("parent.demo"), `{ alerts { id } }`, nil); len(r.Data["alerts"].([]any)) != 0 {
		t.Fatalf("parent sees alerts: %s", r.Raw)
	}
	r = s.Query(manager, `mutation($id: ID!) { respondToAlert(input: {alertId: $id, response: "A core group is booked for Friday."}) { alert { status respondedAt } } }`, map[string]any{"id": id})
	if apitest.Path(r.Data, "respondToAlert", "alert", "status") != "RESPONDED" {
		t.Fatalf("respond: %s", r.Raw)
	}
	r = s.Query(chair, `mutation($id: ID!) { resolveAlert(input: {alertId: $id, resolution: "The core group met."}) { alert { status resolvedAt } } }`, map[string]any{"id": id})
	if apitest.Path(r.Data, "resolveAlert", "alert", "status") != "RESOLVED" {
		t.Fatalf("resolve: %s", r.Raw)
	}
	// An alert past its due day is flagged.
	s.Store.DB.Exec(`UPDATE alerts SET status = 'OPEN', response_due_by = $1`, string(s.Today.AddDays(-1)))
	r = s.Query(manager, `{ alerts { overdue } }`, nil)
	if apitest.Path(r.Data, "alerts", 0, "overdue") != true {
		t.Fatalf("overdue: %s", r.Raw)
	}
}

func TestManagerAllocatesAndLinks(t *testing.T) {
	s := apitest.New(t)
	manager := s.Login("manager.demo")
	jamie := childNamed(t, s, "Jamie")
	// A new IRO for Jamie from tomorrow: the current one ends today.
	admin := s.Login("admin.demo")
	r := s.Query(admin, `mutation { createStaffAccount(input: {displayName: "New IRO", role: IRO, workEmail: "new.iro@example.org"}) { user { id } } }`, nil)
	newIRO := apitest.Path(r.Data, "createStaffAccount", "user", "id")
	tomorrow := s.Today.AddDays(1)
	q := `mutation($in: AllocateStaffInput!) { allocateStaff(input: $in) { allocation { id kind startsOn staff { displayName } } } }`
	if r := s.Query(manager, q, map[string]any{"in": map[string]any{"childId": jamie.ID, "staffId": newIRO, "kind": "SOCIAL_WORKER", "startsOn": string(tomorrow)}}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("an IRO as social worker: %s", r.Raw)
	}
	r = s.Query(manager, q, map[string]any{"in": map[string]any{"childId": jamie.ID, "staffId": newIRO, "kind": "IRO", "startsOn": string(tomorrow)}})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	current := s.Client().Allocation.Query().Where(allocation.ChildID(jamie.ID), allocation.KindEQ(domain.AllocIRO), allocation.EndsOnIsNil()).AllX(apitest.System())
	if len(current) != 1 || string(current[0].StaffID) != newIRO {
		t.Fatalf("one open IRO allocation, the new one: %+v", current)
	}
	// Only a manager allocates.
	if r := s.Query(s.Login("iro.demo"), q, map[string]any{"in": map[string]any{"childId": jamie.ID, "staffId": newIRO, "kind": "IRO", "startsOn": string(tomorrow.AddDays(1))}}); r.Code() != "FORBIDDEN" {
		t.Fatalf("an IRO allocating: %s", r.Raw)
	}
	// Link parent.demo to Jamie without parental responsibility: no access.
	parentID := userID(t, s, "parent.demo").ID
	link := `mutation($in: LinkParentInput!) { linkParent(input: $in) { familyLink { id parentalResponsibility } } }`
	r = s.Query(manager, link, map[string]any{"in": map[string]any{"childId": jamie.ID, "parentId": parentID, "relationship": "aunt", "parentalResponsibility": false}})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	parent := s.Login("parent.demo")
	if r := s.Query(parent, `query($id: ID!) { child(id: $id) { id } }`, map[string]any{"id": jamie.ID}); r.Data["child"] != nil {
		t.Fatal("a link without parental responsibility gives access")
	}
	s.Query(manager, link, map[string]any{"in": map[string]any{"childId": jamie.ID, "parentId": parentID, "relationship": "aunt", "parentalResponsibility": true}})
	if r := s.Query(parent, `query($id: ID!) { child(id: $id) { currentPlan { kind } } }`, map[string]any{"id": jamie.ID}); r.Data["child"] == nil || apitest.Path(r.Data, "child", "currentPlan") != nil {
		t.Fatalf("with parental responsibility but no care-plan flag: %s", r.Raw)
	}
	// Caseloads.
	r = s.Query(manager, `{ iroCaseloads { staff { displayName } children band } }`, nil)
	if !strings.Contains(r.Raw, "UNDER_50") {
		t.Fatalf("caseloads: %s", r.Raw)
	}
}

func TestCaseloadFilters(t *testing.T) {
	s := apitest.New(t)
	sw := s.Login("sw.demo")
	jamie := childNamed(t, s, "Jamie")
	q := `query($f: Int, $o: Boolean, $u: Boolean, $urgent: Boolean, $after: Cursor) {
		myCaseload(first: 2, after: $after, dueWithinDays: $f, overdue: $o, hasUnreadViews: $u, urgentFirst: $urgent) {
		totalCount pageInfo { hasNextPage endCursor }
		edges { node { preferredName unreadSubmissionCount lastReviewParticipationCode nextMeetingDue { dueBy overdue } chair { name } } } } }`
	names := func(r *apitest.Response) []string {
		var out []string
		for _, e := range apitest.Path(r.Data, "myCaseload", "edges").([]any) {
			out = append(out, apitest.Path(e, "node", "preferredName").(string))
		}
		return out
	}
	// Everything, most pressing first, two at a time.
	all := s.Query(sw, q, map[string]any{"f": 100000})
	total := int(apitest.Path(all.Data, "myCaseload", "totalCount").(float64))
	if total < 4 || len(names(all)) != 2 || apitest.Path(all.Data, "myCaseload", "pageInfo", "hasNextPage") != true {
		t.Fatalf("first page: %s", all.Raw)
	}
	next := s.Query(sw, q, map[string]any{"f": 100000, "after": apitest.Path(all.Data, "myCaseload", "pageInfo", "endCursor")})
	if n := names(next); len(n) != 2 || n[0] == names(all)[0] {
		t.Fatalf("second page: %s", next.Raw)
	}
	// Jamie sends an urgent one: with urgentFirst he leads the list.
	submit(t, s, s.Login("child.demo"), jamie.ID, "urgent-caseload", true, map[string]any{"shareWith": "CHAIR_ONLY"})
	if r := s.Query(sw, q, map[string]any{"urgent": true}); names(r)[0] != "Jamie" {
		t.Fatalf("urgent first: %s", r.Raw)
	}
	// Unread views: only children with sent, unread submissions the viewer may see.
	r := s.Query(s.Login("iro.demo"), q, map[string]any{"u": true})
	for _, e := range apitest.Path(r.Data, "myCaseload", "edges").([]any) {
		if apitest.Path(e, "node", "unreadSubmissionCount").(float64) < 1 {
			t.Errorf("hasUnreadViews let through %v", e)
		}
	}
	// Overdue: none in the demo data until a due date passes.
	if r := s.Query(sw, q, map[string]any{"o": true}); apitest.Path(r.Data, "myCaseload", "totalCount") != float64(0) {
		t.Fatalf("overdue: %s", r.Raw)
	}
	review := s.Client().Meeting.Query().Where(meeting.ChildID(jamie.ID), meeting.StatusEQ(domain.Scheduled)).OnlyX(apitest.System())
	s.Client().Meeting.UpdateOneID(review.ID).SetDueBy(s.Today.AddDays(-2)).SetBroughtForward(true).ExecX(apitest.System())
	if r := s.Query(sw, q, map[string]any{"o": true}); len(names(r)) != 1 || names(r)[0] != "Jamie" {
		t.Fatalf("overdue after the due date passed: %s", r.Raw)
	}
	// A manager sees counts, not submissions.
	r = s.Query(s.Login("manager.demo"), q, map[string]any{"urgent": true})
	if names(r)[0] != "Jamie" || apitest.Path(r.Data, "myCaseload", "edges", 0, "node", "unreadSubmissionCount").(float64) < 1 {
		t.Fatalf("manager: %s", r.Raw)
	}
}

// TestOverlongTextIsTheClientsToFix: a value the schema refuses that no
// earlier check caught (a venue of 1,000 characters) is BAD_USER_INPUT
// naming the field, and nothing is stored.
func TestOverlongTextIsTheClientsToFix(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	before := s.Client().Meeting.Query().CountX(apitest.System())
	when := time.Now().AddDate(0, 0, 30).UTC().Truncate(time.Minute).Format(time.RFC3339)
	r := s.Query(s.Login("iro.demo"), `mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { meeting { id } } }`,
		map[string]any{"in": map[string]any{"childId": jamie.ID, "kind": "CIC_REVIEW", "scheduledFor": when, "venue": strings.Repeat("a", 1000)}})
	if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "venue" {
		t.Fatalf("a 1,000-character venue: %s", r.Raw)
	}
	if s.Client().Meeting.Query().CountX(apitest.System()) != before {
		t.Fatal("the refused meeting was stored")
	}
}

// TestHeldAndCancelledAtOnceOnlyOneWins: recording a meeting as held and
// cancelling it at the same moment must not both succeed (the later one
// would undo the other): the status is checked where it is changed.
func TestHeldAndCancelledAtOnceOnlyOneWins(t *testing.T) {
	s := apitest.New(t)
	iro := s.Login("iro.demo")
	jamie := childNamed(t, s, "Jamie")
	schedule := `mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { meeting { id } } }`
	held := `mutation($in: RecordMeetingHeldInput!) { recordMeetingHeld(input: $in) { meeting { status } } }`
	cancel := `mutation($in: CancelMeetingInput!) { cancelMeeting(input: $in) { meeting { status } } }`
	for round := 0; round < 10; round++ {
		when := time.Now().AddDate(0, 0, 5+round).UTC().Truncate(time.Minute).Format(time.RFC3339)
		r := s.Query(iro, schedule, map[string]any{"in": map[string]any{"childId": jamie.ID, "kind": "CIC_REVIEW", "scheduledFor": when,
			"lateReason": "Kept only if it is late."}})
		id := apitest.Path(r.Data, "scheduleMeeting", "meeting", "id")
		if id == nil {
			t.Fatalf("schedule: %s", r.Raw)
		}
		var wg sync.WaitGroup
		var results [2]*apitest.Response
		wg.Add(2)
		go func() {
			defer wg.Done()
			results[0] = s.Query(iro, held, map[string]any{"in": map[string]any{"meetingId": id, "heldOn": string(s.Today)}})
		}()
		go func() {
			defer wg.Done()
			results[1] = s.Query(iro, cancel, map[string]any{"in": map[string]any{"meetingId": id, "reason": "Nobody could come."}})
		}()
		wg.Wait()
		ok := 0
		for _, r := range results {
			switch {
			case len(r.Errors) == 0:
				ok++
			case r.Code() != "BAD_USER_INPUT":
				t.Fatalf("round %d: %s", round, r.Raw)
			}
		}
		if ok != 1 {
			t.Fatalf("round %d: %d of held and cancelled succeeded: %s / %s", round, ok, results[0].Raw, results[1].Raw)
		}
	}
}
