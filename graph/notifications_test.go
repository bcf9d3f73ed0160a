package graph_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"kite/ent"
	"kite/ent/childidentity"
	"kite/ent/meeting"
	"kite/ent/notice"
	"kite/ent/wishesandfeelings"
	"kite/internal/apitest"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/duedates"
	"kite/internal/ident"
	"kite/internal/notify"
	"kite/internal/reminders"
)

const myNotifications = `query($unread: Boolean) { me { notifications(first: 50, unreadOnly: $unread) { totalCount
	edges { node { id kind title message readAt about { id } } } } } }`

// notifications lists a user's notifications through the API, newest first.
func notifications(t *testing.T, s *apitest.Server, tok string, unreadOnly bool) []map[string]any {
	t.Helper()
	r := s.Query(tok, myNotifications, map[string]any{"unread": unreadOnly})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	var out []map[string]any
	for _, e := range apitest.Path(r.Data, "me", "notifications", "edges").([]any) {
		out = append(out, e.(map[string]any)["node"].(map[string]any))
	}
	if n := int(apitest.Path(r.Data, "me", "notifications", "totalCount").(float64)); n != len(out) {
		t.Fatalf("totalCount %d, %d listed", n, len(out))
	}
	return out
}

func kinds(list []map[string]any) []string {
	var out []string
	for _, n := range list {
		out = append(out, n["kind"].(string))
	}
	return out
}

const markRead = `mutation($in: MarkNotificationsReadInput!) { markNotificationsRead(input: $in) { marked unreadCount } }`

// TestChildIsToldOfReadsAndReplies: the child's notification list through a
// submission's life — read once (however often it is read), then each reply —
// and marking read, some or all.
func TestChildIsToldOfReadsAndReplies(t *testing.T) {
	s := apitest.New(t)
	child, iro := s.Login("child.demo"), s.Login("iro.demo")
	jamie := childNamed(t, s, "Jamie")
	if got := notifications(t, s, child, false); len(got) != 0 {
		t.Fatalf("a new account has notifications: %v", got)
	}
	id := apitest.Path(submit(t, s, child, jamie.ID, "told-1", false, nil).Data, "submitWishesAndFeelings", "submission", "id")
	for _, who := range []string{"iro.demo", "sw.demo", "iro.demo"} {
		if r := s.Query(s.Login(who), `mutation($id: ID!) { markSubmissionRead(id: $id) { id } }`, map[string]any{"id": id}); len(r.Errors) > 0 {
			t.Fatal(r.Raw)
		}
	}
	reply := `mutation($id: ID!, $m: String!) { respondToSubmission(id: $id, message: $m) { id } }`
	for _, m := range []string{"Thank you Jamie.", "Thank you Jamie. I will see you on Tuesday."} {
		if r := s.Query(iro, reply, map[string]any{"id": id, "m": m}); len(r.Errors) > 0 {
			t.Fatal(r.Raw)
		}
	}
	got := notifications(t, s, child, false)
	if k := strings.Join(kinds(got), ","); k != "REPLY_RECEIVED,REPLY_RECEIVED,SUBMISSION_READ" {
		t.Fatalf("the child was told %s, want two replies (newest first) and one read", k)
	}
	for _, n := range got {
		if apitest.Path(n, "about", "id") != id || n["readAt"] != nil || n["title"] == "" || n["message"] == "" {
			t.Errorf("notification %v", n)
		}
		if strings.Contains(n["message"].(string), "Thank you") {
			t.Errorf("a notification carries the reply's words: %v", n)
		}
	}

	// Mark one read, then the rest.
	r := s.Query(child, markRead, map[string]any{"in": map[string]any{"ids": []any{got[2]["id"]}}})
	if apitest.Path(r.Data, "markNotificationsRead", "marked") != float64(1) || apitest.Path(r.Data, "markNotificationsRead", "unreadCount") != float64(2) {
		t.Fatalf("mark one: %s", r.Raw)
	}
	if unread := notifications(t, s, child, true); len(unread) != 2 {
		t.Fatalf("unread after marking one: %v", unread)
	}
	r = s.Query(child, markRead, map[string]any{"in": map[string]any{"all": true}})
	if apitest.Path(r.Data, "markNotificationsRead", "marked") != float64(2) || apitest.Path(r.Data, "markNotificationsRead", "unreadCount") != float64(0) {
		t.Fatalf("mark all: %s", r.Raw)
	}
	if got := notifications(t, s, child, false); got[0]["readAt"] == nil {
		t.Errorf("marked read, but no readAt: %v", got[0])
	}
	// Neither ids nor all, or both: the client's mistake.
	for _, in := range []map[string]any{{}, {"ids": []any{}}, {"all": true, "ids": []any{got[0]["id"]}}} {
		if r := s.Query(child, markRead, map[string]any{"in": in}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("%v: %s", in, r.Raw)
		}
	}
}

