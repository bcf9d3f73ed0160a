package graph_test

import (
	"testing"
	"time"

	"kite/ent/meeting"
	"kite/ent/notice"
	"kite/internal/apitest"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/notify"
)

const scheduleQuery = `mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { meeting { id kind dueBy lateReason bookedLate } } }`

// TestMeetingKindMustFitTheCase: a meeting is booked only when its kind fits
// the child's case (duedates.Fits): no initial conference, review
// conference or core group for a child in care with no child protection
// enquiry, no light-touch review without the arrangement; a conference for a
// child on a child protection plan is booked.
func TestMeetingKindMustFitTheCase(t *testing.T) {
	s := apitest.New(t)
	jamie, ava := childNamed(t, s, "Jamie"), childNamed(t, s, "Ava")
	when := time.Now().AddDate(0, 0, 3).UTC().Truncate(time.Minute).Format(time.RFC3339)
	before := s.Client().Meeting.Query().CountX(apitest.System())
	iro := s.Login("iro.demo")
	for _, kind := range []string{"INITIAL_CP_CONFERENCE", "REVIEW_CP_CONFERENCE", "CORE_GROUP", "LIGHT_TOUCH_REVIEW"} {
		r := s.Query(iro, scheduleQuery, map[string]any{"in": map[string]any{"childId": jamie.ID, "kind": kind, "scheduledFor": when}})
		if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "kind" || r.Errors[0].Message == "" {
			t.Errorf("%s for a child in care with no enquiry: %s", kind, r.Raw)
		}
	}
	if r := s.Query(s.Login("chair.demo"), scheduleQuery, map[string]any{"in": map[string]any{"childId": ava.ID, "kind": "CIC_REVIEW", "scheduledFor": when}}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a child-in-care review for a child not in care: %s", r.Raw)
	}
	if after := s.Client().Meeting.Query().CountX(apitest.System()); after != before {
		t.Fatalf("refused meetings were stored: %d → %d", before, after)
	}
	r := s.Query(s.Login("chair.demo"), scheduleQuery, map[string]any{"in": map[string]any{"childId": ava.ID,
		"kind": "REVIEW_CP_CONFERENCE", "scheduledFor": when, "lateReason": "Kept only if it is late."}})
	if apitest.Path(r.Data, "scheduleMeeting", "meeting", "kind") != "REVIEW_CP_CONFERENCE" {
		t.Fatalf("a review conference for a child on a plan: %s", r.Raw)
	}
}

// TestBookingLateNeedsAReason: a review booked after its statutory due date
// needs a reason; with one it keeps the statutory due date, so it counts as
// late, and the child never sees the reason.
func TestBookingLateNeedsAReason(t *testing.T) {
	s := apitest.New(t)
	iro := s.Login("iro.demo")
	jamie := childNamed(t, s, "Jamie")
	next := s.Client().Meeting.Query().Where(meeting.ChildID(jamie.ID), meeting.StatusEQ(domain.Scheduled)).OnlyX(apitest.System())
	from := next.DueBy
	if from.Before(s.Today) {
		from = s.Today
	}
	late := from.AddDays(10).StartInLondon().Add(11 * time.Hour).UTC().Format(time.RFC3339)
	in := map[string]any{"childId": jamie.ID, "kind": "CIC_REVIEW", "scheduledFor": late}
	r := s.Query(iro, scheduleQuery, map[string]any{"in": in})
	if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "lateReason" {
		t.Fatalf("a late review without a reason: %s", r.Raw)
	}
	in["lateReason"] = "The only day the family's interpreter can come."
	r = s.Query(iro, scheduleQuery, map[string]any{"in": in})
	m := apitest.Path(r.Data, "scheduleMeeting", "meeting")
	if m == nil || apitest.Path(r.Data, "scheduleMeeting", "meeting", "dueBy") != string(next.DueBy) ||
		apitest.Path(r.Data, "scheduleMeeting", "meeting", "bookedLate") != true ||
		apitest.Path(r.Data, "scheduleMeeting", "meeting", "lateReason") != in["lateReason"] {
		t.Fatalf("a late review with a reason keeps the statutory due date %s: %s", next.DueBy, r.Raw)
	}
	id := apitest.Path(r.Data, "scheduleMeeting", "meeting", "id")
	r = s.Query(s.Login("child.demo"), `query($id: ID!) { node(id: $id) { ... on Meeting { lateReason bookedLate } } }`, map[string]any{"id": id})
	if apitest.Path(r.Data, "node", "bookedLate") != true || apitest.Path(r.Data, "node", "lateReason") != nil {
		t.Fatalf("the child sees that it is late, not why: %s", r.Raw)
	}
	// Moving the review that was in time to a day after its due date needs
	// a reason too.
	move := `mutation($in: RescheduleMeetingInput!) { rescheduleMeeting(input: $in) { meeting { lateReason bookedLate } } }`
	mv := map[string]any{"meetingId": next.ID, "scheduledFor": late, "reason": "The chair is ill."}
	if r := s.Query(iro, move, map[string]any{"in": mv}); r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "lateReason" {
		t.Fatalf("moving a review past its due date without a late reason: %s", r.Raw)
	}
	mv["lateReason"] = "The chair is ill and no other chair knows Jamie."
	if r := s.Query(iro, move, map[string]any{"in": mv}); apitest.Path(r.Data, "rescheduleMeeting", "meeting", "lateReason") != mv["lateReason"] {
		t.Fatalf("moving a review past its due date with a late reason: %s", r.Raw)
	}
}

