// Package clock is the time a service goes by: the real time, unless a test
// sets its own.
package clock

import "time"

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
