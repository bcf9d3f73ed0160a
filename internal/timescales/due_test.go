package timescales

import (
	"testing"

	"kite/internal/civil"
)

func TestDueDates(t *testing.T) {
	cal := EnglandAndWales()
	tests := []struct {
		name string
		got  civil.Date
		want string
	}{
		// Mon 6 Jan + 20 working days = four whole weeks, no holidays.
		{"first CIC review", FirstCICReviewDue(cal, d("2025-01-06")), "2025-02-03"},
		// Sat 1 Mar is day 0: Mar 3–7(5) 10–14(10) 17–21(15) 24–28(20).
		{"first CIC review from a Saturday", FirstCICReviewDue(cal, d("2025-03-01")), "2025-03-28"},
		// Dec 16–19(4) 22,23,24(7) [25][26] 29,30,31(10) [Jan 1] 2(11)
		// 5–9(16) 12–15(20).
		{"first CIC review over Christmas", FirstCICReviewDue(cal, d("2025-12-15")), "2026-01-15"},
		{"second CIC review, leap year", SecondCICReviewDue(d("2023-11-30")), "2024-02-29"},
		{"second CIC review, non-leap year", SecondCICReviewDue(d("2024-11-30")), "2025-02-28"},
		{"second CIC review, month end", SecondCICReviewDue(d("2025-05-31")), "2025-08-31"},
		{"second CIC review, 31 Jan", SecondCICReviewDue(d("2025-01-31")), "2025-04-30"},
		{"later CIC review", LaterCICReviewDue(d("2025-04-30")), "2025-10-30"},
		{"later CIC review, 31 Aug", LaterCICReviewDue(d("2025-08-31")), "2026-02-28"},
		{"later CIC review, into leap Feb", LaterCICReviewDue(d("2023-08-29")), "2024-02-29"},
		{"light-touch review", LightTouchReviewDue(d("2025-04-30")), "2025-10-30"},
		{"lighter-touch full review", LighterTouchFullReviewDue(d("2025-04-30")), "2026-04-30"},
		{"lighter-touch full review from 29 Feb", LighterTouchFullReviewDue(d("2024-02-29")), "2025-02-28"},
		// Apr 3,4(2) 7–11(7) 14–17(11) [18 GF][21 EM] 22–25(15).
		{"initial conference over Easter", InitialConferenceDue(cal, d("2025-04-02")), "2025-04-25"},
		// May 26,27(2) 30,31, Jun 1(5) [2 Spring][3 Jubilee] 6–10(10) 13–17(15).
		{"initial conference over the Jubilee", InitialConferenceDue(cal, d("2022-05-25")), "2022-06-17"},
		{"first review conference", FirstReviewConferenceDue(d("2025-04-25")), "2025-07-25"},
		{"first review conference, 30 Nov", FirstReviewConferenceDue(d("2025-11-30")), "2026-02-28"},
		{"later review conference", LaterReviewConferenceDue(d("2025-07-31")), "2026-01-31"},
		{"later review conference, 31 Dec", LaterReviewConferenceDue(d("2025-12-31")), "2026-06-30"},
		// Dec 19(1) 22,23,24(4) [25][26] 29,30,31(7) [Jan 1] 2(8) 5,6(10).
		{"first core group over Christmas", FirstCoreGroupDue(cal, d("2025-12-18")), "2026-01-06"},
		// Apr 28(1) [May 1] 2–5(5) [8 Coronation] 9–12(9) 15(10).
		{"first core group over the Coronation", FirstCoreGroupDue(cal, d("2023-04-27")), "2023-05-15"},
		{"core group, default interval", NextCoreGroupDue(d("2025-03-03"), Interval{}), "2025-03-31"},
		{"core group, 4 weeks", NextCoreGroupDue(d("2025-03-03"), Weeks(4)), "2025-03-31"},
		{"core group, 2 weeks", NextCoreGroupDue(d("2025-03-03"), Weeks(2)), "2025-03-17"},
		{"core group, 6 weeks", NextCoreGroupDue(d("2025-03-03"), Weeks(6)), "2025-04-14"},
		{"core group, negative weeks means default", NextCoreGroupDue(d("2025-03-03"), Weeks(-1)), "2025-03-31"},
		{"core group, monthly", NextCoreGroupDue(d("2025-12-15"), Monthly()), "2026-01-15"},
		{"core group, monthly from 31 Jan", NextCoreGroupDue(d("2025-01-31"), Monthly()), "2025-02-28"},
		{"core group, monthly into leap Feb", NextCoreGroupDue(d("2024-01-31"), Monthly()), "2024-02-29"},
		{"core group, Monthly wins over Weeks", NextCoreGroupDue(d("2025-01-31"), Interval{Weeks: 2, Monthly: true}), "2025-02-28"},
		// Thu 17 Apr + 1: [18 GF] Sat Sun [21 EM] → Tue 22.
		{"outline plan over Easter", DueAfterWorkingDays(cal, d("2025-04-17"), DefaultOutlinePlanWorkingDays), "2025-04-22"},
		// Dec 19(1) 22,23,24(4) [25][26] 29,30,31(7) [Jan 1] 2(8) 5–9(13) 12,13(15).
		{"full record over Christmas", DueAfterWorkingDays(cal, d("2025-12-18"), DefaultFullRecordWorkingDays), "2026-01-13"},
		// May 2(1) [5 Early May] 6–9(5) 12–16(10).
		{"alert response", DueAfterWorkingDays(cal, d("2025-05-01"), DefaultAlertResponseWorkingDays), "2025-05-16"},
		{"brought forward", BroughtForward(d("2025-10-30"), d("2025-08-01")), "2025-08-01"},
		{"not brought forward", BroughtForward(d("2025-10-30"), ""), "2025-10-30"},
		{"a later date is not bringing forward", BroughtForward(d("2025-10-30"), d("2025-11-15")), "2025-10-30"},
		{"brought forward to the due day", BroughtForward(d("2025-10-30"), d("2025-10-30")), "2025-10-30"},
	}
	for _, tt := range tests {
		if tt.got != d(tt.want) {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

func TestOnTime(t *testing.T) {
	tests := []struct {
		held, due string
		want      bool
	}{
		{"2025-02-03", "2025-02-03", true}, // on the due day
		{"2025-01-31", "2025-02-03", true},
		{"2025-02-04", "2025-02-03", false},
		{"", "2025-02-03", false}, // not held
	}
	for _, tt := range tests {
		if got := OnTime(civil.Date(tt.held), d(tt.due)); got != tt.want {
			t.Errorf("OnTime(%q, %s) = %v, want %v", tt.held, tt.due, got, tt.want)
		}
	}
}

func TestOverdue(t *testing.T) {
	tests := []struct {
		due, today string
		done       bool
		want       bool
	}{
		{"2025-02-03", "2025-02-03", false, false}, // the due day is not late
		{"2025-02-03", "2025-02-04", false, true},
		{"2025-02-03", "2025-01-20", false, false},
		{"2025-02-03", "2025-03-01", true, false}, // done
		{"", "2025-03-01", false, false},          // nothing due
	}
	for _, tt := range tests {
		if got := Overdue(civil.Date(tt.due), d(tt.today), tt.done); got != tt.want {
			t.Errorf("Overdue(%q, %s, %v) = %v, want %v", tt.due, tt.today, tt.done, got, tt.want)
		}
	}
}
