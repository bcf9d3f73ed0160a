package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"net/http/httptest"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/formtemplate"
	"kite/ent/meeting"
	"kite/ent/notification"
	"kite/ent/wishesandfeelings"
	"kite/internal/apitest"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/notify"
)

const dashboardQuery = `query($id: ID!) { child(id: $id) { id preferredName age currentPlan { id kind }
  upcomingMeetings { id kind scheduledFor dueBy status } nextMeetingDue { kind dueBy overdue }
  chair { name role email phone } socialWorker { name email phone }
  submissions(first: 10) { edges { node { id status } } totalCount } } }`

func TestChildDashboardShowsTheirOwnData(t *testing.T) {
	s := apitest.New(t)
	tok := s.Login("child.demo")
	jamie := childNamed(t, s, "Jamie")
	r := s.Query(tok, `query($id: ID!) { child(id: $id) { id preferredName age identity { legalName }
		currentPlan { kind currentVersion { version worriesForChild worries actions { who what byWhen overdue } } }
		currentPlans { kind } plans { versions { version } }
		upcomingMeetings { kind scheduledFor dueBy status } nextMeetingDue { kind dueBy overdue meeting { id } }
		chair { name role email phone } chairs { name } socialWorker { name email phone }
		submissions(first: 10) { totalCount edges { node { status } } }
		wishesAndFeelingsForm { version questions { key prompt type required maxLength options { key label } } } } }`,
		map[string]any{"id": jamie.ID})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	c := r.Data["child"].(map[string]any)
	checks := map[string]bool{
		"preferred name":       c["preferredName"] == "Jamie",
		"age 12":               c["age"] == float64(12),
		"no legal name":        c["identity"] == nil,
		"care plan, version 2": apitest.Path(c, "currentPlan", "kind") == "CARE_PLAN" && apitest.Path(c, "currentPlan", "currentVersion", "version") == float64(2),
		"child-friendly words": apitest.Path(c, "currentPlan", "currentVersion", "worriesForChild") != "",
		"actions":              len(apitest.Path(c, "currentPlan", "currentVersion", "actions").([]any)) > 0,
		"history":              len(apitest.Path(c, "plans", 0, "versions").([]any)) == 2,
		"one upcoming review":  len(c["upcomingMeetings"].([]any)) == 1 && apitest.Path(c, "upcomingMeetings", 0, "kind") == "CIC_REVIEW",
		"next review not late": apitest.Path(c, "nextMeetingDue", "overdue") == false && apitest.Path(c, "nextMeetingDue", "meeting", "id") != nil,
		"IRO as chair":         apitest.Path(c, "chair", "role") == "IRO" && apitest.Path(c, "chair", "email") != nil,
		"social worker":        apitest.Path(c, "socialWorker", "name") != nil,
		"own drafts and sent":  apitest.Path(c, "submissions", "totalCount") == float64(2),
		"a form of 5 or more":  len(apitest.Path(c, "wishesAndFeelingsForm", "questions").([]any)) >= 5,
	}
	for what, ok := range checks {
		if !ok {
			t.Errorf("%s: %s", what, r.Raw)
		}
	}
	// Another child's page is null, as if it did not exist.
	if r := s.Query(tok, `query($id: ID!) { child(id: $id) { id } }`, map[string]any{"id": childNamed(t, s, "Ava").ID}); r.Data["child"] != nil {
		t.Error("child.demo sees Ava")
	}
}

// TestDashboardStatementCount: the child dashboard runs a fixed number of
// SQL statements, whatever the number of meetings and submissions.
func TestDashboardStatementCount(t *testing.T) {
	s := apitest.New(t)
	tok := s.Login("child.demo")
	jamie := childNamed(t, s, "Jamie")
	vars := map[string]any{"id": jamie.ID}
	before := s.Statements(func() { s.Query(tok, dashboardQuery, vars) })
	// Many more meetings and submissions.
	for i := 0; i < 15; i++ {
		submit(t, s, tok, jamie.ID, "more-"+string(rune('a'+i)), false, nil)
	}
	m := s.Client().Meeting.Query().Where(meeting.ChildID(jamie.ID)).FirstX(apitest.System())
	for i := 0; i < 10; i++ {
		s.Client().Meeting.Create().SetAuthorityID(jamie.AuthorityID).SetChildID(jamie.ID).SetKind(domain.CICReview).
			SetStatus(domain.Scheduled).SetDueBy(m.DueBy).SetScheduledFor(time.Now().AddDate(0, 1, i)).ExecX(apitest.System())
	}
	after := s.Statements(func() { s.Query(tok, dashboardQuery, vars) })
	t.Logf("child dashboard: %d SQL statements (then %d with 15 more submissions and 10 more meetings)", before, after)
	if after != before {
		t.Errorf("statements grew with the data: %d then %d", before, after)
	}
	if before > dashboardStatements {
		t.Errorf("child dashboard: %d statements; the bar is %d", before, dashboardStatements)
	}
}

