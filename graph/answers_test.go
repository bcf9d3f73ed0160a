package graph_test

import (
	"strings"
	"testing"
	"time"

	"kite/ent/allocation"
	"kite/ent/meeting"
	"kite/ent/notification"
	"kite/internal/apitest"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/duedates"
)

const answerMutation = `mutation($in: SubmitWishesAndFeelingsInput!) { submitWishesAndFeelings(input: $in) {
	submission { id } whatHappensNext
	helpNow { message outOfHoursPhone childLine urgent someoneAtWorkNow
		told { name role description hoursKnown atWorkNow workStarts workEnds } } } }`

// outOfHours is Demo Borough's out-of-hours number.
const outOfHours = "01632 960199"

// setNow sets the clock the child's views are answered by (the access
// rules still go by the real day, so now stays within the coming week).
func setNow(s *apitest.Server, now time.Time) {
	s.App.Wishes.Clock = func() time.Time { return now }
}

// next is the first day after from that falls on one of days and is not a
// bank holiday, at hh:mm in London.
func next(from civil.Date, hh, mm int, days ...time.Weekday) time.Time {
	for d := from.AddDays(1); ; d = d.AddDays(1) {
		for _, wd := range days {
			if d.Weekday() == wd && !duedates.Calendar().IsHoliday(d) {
				y, m, day := d.YMD()
				return time.Date(y, m, day, hh, mm, 0, 0, civil.London)
			}
		}
	}
}

// onDay is how childwords names a day after now.
func onDay(t time.Time, now time.Time) string {
	if civil.InLondon(now).DaysUntil(civil.InLondon(t)) < 7 {
		return "on " + t.Weekday().String()
	}
	if t.Year() != now.In(civil.London).Year() {
		return "on " + t.Format("Monday 2 January 2006")
	}
	return "on " + t.Format("Monday 2 January")
}

func sendViews(t *testing.T, s *apitest.Server, tok string, childID any, key string, urgent bool, share string, extra map[string]any) map[string]any {
	t.Helper()
	in := map[string]any{"childId": childID, "answers": []map[string]any{{"questionKey": "going_well", "value": "Football went well."}},
		"shareWith": share, "idempotencyKey": key, "needsToTalkToday": urgent}
	for k, v := range extra {
		in[k] = v
	}
	r := s.Query(tok, answerMutation, map[string]any{"in": in})
	if len(r.Errors) > 0 {
		t.Fatalf("send: %s", r.Raw)
	}
	return r.Data["submitWishesAndFeelings"].(map[string]any)
}

func says(t *testing.T, what, text string, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s does not say %q:\n%s", what, w, text)
		}
	}
	for _, w := range notWant {
		if strings.Contains(text, w) {
			t.Errorf("%s says %q:\n%s", what, w, text)
		}
	}
}

// TestUrgentAnswerOnAFridayEvening: Jamie writes on a Friday evening to an
// IRO who works Monday to Thursday. He is told who was told (the people
// the notifications went to), that nobody is at work now, when they are
// next, and the out-of-hours number — never "today".
func TestUrgentAnswerOnAFridayEvening(t *testing.T) {
	s := apitest.New(t)
	now := next(s.Today, 19, 0, time.Friday)
	setNow(s, now)
	jamie := childNamed(t, s, "Jamie")
	p := sendViews(t, s, s.Login("child.demo"), jamie.ID, "friday-evening", true, "CHAIR_ONLY", nil)
	help := p["helpNow"].(map[string]any)
	told := help["told"].([]any)
	if help["urgent"] != true || help["someoneAtWorkNow"] != false || len(told) != 2 ||
		apitest.Path(told[0], "description") != "Priya, your IRO" || apitest.Path(told[0], "role") != "IRO" ||
		apitest.Path(told[1], "description") != "Sam, your social worker" || apitest.Path(told[0], "atWorkNow") != false {
		t.Fatalf("help now: %v", help)
	}
	monday := next(civil.InLondon(now), 9, 0, time.Monday, time.Tuesday, time.Wednesday, time.Thursday)
	if got := apitest.Path(told[0], "workStarts"); got != monday.UTC().Format(time.RFC3339) {
		t.Errorf("Priya's next working day starts %v, want %s", got, monday.UTC().Format(time.RFC3339))
	}
	says(t, "help now", help["message"].(string),
		[]string{"We have told Priya (your IRO) and Sam (your social worker)", "Nobody we told is at work right now.",
			"Priya is next at work " + onDay(monday, now) + " at 9am.", outOfHours, "0800 1111", "999"},
		[]string{"today"})
	says(t, "what happens next", p["whatHappensNext"].(string),
		[]string{"Priya, your IRO, can read it.", "Sam, your social worker, can see that you want to talk to someone, but cannot read what you wrote."},
		[]string{"today"})
	// Those named are those the notifications went to.
	sent := s.Client().Notification.Query().Where(notification.KindEQ("urgent_submission")).AllX(apitest.System())
	named := map[string]bool{}
	for _, n := range sent {
		if n.RecipientUserID != nil {
			named[s.Client().User.GetX(apitest.System(), *n.RecipientUserID).DisplayName] = true
		}
	}
	if len(sent) != 2 || !named["Priya Shah"] || !named["Sam Patel"] {
		t.Errorf("notifications went to %v", named)
	}
}