// TestNotificationsAreTheirOwnersAlone: nobody else reads or marks a
// person's notifications — not their chair, not a manager — by node(id), by
// the account's own field, or by marking.
func TestNotificationsAreTheirOwnersAlone(t *testing.T) {
	s := apitest.New(t)
	child := s.Login("child.demo")
	jamie := childNamed(t, s, "Jamie")
	id := apitest.Path(submit(t, s, child, jamie.ID, "own-1", false, nil).Data, "submitWishesAndFeelings", "submission", "id")
	s.Query(s.Login("iro.demo"), `mutation($id: ID!) { markSubmissionRead(id: $id) { id } }`, map[string]any{"id": id})
	mine := notifications(t, s, child, false)
	if len(mine) != 1 {
		t.Fatalf("the child's notifications: %v", mine)
	}
	noticeID := mine[0]["id"]
	childUser := userID(t, s, "child.demo").ID
	for _, who := range []string{"iro.demo", "sw.demo", "manager.demo", "admin.demo", "parent.demo", "child2.demo", "iro.other"} {
		tok := s.Login(who)
		if r := s.Query(tok, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": noticeID}); r.Data["node"] != nil {
			t.Errorf("%s reads the child's notification by id", who)
		}
		// A manager or admin may see the child's account, never its notifications.
		r := s.Query(tok, `query($id: ID!) { node(id: $id) { ... on User { notifications(first: 10) { totalCount edges { node { id } } } } } }`,
			map[string]any{"id": childUser})
		if n := apitest.Path(r.Data, "node", "notifications", "totalCount"); n != nil && n != float64(0) {
			t.Errorf("%s lists the child's notifications: %s", who, r.Raw)
		}
		r = s.Query(tok, markRead, map[string]any{"in": map[string]any{"ids": []any{noticeID}}})
		if apitest.Path(r.Data, "markNotificationsRead", "marked") != float64(0) {
			t.Errorf("%s marks the child's notification read: %s", who, r.Raw)
		}
	}
	if got := notifications(t, s, child, true); len(got) != 1 {
		t.Fatalf("someone else's marking changed the child's: %v", got)
	}
	if r := s.Query("", markRead, map[string]any{"in": map[string]any{"all": true}}); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("anonymous: %s", r.Raw)
	}
}

func TestNotificationAddedReachesOnlyItsOwner(t *testing.T) {
	s := apitest.New(t)
	srv := httptest.NewServer(s.Handler)
	defer srv.Close()
	childTok := s.Login("child.demo")
	q := `subscription { notificationAdded { id kind title about { id } } }`
	clients := map[string]*wsClient{}
	for _, who := range []string{"child.demo", "child2.demo", "iro.demo"} {
		c, err := dial(t, srv, s.Login(who))
		if err != nil {
			t.Fatal(err)
		}
		c.subscribe("1", q)
		clients[who] = c
	}
	time.Sleep(100 * time.Millisecond) // let the subscriptions start
	jamie := childNamed(t, s, "Jamie")
	id := apitest.Path(submit(t, s, childTok, jamie.ID, "live-notice", false, nil).Data, "submitWishesAndFeelings", "submission", "id")
	s.Query(s.Login("iro.demo"), `mutation($id: ID!, $m: String!) { respondToSubmission(id: $id, message: $m) { id } }`,
		map[string]any{"id": id, "m": "Thank you for telling me."})
	got, ok := clients["child.demo"].next(5 * time.Second)
	if !ok || apitest.Path(got, "notificationAdded", "kind") != "REPLY_RECEIVED" || apitest.Path(got, "notificationAdded", "about", "id") != id {
		t.Fatalf("the child: %v", got)
	}
	for _, who := range []string{"child2.demo", "iro.demo"} {
		if got, ok := clients[who].next(500 * time.Millisecond); ok {
			t.Errorf("%s heard of the child's notification: %v", who, got)
		}
	}
}

