package demo

import (
	"kite/internal/civil"
	"kite/internal/timescales"
)

// The demo's dates all follow from today through the statutory timescales,
// so that whatever day the demo is created, every meeting was held on time,
// every upcoming meeting is booked before its due date, and nothing the demo
// did not mean to be late is overdue.

// lead is how many working days before its due date each demo meeting is
// held or booked.
const lead = 3

// dated is one meeting's day (held, or booked for) and the day it was due.
type dated struct {
	on  civil.Date
	due civil.Date
}

// series is the meetings of one statutory clock: those held before today,
// oldest first, and the next one, booked for today or later.
type series struct {
	held []dated
	next dated
}

// walk follows a clock from its first due date up to today. after gives the
// next due date from the day the n-th meeting was held (n counts from 1).
func walk(cal *timescales.Calendar, today, firstDue civil.Date, after func(n int, held civil.Date) civil.Date) series {
	var s series
	due := firstDue
	for {
		on := cal.AddWorkingDays(due, -lead)
		if !on.Before(today) {
			s.next = dated{on: on, due: due}
			return s
		}
		s.held = append(s.held, dated{on: on, due: due})
		due = after(len(s.held), on)
	}
}

// careDates are the dates of a child's time in care.
type careDates struct {
	lookedAfter civil.Date
	reviews     series
}

// careEpisode is the reviews of a child who became looked after on
// lookedAfter: the first within 20 working days, the second 3 months after
// it, then every 6 months.
func careEpisode(cal *timescales.Calendar, today, lookedAfter civil.Date) careDates {
	first := timescales.FirstCICReviewDue(cal, lookedAfter)
	reviews := walk(cal, today, first, func(n int, held civil.Date) civil.Date {
		if n == 1 {
			return timescales.SecondCICReviewDue(held)
		}
		return timescales.LaterCICReviewDue(held)
	})
	return careDates{lookedAfter: lookedAfter, reviews: reviews}
}

// cpDates are the dates of a child protection episode.
type cpDates struct {
	strategy   civil.Date // the strategy discussion that started the enquiries
	initial    dated      // the initial conference, always held before today
	reviews    series     // review conferences
	coreGroups series
}

// cpEpisode is the conferences and core groups after a strategy discussion.
// The caller picks a strategy discussion early enough for the initial
// conference to have been held.
func cpEpisode(cal *timescales.Calendar, today, strategy civil.Date) cpDates {
	due := timescales.InitialConferenceDue(cal, strategy)
	initial := dated{on: cal.AddWorkingDays(due, -lead), due: due}
	every := timescales.Weeks(timescales.DefaultCoreGroupWeeks) // the authorities' default setting
	return cpDates{
		strategy: strategy,
		initial:  initial,
		reviews: walk(cal, today, timescales.FirstReviewConferenceDue(initial.on),
			func(_ int, held civil.Date) civil.Date { return timescales.LaterReviewConferenceDue(held) }),
		coreGroups: walk(cal, today, timescales.FirstCoreGroupDue(cal, initial.on),
			func(_ int, held civil.Date) civil.Date { return timescales.NextCoreGroupDue(held, every) }),
	}
}

// dates are every demo child's dates.
type dates struct {
	jamie  careDates // child.demo
	ava    cpDates   // child2.demo
	leo    careDates // in care, no account
	miaCIC careDates // in care and on a CP plan
	miaCP  cpDates
	baby   cpDates   // unborn, on a CP plan
	noah   careDates // child.other, Other Shire
}

// timeline works out the demo's dates for today. The starting points are
// chosen so that each child has the history docs/api.md describes: Jamie
// three held reviews and one a few weeks ahead, Ava an initial conference
// about two months ago and her first review conference to come, and so on.
func timeline(cal *timescales.Calendar, today civil.Date) dates {
	return dates{
		jamie:  careEpisode(cal, today, today.AddMonths(-14)),
		ava:    cpEpisode(cal, today, today.AddMonths(-2).AddDays(-21)),
		leo:    careEpisode(cal, today, today.AddMonths(-7)),
		miaCIC: careEpisode(cal, today, today.AddMonths(-3)),
		miaCP:  cpEpisode(cal, today, today.AddMonths(-5)),
		baby:   cpEpisode(cal, today, today.AddMonths(-1).AddDays(-7)),
		noah:   careEpisode(cal, today, today.AddMonths(-2)),
	}
}
