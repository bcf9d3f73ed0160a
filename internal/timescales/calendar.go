// Package timescales works out the statutory timescales of docs/domain.md: working
// days in England and Wales, the due date of every review, conference and core
// group, and the next statutory meeting for a child. It is pure: no database,
// no clock (callers pass "today", normally civil.Today()).
//
// Interpretations, where docs/domain.md leaves room:
//
//   - The day a clock starts is day 0, whatever day of the week it is. "Within
//     N working days of D" is the N-th working day after D.
//   - "Within N months/weeks of D" is D moved by the calendar rule (civil's
//     AddMonths, or 7*N days). A due date that falls on a weekend or bank
//     holiday is not moved: the meeting must be held by then, so in practice on
//     the working day before.
//   - A meeting is on time when held on or before its due date; it is overdue
//     when not held and today is after its due date (the due day itself is not
//     late).
package timescales

import (
	"cmp"
	"slices"
	"time"

	"kite/internal/civil"
)

// Holiday is a day on which nobody is expected to work, with the name people
// know it by.
type Holiday struct {
	Date civil.Date
	Name string
}

// Calendar knows which days are working days. It holds the England and Wales
// bank holidays as data for the years the table covers, computes the regular
// ones by rule for other years, and may carry an authority's own extra
// non-working days. A Calendar never changes after it is made, so one value can
// be shared by concurrent requests.
type Calendar struct {
	listed map[int][]Holiday // bank holidays from the table, by year
	extra  map[int][]Holiday // the authority's own non-working days, by year
}

// englandAndWales is built once: the table never changes while Kite runs.
var englandAndWales = newCalendar(bankHolidays)

// EnglandAndWales is the calendar of bank holidays in England and Wales: the
// published list (including substitute and one-off days) for the years the
// table covers, and the regular rules for years outside it. Rules cannot
// foresee one-off days, so a newly announced one must be added to the table.
func EnglandAndWales() *Calendar { return englandAndWales }

func newCalendar(table []Holiday) *Calendar {
	c := &Calendar{listed: map[int][]Holiday{}, extra: map[int][]Holiday{}}
	for _, h := range table {
		y := year(h.Date)
		c.listed[y] = append(c.listed[y], h)
	}
	return c
}

// With returns a new calendar that also treats the given days as non-working,
// such as an authority's office closure days. The receiver is unchanged.
func (c *Calendar) With(extra ...Holiday) *Calendar {
	n := &Calendar{listed: c.listed, extra: map[int][]Holiday{}}
	for y, hs := range c.extra {
		n.extra[y] = slices.Clone(hs)
	}
	for _, h := range extra {
		y := year(h.Date)
		n.extra[y] = append(n.extra[y], h)
	}
	return n
}

// Holidays lists the non-working days of year other than weekends, in date
// order: bank holidays (from the table, or by rule outside it) and any extra
// days added by With. An extra day that is already a bank holiday is
// listed once, under the bank holiday's name.
func (c *Calendar) Holidays(year int) []Holiday {
	return slices.Clone(c.holidays(year))
}

// holidays is Holidays without the defensive copy, for internal lookups.
func (c *Calendar) holidays(year int) []Holiday {
	base, ok := c.listed[year]
	if !ok {
		base = regularHolidays(year)
	}
	if len(c.extra[year]) == 0 {
		return base
	}
	all := slices.Clone(base)
	for _, h := range c.extra[year] {
		if !containsDate(all, h.Date) {
			all = append(all, h)
		}
	}
	sortByDate(all)
	return all
}

// IsHoliday reports whether d is a bank holiday (or one of the extra days
// added by With), whatever day of the week it is.
func (c *Calendar) IsHoliday(d civil.Date) bool { return containsDate(c.holidays(year(d)), d) }

// IsWorkingDay reports whether d is a weekday that is not a holiday.
func (c *Calendar) IsWorkingDay(d civil.Date) bool { return c.isWorkingDay(d.Time()) }

// isWorkingDay is IsWorkingDay for a day as midnight UTC (civil.Date.Time),
// so that a walk over many days does not parse each day's text (the
// annual figures walk hundreds of thousands).
func (c *Calendar) isWorkingDay(t time.Time) bool {
	switch t.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return !containsDate(c.holidays(t.Year()), civil.FromTime(t))
}

// AddWorkingDays returns the n-th working day after start, counting start as
// day 0 whether or not it is itself a working day. AddWorkingDays(d, 0) is d.
// A negative n counts back: the |n|-th working day before start.
func (c *Calendar) AddWorkingDays(start civil.Date, n int) civil.Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	t := start.Time()
	for n > 0 {
		t = t.AddDate(0, 0, step)
		if c.isWorkingDay(t) {
			n--
		}
	}
	return civil.FromTime(t)
}

// WorkingDaysBetween counts the working days after from, up to and including
// to. So for a working day to, WorkingDaysBetween(from, to) == n exactly when
// AddWorkingDays(from, n) == to, and "held within N working days" is
// WorkingDaysBetween(start, held) <= N. If to is before from the count is
// negative (minus the count from to to from); if equal it is 0.
func (c *Calendar) WorkingDaysBetween(from, to civil.Date) int {
	if to.Before(from) {
		return -c.WorkingDaysBetween(to, from)
	}
	n := 0
	last := to.Time()
	for t := from.Time().AddDate(0, 0, 1); !t.After(last); t = t.AddDate(0, 0, 1) {
		if c.isWorkingDay(t) {
			n++
		}
	}
	return n
}

func year(d civil.Date) int {
	y, _, _ := d.YMD()
	return y
}

func containsDate(hs []Holiday, d civil.Date) bool {
	for _, h := range hs {
		if h.Date == d {
			return true
		}
	}
	return false
}

// sortByDate relies on a Date's text form sorting in date order.
func sortByDate(hs []Holiday) {
	slices.SortStableFunc(hs, func(a, b Holiday) int { return cmp.Compare(a.Date, b.Date) })
}
