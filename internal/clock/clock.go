// Package clock is the time a service goes by, and so the day: the real
// time, unless a test sets its own.
package clock

import (
	"time"

	"kite/internal/civil"
)

// Clock tells the time. The zero Clock is the real clock; tests set a
// function to fix time or move it on.
type Clock func() time.Time

// Now is the current time by this clock.
func (c Clock) Now() time.Time {
	if c == nil {
		return time.Now()
	}
	return c()
}

// Today is the calendar day in Europe/London by this clock: the day that
// due dates, ages and "in force" are counted against.
func (c Clock) Today() civil.Date { return civil.InLondon(c.Now()) }
