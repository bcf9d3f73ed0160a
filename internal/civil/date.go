// Package civil holds Date, a calendar day with no time or zone.
//
// Kite's rules are about days: when a child became looked after, when a review
// is due, when a plan ended. A Date is stored and sent as "YYYY-MM-DD", and
// "today" is always worked out in Europe/London (docs/api.md).
package civil

import (
	"fmt"
	"io"
	"strconv"
	"time"
	_ "time/tzdata" // Europe/London must load on machines without a zoneinfo database.
)

// Layout is the one text form of a Date.
const Layout = "2006-01-02"

// Date is a calendar day written as "YYYY-MM-DD". The zero value ("") means
// "no date". Its text form sorts in date order, so the database compares and
// orders Dates as plain strings on SQLite and PostgreSQL alike.
type Date string

// London is the zone in which "today", ages and overdue are worked out.
var London = mustLoad("Europe/London")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(fmt.Sprintf("civil: load %s: %v", name, err))
	}
	return loc
}

// Of returns the calendar day of y-m-d, normalising overflow as time.Date does.
func Of(y int, m time.Month, d int) Date {
	return FromTime(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// FromTime returns the calendar day of t in t's own location: t.Format(Layout),
// written directly for the years 0 to 9999 (a caseload page turns hundreds
// of meeting times into days, and the general formatter was a fortieth of
// its instructions).
func FromTime(t time.Time) Date {
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return Date(t.Format(Layout))
	}
	b := [10]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-',
		byte('0' + d/10), byte('0' + d%10),
	}
	return Date(b[:])
}

// InLondon returns the calendar day in Europe/London at the instant t.
func InLondon(t time.Time) Date { return FromTime(t.In(London)) }

// Today is the current calendar day in Europe/London.
func Today() Date { return InLondon(time.Now()) }

// Parse reads "YYYY-MM-DD" and rejects anything else, including impossible
// days such as 2025-02-30.
func Parse(s string) (Date, error) {
	t, err := time.Parse(Layout, s)
	if err != nil {
		return "", fmt.Errorf("civil: %q is not a date in the form YYYY-MM-DD", s)
	}
	return FromTime(t), nil
}

// MustParse is Parse for constants in code and tests.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d == "" }

// Time is midnight UTC at the start of d; the zero Date gives the zero Time.
func (d Date) Time() time.Time {
	if d == "" {
		return time.Time{}
	}
	t, err := time.Parse(Layout, string(d))
	if err != nil {
		panic(fmt.Sprintf("civil: invalid stored date %q", string(d)))
	}
	return t
}

// StartInLondon is the instant at which d begins in Europe/London.
func (d Date) StartInLondon() time.Time {
	y, m, day := d.Time().Date()
	return time.Date(y, m, day, 0, 0, 0, 0, London)
}

// YMD splits d into year, month and day.
func (d Date) YMD() (int, time.Month, int) { return d.Time().Date() }

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// AddDays moves d by n calendar days (n may be negative).
func (d Date) AddDays(n int) Date { return FromTime(d.Time().AddDate(0, 0, n)) }

// AddMonths is "n months after d" as docs/domain.md defines it: the same day of the
// month n months later, or that month's last day when it is shorter
// (31 May + 3 months = 31 August; 30 November + 3 months = 28/29 February).
func (d Date) AddMonths(n int) Date {
	y, m, day := d.YMD()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if day > last {
		day = last
	}
	return Of(first.Year(), first.Month(), day)
}

// AddYears is AddMonths(12*n): 29 February + 1 year = 28 February.
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d < e }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d > e }

// DaysUntil counts calendar days from d to e (negative if e is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.Time().Sub(d.Time()).Hours() / 24)
}

// YearsOn is the age in whole years on day `on` of someone born on d. A
// 29 February birthday turns on 1 March in years without one (docs/domain.md).
func (d Date) YearsOn(on Date) int {
	by, bm, bd := d.YMD()
	oy, om, od := on.YMD()
	years := oy - by
	if om < bm || (om == bm && od < bd) {
		years--
	}
	return years
}

// String is the "YYYY-MM-DD" form.
func (d Date) String() string { return string(d) }

// MarshalGQL writes the Date as a GraphQL string (gqlgen scalar).
func (d Date) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(d))) }

// UnmarshalGQL reads a GraphQL Date scalar, rejecting anything but YYYY-MM-DD.
func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return &InputError{"A date must be written as YYYY-MM-DD, for example 2026-11-26."}
	}
	parsed, err := Parse(s)
	if err != nil {
		return &InputError{"A date must be a real day written as YYYY-MM-DD, for example 2026-11-26."}
	}
	*d = parsed
	return nil
}
