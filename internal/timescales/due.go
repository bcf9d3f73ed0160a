package timescales

import "kite/internal/civil"

// Defaults of the per-authority settings (docs/domain.md). An authority's own
// value replaces each one.
const (
	// DefaultCoreGroupWeeks is how many weeks apart core groups meet after
	// the first.
	DefaultCoreGroupWeeks = 4
	// DefaultOutlinePlanWorkingDays is how soon the outline plan or decision
	// letter goes to the family after a meeting.
	DefaultOutlinePlanWorkingDays = 1
	// DefaultFullRecordWorkingDays is how soon the full record goes out.
	DefaultFullRecordWorkingDays = 15
	// DefaultAlertResponseWorkingDays is how soon a chair's alert must be
	// answered.
	DefaultAlertResponseWorkingDays = 10
)

// Statutory working-day clocks of docs/domain.md.
const (
	firstCICReviewWorkingDays    = 20
	initialConferenceWorkingDays = 15
	firstCoreGroupWorkingDays    = 10
)

// FirstCICReviewDue is the first child-in-care review: within 20 working days
// of the day the child became looked after.
func FirstCICReviewDue(cal *Calendar, becameLookedAfter civil.Date) civil.Date {
	return cal.AddWorkingDays(becameLookedAfter, firstCICReviewWorkingDays)
}

// SecondCICReviewDue is the second child-in-care review: within 3 months of
// the day the first was held.
func SecondCICReviewDue(firstHeld civil.Date) civil.Date { return firstHeld.AddMonths(3) }

// LaterCICReviewDue is every later child-in-care review: within 6 months of
// the day the previous one was held.
func LaterCICReviewDue(previousHeld civil.Date) civil.Date { return previousHeld.AddMonths(6) }

// LightTouchReviewDue is, under the lighter-touch arrangement, the
// light-touch review at the 6-month point after the last full review.
func LightTouchReviewDue(lastFullHeld civil.Date) civil.Date { return lastFullHeld.AddMonths(6) }

// LighterTouchFullReviewDue is, under the lighter-touch arrangement, the next
// full review: once a year after the last full review, whenever the
// light-touch review in between was held.
func LighterTouchFullReviewDue(lastFullHeld civil.Date) civil.Date {
	return lastFullHeld.AddMonths(12)
}

// InitialConferenceDue is the initial child protection conference: within 15
// working days of the strategy discussion that started the enquiries.
func InitialConferenceDue(cal *Calendar, strategyDiscussion civil.Date) civil.Date {
	return cal.AddWorkingDays(strategyDiscussion, initialConferenceWorkingDays)
}

// FirstReviewConferenceDue is the first review child protection conference:
// within 3 months of the day the initial conference was held.
func FirstReviewConferenceDue(initialHeld civil.Date) civil.Date { return initialHeld.AddMonths(3) }

// LaterReviewConferenceDue is every later review conference: within 6 months
// of the day the previous one was held.
func LaterReviewConferenceDue(previousHeld civil.Date) civil.Date {
	return previousHeld.AddMonths(6)
}

// FirstCoreGroupDue is the first core group: within 10 working days of the
// day the initial conference was held.
func FirstCoreGroupDue(cal *Calendar, initialHeld civil.Date) civil.Date {
	return cal.AddWorkingDays(initialHeld, firstCoreGroupWorkingDays)
}

// NextCoreGroupDue is every later core group: one interval after the day the
// previous core group was held.
func NextCoreGroupDue(previousHeld civil.Date, every Interval) civil.Date {
	return every.After(previousHeld)
}

// BroughtForward applies a chair's decision to bring a review forward: the
// chair's date replaces the statutory due date. A date later than the
// statutory one is not bringing forward, and letting it stand would hide a
// late review, so the statutory date is kept then; a zero date changes
// nothing.
func BroughtForward(statutory, chairsDate civil.Date) civil.Date {
	if chairsDate.IsZero() || !chairsDate.Before(statutory) {
		return statutory
	}
	return chairsDate
}

// DueAfterWorkingDays is a deadline n working days after from (day 0): the
// plan or record sent out after a meeting, or the answer to an alert. Pass the
// authority's setting or one of the Default…WorkingDays constants.
func DueAfterWorkingDays(cal *Calendar, from civil.Date, n int) civil.Date {
	return cal.AddWorkingDays(from, n)
}

// OnTime reports whether something done on held met its due date: on or
// before it. Not done (zero held) is not on time.
func OnTime(held, due civil.Date) bool {
	return !held.IsZero() && !held.After(due)
}

// Overdue reports whether something due on due and not yet done is late on
// today: only once the due day has passed. Nothing is overdue without a due
// date, or once done.
func Overdue(due, today civil.Date, done bool) bool {
	return !done && !due.IsZero() && today.After(due)
}

// Interval is how often core groups meet after the first, a per-authority
// setting: every N weeks, or monthly by the calendar-month rule. The zero
// Interval means DefaultCoreGroupWeeks weeks.
type Interval struct {
	// Weeks between core groups; zero or less means DefaultCoreGroupWeeks.
	// Ignored when Monthly is set.
	Weeks int
	// Monthly means the same day of the next month (or its last day when
	// shorter), as docs/domain.md defines "1 month after".
	Monthly bool
}

// Weeks is an interval of n weeks.
func Weeks(n int) Interval { return Interval{Weeks: n} }

// Monthly is the calendar-month interval.
func Monthly() Interval { return Interval{Monthly: true} }

// After is the day one interval after d.
func (i Interval) After(d civil.Date) civil.Date {
	if i.Monthly {
		return d.AddMonths(1)
	}
	weeks := i.Weeks
	if weeks <= 0 {
		weeks = DefaultCoreGroupWeeks
	}
	return d.AddDays(7 * weeks)
}
