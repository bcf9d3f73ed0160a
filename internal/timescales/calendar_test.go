package timescales

import (
	"slices"
	"testing"
	"time"

	"kite/internal/civil"
)

var d = civil.MustParse

const (
	firstListedYear = 2015
	lastListedYear  = 2030
)

func TestTableIsWellFormed(t *testing.T) {
	// Regular years have 8 bank holidays; 2022 has two one-offs and 2023 one.
	want := map[int]int{2022: 10, 2023: 9}
	count := map[int]int{}
	for i, h := range bankHolidays {
		if _, err := civil.Parse(string(h.Date)); err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		if wd := h.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
			t.Errorf("%s %q falls on a %s", h.Date, h.Name, wd)
		}
		if i > 0 && !bankHolidays[i-1].Date.Before(h.Date) {
			t.Errorf("%s is not after %s: keep the table in date order", h.Date, bankHolidays[i-1].Date)
		}
		count[year(h.Date)]++
	}
	for y := firstListedYear; y <= lastListedYear; y++ {
		n, ok := want[y]
		if !ok {
			n = 8
		}
		if count[y] != n {
			t.Errorf("%d: %d bank holidays listed, want %d", y, count[y], n)
		}
	}
	if len(count) != lastListedYear-firstListedYear+1 {
		t.Errorf("table covers %d years, want %d–%d", len(count), firstListedYear, lastListedYear)
	}
}

// TestRulesReproduceTable proves the rules and the table against each other:
// for every listed year they must agree exactly, except for the one-off days.
func TestRulesReproduceTable(t *testing.T) {
	type diff struct{ onlyTable, onlyRules []Holiday }
	oneOffs := map[int]diff{
		2020: {
			onlyTable: []Holiday{{"2020-05-08", "Early May bank holiday (VE day)"}},
			onlyRules: []Holiday{{"2020-05-04", earlyMay}},
		},
		2022: {
			onlyTable: []Holiday{
				{"2022-06-02", springHoliday},
				{"2022-06-03", "Platinum Jubilee bank holiday"},
				{"2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
			},
			onlyRules: []Holiday{{"2022-05-30", springHoliday}},
		},
		2023: {
			onlyTable: []Holiday{{"2023-05-08", "Bank holiday for the coronation of King Charles III"}},
		},
	}
	cal := EnglandAndWales()
	for y := firstListedYear; y <= lastListedYear; y++ {
		table, rules := cal.Holidays(y), regularHolidays(y)
		got := diff{onlyTable: minus(table, rules), onlyRules: minus(rules, table)}
		want := oneOffs[y]
		if !slices.Equal(got.onlyTable, want.onlyTable) || !slices.Equal(got.onlyRules, want.onlyRules) {
			t.Errorf("%d: only in table %v, only by rule %v; want %v and %v",
				y, got.onlyTable, got.onlyRules, want.onlyTable, want.onlyRules)
		}
	}
}

// minus is the holidays of a that are not in b (same date and name).
func minus(a, b []Holiday) []Holiday {
	var out []Holiday
	for _, h := range a {
		if !slices.Contains(b, h) {
			out = append(out, h)
		}
	}
	return out
}

func TestEasterSunday(t *testing.T) {
	// Published Easter dates, including the earliest possible (22 March 2285)
	// and latest (25 April 1943, 2038).
	for y, want := range map[int]string{
		1943: "1943-04-25", 2000: "2000-04-23", 2008: "2008-03-23", 2011: "2011-04-24",
		2015: "2015-04-05", 2016: "2016-03-27", 2019: "2019-04-21", 2024: "2024-03-31",
		2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2031: "2031-04-13",
		2038: "2038-04-25", 2285: "2285-03-22",
	} {
		if got := easterSunday(y); got != d(want) {
			t.Errorf("easterSunday(%d) = %s, want %s", y, got, want)
		}
	}
}

func TestRegularHolidaysOutsideTable(t *testing.T) {
	tests := []struct {
		year int
		want []Holiday
	}{
		{2014, []Holiday{ // as published; Easter Sunday 20 April
			{"2014-01-01", newYearsDay}, {"2014-04-18", goodFriday}, {"2014-04-21", easterMonday},
			{"2014-05-05", earlyMay}, {"2014-05-26", springHoliday}, {"2014-08-25", summerHoliday},
			{"2014-12-25", christmasDay}, {"2014-12-26", boxingDay},
		}},
		{2031, []Holiday{ // 1 January Wednesday; Easter Sunday 13 April; 1 May Thursday
			{"2031-01-01", newYearsDay}, {"2031-04-11", goodFriday}, {"2031-04-14", easterMonday},
			{"2031-05-05", earlyMay}, {"2031-05-26", springHoliday}, {"2031-08-25", summerHoliday},
			{"2031-12-25", christmasDay}, {"2031-12-26", boxingDay},
		}},
		{2032, []Holiday{ // Easter Sunday 28 March; Christmas Day Saturday
			{"2032-01-01", newYearsDay}, {"2032-03-26", goodFriday}, {"2032-03-29", easterMonday},
			{"2032-05-03", earlyMay}, {"2032-05-31", springHoliday}, {"2032-08-30", summerHoliday},
			{"2032-12-27", christmasDay + substituteLabel}, {"2032-12-28", boxingDay + substituteLabel},
		}},
		{2033, []Holiday{ // New Year's Day Saturday; Easter Sunday 17 April; Christmas Sunday
			{"2033-01-03", newYearsDay + substituteLabel}, {"2033-04-15", goodFriday},
			{"2033-04-18", easterMonday}, {"2033-05-02", earlyMay}, {"2033-05-30", springHoliday},
			{"2033-08-29", summerHoliday}, {"2033-12-26", boxingDay},
			{"2033-12-27", christmasDay + substituteLabel},
		}},
	}
	cal := EnglandAndWales()
	for _, tt := range tests {
		if got := cal.Holidays(tt.year); !slices.Equal(got, tt.want) {
			t.Errorf("Holidays(%d) =\n%v\nwant\n%v", tt.year, got, tt.want)
		}
	}
}

// TestRulesAreSane checks every computed year for a century around the table.
func TestRulesAreSane(t *testing.T) {
	for y := 1980; y <= 2080; y++ {
		hs := regularHolidays(y)
		if len(hs) != 8 {
			t.Fatalf("%d: %d holidays", y, len(hs))
		}
		for i, h := range hs {
			if wd := h.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
				t.Errorf("%d: %s %q on a %s", y, h.Date, h.Name, wd)
			}
			if year(h.Date) != y {
				t.Errorf("%d: %s is in another year", y, h.Date)
			}
			if i > 0 && !hs[i-1].Date.Before(h.Date) {
				t.Errorf("%d: %s not after %s", y, h.Date, hs[i-1].Date)
			}
		}
	}
}

