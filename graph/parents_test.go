package graph_test

import (
	"slices"
	"testing"
	"time"

	"kite/ent/meeting"
	"kite/ent/plan"
	"kite/internal/accesstest"
	"kite/internal/apitest"
	"kite/internal/domain"
)

// TestParentJourneyToTheMeeting follows Ava's mum (parent.demo) from the
// parent form to the review conference and her plan actions, with Ava's
// grandmother (a second parent with parental responsibility, from the
// access fixtures) beside her: the parent form, sending views, who read
// them, what the chair sees of the parents' needs (and who does not), the
// venues she sees, and an action she marks done that the social worker
// sends back and then confirms.
func TestParentJourneyToTheMeeting(t *testing.T) {
	s := apitest.New(t)
	accesstest.Fixtures(t, s.Client())
	mum, gran := s.Login("parent.demo"), s.Login("fixture.gran")
	chair, sw, ava := s.Login("chair.demo"), s.Login("sw.demo"), s.Login("child2.demo")
	avaID := childNamed(t, s, "Ava").ID
	vars := map[string]any{"id": avaID}

	// A parent gets the parent form, with its questions about taking part;
	// the child gets her own.
	formQ := `query($id: ID!) { child(id: $id) { wishesAndFeelingsForm { key version questions { key } } } }`
	r := s.Query(mum, formQ, vars)
	var keys []string
	for _, q := range apitest.Path(r.Data, "child", "wishesAndFeelingsForm", "questions").([]any) {
		keys = append(keys, apitest.Path(q, "key").(string))
	}
	if apitest.Path(r.Data, "child", "wishesAndFeelingsForm", "key") != "parent" {
		t.Fatalf("a parent's form: %s", r.Raw)
	}
	for _, k := range []string{"going_well", "worries", "help_needed", "can_attend", "interpreter", "interpreter_language", "supporter", "access"} {
		if !slices.Contains(keys, k) {
			t.Errorf("the parent form asks no %q: %v", k, keys)
		}
	}
	if r := s.Query(ava, formQ, vars); apitest.Path(r.Data, "child", "wishesAndFeelingsForm", "key") == "parent" {
		t.Errorf("the child is given the parent form: %s", r.Raw)
	}

	// She sends her views for the conference; they are checked against the
	// parent form, so a question of the child's form is refused.
	conference := s.Client().Meeting.Query().Where(meeting.ChildID(avaID), meeting.KindEQ(domain.ReviewCPConference),
		meeting.StatusEQ(domain.Scheduled)).FirstX(apitest.System())
	send := `mutation($in: SubmitParentViewsInput!) { submitParentViews(input: $in) { parentViews { id status } } }`
	in := map[string]any{"childId": avaID, "meetingId": conference.ID, "idempotencyKey": "journey",
		"answers": []map[string]any{{"questionKey": "can_attend", "value": "yes"}, {"questionKey": "feel_home", "value": "3"}}}
	if r := s.Query(mum, send, map[string]any{"in": in}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("a child's question in a parent's views: %s", r.Raw)
	}
	in["answers"] = []map[string]any{{"questionKey": "can_attend", "value": "yes"}, {"questionKey": "interpreter", "value": "no"},
		{"questionKey": "supporter", "value": "yes"}, {"questionKey": "access", "value": "yes"},
		{"questionKey": "access_details", "value": "A hearing loop, please."}}
	r = s.Query(mum, send, map[string]any{"in": in})
	viewsID := apitest.Path(r.Data, "submitParentViews", "parentViews", "id")
	if viewsID == nil {
		t.Fatalf("send views: %s", r.Raw)
	}

	// The chair reads them; she sees who read them and when. Her mother
	// does not see her views at all.
	if r := s.Query(chair, `mutation($id: ID!) { markParentViewsRead(id: $id) { status } }`, map[string]any{"id": viewsID}); apitest.Path(r.Data, "markParentViewsRead", "status") != "READ" {
		t.Fatalf("chair reads the views: %s", r.Raw)
	}
	receiptsQ := `query($id: ID!) { child(id: $id) { parentViews { id readReceipts { readerName readerRole readAt } } } }`
	r = s.Query(mum, receiptsQ, vars)
	read := false
	for _, pv := range apitest.Path(r.Data, "child", "parentViews").([]any) {
		if apitest.Path(pv, "id") == viewsID {
			rr := apitest.Path(pv, "readReceipts").([]any)
			read = len(rr) == 1 && apitest.Path(rr[0], "readerRole") == "CP_CHAIR" && apitest.Path(rr[0], "readAt") != nil
		}
	}
	if !read {
		t.Errorf("the parent does not see who read her views: %s", r.Raw)
	}
	r = s.Query(gran, receiptsQ, vars)
	for _, pv := range apitest.Path(r.Data, "child", "parentViews").([]any) {
		if apitest.Path(pv, "id") == viewsID {
			t.Errorf("the grandmother sees the mother's views: %s", r.Raw)
		}
	}

	// The chair replies, twice: both replies stay, oldest first, and the
	// mother is told of each in Kite. The social worker cannot reply, and
	// the grandmother sees none of it.
	replyQ := `mutation($id: ID!, $m: String!) { replyToParentViews(id: $id, message: $m) { status replies { authorName authorRole text createdAt } } }`
	for _, m := range []string{"Thank you, Kerry. We will have a hearing loop.", "Your friend is welcome to come with you."} {
		if r := s.Query(chair, replyQ, map[string]any{"id": viewsID, "m": m}); apitest.Path(r.Data, "replyToParentViews", "status") != "RESPONDED" {
			t.Fatalf("the chair replies to the mother: %s", r.Raw)
		}
	}
	if r := s.Query(sw, replyQ, map[string]any{"id": viewsID, "m": "Hello"}); r.Code() != "FORBIDDEN" {
		t.Errorf("the social worker replies to a parent's views: %s", r.Raw)
	}
	threadQ := `query($id: ID!) { node(id: $id) { ... on ParentViews { replies { authorRole text } } } }`
	r = s.Query(mum, threadQ, map[string]any{"id": viewsID})
	thread, _ := apitest.Path(r.Data, "node", "replies").([]any)
	if len(thread) != 2 || apitest.Path(thread[0], "text") != "Thank you, Kerry. We will have a hearing loop." ||
		apitest.Path(thread[1], "authorRole") != "CP_CHAIR" {
		t.Errorf("the mother's thread of replies: %s", r.Raw)
	}
	if n := told(t, s, "parent.demo", domain.NoticeViewsReplyReceived); n != 2 {
		t.Errorf("the mother was told of %d replies, want 2", n)
	}
	if r := s.Query(gran, threadQ, map[string]any{"id": viewsID}); apitest.Path(r.Data, "node") != nil {
		t.Errorf("the grandmother reads the mother's replies: %s", r.Raw)
	}

	// The chair and the social worker see what each parent needs to take
	// part: the mother's latest views (a supporter, a hearing loop), the
	// grandmother's (a Polish interpreter). The parents and the child see
	// none of it.
	needsQ := `query($id: ID!) { node(id: $id) { ... on Meeting { attendeeNeeds { kind name language details person { id } sentAt parentViews { id } } } } }`
	want := map[string]bool{"SUPPORTER Kerry Clarke  ": true, "ACCESS Kerry Clarke  A hearing loop, please.": true,
		"INTERPRETER Fixture fixture.gran Polish ": true}
	for _, staff := range []string{chair, sw} {
		r := s.Query(staff, needsQ, map[string]any{"id": conference.ID})
		got := map[string]bool{}
		for _, n := range apitest.Path(r.Data, "node", "attendeeNeeds").([]any) {
			lang, _ := apitest.Path(n, "language").(string)
			details, _ := apitest.Path(n, "details").(string)
			got[apitest.Path(n, "kind").(string)+" "+apitest.Path(n, "name").(string)+" "+lang+" "+details] = true
			if apitest.Path(n, "person", "id") == nil || apitest.Path(n, "sentAt") == nil {
				t.Errorf("a need without who or when: %v", n)
			}
		}
		if len(got) != len(want) {
			t.Errorf("attendee needs: got %v, want %v", got, want)
		}
		for k := range want {
			if !got[k] {
				t.Errorf("attendee needs lack %q: %s", k, r.Raw)
			}
		}
	}
	for name, tok := range map[string]string{"mother": mum, "grandmother": gran, "child": ava, "manager": s.Login("manager.demo")} {
		r := s.Query(tok, needsQ, map[string]any{"id": conference.ID})
		if needs, _ := apitest.Path(r.Data, "node", "attendeeNeeds").([]any); len(needs) != 0 || len(r.Errors) > 0 {
			t.Errorf("the %s sees attendee needs: %s", name, r.Raw)
		}
	}

	// Venues: she sees where the core group meets (she is in it), not a
	// venue withheld from the family, and never why it is withheld.
	venuesQ := `query($id: ID!) { child(id: $id) { meetings { kind status venue venueWithheldFromFamily venueWithheldReason } } }`
	r = s.Query(mum, venuesQ, vars)
	coreGroups, withheld := 0, 0
	for _, m := range apitest.Path(r.Data, "child", "meetings").([]any) {
		if apitest.Path(m, "venueWithheldReason") != nil {
			t.Errorf("the parent sees why a venue is withheld: %v", m)
		}
		switch {
		case apitest.Path(m, "venueWithheldFromFamily") == true:
			withheld++
			if apitest.Path(m, "venue") != nil {
				t.Errorf("the parent sees a withheld venue: %v", m)
			}
		case apitest.Path(m, "kind") == "CORE_GROUP" && apitest.Path(m, "status") == "SCHEDULED":
			coreGroups++
			if apitest.Path(m, "venue") != "Oakfield Primary School, meeting room" {
				t.Errorf("the parent does not see where the core group meets: %v", m)
			}
		}
	}
	if coreGroups == 0 || withheld == 0 {
		t.Errorf("the parent should see the next core group's venue and a withheld one without it: %s", r.Raw)
	}
	r = s.Query(sw, venuesQ, vars)
	reasons := 0
	for _, m := range apitest.Path(r.Data, "child", "meetings").([]any) {
		if apitest.Path(m, "venueWithheldReason") != nil && apitest.Path(m, "venue") != nil {
			reasons++
		}
	}
	if reasons != 1 {
		t.Errorf("the social worker sees the withheld venue and why: %s", r.Raw)
	}

	// Her action of the plan: she marks it done with a note; the
	// grandmother may not, and sees neither the note nor whose it is.
	actionsQ := `query($id: ID!) { child(id: $id) { currentPlan { currentVersion { actions {
		id who status doneMarkedAt doneNote sentBackAt sentBackNote doneConfirmedAt forParent { id } doneConfirmedBy { displayName } } } } } }`
	actionOf := func(tok, id string) map[string]any {
		t.Helper()
		r := s.Query(tok, actionsQ, vars)
		for _, a := range apitest.Path(r.Data, "child", "currentPlan", "currentVersion", "actions").([]any) {
			if apitest.Path(a, "id") == id {
				return a.(map[string]any)
			}
		}
		t.Fatalf("no action %s: %s", id, r.Raw)
		return nil
	}
	var safety string
	r = s.Query(mum, actionsQ, vars)
	for _, a := range apitest.Path(r.Data, "child", "currentPlan", "currentVersion", "actions").([]any) {
		if apitest.Path(a, "forParent", "id") != nil && apitest.Path(a, "doneMarkedAt") == nil {
			safety = apitest.Path(a, "id").(string)
		}
	}
	if safety == "" {
		t.Fatalf("no action of hers to mark: %s", r.Raw)
	}
	mark := `mutation($id: ID!, $note: String) { markPlanActionDone(input: {actionId: $id, note: $note}) { action { doneMarkedAt doneNote sentBackAt } } }`
	if r := s.Query(gran, mark, map[string]any{"id": safety, "note": "Done."}); r.Code() != "FORBIDDEN" {
		t.Errorf("the grandmother marks the mother's action: %s", r.Raw)
	}
	r = s.Query(mum, mark, map[string]any{"id": safety, "note": "Nana and I agreed the evenings."})
	if apitest.Path(r.Data, "markPlanActionDone", "action", "doneMarkedAt") == nil {
		t.Fatalf("mark done: %s", r.Raw)
	}
	if a := actionOf(gran, safety); a["doneMarkedAt"] == nil || a["doneNote"] != nil || a["forParent"] != nil {
		t.Errorf("the grandmother's view of the marked action: %v", a)
	}
	if a := actionOf(ava, safety); a["doneMarkedAt"] == nil || a["doneNote"] != nil {
		t.Errorf("the child's view of the marked action: %v", a)
	}
	if a := actionOf(sw, safety); a["doneNote"] != "Nana and I agreed the evenings." || a["status"] == "DONE" {
		t.Errorf("the social worker's view of the marked action: %v", a)
	}

	// The social worker sends it back; she sees why, the child does not.
	check := `mutation($id: ID!, $ok: Boolean!, $note: String) { checkPlanActionDone(input: {actionId: $id, confirmed: $ok, note: $note}) { action { status sentBackAt doneConfirmedAt } } }`
	if r := s.Query(sw, check, map[string]any{"id": safety, "ok": false}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("sent back without a note: %s", r.Raw)
	}
	r = s.Query(sw, check, map[string]any{"id": safety, "ok": false, "note": "Please show me the written plan first."})
	if apitest.Path(r.Data, "checkPlanActionDone", "action", "sentBackAt") == nil {
		t.Fatalf("send back: %s", r.Raw)
	}
	if a := actionOf(mum, safety); a["sentBackNote"] != "Please show me the written plan first." {
		t.Errorf("the mother does not see why it came back: %v", a)
	}
	if a := actionOf(ava, safety); a["sentBackAt"] == nil || a["sentBackNote"] != nil {
		t.Errorf("the child's view of the sent-back action: %v", a)
	}
	// She marks it again; the chair may not confirm it, the social worker does.
	r = s.Query(mum, mark, map[string]any{"id": safety})
	if apitest.Path(r.Data, "markPlanActionDone", "action", "sentBackAt") != nil {
		t.Fatalf("mark again: %s", r.Raw)
	}
	if r := s.Query(chair, check, map[string]any{"id": safety, "ok": true}); r.Code() != "FORBIDDEN" {
		t.Errorf("the chair confirms a parent's done: %s", r.Raw)
	}
	r = s.Query(sw, check, map[string]any{"id": safety, "ok": true})
	if apitest.Path(r.Data, "checkPlanActionDone", "action", "status") != "DONE" {
		t.Fatalf("confirm: %s", r.Raw)
	}
	if a := actionOf(mum, safety); a["status"] != "DONE" || a["doneConfirmedAt"] == nil || apitest.Path(a, "doneConfirmedBy", "displayName") != "Sam Patel" {
		t.Errorf("the plan does not show who confirmed it: %v", a)
	}
	if r := s.Query(mum, mark, map[string]any{"id": safety}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("marking a done action again: %s", r.Raw)
	}
	if r := s.Query(sw, check, map[string]any{"id": safety, "ok": true}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("confirming twice: %s", r.Raw)
	}
}

