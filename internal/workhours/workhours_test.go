package workhours

import (
	"errors"
	"testing"
	"time"

	"kite/internal/civil"
	"kite/internal/timescales"
)

// london is a wall-clock time in Europe/London.
func london(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, civil.London)
	if err != nil {
		panic(err)
	}
	return t
}

func days(ds ...time.Weekday) Week {
	var w Week
	for _, d := range ds {
		w = append(w, Day{Weekday: d, Start: 9 * 60, End: 17 * 60})
	}
	return w
}

func TestNext(t *testing.T) {
	cal := timescales.EnglandAndWales()
	monToThu := days(time.Monday, time.Tuesday, time.Wednesday, time.Thursday)
	tests := []struct {
		name      string
		week      Week
		now       string
		start     string
		end       string
		atWorkNow bool
	}{
		// 5 June 2026 is a Friday.
		{"Friday evening, Monday to Thursday", monToThu, "2026-06-05 19:00", "2026-06-08 09:00", "2026-06-08 17:00", false},
		{"during hours", monToThu, "2026-06-08 10:30", "2026-06-08 09:00", "2026-06-08 17:00", true},
		{"before work the same day", monToThu, "2026-06-08 07:45", "2026-06-08 09:00", "2026-06-08 17:00", false},
		{"at the very end of the day", monToThu, "2026-06-08 17:00", "2026-06-09 09:00", "2026-06-09 17:00", false},
		// 25 May 2026 is the Spring bank holiday (a Monday).
		{"a bank holiday Monday", Office(), "2026-05-25 11:00", "2026-05-26 09:00", "2026-05-26 17:00", false},
		// Good Friday 3 April and Easter Monday 6 April 2026.
		{"over Easter", Office(), "2026-04-02 18:00", "2026-04-07 09:00", "2026-04-07 17:00", false},
		// Christmas 2026: Friday 25 and Monday 28 (Boxing Day's substitute).
		{"over Christmas", Office(), "2026-12-24 17:30", "2026-12-29 09:00", "2026-12-29 17:00", false},
		// Clocks go forward on 29 March 2026: 9am is still 9am on the wall.
		{"after the clocks change", Office(), "2026-03-27 18:00", "2026-03-30 09:00", "2026-03-30 17:00", false},
		{"a day to the end of the day", Week{{Weekday: time.Saturday, Start: 20 * 60, End: 24 * 60}}, "2026-06-06 21:00",
			"2026-06-06 20:00", "2026-06-07 00:00", true},
	}
	for _, tt := range tests {
		s, ok := tt.week.Next(london(tt.now), cal)
		if !ok {
			t.Errorf("%s: no shift", tt.name)
			continue
		}
		if !s.Start.Equal(london(tt.start)) || !s.End.Equal(london(tt.end)) {
			t.Errorf("%s: shift %s to %s, want %s to %s", tt.name, s.Start.In(civil.London), s.End.In(civil.London), tt.start, tt.end)
		}
		if got := s.Covers(london(tt.now)); got != tt.atWorkNow {
			t.Errorf("%s: at work now = %v, want %v", tt.name, got, tt.atWorkNow)
		}
	}
	if _, ok := (Week{}).Next(london("2026-06-05 19:00"), cal); ok {
		t.Error("an empty week found a shift")
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		week  Week
		index int
		field string
	}{
		{"fine", Office(), 0, ""},
		{"empty", Week{}, 0, ""},
		{"a day twice", Week{{time.Monday, 540, 600}, {time.Monday, 700, 800}}, 1, "day"},
		{"not a day", Week{{time.Weekday(9), 540, 600}}, 0, "day"},
		{"ends before it starts", Week{{time.Tuesday, 600, 540}}, 0, "ends"},
		{"ends when it starts", Week{{time.Tuesday, 600, 600}}, 0, "ends"},
		{"past midnight", Week{{time.Tuesday, 600, 1500}}, 0, "ends"},
		{"starts at midnight at the end", Week{{time.Tuesday, 1440, 1440}}, 0, "starts"},
	}
	for _, tt := range tests {
		err := tt.week.Check()
		var p *Problem
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.field != "" && (!errors.As(err, &p) || p.Index != tt.index || p.Field != tt.field):
			t.Errorf("%s: %v, want a problem with day %d %s", tt.name, err, tt.index, tt.field)
		}
	}
}

func TestClock(t *testing.T) {
	for s, want := range map[string]int{"00:00": 0, "09:00": 540, "08:30": 510, "17:45": 1065, "24:00": 1440} {
		got, err := ParseClock(s)
		if err != nil || got != want {
			t.Errorf("ParseClock(%q) = %d, %v; want %d", s, got, err, want)
		}
		if FormatClock(want) != s {
			t.Errorf("FormatClock(%d) = %q, want %q", want, FormatClock(want), s)
		}
	}
	for _, bad := range []string{"", "9:00", "09.00", "25:00", "24:30", "12:60", "ab:cd", "09:00:00", "-1:00"} {
		if _, err := ParseClock(bad); err == nil {
			t.Errorf("ParseClock(%q) accepted", bad)
		}
	}
}

func TestSorted(t *testing.T) {
	w := days(time.Sunday, time.Friday, time.Monday).Sorted()
	if w[0].Weekday != time.Monday || w[1].Weekday != time.Friday || w[2].Weekday != time.Sunday {
		t.Errorf("sorted: %v", w)
	}
}
