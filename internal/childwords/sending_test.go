package childwords

import (
	"strings"
	"testing"
	"time"

	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/timescales"
	"kite/internal/workhours"
)

func london(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, civil.London)
	if err != nil {
		panic(err)
	}
	return t
}

func weekdays(ds ...time.Weekday) workhours.Week {
	var w workhours.Week
	for _, d := range ds {
		w = append(w, workhours.Day{Weekday: d, Start: 9 * 60, End: 17 * 60})
	}
	return w
}

const outOfHours = "01632 960199"

var (
	monToThu = weekdays(time.Monday, time.Tuesday, time.Wednesday, time.Thursday)
	priya    = Person{Name: "Priya Shah", Role: domain.RoleIRO, Hours: monToThu}
	daniel   = Person{Name: "Daniel Okafor", Role: domain.RoleCPChair, Hours: workhours.Office()}
	sam      = Person{Name: "Sam Patel", Role: domain.RoleSocialWorker, Hours: workhours.Office()}
	// samUnknown has not put their hours on Kite.
	samUnknown = Person{Name: "Sam Patel", Role: domain.RoleSocialWorker}
	duty       = DutyTeam(workhours.Office())
)

// In June 2026: Friday 5, Monday 8, Tuesday 9; Monday 25 May is the Spring
// bank holiday.
func TestAfterSending(t *testing.T) {
	tests := []struct {
		name    string
		now     string
		urgent  bool
		share   domain.ShareWith
		circle  Circle
		told    []Person
		meeting *Meeting
		// atWork is whether someone told is at work now.
		atWork bool
		// help and next must each appear in the help message and in what
		// happens next; notHelp and notNext must not.
		help, notHelp, next, notNext []string
	}{
		{
			name: "Friday evening, to an IRO who works Monday to Thursday", now: "2026-06-05 19:00", urgent: true,
			share: domain.ChairAndSocialWorker, circle: Circle{Chairs: []Person{priya}, SocialWorker: &sam, Status: domain.InCare},
			told: []Person{priya, sam},
			help: []string{"We have told Priya (your IRO) and Sam (your social worker) that you want to talk to someone.",
				"Nobody we told is at work right now.", "Priya is next at work on Monday at 9am.",
				"Sam is next at work on Monday at 9am.", "call our out-of-hours team on " + outOfHours,
				"Childline any time on 0800 1111", "call 999"},
			notHelp: []string{"today"},
			next:    []string{"Priya, your IRO, can read it.", "Sam, your social worker, can read it too."},
		},
		{
			name: "a bank holiday Monday", now: "2026-05-25 11:00", urgent: true,
			share: domain.ChairOnly, circle: Circle{Chairs: []Person{priya}, SocialWorker: &sam, Status: domain.InCare},
			told: []Person{priya, sam},
			help: []string{"Nobody we told is at work right now.", "Priya is next at work tomorrow at 9am.",
				"Sam is next at work tomorrow at 9am.", outOfHours},
			notHelp: []string{"today"},
			next:    []string{"Sam, your social worker, can see that you want to talk to someone, but cannot read what you wrote."},
		},
		{
			name: "during working hours", now: "2026-06-09 10:30", urgent: true, atWork: true,
			share: domain.ChairAndSocialWorker, circle: Circle{Chairs: []Person{priya}, SocialWorker: &sam, Status: domain.InCare},
			told:    []Person{priya, sam},
			help:    []string{"Priya is at work now, until 5pm today.", "Sam is at work now, until 5pm today.", "call 999"},
			notHelp: []string{"Nobody we told", outOfHours},
		},
		{
			name: "early morning, before anyone starts", now: "2026-06-09 07:45", urgent: true,
			share: domain.ChairAndSocialWorker, circle: Circle{Chairs: []Person{priya}, SocialWorker: &sam, Status: domain.InCare},
			told: []Person{priya, sam},
			help: []string{"Nobody we told is at work right now.", "Priya is next at work today at 9am.", outOfHours},
		},
		{
			name: "a Friday, when only the social worker works", now: "2026-06-05 11:00", urgent: true, atWork: true,
			share: domain.ChairAndSocialWorker, circle: Circle{Chairs: []Person{priya}, SocialWorker: &sam, Status: domain.InCare},
			told:    []Person{priya, sam},
			help:    []string{"Priya is next at work on Monday at 9am.", "Sam is at work now, until 5pm today."},
			notHelp: []string{"Nobody we told", outOfHours},
		},
		{
			name: "nobody allocated: the duty team, out of hours", now: "2026-06-05 19:00", urgent: true,
			share: domain.ChairOnly, circle: Circle{Status: domain.InCare}, told: []Person{duty},
			help: []string{"We have told the duty team that you want to talk to someone.",
				"The duty team is next at work on Monday at 9am.", outOfHours},
			notHelp: []string{"today", "IRO"},
			next:    []string{"You do not have an IRO at the moment, so no chair can read it yet."},
		},
		{
			name: "nobody allocated: the duty team, in office hours", now: "2026-06-09 10:30", urgent: true, atWork: true,
			share: domain.ChairOnly, circle: Circle{Status: domain.CPPlan}, told: []Person{duty},
			help:    []string{"The duty team is at work now, until 5pm today."},
			notHelp: []string{outOfHours},
			next:    []string{"You do not have a conference chair at the moment"},
		},
		{
			name: "nobody could be told", now: "2026-06-05 19:00", urgent: true,
			share: domain.ChairOnly, circle: Circle{Status: domain.InCare},
			help:    []string{"there was nobody we could tell about it straight away", "Please call our out-of-hours team on " + outOfHours},
			notHelp: []string{"today", "We have told"},
		},
		{
			name: "a child on a child protection plan: a conference chair, not an IRO", now: "2026-06-05 19:00", urgent: true,
			share:  domain.EveryoneAtMeeting,
			circle: Circle{Chairs: []Person{daniel}, SocialWorker: &sam, Parents: 1, Status: domain.CPPlan},
			told:   []Person{daniel, sam},
			help: []string{"We have told Daniel (your conference chair) and Sam (your social worker)",
				"Daniel is next at work on Monday at 9am.", outOfHours},
			notHelp: []string{"IRO", "today"},
			next: []string{"Daniel, your conference chair, can read it.", "Your parents or carers who use Kite can read it too, unless Daniel decides",
				"It can be shared with everyone at your meeting."},
			notNext: []string{"IRO"},
		},
		{
			name: "a social worker whose hours are not known, in office hours", now: "2026-06-05 11:00", urgent: true, atWork: true,
			share: domain.ChairOnly, circle: Circle{Chairs: []Person{priya}, SocialWorker: &samUnknown, Status: domain.InCare},
			told:    []Person{priya, samUnknown},
			help:    []string{"Priya is next at work on Monday at 9am.", "Our office is open now, until 5pm today."},
			notHelp: []string{"Sam is", outOfHours},
		},
		{
			name: "a social worker whose hours are not known, at the weekend", now: "2026-06-06 10:00", urgent: true,
			share: domain.ChairOnly, circle: Circle{Chairs: []Person{priya}, SocialWorker: &samUnknown, Status: domain.InCare},
			told: []Person{priya, samUnknown},
			help: []string{"Our office is closed now. It opens again on Monday at 9am.", outOfHours},
		},
		{
			name: "not urgent, for a meeting", now: "2026-06-05 19:00",
			share: domain.ChairOnly, circle: Circle{Chairs: []Person{priya}, SocialWorker: &sam, Status: domain.InCare},
			meeting: &Meeting{Kind: domain.CICReview, At: ptr(london("2026-06-16 14:00"))},
			next: []string{"Priya, your IRO, can read it before your review meeting on Tuesday 16 June.",
				"Sam, your social worker, cannot read it.", "You will see here when it has been read."},
			help: []string{"Childline any time on 0800 1111"},
		},
		{
			name: "not urgent, during hours, both chairs", now: "2026-06-09 10:30",
			share: domain.ChairAndSocialWorker, circle: Circle{Chairs: []Person{daniel, priya}, SocialWorker: &sam, Status: domain.Both},
			next: []string{"Daniel (your conference chair) and Priya (your IRO) can read it."},
		},
	}
	urgentWords := []string{"today", "999", "danger", "out-of-hours", "told", "straight away", "at work", "urgent"}
	for _, tt := range tests {
		now := london(tt.now)
		a := AfterSending(Sending{Now: now, Calendar: timescales.EnglandAndWales(), Office: workhours.Office(),
			Urgent: tt.urgent, Reach: reach(tt.share, tt.urgent), Circle: tt.circle, Meeting: tt.meeting, Told: tt.told,
			OutOfHoursPhone: outOfHours, ServicePhone: "01632 960100"})
		h := a.Help
		for _, w := range tt.help {
			if !strings.Contains(h.Message, w) {
				t.Errorf("%s: help does not say %q:\n%s", tt.name, w, h.Message)
			}
		}
		for _, w := range tt.notHelp {
			if strings.Contains(h.Message, w) {
				t.Errorf("%s: help says %q:\n%s", tt.name, w, h.Message)
			}
		}
		for _, w := range tt.next {
			if !strings.Contains(a.WhatHappensNext, w) {
				t.Errorf("%s: what happens next does not say %q:\n%s", tt.name, w, a.WhatHappensNext)
			}
		}
		for _, w := range tt.notNext {
			if strings.Contains(a.WhatHappensNext, w) {
				t.Errorf("%s: what happens next says %q:\n%s", tt.name, w, a.WhatHappensNext)
			}
		}
		if h.Urgent != tt.urgent || h.SomeoneAtWork != tt.atWork || len(h.Told) != len(tt.told) {
			t.Errorf("%s: urgent %v, someone at work %v, %d told; want %v, %v, %d", tt.name, h.Urgent, h.SomeoneAtWork,
				len(h.Told), tt.urgent, tt.atWork, len(tt.told))
		}
		if !tt.urgent {
			for _, w := range urgentWords {
				if strings.Contains(strings.ToLower(h.Message+" "+a.WhatHappensNext), w) {
					t.Errorf("%s: a message that is not urgent says %q:\n%s\n%s", tt.name, w, h.Message, a.WhatHappensNext)
				}
			}
			continue
		}
		// Never "today" unless someone told works today, later than now.
		if strings.Contains(h.Message, "today") && !worksLaterToday(h.Told, now) {
			t.Errorf("%s: says today, but nobody told works later today:\n%s", tt.name, h.Message)
		}
		// Nobody at work now: the out-of-hours number, and Childline.
		if !h.SomeoneAtWork && (!strings.Contains(h.Message, outOfHours) || !strings.Contains(h.Message, ChildLine)) {
			t.Errorf("%s: nobody at work, but no number to call:\n%s", tt.name, h.Message)
		}
	}
}