// TestDashboardReadsInOneRoundTrip: on PostgreSQL the dashboard's child,
// plans, meetings, contacts and first page of submissions go to the server
// in one batch (internal/pipeline): two round trips with the viewer's, for
// the same six statements.
func TestDashboardReadsInOneRoundTrip(t *testing.T) {
	s := apitest.New(t)
	if s.Pipeline == nil {
		t.Skip("batches are PostgreSQL's")
	}
	tok := s.Login("child.demo")
	vars := map[string]any{"id": childNamed(t, s, "Jamie").ID}
	r, b, n, statements := batchesOf(s, tok, dashboardQuery, vars)
	if len(r.Errors) > 0 || apitest.Path(r.Data, "child", "currentPlan") == nil || apitest.Path(r.Data, "child", "chair") == nil {
		t.Fatalf("the dashboard is not whole: %s", r.Raw)
	}
	if b != 1 || n != 5 || statements != dashboardStatements {
		t.Errorf("%d batches of %d statements in %d statements; want 1 of 5 in %d", b, n, statements, dashboardStatements)
	}
}

// TestSubmissionsReadWithTheChildAnswerAsAlone: a child's first page of
// submissions read with the child (dashboard.ChildWith) is the page the
// field reads for itself — as it does when the query asks for the child's
// submissions a second time — for every shape of arguments, and the field
// does not read it again.
func TestSubmissionsReadWithTheChildAnswerAsAlone(t *testing.T) {
	s := apitest.New(t)
	tok := s.Login("child.demo")
	jamie := childNamed(t, s, "Jamie")
	for i := 0; i < 4; i++ {
		submit(t, s, tok, jamie.ID, "page-"+string(rune('a'+i)), false, nil)
	}
	page := `{ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status submittedAt } } }`
	cases := []struct {
		name, fields string
		vars         map[string]any
		statements   int // viewer, child, then what the fields read
	}{
		{"first page", `submissions(first: 2) ` + page, nil, 3},
		{"no first: the default", `submissions ` + page, nil, 3},
		{"above the limit", `submissions(first: 1000) ` + page, nil, 3},
		{"first from a variable", `submissions(first: $n) ` + page, map[string]any{"n": 3}, 3},
		{"asked twice", `a: submissions(first: 1) ` + page + ` b: submissions(first: 3) ` + page, nil, 4},
		{"only the total", `submissions(first: 2) { totalCount }`, nil, 3},
		{"nothing asked", `submissions(first: 0) ` + page, nil, 3},
		{"after a cursor: ent's page and count", `submissions(first: 2, after: $after) ` + page, nil, 4},
		{"not a page", `submissions(first: -1) ` + page, nil, 2},
	}
	first := s.Query(tok, `query($id: ID!) { child(id: $id) { submissions(first: 1) { edges { cursor } } } }`,
		map[string]any{"id": jamie.ID})
	after := apitest.Path(first.Data, "child", "submissions", "edges").([]any)[0].(map[string]any)["cursor"]
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vars, declare := map[string]any{"id": jamie.ID}, `$id: ID!`
			if strings.Contains(c.fields, "$n") {
				vars["n"], declare = c.vars["n"], declare+`, $n: Int`
			}
			if strings.Contains(c.fields, "$after") {
				vars["after"], declare = after, declare+`, $after: Cursor`
			}
			var withChild *apitest.Response
			statements := s.Statements(func() {
				withChild = s.Query(tok, `query(`+declare+`) { child(id: $id) { `+c.fields+` } }`, vars)
			})
			alone := s.Query(tok, `query(`+declare+`) { child(id: $id) { `+c.fields+` again: submissions(first: 0) { totalCount } } }`, vars)
			if child, ok := alone.Data["child"].(map[string]any); ok {
				delete(child, "again")
			}
			if (withChild.Data["child"] == nil) != (c.name == "not a page") {
				t.Fatalf("child: %s", withChild.Raw)
			}
			if got, want := answerOf(withChild, "child"), answerOf(alone, "child"); got != want {
				t.Errorf("with the child:\n%s\nalone:\n%s", got, want)
			}
			if statements != c.statements {
				t.Errorf("%d statements, want %d", statements, c.statements)
			}
		})
	}
}