// TestPlanActionsNameAParentWhoSeesThePlan: the chair may name, as the one
// who does an action, only a parent who may see the plan; once a new
// version is published, the earlier version's actions are not marked.
func TestPlanActionsNameAParentWhoSeesThePlan(t *testing.T) {
	s := apitest.New(t)
	accesstest.Fixtures(t, s.Client())
	chair, mum := s.Login("chair.demo"), s.Login("parent.demo")
	ava := childNamed(t, s, "Ava")
	cp := s.Client().Plan.Query().Where(plan.ChildID(ava.ID), plan.KindEQ(domain.ChildProtectionPlan)).OnlyX(apitest.System())
	old := s.Client().PlanAction.Query().AllX(apitest.System())
	publish := `mutation($in: PublishPlanVersionInput!) { publishPlanVersion(input: $in) { version { actions { id forParent { displayName } } } } }`
	in := func(parent string) map[string]any {
		return map[string]any{"in": map[string]any{"planId": cp.ID, "worries": "w", "worriesForChild": "w", "goingWell": "g",
			"goingWellForChild": "g", "needsToChange": "n", "needsToChangeForChild": "n",
			"actions": []map[string]any{{"what": "Take Ava to the dentist.", "who": "Kerry Clarke (mum)", "forParentId": parent}}}}
	}
	// Ava's father has no parental responsibility, so he does not see the plan.
	if r := s.Query(chair, publish, in(string(userID(t, s, "fixture.dad").ID))); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("an action for a parent who cannot see the plan: %s", r.Raw)
	}
	kerry := userID(t, s, "parent.demo").ID
	r := s.Query(chair, publish, in(string(kerry)))
	if apitest.Path(r.Data, "publishPlanVersion", "version", "actions", 0, "forParent", "displayName") != "Kerry Clarke" {
		t.Fatalf("an action for Ava's mum: %s", r.Raw)
	}
	for _, a := range old {
		if a.ForParentID == nil || *a.ForParentID != kerry {
			continue
		}
		r := s.Query(mum, `mutation($id: ID!) { markPlanActionDone(input: {actionId: $id}) { action { id } } }`, map[string]any{"id": a.ID})
		if r.Code() != "BAD_USER_INPUT" {
			t.Errorf("marking an action of an earlier version: %s", r.Raw)
		}
	}
}

