package graph_test

import (
	"strings"
	"testing"

	"kite/internal/accesstest"
	"kite/internal/apitest"
	"kite/internal/domain"
	"kite/internal/duedates"
	"kite/internal/reminders"
)

// TestChairIsRemindedOfAttendeeNeeds: from 5 working days before a
// conference, its chair is told that a parent needs something to take part
// (the grandmother's interpreter), once however often the scheduler runs,
// and again when the mother sends more needs; the social worker is not,
// and the notice carries no details.
func TestChairIsRemindedOfAttendeeNeeds(t *testing.T) {
	s := apitest.New(t)
	accesstest.Fixtures(t, s.Client())
	cal := duedates.Calendar()
	ava := childNamed(t, s, "Ava")
	day := cal.AddWorkingDays(s.Today, 12)
	conference := nextMeeting(t, s, ava, domain.ReviewCPConference, day)
	point := cal.AddWorkingDays(day, -reminders.NeedsReminderWorkingDays)
	kind := domain.NoticeAttendeeNeeds

	runAt(t, s, londonAt(cal.AddWorkingDays(point, -1), 12))
	if n := told(t, s, "chair.demo", kind); n != 0 {
		t.Fatalf("told %d times before the point", n)
	}
	for range 3 {
		runAt(t, s, londonAt(point, 12))
	}
	if n := told(t, s, "chair.demo", kind); n != 1 {
		t.Fatalf("the chair was told %d times at the point, want once", n)
	}
	for _, n := range notifications(t, s, s.Login("chair.demo"), true) {
		if n["kind"] != string(kind) {
			continue
		}
		if apitest.Path(n, "about", "id") != string(conference.ID) || strings.Contains(n["message"].(string), "Polish") {
			t.Errorf("the chair's notice: %v", n)
		}
	}

	// The mother (who had asked to bring someone) now needs help with
	// access as well: the chair is told again.
	send := `mutation($in: SubmitParentViewsInput!) { submitParentViews(input: $in) { parentViews { id } } }`
	in := map[string]any{"childId": ava.ID, "meetingId": conference.ID, "idempotencyKey": "needs",
		"answers": []map[string]any{{"questionKey": "can_attend", "value": "yes"}, {"questionKey": "supporter", "value": "yes"},
			{"questionKey": "access", "value": "yes"}, {"questionKey": "access_details", "value": "A ramp, please."}}}
	if r := s.Query(s.Login("parent.demo"), send, map[string]any{"in": in}); len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	runAt(t, s, londonAt(cal.AddWorkingDays(point, 1), 9))
	runAt(t, s, londonAt(cal.AddWorkingDays(point, 1), 10))
	if n := told(t, s, "chair.demo", kind); n != 2 {
		t.Errorf("the chair was told %d times after new needs, want 2", n)
	}
	if n := told(t, s, "sw.demo", kind); n != 0 {
		t.Errorf("the social worker was told %d times", n)
	}
}