// answerOf is an answer's data under field and its errors' messages and
// codes, as JSON, to compare answers reached by different fields.
func answerOf(r *apitest.Response, field string) string {
	var errs []string
	for _, e := range r.Errors {
		errs = append(errs, fmt.Sprint(e.Message, e.Extensions["code"]))
	}
	b, _ := json.Marshal([]any{r.Data[field], errs})
	return string(b)
}

// dashboardStatements is the most the dashboard may run (issue 14): the
// viewer, the child with their age, plans, meetings, allocations with their
// staff, and the first page of submissions with its total.
const dashboardStatements = 6

func submit(t *testing.T, s *apitest.Server, tok string, childID any, key string, urgent bool, extra map[string]any) *apitest.Response {
	t.Helper()
	in := map[string]any{"childId": childID, "answers": []map[string]any{{"questionKey": "going_well", "value": "Football went well."}},
		"shareWith": "CHAIR_AND_SOCIAL_WORKER", "idempotencyKey": key, "needsToTalkToday": urgent}
	for k, v := range extra {
		in[k] = v
	}
	return s.Query(tok, submitMutation, map[string]any{"in": in})
}

const (
	submitMutation = `mutation($in: SubmitWishesAndFeelingsInput!) { submitWishesAndFeelings(input: $in) {
		submission { id status submittedAt needsToTalkToday } whatHappensNext helpNow { message outOfHoursPhone childLine } } }`
	draftMutation = `mutation($in: SaveWishesAndFeelingsDraftInput!) { saveWishesAndFeelingsDraft(input: $in) { submission { id status revision answers { questionKey value } } } }`
)

