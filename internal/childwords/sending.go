package childwords

import (
	"time"

	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/timescales"
	"kite/internal/workhours"
)

// ChildLine is Childline's free number, for any child, any time.
const ChildLine = "0800 1111"

// Sight is how much of what a child sent someone sees. internal/access
// decides; callers pass its answer.
type Sight int

// What someone sees.
const (
	// Nothing: not that it was sent.
	Nothing Sight = iota
	// FlagOnly: that the child wants to talk to someone, not what they wrote.
	FlagOnly
	// Words: all of it.
	Words
)

// Reach is what a child's choice lets the people around them see, besides
// their chairs, who read everything the child sends.
type Reach struct {
	SocialWorker Sight
	Family       bool
}

// Circle is the people around a child who can read what they send, as the
// caller read them.
type Circle struct {
	// Chairs are the child's current IRO and conference chair.
	Chairs []Person
	// SocialWorker is nil when none is allocated.
	SocialWorker *Person
	// Parents is how many parents or carers could read what the child shares
	// with their family.
	Parents int
	// Status names the chair a child without one would have.
	Status domain.ChildStatus
}

// Meeting is the meeting a child sent their views for.
type Meeting struct {
	Kind domain.MeetingKind
	// At is when it starts; nil when no time is set.
	At *time.Time
}

// Sending is what is true of one submission just sent.
type Sending struct {
	Now      time.Time
	Calendar *timescales.Calendar
	// Office is the authority's office hours.
	Office workhours.Week
	Urgent bool
	Reach  Reach
	Circle Circle
	// Meeting is the meeting chosen, if any.
	Meeting *Meeting
	// Told are the people the urgent notification told.
	Told                          []Person
	OutOfHoursPhone, ServicePhone string
}

// Told is someone told of an urgent message, and when they are at work.
type Told struct {
	Person
	// OwnHours is false when their hours are not known and the office's
	// are assumed.
	OwnHours bool
	// Shift is the one under way, or the next; HasShift is false when no
	// hours are known at all.
	Shift     workhours.Shift
	HasShift  bool
	AtWorkNow bool
}

// Help is who to talk to now.
type Help struct {
	Urgent bool
	// Told are the people told of an urgent message (none when not urgent).
	Told []Told
	// SomeoneAtWork is whether someone who was told is at work now.
	SomeoneAtWork bool
	Message       string
}

// Answer is what the child is told after sending.
type Answer struct {
	WhatHappensNext string
	Help            Help
}

// AfterSending is what to tell a child who has just sent their views.
func AfterSending(s Sending) Answer {
	next := sentences("Thank you for telling us.", chairsLine(s.Circle, s.Meeting, s.Now),
		socialWorkerLine(s.Circle, s.Reach), familyLines(s.Circle, s.Reach),
		"You will see here when it has been read.")
	return Answer{WhatHappensNext: next, Help: helpNow(s)}
}

// chairsLine says who of the child's chairs can read it, or that they have
// none yet.
func chairsLine(c Circle, m *Meeting, now time.Time) string {
	if len(c.Chairs) == 0 {
		return sentences("You do not have "+chairNeeded(c.Status)+" at the moment, so no chair can read it yet.",
			"When you get one, they will be able to read it.", meetingLine(m, now))
	}
	if m == nil {
		return asSubject(c.Chairs) + " can read it."
	}
	return asSubject(c.Chairs) + " can read it before your " + meetingWords(m, now) + "."
}

func meetingLine(m *Meeting, now time.Time) string {
	if m == nil {
		return ""
	}
	return "It is for your " + meetingWords(m, now) + "."
}

// meetingWords is "review meeting on Tuesday 3 June".
func meetingWords(m *Meeting, now time.Time) string {
	w := lower(m.Kind.Label())
	if m.At != nil {
		w += " " + dayWords(civil.InLondon(*m.At), now)
	}
	return w
}

// chairNeeded is the chair a child without one would have.
func chairNeeded(s domain.ChildStatus) string {
	switch s {
	case domain.InCare:
		return "an IRO"
	case domain.CPPlan:
		return "a conference chair"
	}
	return "an IRO or a conference chair"
}

// socialWorkerLine says what the child's social worker sees.
func socialWorkerLine(c Circle, r Reach) string {
	if c.SocialWorker == nil {
		return ""
	}
	sw := asSubject([]Person{*c.SocialWorker})
	switch r.SocialWorker {
	case Words:
		return sw + " can read it too."
	case FlagOnly:
		return sw + " can see that you want to talk to someone, but cannot read what you wrote."
	}
	return sw + " cannot read it."
}