// TestUrgentAnswerDuringHours: someone told is at work now, until when;
// no out-of-hours number.
func TestUrgentAnswerDuringHours(t *testing.T) {
	s := apitest.New(t)
	setNow(s, next(s.Today, 10, 30, time.Tuesday))
	jamie := childNamed(t, s, "Jamie")
	p := sendViews(t, s, s.Login("child.demo"), jamie.ID, "tuesday-morning", true, "CHAIR_AND_SOCIAL_WORKER", nil)
	help := p["helpNow"].(map[string]any)
	if help["someoneAtWorkNow"] != true || apitest.Path(help, "told", 0, "atWorkNow") != true {
		t.Fatalf("help now: %v", help)
	}
	says(t, "help now", help["message"].(string),
		[]string{"Priya is at work now, until 5pm today.", "Sam is at work now, until 5pm today."},
		[]string{"Nobody we told", outOfHours})
	says(t, "what happens next", p["whatHappensNext"].(string), []string{"Sam, your social worker, can read it too."}, nil)
}

// TestUrgentAnswerWithNobodyAllocated: the duty team is told, and the child
// is told so — and that they have no IRO yet.
func TestUrgentAnswerWithNobodyAllocated(t *testing.T) {
	s := apitest.New(t)
	now := next(s.Today, 19, 0, time.Friday)
	setNow(s, now)
	jamie := childNamed(t, s, "Jamie")
	s.Client().Allocation.Update().Where(allocation.ChildID(jamie.ID)).SetEndsOn(s.Today.AddDays(-1)).ExecX(apitest.System())
	p := sendViews(t, s, s.Login("child.demo"), jamie.ID, "nobody", true, "CHAIR_ONLY", nil)
	help := p["helpNow"].(map[string]any)
	told := help["told"].([]any)
	if len(told) != 1 || apitest.Path(told[0], "description") != "the duty team" || apitest.Path(told[0], "role") != nil ||
		apitest.Path(told[0], "name") != nil {
		t.Fatalf("told: %v", told)
	}
	says(t, "help now", help["message"].(string),
		[]string{"We have told the duty team", "The duty team is next at work", outOfHours}, []string{"today", "IRO"})
	says(t, "what happens next", p["whatHappensNext"].(string),
		[]string{"You do not have an IRO at the moment, so no chair can read it yet."}, []string{"Priya"})
	if n := s.Client().Notification.Query().Where(notification.RecipientAddress("duty.team@demo-borough.example.org")).CountX(apitest.System()); n != 1 {
		t.Errorf("%d notifications to the duty team", n)
	}
}

// TestUrgentAnswerOnAChildProtectionPlan: Ava has a conference chair, not an
// IRO, and is told so by name.
func TestUrgentAnswerOnAChildProtectionPlan(t *testing.T) {
	s := apitest.New(t)
	now := next(s.Today, 19, 0, time.Friday)
	setNow(s, now)
	ava := childNamed(t, s, "Ava")
	p := sendViews(t, s, s.Login("child2.demo"), ava.ID, "ava-friday", true, "EVERYONE_AT_MEETING", nil)
	help := p["helpNow"].(map[string]any)
	if apitest.Path(help, "told", 0, "description") != "Daniel, your conference chair" || apitest.Path(help, "told", 0, "role") != "CP_CHAIR" {
		t.Fatalf("told: %v", help["told"])
	}
	says(t, "help now", help["message"].(string), []string{"Daniel (your conference chair)", outOfHours}, []string{"IRO", "today"})
	says(t, "what happens next", p["whatHappensNext"].(string),
		[]string{"Daniel, your conference chair, can read it.", "Your parents or carers who use Kite can read it too, unless Daniel decides",
			"It can be shared with everyone at your meeting."}, []string{"IRO"})
}