// TestWithholdingAVenueNeedsAReason: a venue kept from the family carries
// the reason; one that is not kept carries none.
func TestWithholdingAVenueNeedsAReason(t *testing.T) {
	s := apitest.New(t)
	sw := s.Login("sw.demo")
	ava := childNamed(t, s, "Ava")
	at := time.Now().AddDate(0, 0, 10).UTC().Truncate(time.Minute).Format(time.RFC3339)
	q := `mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { meeting { id venue venueWithheldFromFamily venueWithheldReason } } }`
	in := map[string]any{"childId": ava.ID, "kind": "CORE_GROUP", "scheduledFor": at, "venue": "Family centre", "venueWithheldFromFamily": true}
	if r := s.Query(sw, q, map[string]any{"in": in}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("withheld without a reason: %s", r.Raw)
	}
	in["venueWithheldFromFamily"], in["venueWithheldReason"] = false, "No reason."
	if r := s.Query(sw, q, map[string]any{"in": in}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("a reason for a venue not withheld: %s", r.Raw)
	}
	in["venueWithheldFromFamily"], in["venueWithheldReason"] = true, "The centre asks that its address is not shared."
	r := s.Query(sw, q, map[string]any{"in": in})
	id := apitest.Path(r.Data, "scheduleMeeting", "meeting", "id")
	if apitest.Path(r.Data, "scheduleMeeting", "meeting", "venueWithheldReason") != "The centre asks that its address is not shared." {
		t.Fatalf("withheld with a reason: %s", r.Raw)
	}
	r = s.Query(s.Login("parent.demo"), `query($id: ID!) { node(id: $id) { ... on Meeting { venue venueWithheldFromFamily venueWithheldReason } } }`, map[string]any{"id": id})
	if apitest.Path(r.Data, "node", "venueWithheldFromFamily") != true || apitest.Path(r.Data, "node", "venue") != nil ||
		apitest.Path(r.Data, "node", "venueWithheldReason") != nil {
		t.Errorf("the parent's view of a withheld venue: %s", r.Raw)
	}
	// Moving it keeps the reason; no longer withholding it drops the reason.
	move := `mutation($in: RescheduleMeetingInput!) { rescheduleMeeting(input: $in) { meeting { venueWithheldFromFamily venueWithheldReason } } }`
	r = s.Query(sw, move, map[string]any{"in": map[string]any{"meetingId": id, "scheduledFor": at, "reason": "Room change."}})
	if apitest.Path(r.Data, "rescheduleMeeting", "meeting", "venueWithheldReason") != "The centre asks that its address is not shared." {
		t.Errorf("moving kept the reason: %s", r.Raw)
	}
	r = s.Query(sw, move, map[string]any{"in": map[string]any{"meetingId": id, "scheduledFor": at, "reason": "Now at school.", "venueWithheldFromFamily": false}})
	if apitest.Path(r.Data, "rescheduleMeeting", "meeting", "venueWithheldFromFamily") != false || apitest.Path(r.Data, "rescheduleMeeting", "meeting", "venueWithheldReason") != nil {
		t.Errorf("no longer withheld: %s", r.Raw)
	}
}