// familyLines say who in the family reads it, when the child shared it
// with everyone at the meeting.
func familyLines(c Circle, r Reach) string {
	if !r.Family {
		return ""
	}
	parents := ""
	if c.Parents > 0 {
		parents = capital(roleWords[domain.RoleParent]) + " can read it too, unless " + decider(c) +
			" decides it is better for you that they do not."
	}
	return sentences(parents, "It can be shared with everyone at your meeting.")
}

// decider is the chair who may keep it from the family.
func decider(c Circle) string {
	if len(c.Chairs) == 0 {
		return "your chair"
	}
	if n := c.Chairs[0].FirstName(); n != "" {
		return n
	}
	return roleWords[c.Chairs[0].Role]
}

// helpNow is who to talk to now: for an urgent message, who was told and
// when they are at work, and who to call when nobody is; otherwise no
// urgent words at all.
func helpNow(s Sending) Help {
	childLine := "You can talk to Childline any time on " + ChildLine + ". It is free."
	if !s.Urgent {
		return Help{Message: "If you ever want to talk to someone about how you feel, you can call Childline any time on " +
			ChildLine + ". It is free."}
	}
	told := make([]Told, len(s.Told))
	for i, p := range s.Told {
		told[i] = atWork(p, s)
	}
	office, officeKnown := s.Office.Next(s.Now, s.Calendar)
	officeOpen := officeKnown && office.Covers(s.Now)
	h := Help{Urgent: true, Told: told}
	var lines []string
	if len(told) == 0 {
		lines = append(lines, "We have kept what you sent, but there was nobody we could tell about it straight away.",
			callNow(s, officeOpen))
	} else {
		lines = append(lines, "We have told "+list(s.Told)+" that you want to talk to someone.")
		var known []string
		guessed := false
		for _, t := range told {
			if !t.OwnHours {
				guessed = true
				h.SomeoneAtWork = h.SomeoneAtWork || officeOpen
				continue
			}
			h.SomeoneAtWork = h.SomeoneAtWork || t.AtWorkNow
			known = append(known, workLine(t, s.Now))
		}
		if !h.SomeoneAtWork {
			lines = append(lines, "Nobody we told is at work right now.")
		}
		lines = append(lines, known...)
		if guessed {
			lines = append(lines, officeLine(office, officeKnown, officeOpen, s.Now))
		}
		if !h.SomeoneAtWork && s.OutOfHoursPhone != "" {
			lines = append(lines, "If you need help before then, call our out-of-hours team on "+s.OutOfHoursPhone+".")
		}
	}
	lines = append(lines, childLine, "If you are in danger right now, call 999.")
	h.Message = sentences(lines...)
	return h
}

// atWork works out when someone told is at work: by their own hours, or
// the office's when theirs are not known.
func atWork(p Person, s Sending) Told {
	t := Told{Person: p, OwnHours: len(p.Hours) > 0}
	hours := p.Hours
	if !t.OwnHours {
		hours = s.Office
	}
	t.Shift, t.HasShift = hours.Next(s.Now, s.Calendar)
	t.AtWorkNow = t.HasShift && t.Shift.Covers(s.Now)
	return t
}

// workLine says when someone told is at work.
func workLine(t Told, now time.Time) string {
	who := t.FirstName()
	if who == "" {
		who = capital(t.Called())
	}
	switch {
	case t.AtWorkNow:
		return who + " is at work now, " + until(t.Shift.End, now) + "."
	case t.HasShift:
		return who + " is next at work " + when(t.Shift.Start, now) + "."
	}
	return ""
}

// officeLine says whether the office is open.
func officeLine(office workhours.Shift, known, open bool, now time.Time) string {
	switch {
	case open:
		return "Our office is open now, " + until(office.End, now) + "."
	case known:
		return "Our office is closed now. It opens again " + when(office.Start, now) + "."
	}
	return ""
}

// callNow is who to call when nobody could be told.
func callNow(s Sending, officeOpen bool) string {
	switch {
	case officeOpen && s.ServicePhone != "":
		return "Please call our office on " + s.ServicePhone + " and say you need to talk to someone."
	case s.OutOfHoursPhone != "":
		return "Please call our out-of-hours team on " + s.OutOfHoursPhone + "."
	}
	return ""
}
