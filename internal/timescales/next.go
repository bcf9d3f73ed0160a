package timescales

import (
	"cmp"
	"slices"

	"kite/internal/civil"
)

// MeetingKind is the kind of review or conference; the values are those of
// docs/domain.md (and of domain.MeetingKind, so a plain conversion works).
type MeetingKind string

// Meeting kinds.
const (
	CICReview         MeetingKind = "CIC_REVIEW"
	LightTouchReview  MeetingKind = "LIGHT_TOUCH_REVIEW"
	InitialConference MeetingKind = "INITIAL_CP_CONFERENCE"
	ReviewConference  MeetingKind = "REVIEW_CP_CONFERENCE"
	CoreGroup         MeetingKind = "CORE_GROUP"
)

// MeetingStatus is where a meeting stands; the values are those of
// docs/domain.md.
type MeetingStatus string

// Meeting statuses.
const (
	Scheduled MeetingStatus = "SCHEDULED"
	Held      MeetingStatus = "HELD"
	Cancelled MeetingStatus = "CANCELLED"
	Postponed MeetingStatus = "POSTPONED"
)

// Meeting is what the timescales need to know about one meeting.
type Meeting struct {
	ID     string
	Kind   MeetingKind
	Status MeetingStatus
	// Held is the day it took place; only read when Status is Held.
	Held civil.Date
	// Scheduled is the day it is booked for.
	Scheduled civil.Date
	// BroughtForwardTo is the date a chair brought this review forward to;
	// zero if not brought forward.
	BroughtForwardTo civil.Date
}

// Case is what the timescales need to know about one child.
type Case struct {
	// BecameLookedAfter is the day the current period in care began; zero if
	// the child is not in care.
	BecameLookedAfter civil.Date
	// LighterTouch is the lighter-touch review arrangement. The caller decides
	// whether it applies (child 12 or over, settled placement, consent).
	LighterTouch bool
	// StrategyDiscussion is the day of the strategy discussion that started
	// the current child protection episode; zero if there is none. Clear it
	// when the episode ends (including an initial conference that makes no
	// plan).
	StrategyDiscussion civil.Date
	// CoreGroupInterval is the authority's core group setting; the zero value
	// means every DefaultCoreGroupWeeks weeks.
	CoreGroupInterval Interval
	// Meetings of the current episodes, in any order. Meetings held before the
	// start of a track's episode are ignored, so older ones do no harm.
	Meetings []Meeting
}

// Due is the next statutory meeting of one track.
type Due struct {
	// Kind is the kind of meeting due.
	Kind MeetingKind
	// DueBy is the date it must be held by: Statutory, or a chair's earlier
	// brought-forward date.
	DueBy civil.Date
	// Statutory is the date the statutory rule gives.
	Statutory civil.Date
	// Overdue is true once today is after DueBy (it has not been held, or it
	// would not be due).
	Overdue bool
	// MeetingID is the scheduled meeting that will satisfy this one, if any.
	MeetingID string
}

// clock is a track's next statutory meeting before scheduling is looked at:
// the kind due, its statutory date, and the day its clock started.
type clock struct {
	kind  MeetingKind
	due   civil.Date
	since civil.Date
}

// NextDue lists the next statutory meeting of each track that applies to the
// child, soonest first (ties in the order below); the first is the child's
// next statutory meeting overall. The tracks are:
//
//   - child-in-care reviews, when BecameLookedAfter is set;
//   - child protection conferences, when StrategyDiscussion is set;
//   - core groups, once the initial conference has been held.
//
// How each track moves on:
//
//   - Only HELD meetings (with a held date) move a track on; scheduled,
//     cancelled and postponed ones do not. Each clock runs from the day the
//     previous meeting was held. Until the due meeting is held, it stays the
//     track's next meeting and becomes overdue once its date has passed.
//   - A track counts only meetings held on or after its start:
//     BecameLookedAfter for reviews, StrategyDiscussion for conferences, the
//     initial conference's held day for core groups.
//   - Conferences count by position: the first held in the episode is the
//     initial conference and the rest are reviews, whatever kind they were
//     recorded as, so that a mislabelled or imported history still gives the
//     right clocks.
//   - Reviews: the first is due 20 working days after becoming looked after,
//     the second 3 months after the first was held, later ones 6 months after
//     the previous one (full or light-touch) was held.
//   - Lighter-touch (only from the third review on, since the first two are
//     always full): after a full review held on D, a LIGHT_TOUCH_REVIEW is
//     due D+6 months; after that light-touch review is held, the next full
//     CIC_REVIEW is due D+12 months, wherever in between the light-touch one
//     fell. A full review held instead of a light-touch one restarts the year.
//     If the arrangement ends, the standard 6-month rule applies from the last
//     review of either kind.
//   - The meeting that will satisfy a due one is the earliest SCHEDULED
//     meeting of the kind due (a full review also satisfies a light-touch
//     one) booked on or after the day the track's clock started. If it was
//     brought forward to a date before the statutory due date, that date
//     replaces the due date (see BroughtForward).
func NextDue(cal *Calendar, c Case, today civil.Date) []Due {
	var clocks []clock
	if !c.BecameLookedAfter.IsZero() {
		clocks = append(clocks, c.reviewClock(cal))
	}
	if !c.StrategyDiscussion.IsZero() {
		conferences := held(c.Meetings, c.StrategyDiscussion, InitialConference, ReviewConference)
		clocks = append(clocks, c.conferenceClock(cal, conferences))
		if len(conferences) > 0 {
			clocks = append(clocks, c.coreGroupClock(cal, conferences[0].Held))
		}
	}
	dues := make([]Due, 0, len(clocks))
	for _, cl := range clocks {
		dues = append(dues, c.settle(cl, today))
	}
	slices.SortStableFunc(dues, func(a, b Due) int { return cmp.Compare(a.DueBy, b.DueBy) })
	return dues
}

