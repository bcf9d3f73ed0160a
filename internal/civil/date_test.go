package civil

import (
	"testing"
	"time"
)

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from   string
		months int
		want   string
	}{
		{"2026-05-31", 3, "2026-08-31"},
		{"2025-11-30", 3, "2026-02-28"},
		{"2027-11-30", 3, "2028-02-29"},
		{"2026-01-31", 1, "2026-02-28"},
		{"2026-03-31", 6, "2026-09-30"},
		{"2026-08-15", 6, "2027-02-15"},
		{"2024-02-29", 12, "2025-02-28"},
	}
	for _, tt := range tests {
		got := MustParse(tt.from).AddMonths(tt.months)
		if got != Date(tt.want) {
			t.Errorf("%s + %d months = %s, want %s", tt.from, tt.months, got, tt.want)
		}
	}
}

func TestYearsOn(t *testing.T) {
	tests := []struct {
		born, on string
		want     int
	}{
		{"2014-11-26", "2026-11-26", 12},
		{"2014-11-27", "2026-11-26", 11},
		{"2012-02-29", "2025-02-28", 12},
		{"2012-02-29", "2025-03-01", 13},
		{"2012-02-29", "2024-02-29", 12},
	}
	for _, tt := range tests {
		if got := MustParse(tt.born).YearsOn(MustParse(tt.on)); got != tt.want {
			t.Errorf("born %s, on %s: %d, want %d", tt.born, tt.on, got, tt.want)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, s := range []string{"", "2025-02-30", "26-01-01", "2026-1-1", "2026-01-01T00:00:00Z"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) accepted", s)
		}
	}
}

func TestInLondon(t *testing.T) {
	// 23:30 UTC on 30 June is already 1 July in London (BST).
	at := time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC)
	if got := InLondon(at); got != "2026-07-01" {
		t.Errorf("InLondon = %s, want 2026-07-01", got)
	}
	// In winter London is UTC.
	at = time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC)
	if got := InLondon(at); got != "2026-12-31" {
		t.Errorf("InLondon = %s, want 2026-12-31", got)
	}
}

// TestFromTimeAsFormat: FromTime writes what t.Format(Layout) does, in and
// out of the years it writes by hand, in any zone.
func TestFromTimeAsFormat(t *testing.T) {
	zones := []*time.Location{time.UTC, London, time.FixedZone("far east", 14*3600), time.FixedZone("far west", -12*3600)}
	times := []time.Time{
		{},
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9, 9, 9, 9, 9, 9, 9, time.UTC),
		time.Date(999, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 2, 29, 23, 30, 0, 0, time.UTC),
		time.Date(2026, 3, 29, 0, 59, 59, 999999999, time.UTC), // the night the clocks go forward
		time.Date(2026, 10, 25, 1, 0, 0, 0, time.UTC),          // and back
		time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 6, 15, 0, 0, 0, 0, time.UTC),
		time.Unix(1<<40, 0),
	}
	for i := range 2000 { // every day of more than five years, at a varying hour
		times = append(times, time.Date(2023, 1, 1+i, i%24, i%60, 0, 0, time.UTC))
	}
	for _, tm := range times {
		for _, z := range zones {
			in := tm.In(z)
			if got, want := FromTime(in), Date(in.Format(Layout)); got != want {
				t.Errorf("FromTime(%s) = %q, want %q", in, got, want)
			}
		}
	}
}
