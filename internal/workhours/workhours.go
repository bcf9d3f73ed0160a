// Package workhours is when people work: a member of staff's working week
// and an authority's office hours, each as days of the week with a start
// and an end time in Europe/London, and when someone is next at work. Nobody
// is taken to work on a bank holiday. It is pure: callers pass the time and
// the calendar.
package workhours

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"kite/internal/civil"
	"kite/internal/timescales"
)

// Day is the hours of one working day of the week, in Europe/London. Start
// and End are minutes after midnight: 540 is 9am, 1020 is 5pm. A working day
// ends on the day it starts (no shifts over midnight).
type Day struct {
	Weekday time.Weekday `json:"weekday"`
	Start   int          `json:"start"`
	End     int          `json:"end"`
}

// Week is the days someone works, at most one entry for each day of the
// week, Monday first. An empty Week means the hours are not known.
type Week []Day

// dayEnd is midnight at the end of a day, the latest a working day ends.
const dayEnd = 24 * 60

// Office is the office hours an authority has until it sets its own:
// Monday to Friday, 9am to 5pm.
func Office() Week {
	var w Week
	for d := time.Monday; d <= time.Friday; d++ {
		w = append(w, Day{Weekday: d, Start: 9 * 60, End: 17 * 60})
	}
	return w
}

// Problem is what is wrong with a Week a person entered: the index of the
// day at fault (or -1 for the week as a whole), the part of it, and what to
// do, in plain words.
type Problem struct {
	Index   int
	Field   string
	Message string
}

func (p *Problem) Error() string { return fmt.Sprintf("day %d %s: %s", p.Index, p.Field, p.Message) }

// Check reports the first problem with w: a day given twice, or a start
// that is not before the end.
func (w Week) Check() error {
	seen := map[time.Weekday]bool{}
	for i, d := range w {
		switch {
		case d.Weekday < time.Sunday || d.Weekday > time.Saturday:
			return &Problem{i, "day", "Please choose a day of the week."}
		case seen[d.Weekday]:
			return &Problem{i, "day", "Each day can be given only once."}
		case d.Start < 0 || d.Start >= dayEnd:
			return &Problem{i, "starts", "Please give a start time from 00:00 to 23:59."}
		case d.End <= d.Start || d.End > dayEnd:
			return &Problem{i, "ends", "Please give an end time after the start, up to 24:00."}
		}
		seen[d.Weekday] = true
	}
	return nil
}

// Sorted returns w with its days in order, Monday first and Sunday last.
func (w Week) Sorted() Week {
	out := slices.Clone(w)
	slices.SortFunc(out, func(a, b Day) int { return dayOrder(a.Weekday) - dayOrder(b.Weekday) })
	return out
}

func dayOrder(d time.Weekday) int { return (int(d) + 6) % 7 }

// ParseClock reads a time of day written "HH:MM" (24-hour clock, "24:00"
// for the end of the day) as minutes after midnight.
func ParseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	hours, herr := strconv.Atoi(h)
	mins, merr := strconv.Atoi(m)
	switch {
	case !ok || len(h) != 2 || len(m) != 2 || herr != nil || merr != nil,
		hours < 0 || hours > 24 || mins < 0 || mins > 59, hours == 24 && mins != 0:
		return 0, fmt.Errorf("workhours: %q is not a time written HH:MM", s)
	}
	return hours*60 + mins, nil
}

// FormatClock writes minutes after midnight as "HH:MM".
func FormatClock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// Shift is one stretch of work, from Start until End.
type Shift struct{ Start, End time.Time }

// Covers reports whether t falls within the shift.
func (s Shift) Covers(t time.Time) bool { return !t.Before(s.Start) && t.Before(s.End) }

// lookAhead is how far Next looks: far enough to pass any run of bank
// holidays and a week's days off.
const lookAhead = 21

// Next is the shift under way at now, or else the next one to start,
// skipping the calendar's holidays. It is false when w has no days (the
// hours are not known).
func (w Week) Next(now time.Time, cal *timescales.Calendar) (Shift, bool) {
	now = now.In(civil.London)
	today := civil.InLondon(now)
	for i := 0; i <= lookAhead; i++ {
		day := today.AddDays(i)
		if cal.IsHoliday(day) {
			continue
		}
		for _, d := range w {
			if d.Weekday != day.Weekday() {
				continue
			}
			s := Shift{Start: at(day, d.Start), End: at(day, d.End)}
			if now.Before(s.End) {
				return s, true
			}
		}
	}
	return Shift{}, false
}

// at is minutes after midnight on day, in Europe/London (a clock change that
// day is counted as the wall clock shows it).
func at(day civil.Date, minutes int) time.Time {
	y, m, d := day.YMD()
	return time.Date(y, m, d, minutes/60, minutes%60, 0, 0, civil.London)
}