// --- reminders, with a fixed clock ---

// runAt runs a new scheduler (a fresh start) at the instant now.
func runAt(t *testing.T, s *apitest.Server, now time.Time) {
	t.Helper()
	if err := runOnce(s, now); err != nil {
		t.Fatal(err)
	}
}

func runOnce(s *apitest.Server, now time.Time) error {
	sch := &reminders.Scheduler{Client: s.Client(), Now: func() time.Time { return now }}
	return sch.RunOnce(context.Background())
}

// told counts the notices of a kind a user has, straight from the database.
func told(t *testing.T, s *apitest.Server, username string, kind domain.NoticeKind) int {
	t.Helper()
	return s.Client().Notice.Query().Where(notice.UserID(userID(t, s, username).ID), notice.KindEQ(kind)).CountX(apitest.System())
}

// londonAt is hour o'clock on day in Europe/London.
func londonAt(day civil.Date, hour int) time.Time {
	y, m, d := day.YMD()
	return time.Date(y, m, d, hour, 0, 0, 0, civil.London)
}

// nextMeeting moves a child's next scheduled meeting (of kind) to 10:00 on day.
func nextMeeting(t *testing.T, s *apitest.Server, c *ent.Child, kind domain.MeetingKind, day civil.Date) *ent.Meeting {
	t.Helper()
	m := s.Client().Meeting.Query().Where(meeting.ChildID(c.ID), meeting.KindEQ(kind), meeting.StatusEQ(domain.Scheduled)).
		FirstX(apitest.System())
	return s.Client().Meeting.UpdateOne(m).SetScheduledFor(londonAt(day, 10)).SaveX(apitest.System())
}