// TestPostponeMeeting: the chair or a manager puts a meeting off, with the
// reason, and everyone told of it is told (not the one who did it); the
// social worker may not postpone a review, nor may a chair of other
// children; with a new time it is booked again at that time.
func TestPostponeMeeting(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	review := s.Client().Meeting.Query().Where(meeting.ChildID(jamie.ID), meeting.StatusEQ(domain.Scheduled)).OnlyX(apitest.System())
	// The child was reminded of the review.
	if err := notify.TellChild(apitest.System(), s.Client(), jamie.ID, notify.Tiding{AuthorityID: jamie.AuthorityID,
		Kind: domain.NoticeViewsReminder, AboutID: review.ID, DedupeKey: "views:test:first"}); err != nil {
		t.Fatal(err)
	}
	postpone := `mutation($in: PostponeMeetingInput!) { postponeMeeting(input: $in) { meeting { status scheduledFor changeReason postponedAt postponedFrom } } }`
	in := map[string]any{"meetingId": review.ID, "reason": "The carer is in hospital."}
	for _, who := range []string{"sw.demo", "chair.demo", "child.demo", "parent.demo"} {
		if r := s.Query(s.Login(who), postpone, map[string]any{"in": in}); r.Code() != "NOT_FOUND" && r.Code() != "FORBIDDEN" {
			t.Errorf("%s postpones Jamie's review: %s", who, r.Raw)
		}
	}
	if s.Client().Meeting.GetX(apitest.System(), review.ID).Status != domain.Scheduled {
		t.Fatal("a refused postponement changed the review")
	}
	r := s.Query(s.Login("iro.demo"), postpone, map[string]any{"in": in})
	if apitest.Path(r.Data, "postponeMeeting", "meeting", "status") != "POSTPONED" ||
		apitest.Path(r.Data, "postponeMeeting", "meeting", "changeReason") != in["reason"] ||
		apitest.Path(r.Data, "postponeMeeting", "meeting", "postponedFrom") != review.ScheduledFor.UTC().Format(time.RFC3339) {
		t.Fatalf("the IRO postpones: %s", r.Raw)
	}
	told := func(username string) int {
		return s.Client().Notice.Query().Where(notice.UserID(userID(t, s, username).ID), notice.AboutID(review.ID),
			notice.KindEQ(domain.NoticeMeetingPostponed)).CountX(apitest.System())
	}
	for who, want := range map[string]int{"child.demo": 1, "sw.demo": 1, "iro.demo": 0, "parent.demo": 0} {
		if got := told(who); got != want {
			t.Errorf("%s told of the postponement %d times, want %d", who, got, want)
		}
	}
	if got := kinds(notifications(t, s, s.Login("child.demo"), true)); len(got) == 0 || got[0] != "MEETING_POSTPONED" {
		t.Errorf("the child's newest notification: %v", got)
	}
	// A manager gives it a new time; a time earlier than it had is refused.
	in["reason"] = "The carer is home again."
	in["newDate"] = review.ScheduledFor.Add(-time.Hour).UTC().Format(time.RFC3339)
	if r := s.Query(s.Login("manager.demo"), postpone, map[string]any{"in": in}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("postponing to an earlier time: %s", r.Raw)
	}
	newTime := civil.InLondon(*review.ScheduledFor).AddDays(7).StartInLondon().Add(10 * time.Hour).UTC()
	in["newDate"] = newTime.Format(time.RFC3339)
	r = s.Query(s.Login("manager.demo"), postpone, map[string]any{"in": in})
	if apitest.Path(r.Data, "postponeMeeting", "meeting", "status") != "SCHEDULED" ||
		apitest.Path(r.Data, "postponeMeeting", "meeting", "scheduledFor") != newTime.Format(time.RFC3339) {
		t.Fatalf("a manager postpones to a new time: %s", r.Raw)
	}
	if got := told("iro.demo"); got != 1 {
		t.Errorf("the IRO told of the manager's postponement %d times", got)
	}
	m := s.Client().Meeting.GetX(apitest.System(), review.ID)
	if late := civil.InLondon(newTime).After(m.DueBy); late != (m.LateReason != nil) {
		t.Errorf("due %s, new time %s: late reason %v", m.DueBy, newTime, m.LateReason)
	}
}