// TestAnswerThatIsNotUrgent: no urgent words at all; the right person by
// name, and the meeting chosen with its day.
func TestAnswerThatIsNotUrgent(t *testing.T) {
	s := apitest.New(t)
	now := next(s.Today, 19, 0, time.Friday)
	setNow(s, now)
	jamie := childNamed(t, s, "Jamie")
	review := s.Client().Meeting.Query().Where(meeting.ChildID(jamie.ID), meeting.StatusEQ(domain.Scheduled)).FirstX(apitest.System())
	p := sendViews(t, s, s.Login("child.demo"), jamie.ID, "not-urgent", false, "CHAIR_ONLY", map[string]any{"meetingId": review.ID})
	help := p["helpNow"].(map[string]any)
	if help["urgent"] != false || len(help["told"].([]any)) != 0 || help["childLine"] != "0800 1111" {
		t.Fatalf("help now: %v", help)
	}
	says(t, "help now", help["message"].(string), []string{"Childline"},
		[]string{"today", "999", "danger", "told", "out-of-hours", "straight away"})
	says(t, "what happens next", p["whatHappensNext"].(string),
		[]string{"Priya, your IRO, can read it before your review meeting " + onDay(review.ScheduledFor.In(civil.London), now) + ".",
			"Sam, your social worker, cannot read it."},
		[]string{"want to talk", "today"})
}

// TestWhoWillSeeIsWhatHappens: for each child, share choice and urgency,
// the people whoWillSee names are exactly those who can then read what was
// sent (or, for an urgent message, see that the child needs to talk), as
// each of them signed in.
func TestWhoWillSeeIsWhatHappens(t *testing.T) {
	s := apitest.New(t)
	accountOf := map[string]string{"IRO": "iro.demo", "CP_CHAIR": "chair.demo", "SOCIAL_WORKER": "sw.demo", "PARENT": "parent.demo"}
	watchers := map[string]string{}
	for _, name := range []string{"iro.demo", "chair.demo", "sw.demo", "parent.demo", "manager.demo"} {
		watchers[name] = s.Login(name)
	}
	q := `query($id: ID!, $share: ShareWith!) { child(id: $id) { whoWillSee(shareWith: $share) {
		shareWith shareLabel message ifUrgent readers { name role description readsWords } toldIfUrgent { role readsWords } } } }`
	n := 0
	for _, c := range []struct{ login, name string }{{"child.demo", "Jamie"}, {"child2.demo", "Ava"}} {
		tok, child := s.Login(c.login), childNamed(t, s, c.name)
		for _, share := range domain.ShareWith("").Values() {
			r := s.Query(tok, q, map[string]any{"id": child.ID, "share": share})
			w, ok := apitest.Path(r.Data, "child", "whoWillSee").(map[string]any)
			if !ok || w["shareLabel"] != domain.ShareWith(share).Label() || w["message"] == "" || w["ifUrgent"] == "" {
				t.Fatalf("%s, %s: %s", c.name, share, r.Raw)
			}
			for _, urgent := range []bool{false, true} {
				want := map[string]string{}
				for _, rd := range w["readers"].([]any) {
					want[accountOf[apitest.Path(rd, "role").(string)]] = "words"
				}
				if urgent {
					for _, rd := range w["toldIfUrgent"].([]any) {
						if a := accountOf[apitest.Path(rd, "role").(string)]; want[a] == "" && apitest.Path(rd, "readsWords") == false {
							want[a] = "that they need to talk"
						}
					}
				}
				n++
				p := sendViews(t, s, tok, child.ID, "who-"+string(rune('a'+n)), urgent, share, nil)
				id := apitest.Path(p, "submission", "id")
				for name, wt := range watchers {
					r := s.Query(wt, `query($id: ID!) { node(id: $id) { ... on WishesAndFeelings { answers { value } } } }`, map[string]any{"id": id})
					got := ""
					if node, ok := r.Data["node"].(map[string]any); ok {
						got = "that they need to talk"
						if node["answers"] != nil {
							got = "words"
						}
					}
					if got != want[name] {
						t.Errorf("%s shares %s (urgent %v): %s sees %q, whoWillSee said %q:\n%v", c.name, share, urgent, name, got, want[name], w)
					}
				}
			}
		}
	}
	// Only the child may ask.
	jamie := childNamed(t, s, "Jamie")
	if r := s.Query(watchers["iro.demo"], q, map[string]any{"id": jamie.ID, "share": "CHAIR_ONLY"}); apitest.Path(r.Data, "child", "whoWillSee") != nil || len(r.Errors) > 0 {
		t.Errorf("the IRO asks who will see Jamie's views: %s", r.Raw)
	}
}