func TestIsWorkingDay(t *testing.T) {
	tests := []struct {
		day  string
		want bool
	}{
		{"2025-01-06", true},  // Monday
		{"2025-01-04", false}, // Saturday
		{"2025-01-05", false}, // Sunday
		{"2025-04-18", false}, // Good Friday
		{"2025-04-21", false}, // Easter Monday
		{"2025-12-24", true},  // Christmas Eve is worked
		{"2020-05-04", true},  // Early May moved away to 8 May in 2020
		{"2020-05-08", false}, // VE Day
		{"2022-05-30", true},  // Spring moved away to 2 June in 2022
		{"2022-06-02", false},
		{"2022-06-03", false}, // Platinum Jubilee
		{"2022-09-19", false}, // State Funeral
		{"2023-05-08", false}, // Coronation
		{"2021-12-27", false}, // Christmas substitute
		{"2021-12-28", false}, // Boxing Day substitute
		{"2022-01-03", false}, // New Year substitute
		{"2035-03-23", false}, // Good Friday 2035 (Easter 25 March), by rule
		{"2035-03-22", true},
	}
	cal := EnglandAndWales()
	for _, tt := range tests {
		if got := cal.IsWorkingDay(d(tt.day)); got != tt.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.day, got, tt.want)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		{"day 0 is the start", "2025-01-06", 0, "2025-01-06"},
		{"day 0 on a Saturday is still the start", "2025-01-04", 0, "2025-01-04"},
		{"Saturday start", "2025-01-04", 1, "2025-01-06"},          // Sat → Mon
		{"Sunday start", "2025-01-05", 5, "2025-01-10"},            // Mon 6(1) … Fri 10(5)
		{"Friday to Monday", "2025-01-10", 1, "2025-01-13"},        // skip Sat, Sun
		{"start on a bank holiday", "2025-05-26", 1, "2025-05-27"}, // Spring bank holiday → Tue
		// Easter 2025 (GF 18, EM 21 April): Apr 2,3,4(3) 7–11(8) 14–17(12)
		// [18][21] 22–25(16) 28,29,30(19) May 1(20).
		{"20 across Easter 2025", "2025-04-01", 20, "2025-05-01"},
		// Easter 2026 (GF 3, EM 6 April): Mar 24–27(4) 30,31, Apr 1,2(8) [3][6]
		// 7–10(12) 13–17(17) 20,21,22(20).
		{"20 across Easter 2026", "2026-03-23", 20, "2026-04-22"},
		// Dec 20–24(5) [27][28 substitutes] 29,30,31(8) [Jan 3 substitute] 4,5(10).
		{"Christmas 2021 to New Year 2022", "2021-12-17", 10, "2022-01-05"},
		// Dec 22,23,24(3) [25 Fri][28 Boxing substitute] 29,30(5).
		{"Christmas 2026", "2026-12-21", 5, "2026-12-30"},
		// … 31(6) [Jan 1 Fri] 4,5,6,7(10).
		{"Christmas 2026 to New Year 2027", "2026-12-21", 10, "2027-01-07"},
		// Dec 24(1) [27][28 substitutes] 29,30,31(4) [Jan 3 substitute] 4(5).
		{"Christmas 2027 to New Year 2028", "2027-12-23", 5, "2028-01-04"},
		// May 30, 31, Jun 1(3) are worked in 2022; [2 Spring][3 Jubilee] 6,7(5).
		{"Jubilee 2022", "2022-05-27", 5, "2022-06-07"},
		{"State Funeral 2022", "2022-09-16", 1, "2022-09-20"}, // [Mon 19] → Tue 20
		{"Early May 2023", "2023-04-28", 3, "2023-05-04"},     // [May 1] 2,3,4
		{"Coronation 2023", "2023-05-04", 2, "2023-05-09"},    // 5(1) [8] 9(2)
		{"VE Day 2020", "2020-05-07", 1, "2020-05-11"},        // [Fri 8] → Mon 11
		{"4 May 2020 was worked", "2020-05-01", 1, "2020-05-04"},
		{"leap day", "2024-02-28", 1, "2024-02-29"},
		{"by rule after the table", "2031-04-10", 1, "2031-04-15"}, // [GF 11] Sat Sun [EM 14]
		{"counting back", "2025-04-22", -1, "2025-04-17"},          // [21 EM] Sun Sat [18 GF] → Thu 17
		// [Jan 1] 31(1) 30(2) 29(3) Sun Sat [26][25] 24(4).
		{"counting back over Christmas", "2026-01-02", -4, "2025-12-24"},
	}
	cal := EnglandAndWales()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.AddWorkingDays(d(tt.start), tt.n); got != d(tt.want) {
				t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.start, tt.n, got, tt.want)
			}
		})
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		want     int
	}{
		{"same day", "2025-01-06", "2025-01-06", 0},
		{"Friday to Monday", "2025-01-03", "2025-01-06", 1},
		{"to before from is negative", "2025-01-06", "2025-01-04", -1}, // (Sat 4, Mon 6] = Mon
		{"Easter 2025", "2025-04-01", "2025-05-01", 20},
		{"Easter weekend only", "2025-04-17", "2025-04-21", 0},
		{"Christmas 2021", "2021-12-24", "2022-01-04", 4}, // 29, 30, 31, Jan 4
		// 2025 starts on a Wednesday: 52 weeks + 1 weekday = 261, less 8.
		{"all of 2025", "2024-12-31", "2025-12-31", 253},
		// 2022 starts on a Saturday: 52 weeks + 0 weekdays = 260, less 10.
		{"all of 2022", "2021-12-31", "2022-12-31", 250},
	}
	cal := EnglandAndWales()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.WorkingDaysBetween(d(tt.from), d(tt.to)); got != tt.want {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// TestAddAndBetweenAgree checks the two counts are inverse over the table's
// busiest years, so held-on-time checks can use either.
func TestAddAndBetweenAgree(t *testing.T) {
	cal := EnglandAndWales()
	for start := d("2020-01-01"); start.Before(d("2028-01-01")); start = start.AddDays(5) {
		for _, n := range []int{1, 10, 15, 20} {
			end := cal.AddWorkingDays(start, n)
			if !cal.IsWorkingDay(end) {
				t.Fatalf("AddWorkingDays(%s, %d) = %s is not a working day", start, n, end)
			}
			if got := cal.WorkingDaysBetween(start, end); got != n {
				t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", start, end, got, n)
			}
			if back := cal.AddWorkingDays(end, -n); cal.IsWorkingDay(start) && back != start {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", end, -n, back, start)
			}
		}
	}
}

func TestWith(t *testing.T) {
	base := EnglandAndWales()
	closure := Holiday{"2025-12-24", "Council closure day"}
	cal := base.With(closure, Holiday{"2025-12-25", "Closed"}, Holiday{"2035-07-02", "Local day"})

	// Dec 23 → [24 closure][25][26] Sat Sun → Mon 29.
	if got := cal.AddWorkingDays(d("2025-12-23"), 1); got != d("2025-12-29") {
		t.Errorf("with closure: %s, want 2025-12-29", got)
	}
	if got := base.AddWorkingDays(d("2025-12-23"), 1); got != d("2025-12-24") {
		t.Errorf("base calendar changed: %s, want 2025-12-24", got)
	}
	hs := cal.Holidays(2025)
	if len(hs) != 9 || hs[6] != closure || hs[7] != (Holiday{"2025-12-25", christmasDay}) {
		t.Errorf("Holidays(2025) = %v, want 8 bank holidays plus the closure before Christmas", hs)
	}
	if cal.IsWorkingDay(d("2035-07-02")) {
		t.Error("an extra day in a year computed by rule is still a working day")
	}

	// With on a calendar that already has extras keeps them.
	more := cal.With(Holiday{"2025-12-31", "Council closure day"})
	if more.IsWorkingDay(d("2025-12-24")) || more.IsWorkingDay(d("2025-12-31")) {
		t.Error("chained With lost an extra day")
	}
	if !cal.IsWorkingDay(d("2025-12-31")) {
		t.Error("chained With changed its receiver")
	}
}

func TestHolidaysReturnsACopy(t *testing.T) {
	cal := EnglandAndWales()
	hs := cal.Holidays(2025)
	hs[0].Date = "2025-01-02"
	if !cal.IsWorkingDay(d("2025-01-02")) || cal.IsWorkingDay(d("2025-01-01")) {
		t.Error("changing the returned slice changed the calendar")
	}
}