func TestWishesJourney(t *testing.T) {
	s := apitest.New(t)
	child := s.Login("child.demo")
	jamie := childNamed(t, s, "Jamie")
	count := func() int {
		return s.Client().WishesAndFeelings.Query().Where(wishesandfeelings.ChildID(jamie.ID)).CountX(apitest.System())
	}
	start := count()

	// A draft, then an edit of it.
	r := s.Query(child, draftMutation, map[string]any{"in": map[string]any{"childId": jamie.ID,
		"answers": []map[string]any{{"questionKey": "home", "value": "It is OK"}}}})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	draftID := apitest.Path(r.Data, "saveWishesAndFeelingsDraft", "submission", "id")
	rev := apitest.Path(r.Data, "saveWishesAndFeelingsDraft", "submission", "revision")
	r = s.Query(child, draftMutation, map[string]any{"in": map[string]any{"childId": jamie.ID, "submissionId": draftID, "revision": rev,
		"answers": []map[string]any{{"questionKey": "home", "value": "It is good now"}, {"questionKey": "overall", "value": "4"}}}})
	if apitest.Path(r.Data, "saveWishesAndFeelingsDraft", "submission", "revision") != float64(2) {
		t.Fatalf("edit: %s", r.Raw)
	}
	// A save from a stale copy is refused rather than lost.
	r = s.Query(child, draftMutation, map[string]any{"in": map[string]any{"childId": jamie.ID, "submissionId": draftID, "revision": rev,
		"answers": []map[string]any{{"questionKey": "home", "value": "older text"}}}})
	if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "revision" {
		t.Fatalf("stale save: %s", r.Raw)
	}
	// Nobody else sees the draft.
	iro := s.Login("iro.demo")
	if r := s.Query(iro, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": draftID}); r.Data["node"] != nil {
		t.Fatal("the IRO sees a draft")
	}

	// Submit the draft, twice with one key: one record.
	in := map[string]any{"childId": jamie.ID, "submissionId": draftID, "shareWith": "CHAIR_ONLY", "idempotencyKey": "jamie-2026-11",
		"helpedBy": "CARER", "answers": []map[string]any{{"questionKey": "home", "value": "It is good now"}}}
	first := s.Query(child, submitMutation, map[string]any{"in": in})
	second := s.Query(child, submitMutation, map[string]any{"in": in})
	if len(first.Errors) > 0 || len(second.Errors) > 0 {
		t.Fatalf("submit: %s / %s", first.Raw, second.Raw)
	}
	id := apitest.Path(first.Data, "submitWishesAndFeelings", "submission", "id")
	if apitest.Path(second.Data, "submitWishesAndFeelings", "submission", "id") != id || id != draftID {
		t.Fatalf("the second send made another record: %v vs %v", id, apitest.Path(second.Data, "submitWishesAndFeelings", "submission", "id"))
	}
	if got := count(); got != start+1 {
		t.Fatalf("%d new records, want 1", got-start)
	}
	if !strings.Contains(apitest.Path(first.Data, "submitWishesAndFeelings", "helpNow", "childLine").(string), "0800 1111") ||
		apitest.Path(first.Data, "submitWishesAndFeelings", "whatHappensNext") == "" {
		t.Errorf("what happens next: %s", first.Raw)
	}
	// Sent is final: it cannot be edited as a draft.
	if r := s.Query(child, draftMutation, map[string]any{"in": map[string]any{"childId": jamie.ID, "submissionId": id,
		"answers": []map[string]any{{"questionKey": "home", "value": "changed"}}}}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("editing a sent one: %s", r.Raw)
	}

	// The IRO reads it and replies.
	if r := s.Query(iro, `mutation($id: ID!) { markSubmissionRead(id: $id) { id status } }`, map[string]any{"id": id}); apitest.Path(r.Data, "markSubmissionRead", "status") != "READ" {
		t.Fatalf("mark read: %s", r.Raw)
	}
	if r := s.Query(iro, `mutation($id: ID!, $m: String!) { respondToSubmission(id: $id, message: $m) { id status } }`,
		map[string]any{"id": id, "m": "Thank you Jamie. I will talk to you about this before the meeting."}); apitest.Path(r.Data, "respondToSubmission", "status") != "RESPONDED" {
		t.Fatalf("reply: %s", r.Raw)
	}
	// The social worker may not see it (chair only), so cannot reply.
	if r := s.Query(s.Login("sw.demo"), `mutation($id: ID!, $m: String!) { respondToSubmission(id: $id, message: $m) { id } }`,
		map[string]any{"id": id, "m": "Hello"}); r.Code() != "NOT_FOUND" {
		t.Fatalf("social worker replying to a chair-only one: %s", r.Raw)
	}
	// The child sees when it was read, by whom, and the reply.
	r = s.Query(child, `query($id: ID!) { node(id: $id) { ... on WishesAndFeelings { status firstReadAt respondedAt reply readReceipts { readerName readAt } } } }`, map[string]any{"id": id})
	n := r.Data["node"].(map[string]any)
	if n["status"] != "RESPONDED" || n["firstReadAt"] == nil || n["respondedAt"] == nil || !strings.Contains(n["reply"].(string), "Thank you Jamie") ||
		len(n["readReceipts"].([]any)) != 1 {
		t.Fatalf("the child's view: %s", r.Raw)
	}
	// And was told of both in their notifications, newest first.
	if k := strings.Join(kinds(notifications(t, s, child, true)), ","); k != "REPLY_RECEIVED,SUBMISSION_READ" {
		t.Fatalf("the child's notifications: %s", k)
	}
	// A second reply is added to the thread, never over the first; the
	// child is told again.
	if r := s.Query(iro, `mutation($id: ID!, $m: String!) { respondToSubmission(id: $id, message: $m) { id } }`,
		map[string]any{"id": id, "m": "I have booked a time to see you on Tuesday."}); len(r.Errors) > 0 {
		t.Fatalf("second reply: %s", r.Raw)
	}
	r = s.Query(child, `query($id: ID!) { node(id: $id) { ... on WishesAndFeelings { reply replies { authorRole text } } } }`, map[string]any{"id": id})
	thread := apitest.Path(r.Data, "node", "replies").([]any)
	if len(thread) != 2 || !strings.HasPrefix(apitest.Path(thread[0], "text").(string), "Thank you Jamie") ||
		apitest.Path(r.Data, "node", "reply") != "I have booked a time to see you on Tuesday." {
		t.Fatalf("the child's thread of replies: %s", r.Raw)
	}
	if k := strings.Join(kinds(notifications(t, s, child, true)), ","); k != "REPLY_RECEIVED,REPLY_RECEIVED,SUBMISSION_READ" {
		t.Fatalf("the child's notifications after a second reply: %s", k)
	}
}