// TestMeetingRemindersOncePerPoint: a child is reminded 10 working days
// before their review, again 3 working days before it while they have sent
// nothing for it; a parent once before a conference. Each reminder comes
// exactly once, however many times the scheduler runs, restarts or runs
// beside another.
func TestMeetingRemindersOncePerPoint(t *testing.T) {
	s := apitest.New(t)
	cal := duedates.Calendar()
	day := cal.AddWorkingDays(s.Today, 20)
	jamie, ava := childNamed(t, s, "Jamie"), childNamed(t, s, "Ava")
	review := nextMeeting(t, s, jamie, domain.CICReview, day)
	conference := nextMeeting(t, s, ava, domain.ReviewCPConference, day)
	first, last := cal.AddWorkingDays(day, -10), cal.AddWorkingDays(day, -reminders.LastReminderWorkingDays)

	runAt(t, s, londonAt(first.AddDays(-1), 23))
	if n := told(t, s, "child.demo", domain.NoticeViewsReminder) + told(t, s, "parent.demo", domain.NoticeConferenceReminder); n != 0 {
		t.Fatalf("reminded %d times before the first point", n)
	}
	// The first point: the child and the parent, once each, however often
	// it runs — again, after a restart, or on two instances at once.
	runAt(t, s, londonAt(first, 7))
	runAt(t, s, londonAt(first, 9))
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if err := runOnce(s, londonAt(first.AddDays(1), 9)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for who, kind := range map[string]domain.NoticeKind{"child.demo": domain.NoticeViewsReminder,
		"child2.demo": domain.NoticeViewsReminder, "parent.demo": domain.NoticeConferenceReminder} {
		if n := told(t, s, who, kind); n != 1 {
			t.Errorf("%s: %d %s, want 1", who, n, kind)
		}
	}
	got := notifications(t, s, s.Login("parent.demo"), false)
	if len(got) != 1 || apitest.Path(got[0], "about", "id") != string(conference.ID) {
		t.Fatalf("the parent's reminder: %v", got)
	}
	if apitest.Path(notifications(t, s, s.Login("child.demo"), false)[0], "about", "id") != string(review.ID) {
		t.Error("the child's reminder is not about their review")
	}

	// Ava sends her views for the conference; Jamie sends nothing for his review.
	submit(t, s, s.Login("child2.demo"), ava.ID, "for-the-conference", false, map[string]any{"meetingId": conference.ID,
		"answers": []map[string]any{{"questionKey": "going_well", "value": "Swimming."}}})
	submit(t, s, s.Login("child.demo"), jamie.ID, "not-for-the-review", false, nil)
	for range 2 {
		runAt(t, s, londonAt(last, 9))
	}
	if n := told(t, s, "child.demo", domain.NoticeViewsLastReminder); n != 1 {
		t.Errorf("Jamie, who sent nothing for his review: %d last reminders, want 1", n)
	}
	if n := told(t, s, "child2.demo", domain.NoticeViewsLastReminder); n != 0 {
		t.Errorf("Ava, who sent her views: %d last reminders, want 0", n)
	}
	if n := told(t, s, "parent.demo", domain.NoticeConferenceReminder); n != 1 {
		t.Errorf("the parent: %d conference reminders, want 1", n)
	}
	// On the day itself, nothing more.
	runAt(t, s, londonAt(day, 8))
	if n := s.Client().Notice.Query().Where(notice.AboutIDIn(review.ID, conference.ID),
		notice.KindNEQ(domain.NoticeAttendeeNeeds)).CountX(apitest.System()); n != 4 {
		t.Errorf("%d reminders of the two meetings in all, want 4", n)
	}
	// Besides, the chair was told once that the mother (in the demo data)
	// needs something to take part in the conference.
	if n := s.Client().Notice.Query().Where(notice.AboutID(conference.ID), notice.KindEQ(domain.NoticeAttendeeNeeds)).
		CountX(apitest.System()); n != 1 {
		t.Errorf("%d reminders of the parents' needs, want 1", n)
	}
	// Moved to another day, the meeting's reminders start again.
	later := cal.AddWorkingDays(day, 5)
	s.Client().Meeting.UpdateOne(review).SetScheduledFor(londonAt(later, 10)).ExecX(apitest.System())
	runAt(t, s, londonAt(cal.AddWorkingDays(later, -10), 9))
	if n := told(t, s, "child.demo", domain.NoticeViewsReminder); n != 2 {
		t.Errorf("after the review moved: %d first reminders, want 2", n)
	}
}

// TestNoRemindersForTheYoungestOrWithoutAnAccount: a child under 4 is not
// reminded (their parent still is, of a conference); nor is a child whose
// account is disabled; core groups remind nobody.
func TestNoRemindersForTheYoungestOrWithoutAnAccount(t *testing.T) {
	s := apitest.New(t)
	cal := duedates.Calendar()
	day := cal.AddWorkingDays(s.Today, 20)
	jamie, ava := childNamed(t, s, "Jamie"), childNamed(t, s, "Ava")
	nextMeeting(t, s, jamie, domain.CICReview, day)
	nextMeeting(t, s, ava, domain.ReviewCPConference, day)
	s.Client().ChildIdentity.Update().Where(childidentity.ChildID(ava.ID)).SetDateOfBirth(s.Today.AddYears(-3)).ExecX(apitest.System())
	s.Client().User.UpdateOneID(userID(t, s, "child.demo").ID).SetActive(false).ExecX(apitest.System())
	runAt(t, s, londonAt(cal.AddWorkingDays(day, -10), 9))
	if n := told(t, s, "child2.demo", domain.NoticeViewsReminder) + told(t, s, "child.demo", domain.NoticeViewsReminder); n != 0 {
		t.Errorf("reminded a child under 4 or a disabled account: %d", n)
	}
	if n := told(t, s, "parent.demo", domain.NoticeConferenceReminder); n != 1 {
		t.Errorf("the parent of a child under 4: %d conference reminders, want 1", n)
	}
	// A core group a few days away reminds nobody.
	core := nextMeeting(t, s, ava, domain.CoreGroup, cal.AddWorkingDays(day, 2))
	runAt(t, s, londonAt(cal.AddWorkingDays(day, -1), 9))
	if n := s.Client().Notice.Query().Where(notice.AboutID(core.ID)).CountX(apitest.System()); n != 0 {
		t.Errorf("a core group gave %d reminders", n)
	}
}

// TestChairsDigestAndOverdueReplies: on a working day from the authority's
// hour, each chair hears how many new submissions (not urgent) they have not
// read, once; and of each submission waiting too long for a reply, once.
// Their emails carry no child's words or name.
func TestChairsDigestAndOverdueReplies(t *testing.T) {
	s := apitest.New(t)
	c := s.Client()
	cal := duedates.Calendar()
	// The demo's own submissions are moved far into the past, out of the way.
	c.WishesAndFeelings.Update().Where(wishesandfeelings.SubmittedAtNotNil()).
		SetSubmittedAt(londonAt(s.Today.AddYears(-1), 9)).ExecX(apitest.System())
	day := cal.AddWorkingDays(s.Today, 1) // a working day
	yesterday := cal.AddWorkingDays(day, -1)
	jamie := childNamed(t, s, "Jamie")
	child := s.Login("child.demo")
	words := "My foster carer shouted at me on Sunday."
	sent := func(key string, urgent bool, at time.Time) ident.ID {
		r := submit(t, s, child, jamie.ID, key, urgent, map[string]any{
			"answers": []map[string]any{{"questionKey": "worries", "value": words}}})
		id := ident.ID(apitest.Path(r.Data, "submitWishesAndFeelings", "submission", "id").(string))
		c.WishesAndFeelings.UpdateOneID(id).SetSubmittedAt(at).ExecX(apitest.System())
		return id
	}
	sent("new-1", false, londonAt(yesterday, 10))
	sent("new-2", false, londonAt(yesterday, 16))
	sent("urgent", true, londonAt(yesterday, 17)) // told at once, never in a digest
	readByIRO := sent("read", false, londonAt(yesterday, 11))
	s.Query(s.Login("iro.demo"), `mutation($id: ID!) { markSubmissionRead(id: $id) { id } }`, map[string]any{"id": readByIRO})
	readBySW := sent("read-by-sw", false, londonAt(yesterday, 12))
	s.Query(s.Login("sw.demo"), `mutation($id: ID!) { markSubmissionRead(id: $id) { id } }`, map[string]any{"id": readBySW})
	sent("too-early", false, londonAt(yesterday, 7)) // in the day before's digest
	sent("too-late", false, londonAt(day, 8))        // in tomorrow's

	runAt(t, s, londonAt(day, 7)) // before the hour (8 by default)
	if n := told(t, s, "iro.demo", domain.NoticeSubmissionsDigest); n != 0 {
		t.Fatalf("a digest before the hour: %d", n)
	}
	runAt(t, s, londonAt(day, 8))
	runAt(t, s, londonAt(day, 15))
	digests := c.Notice.Query().Where(notice.UserID(userID(t, s, "iro.demo").ID), notice.KindEQ(domain.NoticeSubmissionsDigest)).
		AllX(apitest.System())
	if len(digests) != 1 || digests[0].Count != 3 {
		t.Fatalf("digests %v, want one counting 3 (two new, one read only by the social worker)", digests)
	}
	if n := told(t, s, "sw.demo", domain.NoticeSubmissionsDigest); n != 0 {
		t.Errorf("the social worker had a digest: the chair's alone")
	}
	// The chair's list: the digest, and the urgent one, told at once.
	got := notifications(t, s, s.Login("iro.demo"), false)
	if len(got) != 2 || !strings.Contains(got[0]["message"].(string), "3 new submissions") || got[0]["about"] != nil ||
		got[1]["kind"] != "URGENT_SUBMISSION" {
		t.Errorf("the digest as the chair sees it: %v", got)
	}
	// Off: no digest.
	la := c.LocalAuthority.GetX(apitest.System(), jamie.AuthorityID)
	c.LocalAuthority.UpdateOne(la).ClearSubmissionDigestHour().ExecX(apitest.System())
	runAt(t, s, londonAt(cal.AddWorkingDays(day, 1), 9))
	if n := told(t, s, "iro.demo", domain.NoticeSubmissionsDigest); n != 1 {
		t.Errorf("digests with the digest off: %d", n)
	}

	// Overdue: 5 working days without a reply by default.
	waiting := sent("waiting", false, londonAt(cal.AddWorkingDays(day, -5), 10))
	notYet := sent("not-yet", false, londonAt(cal.AddWorkingDays(day, -4), 10))
	answered := sent("answered", false, londonAt(cal.AddWorkingDays(day, -6), 10))
	s.Query(s.Login("iro.demo"), `mutation($id: ID!) { respondToSubmission(id: $id, message: "Thank you.") { id } }`, map[string]any{"id": answered})
	for range 2 {
		runAt(t, s, londonAt(day, 9))
	}
	overdue := c.Notice.Query().Where(notice.UserID(userID(t, s, "iro.demo").ID), notice.KindEQ(domain.NoticeReplyOverdue)).
		AllX(apitest.System())
	var about []ident.ID
	for _, n := range overdue {
		about = append(about, *n.AboutID)
	}
	if len(overdue) != 1 || about[0] != waiting {
		t.Fatalf("overdue replies told about %v, want only %s (not %s, nor the answered %s)", about, waiting, notYet, answered)
	}

	// Every email the chairs get: no child's words, no child's name.
	capture := &captureSender{}
	worker := &notify.Worker{Client: c, Sender: capture, Now: func() time.Time { return time.Now().Add(time.Hour) }}
	if _, err := worker.DeliverDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	subjects := map[string]int{}
	for _, m := range capture.sent {
		subjects[m.Subject]++
		for _, secret := range []string{words, "foster carer", "Jamie", "Ava"} {
			if strings.Contains(m.Subject+m.Body, secret) {
				t.Errorf("an email carries %q: %q", secret, m.Body)
			}
		}
	}
	if subjects["Kite: new submissions from children"] != 1 || subjects["Kite: a child is waiting for your reply"] != 1 {
		t.Errorf("emails sent: %v", subjects)
	}
}

// captureSender keeps what it is asked to send.
type captureSender struct {
	mu   sync.Mutex
	sent []notify.Message
}

func (c *captureSender) Send(_ context.Context, m notify.Message) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, m)
	return nil
}

