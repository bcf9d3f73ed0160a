package timescales

import (
	"time"

	"kite/internal/civil"
)

// Names of the regular bank holidays, as GOV.UK writes them (with a plain
// apostrophe), so that the rules and the table can be compared.
const (
	newYearsDay     = "New Year's Day"
	goodFriday      = "Good Friday"
	easterMonday    = "Easter Monday"
	earlyMay        = "Early May bank holiday"
	springHoliday   = "Spring bank holiday"
	summerHoliday   = "Summer bank holiday"
	christmasDay    = "Christmas Day"
	boxingDay       = "Boxing Day"
	substituteLabel = " (substitute day)"
)

// regularHolidays computes the bank holidays of England and Wales that recur
// every year, including substitute days for those that fall at a weekend. It
// cannot know one-off days (jubilees, state funerals) or moved days, which is
// why the table in bankholidays.go is preferred for the years it covers.
func regularHolidays(year int) []Holiday {
	easter := easterSunday(year)
	hs := []Holiday{newYear(year)}
	hs = append(hs,
		Holiday{easter.AddDays(-2), goodFriday},
		Holiday{easter.AddDays(1), easterMonday},
		Holiday{firstMonday(year, time.May), earlyMay},
		Holiday{lastMonday(year, time.May), springHoliday},
		Holiday{lastMonday(year, time.August), summerHoliday},
	)
	hs = append(hs, christmas(year)...)
	return hs
}

// newYear is 1 January, or the Monday after when it falls at a weekend.
func newYear(year int) Holiday {
	d := civil.Of(year, time.January, 1)
	switch d.Weekday() {
	case time.Saturday:
		return Holiday{d.AddDays(2), newYearsDay + substituteLabel}
	case time.Sunday:
		return Holiday{d.AddDays(1), newYearsDay + substituteLabel}
	}
	return Holiday{d, newYearsDay}
}

// christmas gives Christmas Day and Boxing Day with their substitutes. When
// either falls at a weekend, the holiday moves to the next weekday not
// already taken by the other: so Christmas on a Saturday gives Monday 27 and
// Tuesday 28; on a Sunday, Boxing Day keeps Monday 26 and Christmas moves to
// Tuesday 27; on a Friday, Boxing Day moves to Monday 28.
func christmas(year int) []Holiday {
	xmas := civil.Of(year, time.December, 25)
	boxing := xmas.AddDays(1)
	switch xmas.Weekday() {
	case time.Friday:
		return []Holiday{{xmas, christmasDay}, {boxing.AddDays(2), boxingDay + substituteLabel}}
	case time.Saturday:
		return []Holiday{
			{xmas.AddDays(2), christmasDay + substituteLabel},
			{boxing.AddDays(2), boxingDay + substituteLabel},
		}
	case time.Sunday:
		return []Holiday{{boxing, boxingDay}, {xmas.AddDays(2), christmasDay + substituteLabel}}
	}
	return []Holiday{{xmas, christmasDay}, {boxing, boxingDay}}
}

// easterSunday uses the anonymous Gregorian computus (Meeus/Jones/Butcher).
// The letters are the algorithm's customary names.
func easterSunday(year int) civil.Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return civil.Of(year, time.Month(month), day)
}

func firstMonday(year int, month time.Month) civil.Date {
	d := civil.Of(year, month, 1)
	for d.Weekday() != time.Monday {
		d = d.AddDays(1)
	}
	return d
}

func lastMonday(year int, month time.Month) civil.Date {
	d := civil.Of(year, month+1, 0) // day 0 of next month is this month's last day
	for d.Weekday() != time.Monday {
		d = d.AddDays(-1)
	}
	return d
}