func TestWishesBadInput(t *testing.T) {
	s := apitest.New(t)
	child := s.Login("child.demo")
	jamie, ava := childNamed(t, s, "Jamie"), childNamed(t, s, "Ava")
	avaMeeting := s.Client().Meeting.Query().Where(meeting.ChildID(ava.ID)).FirstX(apitest.System())
	avaSub := s.Client().WishesAndFeelings.Query().Where(wishesandfeelings.ChildID(ava.ID)).FirstX(apitest.System())
	jamieSent := s.Client().WishesAndFeelings.Query().Where(wishesandfeelings.ChildID(jamie.ID), wishesandfeelings.StatusNEQ(domain.Draft)).FirstX(apitest.System())
	// Demo Borough's own version of the older form, with a required question.
	older := s.Client().FormTemplate.Query().Where(formtemplate.Key(forms.ChildOlderKey)).FirstX(apitest.System())
	questions := append([]forms.Question{}, older.Questions...)
	questions[1].Required = true // "home"
	s.Client().FormTemplate.Create().SetAuthorityID(jamie.AuthorityID).SetKey(older.Key).SetAudience(older.Audience).
		SetMinAge(older.MinAge).SetMaxAge(older.MaxAge).SetVersion(2).SetTitle(older.Title).SetQuestions(questions).ExecX(apitest.System())
	textMax := 0
	for _, q := range older.Questions {
		if q.Key == "going_well" {
			textMax = q.MaxLength
		}
	}
	answer := func(k, v string) []map[string]any {
		return []map[string]any{{"questionKey": "home", "value": "fine"}, {"questionKey": k, "value": v}}
	}
	cases := []struct {
		name, code, field string
		in                map[string]any
	}{
		{"missing required answer", "BAD_USER_INPUT", "answers", map[string]any{"answers": []map[string]any{{"questionKey": "going_well", "value": "ok"}}}},
		{"unknown question", "BAD_USER_INPUT", "answers[1].questionKey", map[string]any{"answers": answer("favourite_colour", "blue")}},
		{"text over its limit", "BAD_USER_INPUT", "answers[1].value", map[string]any{"answers": answer("going_well", strings.Repeat("a", textMax+1))}},
		{"wrong choice", "BAD_USER_INPUT", "answers[1].value", map[string]any{"answers": answer("meeting_place", "the moon")}},
		{"scale out of range", "BAD_USER_INPUT", "answers[1].value", map[string]any{"answers": answer("overall", "9")}},
		{"another child's id", "NOT_FOUND", "", map[string]any{"childId": ava.ID}},
		{"a missing child", "NOT_FOUND", "", map[string]any{"childId": "chd_01JAAAAAAAAAAAAAAAAAAAAAAA"}},
		{"another child's meeting", "NOT_FOUND", "", map[string]any{"meetingId": avaMeeting.ID}},
		{"someone else's draft", "NOT_FOUND", "", map[string]any{"submissionId": avaSub.ID}},
		{"a sent one", "BAD_USER_INPUT", "submissionId", map[string]any{"submissionId": jamieSent.ID}},
		{"an empty key", "BAD_USER_INPUT", "idempotencyKey", map[string]any{"idempotencyKey": " "}},
	}
	before := s.Client().WishesAndFeelings.Query().CountX(apitest.System())
	for i, tc := range cases {
		in := map[string]any{"childId": jamie.ID, "answers": answer("going_well", "ok"), "shareWith": "CHAIR_ONLY",
			"idempotencyKey": "bad-" + string(rune('a'+i))}
		for k, v := range tc.in {
			in[k] = v
		}
		r := s.Query(child, submitMutation, map[string]any{"in": in})
		if r.Code() != tc.code || (tc.field != "" && r.Errors[0].Extensions["field"] != tc.field) {
			t.Errorf("%s: %s", tc.name, r.Raw)
		}
	}
	// Wrong types and unknown enum values are refused before anything runs.
	r := s.Query(child, submitMutation, map[string]any{"in": map[string]any{"childId": jamie.ID, "answers": []any{}, "shareWith": "EVERYONE_IN_THE_WORLD", "idempotencyKey": "x"}})
	if r.Code() != "GRAPHQL_VALIDATION_FAILED" && r.Code() != "BAD_USER_INPUT" {
		t.Errorf("unknown share setting: %s", r.Raw)
	}
	if after := s.Client().WishesAndFeelings.Query().CountX(apitest.System()); after != before {
		t.Errorf("bad input stored %d records", after-before)
	}
	// Someone who is not the child may not send their views.
	if r := submit(t, s, s.Login("iro.demo"), jamie.ID, "iro-try", false, nil); r.Code() != "FORBIDDEN" {
		t.Errorf("the IRO sending the child's views: %s", r.Raw)
	}
}