// TestNotificationListStatementsStayFlat: the list and what each item is
// about are read in a fixed number of statements, however long the page.
func TestNotificationListStatementsStayFlat(t *testing.T) {
	s := apitest.New(t)
	u := userID(t, s, "child.demo")
	jamie := childNamed(t, s, "Jamie")
	review := s.Client().Meeting.Query().Where(meeting.ChildID(jamie.ID)).FirstX(apitest.System())
	tok := s.Login("child.demo")
	q := `{ me { notifications(first: 50) { totalCount edges { node { id title about { id ... on Meeting { kind } } } } } } }`
	add := func(n int) {
		for i := range n {
			about := jamie.ID
			if i%2 == 0 {
				about = review.ID
			}
			s.Client().Notice.Create().SetAuthorityID(u.AuthorityID).SetUserID(u.ID).SetKind(domain.NoticeViewsReminder).
				SetAboutID(about).SetDedupeKey(string(ident.New("key"))).ExecX(apitest.System())
		}
	}
	add(2)
	before := s.Statements(func() { s.Query(tok, q, nil) })
	add(30)
	var r *apitest.Response
	after := s.Statements(func() { r = s.Query(tok, q, nil) })
	if after != before {
		t.Errorf("statements grew with the list: %d then %d", before, after)
	}
	edges := apitest.Path(r.Data, "me", "notifications", "edges").([]any)
	if len(edges) != 32 || apitest.Path(edges[0], "node", "about", "id") == nil {
		t.Fatalf("the list: %s", r.Raw)
	}
	// Pages are capped like every connection's, and follow on by cursor.
	add(80)
	page := `query($after: Cursor) { me { notifications(first: 5000, after: $after) {
		totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`
	r = s.Query(tok, page, nil)
	if n := len(apitest.Path(r.Data, "me", "notifications", "edges").([]any)); n != 100 ||
		apitest.Path(r.Data, "me", "notifications", "pageInfo", "hasNextPage") != true {
		t.Fatalf("first page of 112: %d rows: %.300s", n, r.Raw)
	}
	r = s.Query(tok, page, map[string]any{"after": apitest.Path(r.Data, "me", "notifications", "pageInfo", "endCursor")})
	if n := len(apitest.Path(r.Data, "me", "notifications", "edges").([]any)); n != 12 {
		t.Fatalf("second page: %d rows, want 12", n)
	}
}