// worksLaterToday: someone told is at work, or starts or ends work, later
// today than now.
func worksLaterToday(told []Told, now time.Time) bool {
	today := civil.InLondon(now)
	for _, t := range told {
		if t.HasShift && t.Shift.End.After(now) && (civil.InLondon(t.Shift.Start) == today || t.AtWorkNow) {
			return true
		}
	}
	return false
}

// reach is what internal/access.SubmissionReaders answers, written out
// again here for the test.
func reach(share domain.ShareWith, urgent bool) Reach {
	r := Reach{Family: share == domain.EveryoneAtMeeting}
	switch {
	case share != domain.ChairOnly:
		r.SocialWorker = Words
	case urgent:
		r.SocialWorker = FlagOnly
	}
	return r
}

func ptr[T any](v T) *T { return &v }

func TestTimeWords(t *testing.T) {
	now := london("2026-06-05 19:00") // a Friday
	tests := map[string]string{
		when(london("2026-06-05 21:30"), now):  "today at 9.30pm",
		when(london("2026-06-06 12:00"), now):  "tomorrow at midday",
		when(london("2026-06-08 09:00"), now):  "on Monday at 9am",
		when(london("2026-06-16 08:30"), now):  "on Tuesday 16 June at 8.30am",
		when(london("2027-01-05 14:00"), now):  "on Tuesday 5 January 2027 at 2pm",
		until(london("2026-06-06 00:00"), now): "until midnight",
		until(london("2026-06-05 20:00"), now): "until 8pm today",
	}
	for got, want := range tests {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestWouldSee(t *testing.T) {
	circle := Circle{Chairs: []Person{priya}, SocialWorker: &sam, Parents: 2, Status: domain.InCare}
	tests := []struct {
		share domain.ShareWith
		// readers are who read the words; urgentWords whether each person
		// told of an urgent message (Priya, Sam) reads them.
		readers     []string
		urgentWords []bool
		says        []string
	}{
		{domain.ChairOnly, []string{"Priya, your IRO"}, []bool{true, false},
			[]string{"Sam, your social worker, cannot read it.", "will know that you want to talk to someone, but will not see what you wrote"}},
		{domain.ChairAndSocialWorker, []string{"Priya, your IRO", "Sam, your social worker"}, []bool{true, true},
			[]string{"Sam, your social worker, can read it too."}},
		{domain.EveryoneAtMeeting, []string{"Priya, your IRO", "Sam, your social worker", "your parents or carers who use Kite"}, []bool{true, true},
			[]string{"Your parents or carers who use Kite can read it too", "It can be shared with everyone at your meeting."}},
	}
	for _, tt := range tests {
		w := WouldSee(circle, Choice{Normal: reach(tt.share, false), Urgent: reach(tt.share, true)}, []Person{priya, sam}, outOfHours)
		var got []string
		for _, r := range w.Readers {
			got = append(got, r.Called())
			if !r.Words {
				t.Errorf("%s: %s is a reader without the words", tt.share, r.Called())
			}
		}
		if strings.Join(got, "; ") != strings.Join(tt.readers, "; ") {
			t.Errorf("%s: readers %q, want %q", tt.share, got, tt.readers)
		}
		for i, r := range w.Urgent {
			if r.Words != tt.urgentWords[i] {
				t.Errorf("%s: %s told of an urgent message reads the words = %v", tt.share, r.Called(), r.Words)
			}
		}
		all := w.Message + " " + w.IfUrgent
		for _, s := range append(tt.says, "A manager can read it only if they need to",
			"we tell Priya (your IRO) and Sam (your social worker) straight away") {
			if !strings.Contains(all, s) {
				t.Errorf("%s: does not say %q:\n%s", tt.share, s, all)
			}
		}
	}
	// Nobody to tell: say so, and who to call.
	w := WouldSee(Circle{Status: domain.InCare}, Choice{Normal: reach(domain.ChairOnly, false), Urgent: reach(domain.ChairOnly, true)}, nil, outOfHours)
	if len(w.Readers) != 0 || !strings.Contains(w.IfUrgent, "nobody we can tell") || !strings.Contains(w.IfUrgent, outOfHours) {
		t.Errorf("nobody allocated: %+v", w)
	}
}

func TestPlanParts(t *testing.T) {
	formal, child, family := "Formal words.", "Words for you.", "Words for the family."
	full := Wording{Formal: &formal, ForChild: &child, ForFamily: &family}
	masked := Wording{ForChild: &child} // a child under 12: no formal or family words
	none := Wording{}                   // under 12, nothing written for them
	tests := []struct {
		name   string
		reader PlanReader
		w      Wording
		kind   domain.PlanKind
		talker *Person
		want   string
		talk   bool
	}{
		{"staff", StaffReader, full, domain.CarePlan, &priya, formal, false},
		{"a child with words of their own", ChildReader, full, domain.CarePlan, &priya, child, false},
		{"an older child without", ChildReader, Wording{Formal: &formal}, domain.CarePlan, &priya, formal, false},
		{"a young child with words of their own", ChildReader, masked, domain.CarePlan, &priya, child, false},
		{"a young child without, in care", ChildReader, none, domain.CarePlan, &priya, "Priya, your IRO, will talk this through with you.", true},
		{"a young child without, on a CP plan", ChildReader, none, domain.ChildProtectionPlan, &daniel,
			"Daniel, your conference chair, will talk this through with you.", true},
		{"a young child with nobody", ChildReader, none, domain.ChildProtectionPlan, nil,
			"You do not have a conference chair or a social worker at the moment.", true},
		{"a parent", FamilyReader, full, domain.ChildProtectionPlan, nil, family, false},
		{"a parent, no family words", FamilyReader, Wording{Formal: &formal, ForChild: &child}, domain.ChildProtectionPlan, nil, formal, false},
	}
	for _, tt := range tests {
		parts := PlanParts(tt.reader, [3]Wording{tt.w, tt.w, tt.w}, tt.kind, tt.talker)
		if len(parts) != 3 || parts[0].Heading != "What we are worried about" || parts[2].Heading != "What needs to change" {
			t.Fatalf("%s: parts %+v", tt.name, parts)
		}
		for _, p := range parts {
			if !strings.HasPrefix(p.Text, tt.want) || p.TalkThrough != tt.talk {
				t.Errorf("%s: %+v, want %q (talk through %v)", tt.name, p, tt.want, tt.talk)
			}
		}
	}
}