func TestIdempotencyKeyBelongsToOneChild(t *testing.T) {
	s := apitest.New(t)
	jamie, ava := childNamed(t, s, "Jamie"), childNamed(t, s, "Ava")
	j := submit(t, s, s.Login("child.demo"), jamie.ID, "same-key", false, nil)
	a := s.Query(s.Login("child2.demo"), submitMutation, map[string]any{"in": map[string]any{"childId": ava.ID,
		"answers": []map[string]any{{"questionKey": "going_well", "value": "ok"}}, "shareWith": "CHAIR_ONLY", "idempotencyKey": "same-key"}})
	if len(j.Errors)+len(a.Errors) > 0 {
		t.Fatalf("%s %s", j.Raw, a.Raw)
	}
	if apitest.Path(j.Data, "submitWishesAndFeelings", "submission", "id") == apitest.Path(a.Data, "submitWishesAndFeelings", "submission", "id") {
		t.Fatal("another child's identical key returned Jamie's submission")
	}
}

// flakySender fails the first time and works after.
type flakySender struct {
	mu    sync.Mutex
	tries int
	sent  []notify.Message
}

func (f *flakySender) Send(_ context.Context, m notify.Message) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tries++
	if f.tries == 1 {
		return errors.New("mail server unavailable")
	}
	f.sent = append(f.sent, m)
	return nil
}

func TestUrgentSubmissionNotifiesAndRetries(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	words := "Something happened at home last night."
	r := submit(t, s, s.Login("child.demo"), jamie.ID, "urgent-1", true, map[string]any{
		"answers": []map[string]any{{"questionKey": "worries", "value": words}}})
	if apitest.Path(r.Data, "submitWishesAndFeelings", "submission", "needsToTalkToday") != true {
		t.Fatalf("submit: %s", r.Raw)
	}
	if phone := apitest.Path(r.Data, "submitWishesAndFeelings", "helpNow", "outOfHoursPhone"); phone == nil {
		t.Errorf("no out-of-hours number: %s", r.Raw)
	}
	rows := s.Client().Notification.Query().AllX(apitest.System())
	if len(rows) != 2 {
		t.Fatalf("%d notifications, want 2 (IRO and social worker)", len(rows))
	}
	// The same two are told in Kite too, once each, with no second email.
	subID := apitest.Path(r.Data, "submitWishesAndFeelings", "submission", "id")
	for _, staff := range []string{"iro.demo", "sw.demo"} {
		list := notifications(t, s, s.Login(staff), true)
		if len(list) != 1 || list[0]["kind"] != "URGENT_SUBMISSION" || apitest.Path(list[0], "about", "id") != subID ||
			strings.Contains(fmt.Sprint(list[0]), "Something happened") {
			t.Errorf("%s's notifications after an urgent submission: %v", staff, list)
		}
	}
	sender := &flakySender{}
	clock := time.Now()
	worker := &notify.Worker{Client: s.Client(), Sender: sender, Now: func() time.Time { return clock }}
	ctx := context.Background()
	if n, err := worker.DeliverDue(ctx); err != nil || n != 1 {
		t.Fatalf("first round delivered %d (%v), want 1 of 2 (the first send fails)", n, err)
	}
	if n, _ := worker.DeliverDue(ctx); n != 0 {
		t.Fatalf("the failed one was retried before its backoff: %d", n)
	}
	clock = clock.Add(notify.Backoff(1) + time.Second)
	if n, err := worker.DeliverDue(ctx); err != nil || n != 1 {
		t.Fatalf("retry delivered %d (%v)", n, err)
	}
	if backlog, _ := notify.Backlog(ctx, s.Client()); backlog != 0 {
		t.Fatalf("backlog %d", backlog)
	}
	failed := s.Client().Notification.Query().Where(notification.AttemptsGT(1)).OnlyX(apitest.System())
	if failed.LastError == "" {
		t.Error("the failure was not recorded")
	}
	for _, m := range sender.sent {
		if strings.Contains(m.Body+m.Subject, "Something happened") || strings.Contains(m.Body, "Jamie") {
			t.Errorf("a notification carries the child's words or name: %q", m.Body)
		}
	}
}