func (c Case) reviewClock(cal *Calendar) clock {
	reviews := held(c.Meetings, c.BecameLookedAfter, CICReview, LightTouchReview)
	switch len(reviews) {
	case 0:
		return clock{CICReview, FirstCICReviewDue(cal, c.BecameLookedAfter), c.BecameLookedAfter}
	case 1:
		return clock{CICReview, SecondCICReviewDue(reviews[0].Held), reviews[0].Held}
	}
	last := reviews[len(reviews)-1]
	if c.LighterTouch {
		if full, ok := lastOfKind(reviews, CICReview); ok {
			if last.Kind == CICReview {
				return clock{LightTouchReview, LightTouchReviewDue(full.Held), last.Held}
			}
			return clock{CICReview, LighterTouchFullReviewDue(full.Held), last.Held}
		}
	}
	return clock{CICReview, LaterCICReviewDue(last.Held), last.Held}
}

func (c Case) conferenceClock(cal *Calendar, conferences []Meeting) clock {
	switch len(conferences) {
	case 0:
		return clock{InitialConference, InitialConferenceDue(cal, c.StrategyDiscussion), c.StrategyDiscussion}
	case 1:
		return clock{ReviewConference, FirstReviewConferenceDue(conferences[0].Held), conferences[0].Held}
	}
	last := conferences[len(conferences)-1].Held
	return clock{ReviewConference, LaterReviewConferenceDue(last), last}
}

func (c Case) coreGroupClock(cal *Calendar, initialHeld civil.Date) clock {
	groups := held(c.Meetings, initialHeld, CoreGroup)
	if len(groups) == 0 {
		return clock{CoreGroup, FirstCoreGroupDue(cal, initialHeld), initialHeld}
	}
	last := groups[len(groups)-1].Held
	return clock{CoreGroup, NextCoreGroupDue(last, c.CoreGroupInterval), last}
}

// settle turns a clock into a Due: it finds the scheduled meeting that will
// satisfy it, applies that meeting's brought-forward date, and marks overdue.
func (c Case) settle(cl clock, today civil.Date) Due {
	d := Due{Kind: cl.kind, DueBy: cl.due, Statutory: cl.due}
	if m, ok := scheduledFor(c.Meetings, cl.kind, cl.since); ok {
		d.MeetingID = m.ID
		d.DueBy = BroughtForward(cl.due, m.BroughtForwardTo)
	}
	d.Overdue = Overdue(d.DueBy, today, false)
	return d
}

// held returns the meetings of the given kinds held on or after since, in the
// order they were held; two held on the same day in the order of their ids,
// so that which came last (a lighter-touch child's review kind) does not
// depend on the order the meetings were read in — the dashboard's and the
// caseload's reads give them in different orders.
func held(ms []Meeting, since civil.Date, kinds ...MeetingKind) []Meeting {
	counts := func(m Meeting) bool {
		return m.Status == Held && !m.Held.IsZero() && !m.Held.Before(since) && slices.Contains(kinds, m.Kind)
	}
	n := 0 // counted first: grown by append, the slice took twice the memory
	for _, m := range ms {
		if counts(m) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Meeting, 0, n)
	for _, m := range ms {
		if counts(m) {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b Meeting) int { return cmp.Or(cmp.Compare(a.Held, b.Held), cmp.Compare(a.ID, b.ID)) })
	return out
}

func lastOfKind(ms []Meeting, kind MeetingKind) (Meeting, bool) {
	for i := len(ms) - 1; i >= 0; i-- {
		if ms[i].Kind == kind {
			return ms[i], true
		}
	}
	return Meeting{}, false
}

// scheduledFor finds the earliest SCHEDULED meeting that satisfies a due
// meeting of kind, booked on or after since (of two booked for the same
// day, the one with the lower id, whatever order they come in). A meeting
// booked before the clock started belongs to an earlier round (or episode)
// and was left unrecorded, so it cannot be the one.
func scheduledFor(ms []Meeting, kind MeetingKind, since civil.Date) (Meeting, bool) {
	var best Meeting
	found := false
	for _, m := range ms {
		if m.Status != Scheduled || !satisfies(m.Kind, kind) || m.Scheduled.IsZero() || m.Scheduled.Before(since) {
			continue
		}
		if !found || m.Scheduled.Before(best.Scheduled) || m.Scheduled == best.Scheduled && m.ID < best.ID {
			best, found = m, true
		}
	}
	return best, found
}

// satisfies reports whether a meeting of kind have meets a due one of kind
// want: the same kind, or a full review where a light-touch one is due.
func satisfies(have, want MeetingKind) bool {
	return have == want || (want == LightTouchReview && have == CICReview)
}