func TestUrgentWithNobodyAllocatedGoesToTheDutyTeam(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	s.Client().Allocation.Update().Where(allocation.ChildID(jamie.ID)).SetEndsOn(s.Today.AddDays(-1)).ExecX(apitest.System())
	r := submit(t, s, s.Login("child.demo"), jamie.ID, "urgent-duty", true, nil)
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	la := s.Client().LocalAuthority.GetX(apitest.System(), jamie.AuthorityID)
	n := s.Client().Notification.Query().OnlyX(apitest.System())
	if n.RecipientAddress != la.DutyTeamEmail || la.DutyTeamEmail == "" {
		t.Fatalf("sent to %q, want the duty team %q", n.RecipientAddress, la.DutyTeamEmail)
	}
}

var _ = ent.IsNotFound

func TestUrgentComesFirstInTheStaffList(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	child := s.Login("child.demo")
	submit(t, s, child, jamie.ID, "calm-1", false, nil)
	submit(t, s, child, jamie.ID, "urgent-first", true, map[string]any{"shareWith": "CHAIR_ONLY"})
	submit(t, s, child, jamie.ID, "calm-2", false, nil)
	for _, who := range []string{"iro.demo", "sw.demo"} {
		r := s.Query(s.Login(who), `{ receivedSubmissions(unreadOnly: true) { id needsToTalkToday } }`, nil)
		list := r.Data["receivedSubmissions"].([]any)
		if len(list) < 3 || apitest.Path(list[0], "needsToTalkToday") != true {
			t.Errorf("%s: %s", who, r.Raw)
		}
	}
	if r := s.Query(s.Login("parent.demo"), `{ receivedSubmissions { id } }`, nil); len(r.Data["receivedSubmissions"].([]any)) != 0 {
		t.Errorf("parent: %s", r.Raw)
	}
}

func TestSubscriptionClosesWhenTheTokenExpires(t *testing.T) {
	s := apitest.New(t)
	srv := httptest.NewServer(s.Handler)
	defer srv.Close()
	tok := signed(t, s, jwt.SigningMethodHS256, s.Config.Keys.Current.Secret, nil, func(c jwt.MapClaims) {
		c["exp"] = time.Now().Add(1500 * time.Millisecond).Unix()
	})
	c, err := dial(t, srv, tok)
	if err != nil {
		t.Fatal(err)
	}
	c.subscribe("1", `subscription { submissionReceived { id } }`)
	if _, err := c.read(6 * time.Second); err == nil {
		t.Fatal("the connection outlived its token")
	}
}

// TestAChairCanReplaceTheReplyTheySaw: a chair who has read the current
// reply may send a new one; only a reply they have not seen is protected.
func TestAChairCanReplaceTheReplyTheySaw(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	r := submit(t, s, s.Login("child.demo"), jamie.ID, "reply-twice", false, nil)
	id := apitest.Path(r.Data, "submitWishesAndFeelings", "submission", "id")
	iro := s.Login("iro.demo")
	reply := `mutation($id: ID!, $m: String!) { respondToSubmission(id: $id, message: $m) { reply } }`
	for _, m := range []string{"Thank you Jamie.", "Thank you Jamie. I will call you on Friday."} {
		if r := s.Query(iro, reply, map[string]any{"id": id, "m": m}); apitest.Path(r.Data, "respondToSubmission", "reply") != m {
			t.Fatalf("reply %q: %s", m, r.Raw)
		}
	}
}
