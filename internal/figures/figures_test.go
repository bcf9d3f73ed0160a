package figures

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/timescales"
)

var (
	d   = civil.MustParse
	cal = timescales.EnglandAndWales()
)

// The English reporting year: 1 April 2025 to 31 March 2026, both included.
var (
	yearFrom = d("2025-04-01")
	yearTo   = d("2026-03-31")
)

// TestHandArithmetic checks the working-day sums the comments below were
// counted by hand from, so a slip in the counting shows up here rather than
// as a puzzling figure. Bank holidays used: Good Friday 18 Apr 2025, Easter
// Monday 21 Apr, Early May 5 May, Spring 26 May, Summer 25 Aug, Christmas
// 25 Dec, Boxing Day 26 Dec, New Year's Day 1 Jan 2026.
func TestHandArithmetic(t *testing.T) {
	cases := []struct {
		start civil.Date
		n     int
		want  civil.Date
		sum   string
	}{
		// Thu 10 Apr is day 0. Fri 11 (1), Mon 14–Thu 17 (2–5), Fri 18 Good
		// Friday, Mon 21 Easter Monday, Tue 22–Fri 25 (6–9), Mon 28–Fri 2 May
		// (10–14), Mon 5 May bank holiday, Tue 6 May (15).
		{d("2025-04-10"), 15, d("2025-05-06"), "ava's strategy discussion"},
		// Tue 20 May is day 0. Wed 21–Fri 23 (1–3), Mon 26 Spring holiday,
		// Tue 27–Fri 30 (4–7), Mon 2 Jun (8) … Wed 11 Jun (15).
		{d("2025-05-20"), 15, d("2025-06-11"), "ben's strategy discussion"},
		// Wed 20 Aug is day 0. Thu 21, Fri 22 (1–2), Mon 25 Summer holiday,
		// Tue 26–Fri 29 (3–6), Mon 1–Fri 5 Sep (7–11), Mon 8–Thu 11 (12–15).
		{d("2025-08-20"), 15, d("2025-09-11"), "jon's strategy discussion"},
		// Fri 19 Dec is day 0. Mon 22 (1), Tue 23 (2), Wed 24 (3), Thu 25
		// Christmas, Fri 26 Boxing Day, Sat 27, Sun 28, Mon 29 (4), Tue 30 (5),
		// Wed 31 (6), Thu 1 Jan New Year's Day, Fri 2 (7), Sat 3, Sun 4,
		// Mon 5 (8), Tue 6 (9), Wed 7 (10), Thu 8 (11), Fri 9 (12), Sat 10,
		// Sun 11, Mon 12 (13), Tue 13 (14), Wed 14 (15).
		{d("2025-12-19"), 15, d("2026-01-14"), "cal's and dan's strategy discussion"},
		// Outline plans, 1 working day (and 3 for the setting test).
		{d("2026-01-14"), 1, d("2026-01-15"), "cal's ICPC outline"},
		// Wed 24 Dec: Thu 25, Fri 26, Sat 27, Sun 28 do not count; Mon 29 (1).
		{d("2025-12-24"), 1, d("2025-12-29"), "jon's core group outline"},
		// Fri 8 Aug: the weekend does not count; Mon 11 (1).
		{d("2025-08-08"), 1, d("2025-08-11"), "ivy's review outline"},
		{d("2026-01-15"), 1, d("2026-01-16"), "dan's ICPC outline"},
		// Thu 15 Jan: Fri 16 (1), Mon 19 (2), Tue 20 (3).
		{d("2026-01-15"), 3, d("2026-01-20"), "dan's ICPC outline, 3-day setting"},
		// Full records, 15 working days (and 16 for the setting test).
		// Wed 14 Jan: Thu 15 (1) … Wed 21 (5), … Wed 28 (10), … Wed 4 Feb (15).
		{d("2026-01-14"), 15, d("2026-02-04"), "cal's ICPC record"},
		// Wed 24 Dec: Mon 29 (1), Tue 30 (2), Wed 31 (3), [1 Jan], Fri 2 (4),
		// Mon 5–Fri 9 (5–9), Mon 12–Fri 16 (10–14), Mon 19 (15).
		{d("2025-12-24"), 15, d("2026-01-19"), "jon's core group record"},
		// Fri 8 Aug: Mon 11–Fri 15 (1–5), Mon 18–Fri 22 (6–10), [Mon 25],
		// Tue 26–Fri 29 (11–14), Mon 1 Sep (15).
		{d("2025-08-08"), 15, d("2025-09-01"), "ivy's review record"},
		// Thu 15 Jan: Fri 16 (1), Mon 19–Fri 23 (2–6), Mon 26–Fri 30 (7–11),
		// Mon 2–Thu 5 Feb (12–15), Fri 6 (16).
		{d("2026-01-15"), 15, d("2026-02-05"), "dan's ICPC record"},
		{d("2026-01-15"), 16, d("2026-02-06"), "dan's ICPC record, 16-day setting"},
	}
	for _, c := range cases {
		if got := cal.AddWorkingDays(c.start, c.n); got != c.want {
			t.Errorf("%s: %d working days after %s = %s, counted by hand as %s", c.sum, c.n, c.start, got, c.want)
		}
	}
}

// yearInput is a small authority over the year 2025-26. Every figure it gives
// is worked out by hand in TestYear.
func yearInput() Input {
	cp := func(id, child, start, end string, cat domain.AbuseCategory, strategy string) Plan {
		return Plan{ID: id, ChildID: child, Kind: domain.ChildProtectionPlan, StartsOn: date(start), EndsOn: date(end),
			Category: cat, StrategyDiscussionOn: date(strategy)}
	}
	care := func(id, child, start, end string) Plan {
		return Plan{ID: id, ChildID: child, Kind: domain.CarePlan, StartsOn: date(start), EndsOn: date(end)}
	}
	held := func(child string, kind domain.MeetingKind, heldOn, due string, code domain.ParticipationCode) Meeting {
		return Meeting{ChildID: child, Kind: kind, Status: domain.Held, HeldOn: date(heldOn), DueBy: date(due),
			ParticipationCode: code}
	}
	sent := func(m Meeting, outline, record string) Meeting {
		m.OutlineSentOn, m.RecordSentOn = date(outline), date(record)
		return m
	}
	// came marks a meeting the child attended; views one they sent their
	// views for.
	came := func(m Meeting) Meeting { m.ChildAttended = true; return m }
	views := func(m Meeting) Meeting { m.ViewsSent = true; return m }
	iro := func(staff, name, child, start, end string) Allocation {
		return Allocation{StaffID: staff, StaffName: name, ChildID: child, Kind: domain.AllocIRO,
			StartsOn: date(start), EndsOn: date(end)}
	}
	const (
		icpc = domain.InitialCPConference
		rcpc = domain.ReviewCPConference
		cic  = domain.CICReview
		lt   = domain.LightTouchReview
	)
	return Input{
		Children: []Child{
			{ID: "ava", DateOfBirth: d("2015-06-10")},
			{ID: "ben", DateOfBirth: d("2020-02-29")},
			{ID: "cal", ExpectedDateOfBirth: d("2026-04-20")}, // unborn
			{ID: "dan", DateOfBirth: d("2010-01-15")},
			{ID: "eve", DateOfBirth: d("2012-11-30")},
			{ID: "fay", DateOfBirth: d("2018-03-05")},
			{ID: "gus", DateOfBirth: d("2008-07-01")},
			{ID: "hal", DateOfBirth: d("2011-09-09")},
			{ID: "ivy", DateOfBirth: d("2013-04-04")},
			{ID: "jon", DateOfBirth: d("2025-01-20")},
			{ID: "kit", DateOfBirth: d("2014-08-08")},
			{ID: "lou", DateOfBirth: d("2009-12-12")},
			{ID: "max", DateOfBirth: d("2016-05-05")},
		},
		Plans: []Plan{
			cp("cp-ava-1", "ava", "2025-05-01", "2025-08-01", domain.Neglect, "2025-04-10"),
			cp("cp-ava-2", "ava", "2026-04-01", "", domain.Neglect, "2026-03-16"),
			cp("cp-ben", "ben", "2025-06-02", "", domain.Emotional, "2025-05-20"),
			cp("cp-cal", "cal", "2026-01-14", "", domain.Neglect, "2025-12-19"),
			cp("cp-dan-1", "dan", "2022-10-03", "2024-01-15", domain.Physical, ""),
			cp("cp-dan-2", "dan", "2026-01-15", "", domain.Physical, "2025-12-19"),
			cp("cp-eve-1", "eve", "2021-06-01", "2023-06-30", domain.Neglect, "2021-05-10"),
			cp("cp-eve-2", "eve", "2025-07-01", "2026-03-31", domain.Sexual, ""),
			cp("cp-jon", "jon", "2025-09-10", "", domain.Multiple, "2025-08-20"),
			cp("cp-fay", "fay", "2025-01-31", "2025-05-01", domain.Emotional, ""),
			cp("cp-kit", "kit", "2024-06-18", "2025-06-18", domain.Neglect, ""),
			cp("cp-lou", "lou", "2023-10-02", "2025-10-02", domain.Physical, ""),
			cp("cp-ivy", "ivy", "2024-10-01", "2025-03-31", domain.Emotional, ""),
			cp("cp-hal", "hal", "2022-05-01", "2025-05-01", domain.Neglect, ""),

			care("care-gus-1", "gus", "2019-05-01", "2025-07-01"),
			care("care-gus-2", "gus", "2025-10-01", ""),
			care("care-hal", "hal", "2025-04-01", ""),
			care("care-ivy", "ivy", "2024-02-10", ""),
			care("care-fay-1", "fay", "2025-11-03", "2025-12-01"),
			care("care-fay-2", "fay", "2026-01-05", "2026-03-31"),
			care("care-jon", "jon", "2026-02-16", ""),
			care("care-ava", "ava", "2023-01-09", "2025-03-31"),
			care("care-lou", "lou", "2026-04-01", ""),
		},
		Meetings: []Meeting{
			// Initial conferences.
			came(held("ava", icpc, "2025-05-01", "2025-05-06", "")),
			views(held("ben", icpc, "2025-06-02", "2025-06-11", "")),
			came(views(held("eve", icpc, "2025-07-01", "", ""))),
			held("jon", icpc, "2025-09-10", "2025-09-11", ""),
			sent(held("cal", icpc, "2026-01-14", "2026-01-14", ""), "2026-01-15", "2026-02-04"),
			sent(held("dan", icpc, "2026-01-15", "2026-01-14", ""), "2026-01-19", "2026-02-06"),
			// A cancelled meeting counts nowhere, even with a day and dates
			// sent filled in.
			{ChildID: "fay", Kind: icpc, Status: domain.Cancelled, HeldOn: d("2025-11-20"), DueBy: d("2025-11-20"),
				OutlineSentOn: d("2025-11-20"), RecordSentOn: d("2025-11-20"), ChildAttended: true, ViewsSent: true},
			came(held("ava", icpc, "2026-04-01", "2026-04-07", "")),
			// A conference that led to no plan (no further action): its
			// due date, from the strategy discussion, is on the meeting.
			came(held("max", icpc, "2025-11-03", "2025-11-05", "")),

			// Review conferences.
			came(sent(held("kit", rcpc, "2025-03-31", "2025-03-31", ""), "2025-04-01", "2025-04-01")),
			came(held("kit", rcpc, "2025-06-18", "2025-06-17", "")),
			held("ben", rcpc, "2025-09-02", "2025-09-02", ""),
			views(held("lou", rcpc, "2025-10-02", "2025-10-02", "")),
			held("jon", rcpc, "2025-12-09", "2025-12-10", ""),
			came(views(held("ben", rcpc, "2026-03-03", "2026-03-02", ""))),
			held("eve", rcpc, "2026-03-31", "", ""),
			{ChildID: "cal", Kind: rcpc, Status: domain.Scheduled, DueBy: d("2026-04-14")},

			// Child-in-care reviews.
			came(sent(held("ivy", cic, "2025-08-08", "2025-08-10", domain.PN1), "2025-08-11", "2025-08-29")),
			views(held("hal", cic, "2025-04-29", "2025-05-01", domain.PN6)),
			came(held("hal", cic, "2025-07-30", "2025-07-29", domain.PN4)),
			sent(held("gus", cic, "2025-06-05", "2025-06-01", domain.PN7), "", "2025-06-05"),
			held("jon", cic, "2026-03-16", "2026-03-16", domain.PN0),
			views(held("ivy", lt, "2026-02-09", "2026-02-10", "")),
			held("fay", cic, "2025-11-28", "2025-12-01", domain.PN5),
			{ChildID: "gus", Kind: cic, Status: domain.Postponed, HeldOn: d("2025-12-01"), DueBy: d("2025-12-01"),
				ParticipationCode: domain.PN1, ChildAttended: true},
			held("ivy", cic, "2025-03-20", "2025-03-25", domain.PN1),
			{ChildID: "hal", Kind: cic, Status: domain.Scheduled, DueBy: d("2026-01-29"), ParticipationCode: domain.PN2},

			// Core groups.
			came(sent(held("jon", domain.CoreGroup, "2025-12-24", "2025-12-24", ""), "2025-12-29", "2026-01-19")),
			held("jon", domain.CoreGroup, "2026-01-23", "2026-01-21", ""),
			{ChildID: "jon", Kind: domain.CoreGroup, Status: domain.Scheduled, DueBy: d("2026-02-20")},
		},
		Allocations: []Allocation{
			iro("iro-b", "Bea Jones", "gus", "2025-10-01", ""),
			iro("iro-b", "Bea Jones", "hal", "2025-04-01", ""),
			iro("iro-b", "Bea Jones", "ivy", "2024-02-10", ""),
			iro("iro-a", "Al Smith", "fay", "2025-11-03", "2025-12-01"),
			iro("iro-a", "Al Smith", "fay", "2026-01-05", "2026-03-31"),
			iro("iro-a", "Al Smith", "jon", "2026-04-01", ""),
			iro("iro-c", "Cy Brown", "gus", "2019-05-01", "2026-03-30"),
			{StaffID: "chair-x", StaffName: "Di Chair", ChildID: "ben", Kind: domain.AllocCPChair, StartsOn: d("2025-06-02")},
		},
		Alerts: []Alert{
			{Level: domain.InformalAlert, Reason: domain.DriftOrDelay, RaisedOn: d("2025-04-01"), RaisedBy: domain.RoleIRO,
				Stages: steps("INFORMAL 2025-04-01", "FORMAL_TEAM_MANAGER 2025-04-20", "FORMAL_HEAD_OF_SERVICE 2025-05-10")},
			{Level: domain.FormalEscalation, Reason: domain.CarePlanning, RaisedOn: d("2025-10-10"), RaisedBy: domain.RoleCPChair,
				Stages: steps("FORMAL_TEAM_MANAGER 2025-10-10", "FORMAL_HEAD_OF_SERVICE 2026-03-31", "FORMAL_DIRECTOR 2026-04-01")},
			// Recorded before stages were: at INFORMAL all along.
			{Level: domain.InformalAlert, Reason: domain.ReportNotReceived, RaisedOn: d("2026-03-31"), RaisedBy: domain.RoleIRO},
			{Level: domain.InformalAlert, Reason: domain.DriftOrDelay, RaisedOn: d("2025-03-31"), RaisedBy: domain.RoleIRO,
				Stages: steps("INFORMAL 2025-03-31", "FORMAL_TEAM_MANAGER 2025-06-01")},
			{Level: domain.FormalEscalation, Reason: domain.OtherReason, RaisedOn: d("2026-04-01"), RaisedBy: domain.RoleCPChair},
			{Level: domain.InformalAlert, Reason: domain.DriftOrDelay, RaisedOn: d("2025-12-01"), RaisedBy: domain.RoleCPChair,
				Stages: steps("INFORMAL 2025-12-01", "FORMAL_TEAM_MANAGER 2025-12-05", "FORMAL_HEAD_OF_SERVICE 2025-12-10",
					"FORMAL_DIRECTOR 2025-12-15", "CAFCASS_REFERRAL 2026-01-10")},
		},
		Staff:    []Staff{{ID: "iro-b", FullTimeEquivalent: 0.5}, {ID: "iro-c", FullTimeEquivalent: 0}},
		Settings: Settings{ChildPopulation: 20000, PN4CountsAsParticipation: true},
		// Worked out the day after the year: what is due after 1 Apr 2026
		// and not sent is not late yet.
		Today: d("2026-04-01"),
	}
}

// yearWant is every figure of yearInput with the authority's default
// settings, worked out by hand.
var yearWant = map[string]string{
	"From": "2025-04-01",
	"To":   "2026-03-31",

	// Held in the period: ava 1 May, ben 2 Jun, eve 1 Jul, jon 10 Sep,
	// max 3 Nov (no plan followed), cal 14 Jan, dan 15 Jan = 7. Not: fay's
	// (cancelled, though it carries a day), ava's second (1 Apr 2026, after
	// the period).
	"ChildProtection.InitialConferences": "7",
	// Held in the period: kit 18 Jun, ben 2 Sep, lou 2 Oct, jon 9 Dec,
	// ben 3 Mar, eve 31 Mar = 6. Not: kit 31 Mar 2025 (before), cal
	// (scheduled).
	"ChildProtection.ReviewConferences": "6",
	// No meeting of the year is for brothers and sisters together: each
	// conference is one child's (TestSittings counts sittings).
	"ChildProtection.InitialConferenceChildren": "7",
	"ChildProtection.ReviewConferenceChildren":  "6",
	// Started in the period: cp-ava-1 1 May, cp-ben 2 Jun, cp-eve-2 1 Jul,
	// cp-jon 10 Sep, cp-cal 14 Jan, cp-dan-2 15 Jan = 6. Not cp-ava-2
	// (1 Apr 2026).
	"ChildProtection.PlansStarted": "6",
	// Ended in the period: cp-fay 1 May, cp-hal 1 May, cp-kit 18 Jun,
	// cp-ava-1 1 Aug, cp-lou 2 Oct, cp-eve-2 31 Mar (the last day) = 6. Not
	// cp-ivy (ended 31 Mar 2025, the day before), nor cp-dan-1 or cp-eve-1
	// (years ago).
	"ChildProtection.PlansEnded": "6",
	// Open after 31 Mar 2026: ben, jon, cal, dan = 4. Not eve (ended on the
	// last day), ava (second plan starts the day after), ivy, fay, kit, lou.
	"ChildProtection.OnPlanAtEnd": "4",
	// 6 × 10,000 ÷ 20,000 = 3.0.
	"ChildProtection.StartedPer10000": "3.0",
	// 4 × 10,000 ÷ 20,000 = 2.0.
	"ChildProtection.OnPlanAtEndPer10000": "2.0",

	// cp-ava-1 1 May → 1 Aug: 3 months after 1 May is 1 Aug, not after it:
	// 3 months or less (exactly 3 months).
	"ChildProtection.LengthOnEnding.THREE_MONTHS_OR_LESS": "1",
	// cp-fay 31 Jan → 1 May: 3 months after 31 Jan is 30 Apr (April has no
	// 31st), so 1 May is 3 months and a day; 6 months after is 31 Jul.
	// (90 days after 31 Jan would be 1 May, so a day count gets this wrong.)
	"ChildProtection.LengthOnEnding.OVER_3_UP_TO_6_MONTHS": "1",
	// cp-eve-2 1 Jul 2025 → 31 Mar 2026: after 1 Jan 2026 (6 months) and
	// before 1 Jul 2026 (1 year).
	"ChildProtection.LengthOnEnding.OVER_6_MONTHS_UNDER_1_YEAR": "1",
	// cp-kit 18 Jun 2024 → 18 Jun 2025: exactly 1 year.
	"ChildProtection.LengthOnEnding.ONE_YEAR_UNDER_2_YEARS": "1",
	// cp-lou 2 Oct 2023 → 2 Oct 2025: exactly 2 years; cp-hal 1 May 2022 →
	// 1 May 2025: exactly 3 years.
	"ChildProtection.LengthOnEnding.TWO_YEARS_OR_MORE": "2",
	// The same with 2 years or more split at 3 years: cp-lou is 2 years but
	// under 3, cp-hal (exactly 3 years) 3 years or more.
	"ChildProtection.LengthOnEndingDetailed.THREE_MONTHS_OR_LESS":       "1",
	"ChildProtection.LengthOnEndingDetailed.OVER_3_UP_TO_6_MONTHS":      "1",
	"ChildProtection.LengthOnEndingDetailed.OVER_6_MONTHS_UNDER_1_YEAR": "1",
	"ChildProtection.LengthOnEndingDetailed.ONE_YEAR_UNDER_2_YEARS":     "1",
	"ChildProtection.LengthOnEndingDetailed.TWO_YEARS_UNDER_3_YEARS":    "1",
	"ChildProtection.LengthOnEndingDetailed.THREE_YEARS_OR_MORE":        "1",
	// CP plans open on some day of the year: ava (cp-ava-1), ben, cal,
	// dan (cp-dan-2), eve (cp-eve-2), jon, fay (to 1 May), kit (to 18 Jun),
	// lou (to 2 Oct), hal (to 1 May) = 10 children. Not ivy (ended 31 Mar
	// 2025), max (no plan).
	"ChildProtection.ChildrenDuring": "10",

	// cp-dan-2 starts 15 Jan 2026; 2 years before is 15 Jan 2024, the day
	// cp-dan-1 ended: a repeat. cp-eve-2 starts 1 Jul 2025; 2 years before
	// is 1 Jul 2023 and cp-eve-1 ended 30 Jun 2023, a day too early: not a
	// repeat. The other four have no earlier plan. 1 of 6 = 16.666… = 16.7%.
	"ChildProtection.RepeatWithinTwoYears": "1/6 = 16.7%",

	// Of the 6 started: NEGLECT ava-1, cal; EMOTIONAL ben; PHYSICAL dan-2;
	// SEXUAL eve-2; MULTIPLE jon.
	"ChildProtection.Categories.NEGLECT":      "2",
	"ChildProtection.Categories.EMOTIONAL":    "1",
	"ChildProtection.Categories.PHYSICAL":     "1",
	"ChildProtection.Categories.SEXUAL":       "1",
	"ChildProtection.Categories.MULTIPLE":     "1",
	"ChildProtection.Categories.NOT_RECORDED": "0",

	// cal has no date of birth on 14 Jan 2026: unborn.
	"ChildProtection.AgeAtStart.UNBORN": "1",
	// jon, born 20 Jan 2025, on 10 Sep 2025: 0.
	"ChildProtection.AgeAtStart.UNDER_1": "1",
	// ben, born 29 Feb 2020, on 2 Jun 2025: 5.
	"ChildProtection.AgeAtStart.AGE_1_TO_5": "1",
	// ava, born 10 Jun 2015, on 1 May 2025: 9 (her birthday is not yet).
	"ChildProtection.AgeAtStart.AGE_6_TO_10": "1",
	// eve, born 30 Nov 2012, on 1 Jul 2025: 12.
	"ChildProtection.AgeAtStart.AGE_11_TO_15": "1",
	// dan, born 15 Jan 2010, on 15 Jan 2026: 16 that very day.
	"ChildProtection.AgeAtStart.AGE_16_TO_17": "1",
	"ChildProtection.AgeAtStart.NOT_KNOWN":    "0",

	// The 6 initial conferences held, against the strategy discussion on
	// their plan (see TestHandArithmetic for the due days):
	//   ava held 1 May, discussion 10 Apr, due 6 May: in time. (cp-ava-2's
	//     discussion, 16 Mar 2026, is after the conference: not used.)
	//   ben held 2 Jun, discussion 20 May, due 11 Jun: in time.
	//   jon held 10 Sep, discussion 20 Aug, due 11 Sep: in time.
	//   cal held 14 Jan, discussion 19 Dec, due 14 Jan: in time (the last day).
	//   dan held 15 Jan, discussion 19 Dec, due 14 Jan: late by a day.
	//   max held 3 Nov with no plan: the conference's due date, 5 Nov: in
	//     time.
	//   eve: cp-eve-2 records no discussion; cp-eve-1's (10 May 2021) belongs
	//     to a plan that ended in 2023, and the conference has no due date:
	//     counted, not in time.
	// 5 of 7 = 71.428… = 71.4%.
	"ChildProtection.InitialConferencesInTime": "5/7 = 71.4%",
	// kit 18 Jun due 17 Jun late; ben 2 Sep due 2 Sep on time; lou 2 Oct due
	// 2 Oct on time; jon 9 Dec due 10 Dec on time; ben 3 Mar due 2 Mar late;
	// eve 31 Mar has no due date: left out. 3 of 5 = 60.0%.
	"ChildProtection.ReviewConferencesOnTime": "3/5 = 60.0%",
	// Core groups held: jon 24 Dec, jon 23 Jan = 2. Not the scheduled one.
	"ChildProtection.CoreGroups": "2",
	// 24 Dec due 24 Dec: on time; 23 Jan due 21 Jan: late. 1 of 2.
	"ChildProtection.CoreGroupsOnTime": "1/2 = 50.0%",
	// 24 Dec: record due 19 Jan, sent 19 Jan: on time. 23 Jan: due 15
	// working days after (13 Feb), not sent by 1 Apr: late. 1 of 2.
	"ChildProtection.CoreGroupRecordsOnTime": "1/2 = 50.0%",

	// Care plans open on some day of the year: gus (both), hal, ivy, fay
	// (both), jon = 5 children. Not ava (ended 31 Mar 2025), lou (starts
	// 1 Apr 2026).
	"InCare.During": "5",
	// Started in the year: care-gus-2 1 Oct, care-hal 1 Apr (the first day),
	// care-fay-1 3 Nov, care-fay-2 5 Jan, care-jon 16 Feb = 5 plans, 4
	// children (fay once).
	"InCare.Started": "4",
	// Ended in the year: care-gus-1 1 Jul, care-fay-1 1 Dec, care-fay-2
	// 31 Mar = 3 plans, 2 children. Not care-ava (31 Mar 2025).
	"InCare.Ended": "2",
	// Open after 31 Mar 2026: gus, hal, ivy, jon = 4. Not fay (ended on the
	// last day). Check: 2 in care before the year (gus, ivy) + 4 started −
	// 2 ended = 4.
	"InCare.AtEnd": "4",
	// Held in the year: ivy 8 Aug, hal 29 Apr, hal 30 Jul, gus 5 Jun,
	// jon 16 Mar, ivy (light touch) 9 Feb, fay 28 Nov = 7. Not: gus
	// (postponed), ivy 20 Mar 2025 (before), hal (scheduled).
	"InCare.Reviews": "7",
	// Each review is one child's: 7 meetings.
	"InCare.ReviewMeetings": "7",
	// On time: ivy 8 Aug ≤ 10 Aug, hal 29 Apr ≤ 1 May, jon 16 Mar ≤ 16 Mar,
	// ivy 9 Feb ≤ 10 Feb, fay 28 Nov ≤ 1 Dec = 5. Late: hal 30 Jul > 29 Jul,
	// gus 5 Jun > 1 Jun. 5 of 7 = 71.428… = 71.4%.
	"InCare.ReviewsOnTime": "5/7 = 71.4%",
	// ivy's of 9 Feb.
	"InCare.LightTouchReviews": "1",
	// 4 × 10,000 ÷ 20,000 = 2.0.
	"InCare.AtEndPer10000": "2.0",
	// The 4 who started, on their first day of care in the year: hal 1 Apr
	// 2025, born 9 Sep 2011: 13; gus 1 Oct 2025, born 1 Jul 2008: 17; fay
	// 3 Nov 2025 (not her second start, 5 Jan), born 5 Mar 2018: 7; jon
	// 16 Feb 2026, born 20 Jan 2025: 1.
	"InCare.AgeOnStarting.UNDER_1":         "0",
	"InCare.AgeOnStarting.AGE_1_TO_4":      "1",
	"InCare.AgeOnStarting.AGE_5_TO_9":      "1",
	"InCare.AgeOnStarting.AGE_10_TO_15":    "1",
	"InCare.AgeOnStarting.AGE_16_AND_OVER": "1",
	"InCare.AgeOnStarting.NOT_KNOWN":       "0",
	// In care at the end for 4 weeks by 31 Mar (from 3 Mar or before): gus,
	// hal, ivy, jon (from 16 Feb) = 4. Late reviews: hal's of 30 Jul (due
	// 29 Jul), and his review due 29 Jan, still only booked on 31 Mar;
	// gus's of 5 Jun (due 1 Jun), and his postponed one due 1 Dec. ivy's
	// (8 Aug, 9 Feb) and jon's (16 Mar) were all on time; ivy's of 20 Mar
	// 2025 is before the year. 2 of 4 = 50.0% — per review it is 71.4%.
	"InCare.ChildrenReviewedOnTime": "2/4 = 50.0%",
	// Codes of the 7: PN1, PN6, PN4, PN7, PN0, none, PN5. PN0 and none are
	// left out: 5 coded PN1–PN7. Took part (PN4 counted, the default): PN1,
	// PN6, PN4, PN5 = 4. 4 of 5 = 80.0%.
	"InCare.Participation": "4/5 = 80.0%",

	// No plan of the year records why it ended (TestEndReasonsByHand counts
	// coded ones): the 6 CP plans that ended (cp-fay, cp-hal, cp-kit,
	// cp-ava-1, cp-lou, cp-eve-2) and the 3 care plans (care-gus-1, care-fay-1,
	// care-fay-2) are not recorded.
	"ChildProtection.EndReasons.CAME_INTO_CARE":                "0",
	"ChildProtection.EndReasons.STEPPED_DOWN_TO_CHILD_IN_NEED": "0",
	"ChildProtection.EndReasons.NO_FURTHER_ACTION":             "0",
	"ChildProtection.EndReasons.MOVED_TO_ANOTHER_AUTHORITY":    "0",
	"ChildProtection.EndReasons.TURNED_18":                     "0",
	"ChildProtection.EndReasons.OTHER":                         "0",
	"ChildProtection.EndReasons.NOT_RECORDED":                  "6",
	"InCare.EndReasons.RETURNED_HOME":                          "0",
	"InCare.EndReasons.SPECIAL_GUARDIANSHIP":                   "0",
	"InCare.EndReasons.ADOPTION":                               "0",
	"InCare.EndReasons.TURNED_18":                              "0",
	"InCare.EndReasons.OTHER":                                  "0",
	"InCare.EndReasons.NOT_RECORDED":                           "3",

	// IRO allocations current on 31 Mar 2026: Bea Jones gus, hal, ivy = 3;
	// Al Smith fay (ends 31 Mar, current on its last day) = 1, not jon (from
	// 1 Apr) nor fay's first (ended 1 Dec); Cy Brown's ended 30 Mar: not
	// listed; Di Chair is a CP chair, not an IRO.
	// Bea works half time (range 25 to 35); Al's pattern is not listed:
	// full time (50 to 70).
	"Caseloads.iro-a": "Al Smith 1 fte 1.00 range 50.0-70.0 BELOW_RANGE UNDER_50",
	"Caseloads.iro-b": "Bea Jones 3 fte 0.50 range 25.0-35.0 BELOW_RANGE UNDER_50",
	// 4 children ÷ 2 IROs = 2.0; ÷ 1.5 full-time = 2.666… = 2.7.
	"AverageCaseload":            "2.0",
	"AverageCaseloadPerFullTime": "2.7",
	// IROs, full-time equivalents, children, average, average per full
	// time, at each month's end. April to September: Bea (0.5) hal and ivy,
	// Cy (1) gus: 3 children ÷ 2 = 1.5, ÷ 1.5 = 2.0. October adds gus to
	// Bea. November adds Al (1) with fay (3 Nov to 1 Dec): 5 ÷ 3 = 1.666…,
	// 5 ÷ 2.5 = 2.0. December: fay's first care ended. January and February:
	// Al has fay again. 31 March: Cy's ended 30 Mar.
	"CaseloadsByMonth.2025-04-30": "2 1.50 3 1.5 2.0",
	"CaseloadsByMonth.2025-05-31": "2 1.50 3 1.5 2.0",
	"CaseloadsByMonth.2025-06-30": "2 1.50 3 1.5 2.0",
	"CaseloadsByMonth.2025-07-31": "2 1.50 3 1.5 2.0",
	"CaseloadsByMonth.2025-08-31": "2 1.50 3 1.5 2.0",
	"CaseloadsByMonth.2025-09-30": "2 1.50 3 1.5 2.0",
	"CaseloadsByMonth.2025-10-31": "2 1.50 4 2.0 2.7",
	"CaseloadsByMonth.2025-11-30": "3 2.50 5 1.7 2.0",
	"CaseloadsByMonth.2025-12-31": "2 1.50 4 2.0 2.7",
	"CaseloadsByMonth.2026-01-31": "3 2.50 5 1.7 2.0",
	"CaseloadsByMonth.2026-02-28": "3 2.50 5 1.7 2.0",
	"CaseloadsByMonth.2026-03-31": "2 1.50 4 2.0 2.7",

	// Conferences and reviews held in the year: 7 initial + 6 review
	// conferences + 7 reviews = 20 (the core groups are counted apart).
	// Outlines due 1 working day after:
	//   cal held Wed 14 Jan, sent Thu 15 Jan: on time.
	//   ivy held Fri 8 Aug, due Mon 11 Aug, sent 11 Aug: on time.
	//   dan held Thu 15 Jan, due Fri 16 Jan, sent Mon 19 Jan: late.
	//   eve's held Tue 31 Mar is due Wed 1 Apr, today, and not sent: not
	//     yet due, left out.
	//   The other 16 have no date sent and were due before today: not on
	//   time. (kit's of 31 Mar 2025, sent 1 Apr, is before the year.)
	// 2 of 19 = 10.526… = 10.5%.
	"OutlinesOnTime": "2/19 = 10.5%",
	// Full records due 15 working days after:
	//   cal due 4 Feb, sent 4 Feb: on time.
	//   ivy due 1 Sep (Summer holiday skipped), sent 29 Aug: on time.
	//   gus held 5 Jun, sent the same day: on time.
	//   dan due 5 Feb, sent 6 Feb: late.
	//   Not yet due on 1 Apr and not sent, left out: eve's (31 Mar) and
	//     jon's review of Mon 16 Mar (due Wed 8 Apr: Good Friday 3 Apr and
	//     Easter Monday 6 Apr skipped).
	//   The other 14 are late.
	// 3 of 18 = 16.666… = 16.7%.
	"RecordsOnTime": "3/18 = 16.7%",

	// Raised in the year: 1 Apr (the first day), 10 Oct, 1 Dec, 31 Mar (the
	// last day) = 4. Not 31 Mar 2025 nor 1 Apr 2026.
	"Alerts.Total":                                   "4",
	"Alerts.ByLevel.INFORMAL_ALERT":                  "3",
	"Alerts.ByLevel.FORMAL_ESCALATION":               "1",
	"Alerts.ByReason.REPORT_NOT_RECEIVED":            "1",
	"Alerts.ByReason.CARE_PLANNING":                  "1",
	"Alerts.ByReason.DRIFT_OR_DELAY":                 "2",
	"Alerts.ByReason.VISITS_OR_CORE_GROUPS_NOT_HELD": "0",
	"Alerts.ByReason.OTHER":                          "0",
	// The furthest stage by 31 Mar: 1 Apr's reached the head of service
	// (10 May); 10 Oct's the head of service on 31 Mar, the last day (the
	// Director on 1 Apr is after the year); 1 Dec's CAFCASS (10 Jan);
	// 31 Mar's has no stages recorded and stays INFORMAL.
	"Alerts.ByStageReached.INFORMAL":               "1",
	"Alerts.ByStageReached.FORMAL_TEAM_MANAGER":    "0",
	"Alerts.ByStageReached.FORMAL_HEAD_OF_SERVICE": "2",
	"Alerts.ByStageReached.FORMAL_DIRECTOR":        "0",
	"Alerts.ByStageReached.CAFCASS_REFERRAL":       "1",
	// IROs raised 1 Apr's and 31 Mar's; CP Chairs 10 Oct's and 1 Dec's.
	"Alerts.ByRaiserRole.IRO":                                    "2",
	"Alerts.ByRaiserRole.CP_CHAIR":                               "2",
	"Alerts.ByReasonFromIROs.REPORT_NOT_RECEIVED":                "1",
	"Alerts.ByReasonFromIROs.CARE_PLANNING":                      "0",
	"Alerts.ByReasonFromIROs.DRIFT_OR_DELAY":                     "1",
	"Alerts.ByReasonFromIROs.VISITS_OR_CORE_GROUPS_NOT_HELD":     "0",
	"Alerts.ByReasonFromIROs.OTHER":                              "0",
	"Alerts.ByReasonFromCPChairs.REPORT_NOT_RECEIVED":            "0",
	"Alerts.ByReasonFromCPChairs.CARE_PLANNING":                  "1",
	"Alerts.ByReasonFromCPChairs.DRIFT_OR_DELAY":                 "1",
	"Alerts.ByReasonFromCPChairs.VISITS_OR_CORE_GROUPS_NOT_HELD": "0",
	"Alerts.ByReasonFromCPChairs.OTHER":                          "0",
	// Escalations dated in the year, whenever raised: 1 Apr's two (20 Apr,
	// 10 May); 10 Oct's one (31 Mar; not 1 Apr's); 31 Mar 2025's one
	// (1 Jun: raised before the year, escalated in it); 1 Dec's four = 8.
	"Alerts.Escalations": "8",
	// Team manager: 20 Apr, 1 Jun, 5 Dec; head of service: 10 May, 31 Mar,
	// 10 Dec; Director: 15 Dec; CAFCASS: 10 Jan.
	"Alerts.EscalationsByStage.FORMAL_TEAM_MANAGER":    "3",
	"Alerts.EscalationsByStage.FORMAL_HEAD_OF_SERVICE": "3",
	"Alerts.EscalationsByStage.FORMAL_DIRECTOR":        "1",
	"Alerts.EscalationsByStage.CAFCASS_REFERRAL":       "1",
	// IROs' alerts: 2 + 1; CP Chairs': 1 + 4.
	"Alerts.EscalationsByRaiserRole.IRO":      "3",
	"Alerts.EscalationsByRaiserRole.CP_CHAIR": "5",
	// No requests for an advocate in this set (TestAdvocacyTakeUp counts
	// them); the 12 children in care or on a plan during the year are still
	// the denominator.
	"Advocacy.Requests":           "0",
	"Advocacy.ChildrenAsking":     "0",
	"Advocacy.TakeUp":             "0/12 = 0.0%",
	"Advocacy.ByStatus.REQUESTED": "0",
	"Advocacy.ByStatus.ACCEPTED":  "0",
	"Advocacy.ByStatus.CONTACTED": "0",
	"Advocacy.ByStatus.CLOSED":    "0",

	// Each child's meeting held in the year, attended (as recorded) or
	// views sent for it; held, attended, sent views, took part:
	//   Initial conferences (the 7 held): ava attended, ben sent views, eve
	//     both, max attended; jon, cal (unborn) and dan neither. Not fay's
	//     (cancelled, though marked both) nor ava's second (1 Apr 2026).
	//     Took part: ava, ben, eve, max = 4 of 7 = 57.142… = 57.1%.
	//   Review conferences (the 6 held): kit attended (18 Jun; not his of
	//     31 Mar 2025, before the year), lou sent views, ben's of 3 Mar
	//     both; ben's of 2 Sep, jon's and eve's neither. 3 of 6 = 50.0%.
	//   Child-in-care reviews (the 6 full reviews): ivy 8 Aug attended,
	//     hal 29 Apr sent views, hal 30 Jul attended; gus (PN7), jon (PN0)
	//     and fay (PN5: an advocate told the meeting, which is not the child
	//     attending or sending views) neither; gus's postponed review,
	//     marked attended, is not held. 3 of 6 = 50.0%.
	//   Light-touch reviews: ivy's 9 Feb, views sent. 1 of 1 = 100.0%.
	// jon's core group, attended, is not a kind counted here.
	"ParticipationByMeetingKind.INITIAL_CP_CONFERENCE": "held 7 attended 3 views 2 took part 4/7 = 57.1%",
	"ParticipationByMeetingKind.REVIEW_CP_CONFERENCE":  "held 6 attended 2 views 2 took part 3/6 = 50.0%",
	"ParticipationByMeetingKind.CIC_REVIEW":            "held 6 attended 2 views 1 took part 3/6 = 50.0%",
	"ParticipationByMeetingKind.LIGHT_TOUCH_REVIEW":    "held 1 attended 0 views 1 took part 1/1 = 100.0%",

	// The 4 alerts raised in the year by the furthest stage reached
	// (byStageReached), then by reason in byReason's order: report not
	// received, care planning, drift or delay, visits or core groups, other.
	// INFORMAL: 31 Mar's (report not received). Head of service: 1 Apr's
	// (drift or delay) and 10 Oct's (care planning). CAFCASS: 1 Dec's (drift
	// or delay).
	"Alerts.ByStageReachedAndReason.INFORMAL":               "1 = 1+0+0+0+0",
	"Alerts.ByStageReachedAndReason.FORMAL_TEAM_MANAGER":    "0 = 0+0+0+0+0",
	"Alerts.ByStageReachedAndReason.FORMAL_HEAD_OF_SERVICE": "2 = 0+1+1+0+0",
	"Alerts.ByStageReachedAndReason.FORMAL_DIRECTOR":        "0 = 0+0+0+0+0",
	"Alerts.ByStageReachedAndReason.CAFCASS_REFERRAL":       "1 = 0+0+1+0+0",
}

func TestYear(t *testing.T) {
	cases := []struct {
		name     string
		settings func(*Settings)
		// today replaces the input's day the figures are worked out on
		// ("none" for the zero day).
		today string
		// changed lists the figures that differ from yearWant.
		changed map[string]string
	}{
		{name: "default settings", settings: func(*Settings) {}},
		{
			name:     "PN4 does not count as taking part",
			settings: func(s *Settings) { s.PN4CountsAsParticipation = false },
			// hal's PN4 review stays in the 5 coded but no longer took part:
			// PN1, PN6, PN5 = 3. 3 of 5 = 60.0%.
			changed: map[string]string{"InCare.Participation": "3/5 = 60.0%"},
		},
		{
			name:     "child population not known",
			settings: func(s *Settings) { s.ChildPopulation = 0 },
			changed: map[string]string{
				"ChildProtection.StartedPer10000":     "none",
				"ChildProtection.OnPlanAtEndPer10000": "none",
				"InCare.AtEndPer10000":                "none",
			},
		},
		{
			name:     "child population 30,000",
			settings: func(s *Settings) { s.ChildPopulation = 30000 },
			changed: map[string]string{
				// 6 × 10,000 ÷ 30,000 = 2.0; 4 × 10,000 ÷ 30,000 = 1.333… = 1.3.
				"ChildProtection.StartedPer10000":     "2.0",
				"ChildProtection.OnPlanAtEndPer10000": "1.3",
				"InCare.AtEndPer10000":                "1.3",
			},
		},
		{
			name: "outline within 3 working days, record within 16",
			settings: func(s *Settings) {
				s.OutlineWorkingDays = 3
				s.FullRecordWorkingDays = 16
			},
			changed: map[string]string{
				// dan's outline is now due Tue 20 Jan; sent Mon 19 Jan: on
				// time. eve's is due Tue 7 Apr (Easter skipped): still left
				// out. 3 of 19 = 15.789… = 15.8%.
				"OutlinesOnTime": "3/19 = 15.8%",
				// dan's record is now due Fri 6 Feb; sent 6 Feb: on time.
				// jon's and eve's are still not due. 4 of 18 = 22.2%.
				"RecordsOnTime": "4/18 = 22.2%",
				// jon's second core group record, due 16 Feb, still late.
			},
		},
		{
			name:     "worked out with no day: everything is due",
			settings: func(*Settings) {},
			today:    "none",
			changed: map[string]string{
				// eve's outline and record and jon's record count as late.
				"OutlinesOnTime": "2/20 = 10.0%",
				"RecordsOnTime":  "3/20 = 15.0%",
			},
		},
		{
			// Worked out on 20 Jan 2026, before the year is over: an unsent
			// outline or record due after that day is not late yet (the
			// records of meetings held later are taken as they are).
			// Per child nothing changes: hal's review due 29 Jan is not
			// late yet, but his of 30 Jul was.
			name:     "worked out mid-year",
			settings: func(*Settings) {},
			today:    "2026-01-20",
			changed: map[string]string{
				// Unsent outlines due after 20 Jan: ivy 9 Feb (due 10 Feb),
				// ben 3 Mar (4 Mar), jon 16 Mar (17 Mar), eve 31 Mar
				// (1 Apr) = 4 more left out: 2 of 16 = 12.5%.
				"OutlinesOnTime": "2/16 = 12.5%",
				// Left out: ivy, ben, jon, eve = 4 (and cal's and dan's
				// were sent): 3 of 16 = 18.75 = 18.8%.
				"RecordsOnTime": "3/16 = 18.8%",
				// jon's core group of 23 Jan: record due 13 Feb, not sent:
				// left out. 1 of 1.
				"ChildProtection.CoreGroupRecordsOnTime": "1/1 = 100.0%",
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := yearInput()
			c.settings(&in.Settings)
			switch c.today {
			case "":
			case "none":
				in.Today = ""
			default:
				in.Today = d(c.today)
			}
			want := maps(yearWant, c.changed)
			compare(t, flatten(Compute(cal, in, yearFrom, yearTo)), want)
		})
	}
}

func TestPlanLengthBands(t *testing.T) {
	cases := []struct {
		start, end string
		want       string
	}{
		{"2025-03-10", "2025-03-10", LengthUpTo3Months}, // ended the day it started
		{"2025-01-10", "2025-04-10", LengthUpTo3Months}, // exactly 3 months
		{"2025-01-10", "2025-04-11", LengthOver3UpTo6Months},
		{"2025-01-31", "2025-04-30", LengthUpTo3Months}, // 3 months after 31 Jan is 30 Apr
		{"2025-01-31", "2025-05-01", LengthOver3UpTo6Months},
		{"2024-11-30", "2025-02-28", LengthUpTo3Months}, // 3 months after 30 Nov is 28 Feb
		{"2024-11-30", "2025-03-01", LengthOver3UpTo6Months},
		{"2025-01-10", "2025-07-10", LengthOver3UpTo6Months}, // exactly 6 months
		{"2025-01-10", "2025-07-11", LengthOver6MonthsUnder1Year},
		{"2024-04-10", "2025-04-09", LengthOver6MonthsUnder1Year}, // a year less a day
		{"2024-04-10", "2025-04-10", Length1YearUnder2Years},      // exactly 1 year
		{"2024-02-29", "2025-02-27", LengthOver6MonthsUnder1Year},
		{"2024-02-29", "2025-02-28", Length1YearUnder2Years}, // 1 year after 29 Feb is 28 Feb
		{"2023-04-10", "2025-04-09", Length1YearUnder2Years}, // 2 years less a day
		{"2023-04-10", "2025-04-10", Length2YearsOrMore},     // exactly 2 years
		{"2019-04-10", "2025-04-10", Length2YearsOrMore},
	}
	for _, c := range cases {
		t.Run(c.start+" to "+c.end, func(t *testing.T) {
			in := Input{Plans: []Plan{{ChildID: "a", Kind: domain.ChildProtectionPlan, StartsOn: d(c.start), EndsOn: d(c.end)}}}
			got := Compute(cal, in, d("2025-01-01"), d("2025-12-31")).ChildProtection
			if got.PlansEnded != 1 {
				t.Fatalf("PlansEnded = %d, want 1", got.PlansEnded)
			}
			if band := only(got.LengthOnEnding); band != c.want {
				t.Errorf("band %s, want %s", band, c.want)
			}
		})
	}
}

func TestAgeBands(t *testing.T) {
	cases := []struct {
		name     string
		dob      string // "" for none
		start    string
		noRecord bool
		want     string
	}{
		{name: "no date of birth", dob: "", start: "2025-06-02", want: AgeUnborn},
		{name: "born after the plan started", dob: "2025-06-03", start: "2025-06-02", want: AgeUnborn},
		{name: "born the day the plan started", dob: "2025-06-02", start: "2025-06-02", want: AgeUnder1},
		{name: "the day before the first birthday", dob: "2024-06-03", start: "2025-06-02", want: AgeUnder1},
		{name: "first birthday", dob: "2024-06-02", start: "2025-06-02", want: Age1To5},
		{name: "the day before the sixth birthday", dob: "2019-06-03", start: "2025-06-02", want: Age1To5},
		{name: "sixth birthday", dob: "2019-06-02", start: "2025-06-02", want: Age6To10},
		// Born 29 Feb 2020: in 2026 the birthday is 1 March, so on 28 Feb the
		// child is still 5 and turns 6 on 1 Mar.
		{name: "leap-day birthday, 28 Feb", dob: "2020-02-29", start: "2026-02-28", want: Age1To5},
		{name: "leap-day birthday, 1 Mar", dob: "2020-02-29", start: "2026-03-01", want: Age6To10},
		// In a leap year the birthday is 29 Feb itself.
		{name: "leap-day birthday in a leap year", dob: "2020-02-29", start: "2028-02-29", want: Age6To10},
		{name: "leap-day birthday, 28 Feb of a leap year", dob: "2020-02-29", start: "2028-02-28", want: Age6To10}, // 7
		{name: "the day before the 11th birthday", dob: "2014-06-03", start: "2025-06-02", want: Age6To10},
		{name: "11th birthday", dob: "2014-06-02", start: "2025-06-02", want: Age11To15},
		{name: "the day before the 16th birthday", dob: "2009-06-03", start: "2025-06-02", want: Age11To15},
		{name: "16th birthday", dob: "2009-06-02", start: "2025-06-02", want: Age16To17},
		{name: "the day before the 18th birthday", dob: "2007-06-03", start: "2025-06-02", want: Age16To17},
		{name: "18th birthday", dob: "2007-06-02", start: "2025-06-02", want: AgeNotKnown},
		{name: "no record of the child", noRecord: true, start: "2025-06-02", want: AgeNotKnown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := Input{Plans: []Plan{{ChildID: "a", Kind: domain.ChildProtectionPlan, StartsOn: d(c.start)}}}
			if !c.noRecord {
				in.Children = []Child{{ID: "a", DateOfBirth: date(c.dob)}}
			}
			got := Compute(cal, in, d(c.start), d(c.start)).ChildProtection
			if band := only(got.AgeAtStart); band != c.want {
				t.Errorf("band %s, want %s", band, c.want)
			}
		})
	}
}

func TestRepeatPlans(t *testing.T) {
	cases := []struct {
		name    string
		earlier []Plan // the child's earlier plans; the new one starts on 1 Jun 2025
		repeat  bool
	}{
		{"no earlier plan", nil, false},
		// 2 years before 1 Jun 2025 is 1 Jun 2023.
		{"ended exactly 2 years before", []Plan{cpPlan("2021-01-01", "2023-06-01")}, true},
		{"ended 2 years and a day before", []Plan{cpPlan("2021-01-01", "2023-05-31")}, false},
		{"ended the day the new one started", []Plan{cpPlan("2024-01-01", "2025-06-01")}, true},
		{"ended the day before", []Plan{cpPlan("2024-01-01", "2025-05-31")}, true},
		{"earlier plan still open", []Plan{cpPlan("2024-01-01", "")}, false},
		{"earlier plan ended after the new one started", []Plan{cpPlan("2024-01-01", "2025-06-02")}, false},
		{"an old plan long ago and a recent one", []Plan{cpPlan("2015-01-01", "2016-01-01"), cpPlan("2023-07-01", "2024-01-01")}, true},
		{"only a care plan ended recently", []Plan{{ChildID: "a", Kind: domain.CarePlan, StartsOn: d("2024-01-01"), EndsOn: d("2025-01-01")}}, false},
		{"another child's plan ended recently", []Plan{{ChildID: "b", Kind: domain.ChildProtectionPlan, StartsOn: d("2024-01-01"), EndsOn: d("2025-01-01")}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plans := append(slices.Clone(c.earlier), cpPlan("2025-06-01", ""))
			got := Compute(cal, Input{Plans: plans}, d("2025-04-01"), d("2026-03-31")).ChildProtection.RepeatWithinTwoYears
			want := "0/1 = 0.0%"
			if c.repeat {
				want = "1/1 = 100.0%"
			}
			if s := showPercent(got); s != want {
				t.Errorf("RepeatWithinTwoYears = %s, want %s", s, want)
			}
		})
	}

	// Counted back from 28 Feb 2026, 2 years is 28 Feb 2024 (a leap year,
	// but not its 29th).
	t.Run("leap year", func(t *testing.T) {
		for end, want := range map[string]string{"2024-02-27": "0/1 = 0.0%", "2024-02-28": "1/1 = 100.0%"} {
			plans := []Plan{cpPlan("2023-01-01", end), cpPlan("2026-02-28", "")}
			got := Compute(cal, Input{Plans: plans}, d("2025-04-01"), d("2026-03-31")).ChildProtection.RepeatWithinTwoYears
			if s := showPercent(got); s != want {
				t.Errorf("earlier plan ended %s: %s, want %s", end, s, want)
			}
		}
	})
}

func TestInitialConferencesInTime(t *testing.T) {
	// The strategy discussion on Fri 19 Dec 2025 gives until Wed 14 Jan 2026
	// (TestHandArithmetic counts the 15 working days across Christmas,
	// Boxing Day, New Year's Day and three weekends).
	cases := []struct {
		name  string
		plans []Plan
		held  string
		want  string
		due   string // the conference's own due date, if any
	}{
		{"on the 15th working day", []Plan{strategyPlan("2025-12-19", "")}, "2026-01-14", "1/1 = 100.0%", ""},
		{"on the 16th working day", []Plan{strategyPlan("2025-12-19", "")}, "2026-01-15", "0/1 = 0.0%", ""},
		// 15 weekdays after 19 Dec, forgetting the bank holidays, is 9 Jan.
		{"after 15 weekdays but within 15 working days", []Plan{strategyPlan("2025-12-19", "")}, "2026-01-12", "1/1 = 100.0%", ""},
		{"the day of the discussion", []Plan{strategyPlan("2025-12-19", "")}, "2025-12-19", "1/1 = 100.0%", ""},
		// Every initial conference held is counted, whether or not it led
		// to a plan; with no day to measure it against it is not in time.
		{"no strategy discussion recorded", []Plan{strategyPlan("", "")}, "2026-01-14", "0/1 = 0.0%", ""},
		{"no plan at all", nil, "2026-01-14", "0/1 = 0.0%", ""},
		{"only an ended plan's discussion", []Plan{strategyPlan("2023-01-05", "2024-01-05")}, "2026-01-14", "0/1 = 0.0%", ""},
		{"the latest discussion before the conference", []Plan{strategyPlan("2023-01-05", "2024-01-05"), strategyPlan("2025-12-19", "")}, "2026-01-14", "1/1 = 100.0%", ""},
		{"a discussion after the conference", []Plan{strategyPlan("2026-02-02", "")}, "2026-01-14", "0/1 = 0.0%", ""},
		// Without a strategy discussion on a plan, the conference's own due
		// date (the strategy discussion's 15th working day) decides.
		{"no plan, held on its due date", nil, "2026-01-14", "1/1 = 100.0%", "2026-01-14"},
		{"no plan, held after its due date", nil, "2026-01-15", "0/1 = 0.0%", "2026-01-14"},
		// The plan's discussion wins over a due date booked wrongly.
		{"the plan's discussion over the due date", []Plan{strategyPlan("2025-12-19", "")}, "2026-01-15", "0/1 = 0.0%", "2026-01-20"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := Input{
				Plans:    c.plans,
				Meetings: []Meeting{{ChildID: "a", Kind: domain.InitialCPConference, Status: domain.Held, HeldOn: d(c.held), DueBy: date(c.due)}},
			}
			got := Compute(cal, in, d("2025-04-01"), d("2026-03-31")).ChildProtection
			if got.InitialConferences != 1 {
				t.Errorf("InitialConferences = %d, want 1", got.InitialConferences)
			}
			if s := showPercent(got.InitialConferencesInTime); s != c.want {
				t.Errorf("InitialConferencesInTime = %s, want %s", s, c.want)
			}
		})
	}
}

func TestParticipation(t *testing.T) {
	cases := []struct {
		name  string
		codes []domain.ParticipationCode
		pn4   bool
		want  string
	}{
		// PN1 and PN5 took part; PN4 took part too; PN7 did not; PN0 and
		// none left out. 3 of 4 = 75.0%.
		{"mixed, PN4 counted", []domain.ParticipationCode{"PN1", "PN4", "PN7", "PN0", "", "PN5"}, true, "3/4 = 75.0%"},
		// The same without PN4: 2 of 4 = 50.0% (PN4 stays in the 4).
		{"mixed, PN4 not counted", []domain.ParticipationCode{"PN1", "PN4", "PN7", "PN0", "", "PN5"}, false, "2/4 = 50.0%"},
		{"every code PN1 to PN6 takes part", []domain.ParticipationCode{"PN1", "PN2", "PN3", "PN4", "PN5", "PN6"}, true, "6/6 = 100.0%"},
		// 5 of 6 = 83.333… = 83.3%.
		{"PN1 to PN6, PN4 not counted", []domain.ParticipationCode{"PN1", "PN2", "PN3", "PN4", "PN5", "PN6"}, false, "5/6 = 83.3%"},
		{"only PN4, not counted", []domain.ParticipationCode{"PN4"}, false, "0/1 = 0.0%"},
		{"only PN0 and uncoded", []domain.ParticipationCode{"PN0", "", "PN0"}, true, "0/0 = none"},
		{"no reviews", nil, true, "0/0 = none"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := Input{Settings: Settings{PN4CountsAsParticipation: c.pn4}}
			for _, code := range c.codes {
				in.Meetings = append(in.Meetings, Meeting{ChildID: "a", Kind: domain.CICReview, Status: domain.Held,
					HeldOn: d("2025-06-02"), ParticipationCode: code})
			}
			// Neither a core group nor an unheld review counts, whatever
			// its code.
			in.Meetings = append(in.Meetings,
				Meeting{ChildID: "a", Kind: domain.CoreGroup, Status: domain.Held, HeldOn: d("2025-06-02"), ParticipationCode: domain.PN7},
				Meeting{ChildID: "a", Kind: domain.CICReview, Status: domain.Scheduled, DueBy: d("2025-06-02"), ParticipationCode: domain.PN7})
			got := Compute(cal, in, d("2025-04-01"), d("2026-03-31")).InCare
			if s := showPercent(got.Participation); s != c.want {
				t.Errorf("Participation = %s, want %s", s, c.want)
			}
			if got.Reviews != len(c.codes) {
				t.Errorf("Reviews = %d, want %d", got.Reviews, len(c.codes))
			}
		})
	}
}

func TestCaseloadBands(t *testing.T) {
	day := d("2026-03-31")
	staff := []struct {
		id, name string
		children int
		fte      float64 // as recorded; 0 not known
		want     CaseloadRange
	}{
		{"s49", "Ann", 49, 0, BelowRange},
		{"s50", "Bob", 50, 0, WithinRange},
		{"s70", "Cat", 70, 1, WithinRange},
		{"s71", "Dev", 71, 0, AboveRange},
		// At 0.6 of a full-time week the range is 30 to 42.
		{"p29", "Eli", 29, 0.6, BelowRange},
		{"p30", "Fin", 30, 0.6, WithinRange},
		{"p42", "Gil", 42, 0.6, WithinRange},
		{"p43", "Hal", 43, 0.6, AboveRange},
		// 0.55: 27.5 to 38.5, so 27 is below and 39 above.
		{"q27", "Ida", 27, 0.55, BelowRange},
		{"q39", "Jo", 39, 0.55, AboveRange},
		// More than full time is taken as full time.
		{"x60", "Kim", 60, 1.4, WithinRange},
		// 40 children: below a full-time IRO's range, above a half-time
		// one's (25 to 35); 30 is within the half-time range.
		{"f40", "Lee", 40, 1, BelowRange},
		{"h40", "Max", 40, 0.5, AboveRange},
		{"h30", "Ned", 30, 0.5, WithinRange},
	}
	var allocs []Allocation
	var pattern []Staff
	for _, s := range staff {
		pattern = append(pattern, Staff{ID: s.id, FullTimeEquivalent: s.fte})
		for i := range s.children {
			allocs = append(allocs, Allocation{StaffID: s.id, StaffName: s.name, ChildID: fmt.Sprintf("%s-%d", s.id, i),
				Kind: domain.AllocIRO, StartsOn: d("2025-01-01")})
		}
		// None of these adds a child: one ended the day before, one starts
		// the day after, one is a social worker's, and one repeats a child
		// already counted.
		allocs = append(allocs,
			Allocation{StaffID: s.id, StaffName: s.name, ChildID: s.id + "-ended", Kind: domain.AllocIRO, StartsOn: d("2025-01-01"), EndsOn: day.AddDays(-1)},
			Allocation{StaffID: s.id, StaffName: s.name, ChildID: s.id + "-later", Kind: domain.AllocIRO, StartsOn: day.AddDays(1)},
			Allocation{StaffID: s.id, StaffName: s.name, ChildID: s.id + "-sw", Kind: domain.AllocSocialWorker, StartsOn: d("2025-01-01")},
			Allocation{StaffID: s.id, StaffName: s.name, ChildID: s.id + "-0", Kind: domain.AllocIRO, StartsOn: d("2025-06-01")},
		)
	}
	slices.Reverse(allocs) // the order of the input must not matter

	got := Compute(cal, Input{Allocations: allocs, Staff: pattern}, d("2025-04-01"), day).Caseloads
	if len(got) != len(staff) {
		t.Fatalf("%d caseloads, want %d: %+v", len(got), len(staff), got)
	}
	oldNames := map[CaseloadRange][2]string{
		BelowRange:  {"UNDER_50", "UNDER_50"},
		WithinRange: {"FROM_50_TO_70", "WITHIN_50_TO_70"},
		AboveRange:  {"OVER_70", "OVER_70"},
	}
	for i, s := range staff { // by name, as listed
		fte := FullTime(s.fte)
		want := Caseload{StaffID: s.id, StaffName: s.name, Children: s.children, FullTimeEquivalent: fte,
			RangeFrom: math.Round(5000*fte) / 100, RangeTo: math.Round(7000*fte) / 100, Range: s.want, Band: CaseloadBand(oldNames[s.want][0])}
		if got[i] != want {
			t.Errorf("caseload %d = %+v, want %+v", i, got[i], want)
		}
		// iroCaseloads bands with the same function, in its own first names.
		c := CaseloadOf(s.children, s.fte)
		c.StaffID, c.StaffName = s.id, s.name
		if c != want || c.Range.CaseloadsBand() != oldNames[s.want][1] {
			t.Errorf("%s: CaseloadOf = %+v (%s), want %+v (%s)", s.name, c, c.Range.CaseloadsBand(), want, oldNames[s.want][1])
		}
	}
	labels := map[CaseloadBand]string{CaseloadUnder50: "under 50", CaseloadFrom50To70: "50 to 70", CaseloadOver70: "over 70"}
	for b, want := range labels {
		if b.Label() != want {
			t.Errorf("%s.Label() = %q, want %q", b, b.Label(), want)
		}
	}
}

func TestNothingToCount(t *testing.T) {
	t.Run("no records", func(t *testing.T) {
		got := flatten(Compute(cal, Input{}, yearFrom, yearTo))
		for key, v := range got {
			switch {
			case key == "From" || key == "To":
			case strings.HasSuffix(key, "Per10000"):
				if v != "none" {
					t.Errorf("%s = %s, want none (population not known)", key, v)
				}
			case strings.HasPrefix(key, "ParticipationByMeetingKind."):
				if v != "held 0 attended 0 views 0 took part 0/0 = none" {
					t.Errorf("%s = %s, want nothing held", key, v)
				}
			case strings.HasPrefix(key, "Alerts.ByStageReachedAndReason."):
				if v != "0 = 0+0+0+0+0" {
					t.Errorf("%s = %s, want 0 in every cell", key, v)
				}
			case strings.Contains(v, "/"):
				if v != "0/0 = none" {
					t.Errorf("%s = %s, want 0/0 = none", key, v)
				}
			case key == "AverageCaseload" || key == "AverageCaseloadPerFullTime":
				if v != "none" {
					t.Errorf("%s = %s, want none (no IROs)", key, v)
				}
			case strings.HasPrefix(key, "CaseloadsByMonth."):
				if v != "0 0.00 0 none none" {
					t.Errorf("%s = %s, want 0 IROs and no averages", key, v)
				}
			case v != "0":
				t.Errorf("%s = %s, want 0", key, v)
			}
		}
	})
	t.Run("population known, nothing started", func(t *testing.T) {
		got := Compute(cal, Input{Settings: Settings{ChildPopulation: 20000}}, yearFrom, yearTo).ChildProtection
		if showRate(got.StartedPer10000) != "0.0" || showRate(got.OnPlanAtEndPer10000) != "0.0" {
			t.Errorf("rates %s, %s; want 0.0, 0.0", showRate(got.StartedPer10000), showRate(got.OnPlanAtEndPer10000))
		}
	})
	t.Run("caseloads are an empty list", func(t *testing.T) {
		if got := Compute(cal, Input{}, yearFrom, yearTo).Caseloads; got == nil || len(got) != 0 {
			t.Errorf("Caseloads = %#v, want an empty, non-nil list", got)
		}
	})
}

func TestBreakdownRows(t *testing.T) {
	f := Compute(cal, Input{}, yearFrom, yearTo)
	cases := []struct {
		name string
		got  []Count
		want []string
	}{
		{"LengthOnEnding", f.ChildProtection.LengthOnEnding, []string{
			"THREE_MONTHS_OR_LESS 3 months or less", "OVER_3_UP_TO_6_MONTHS Over 3 months, up to 6 months",
			"OVER_6_MONTHS_UNDER_1_YEAR Over 6 months but under 1 year", "ONE_YEAR_UNDER_2_YEARS 1 year but under 2 years",
			"TWO_YEARS_OR_MORE 2 years or more"}},
		{"LengthOnEndingDetailed", f.ChildProtection.LengthOnEndingDetailed, []string{
			"THREE_MONTHS_OR_LESS 3 months or less", "OVER_3_UP_TO_6_MONTHS Over 3 months, up to 6 months",
			"OVER_6_MONTHS_UNDER_1_YEAR Over 6 months but under 1 year", "ONE_YEAR_UNDER_2_YEARS 1 year but under 2 years",
			"TWO_YEARS_UNDER_3_YEARS 2 years but under 3 years", "THREE_YEARS_OR_MORE 3 years or more"}},
		{"AgeOnStarting", f.InCare.AgeOnStarting, []string{
			"UNDER_1 Under 1", "AGE_1_TO_4 1 to 4", "AGE_5_TO_9 5 to 9", "AGE_10_TO_15 10 to 15",
			"AGE_16_AND_OVER 16 and over", "NOT_KNOWN Not known"}},
		{"AgeAtStart", f.ChildProtection.AgeAtStart, []string{
			"UNBORN Unborn", "UNDER_1 Under 1", "AGE_1_TO_5 1 to 5", "AGE_6_TO_10 6 to 10", "AGE_11_TO_15 11 to 15",
			"AGE_16_TO_17 16 to 17", "NOT_KNOWN Not known"}},
		{"Categories", f.ChildProtection.Categories, []string{
			"NEGLECT Neglect", "EMOTIONAL Emotional abuse", "PHYSICAL Physical abuse", "SEXUAL Sexual abuse",
			"MULTIPLE Multiple categories", "NOT_RECORDED Not recorded"}},
		{"CP EndReasons", f.ChildProtection.EndReasons, []string{
			"CAME_INTO_CARE Came into care", "STEPPED_DOWN_TO_CHILD_IN_NEED Moved to a child in need plan",
			"NO_FURTHER_ACTION No more plan needed", "MOVED_TO_ANOTHER_AUTHORITY Moved to live in another area",
			"TURNED_18 Turned 18", "OTHER Another reason", "NOT_RECORDED Not recorded"}},
		{"InCare EndReasons", f.InCare.EndReasons, []string{
			"RETURNED_HOME Went back home", "SPECIAL_GUARDIANSHIP Went to live with a special guardian",
			"ADOPTION Adopted", "TURNED_18 Turned 18", "OTHER Another reason", "NOT_RECORDED Not recorded"}},
		{"ByLevel", f.Alerts.ByLevel, []string{"INFORMAL_ALERT Informal alert", "FORMAL_ESCALATION Formal escalation"}},
		{"ByReason", f.Alerts.ByReason, []string{
			"REPORT_NOT_RECEIVED Report not received", "CARE_PLANNING Care planning", "DRIFT_OR_DELAY Drift or delay",
			"VISITS_OR_CORE_GROUPS_NOT_HELD Visits or core groups not held", "OTHER Other"}},
		{"ByStageReached", f.Alerts.ByStageReached, []string{"INFORMAL Informal", "FORMAL_TEAM_MANAGER Team manager (formal stage 1)",
			"FORMAL_HEAD_OF_SERVICE Head of service (formal stage 2)", "FORMAL_DIRECTOR Director (formal stage 3)",
			"CAFCASS_REFERRAL Referral to CAFCASS"}},
		{"EscalationsByStage", f.Alerts.EscalationsByStage, []string{"FORMAL_TEAM_MANAGER Team manager (formal stage 1)",
			"FORMAL_HEAD_OF_SERVICE Head of service (formal stage 2)", "FORMAL_DIRECTOR Director (formal stage 3)",
			"CAFCASS_REFERRAL Referral to CAFCASS"}},
		{"ByRaiserRole", f.Alerts.ByRaiserRole, []string{"IRO Independent Reviewing Officers", "CP_CHAIR Child Protection Conference Chairs"}},
	}
	// The two-way breakdown: its groups are byStageReached's rows, each
	// broken down in byReason's rows.
	for i, g := range f.Alerts.ByStageReachedAndReason {
		if r := f.Alerts.ByStageReached[i]; g.Key != r.Key || g.Label != r.Label || !slices.Equal(g.Counts, f.Alerts.ByReason) {
			t.Errorf("ByStageReachedAndReason group %d: %+v, want %s (%s) broken down as byReason", i, g, r.Key, r.Label)
		}
	}
	if len(f.Alerts.ByStageReachedAndReason) != len(f.Alerts.ByStageReached) {
		t.Errorf("ByStageReachedAndReason has %d groups, want %d", len(f.Alerts.ByStageReachedAndReason), len(f.Alerts.ByStageReached))
	}
	var kinds []string
	for _, k := range f.ParticipationByMeetingKind {
		kinds = append(kinds, string(k.Kind)+" "+k.Label)
	}
	if want := []string{"INITIAL_CP_CONFERENCE Initial child protection conferences", "REVIEW_CP_CONFERENCE Review child protection conferences",
		"CIC_REVIEW Child-in-care reviews", "LIGHT_TOUCH_REVIEW Light-touch reviews"}; !slices.Equal(kinds, want) {
		t.Errorf("ParticipationByMeetingKind rows:\n got %q\nwant %q", kinds, want)
	}
	for _, c := range cases {
		var got []string
		for _, r := range c.got {
			got = append(got, r.Key+" "+r.Label)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s rows:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestCategoryNotRecorded(t *testing.T) {
	in := Input{Plans: []Plan{
		{ChildID: "a", Kind: domain.ChildProtectionPlan, StartsOn: d("2025-06-02")},
		{ChildID: "b", Kind: domain.ChildProtectionPlan, StartsOn: d("2025-06-02"), Category: "SOMETHING_ELSE"},
		{ChildID: "c", Kind: domain.ChildProtectionPlan, StartsOn: d("2025-06-02"), Category: domain.Sexual},
		{ChildID: "d", Kind: domain.CarePlan, StartsOn: d("2025-06-02")}, // not a CP plan
	}}
	got := flatten(Compute(cal, in, yearFrom, yearTo))
	for key, want := range map[string]string{
		"ChildProtection.PlansStarted":            "3",
		"ChildProtection.Categories.NOT_RECORDED": "2",
		"ChildProtection.Categories.SEXUAL":       "1",
	} {
		if got[key] != want {
			t.Errorf("%s = %s, want %s", key, got[key], want)
		}
	}
}

// steps are an alert's stages, each "STAGE yyyy-mm-dd".
func steps(each ...string) []AlertStep {
	out := make([]AlertStep, len(each))
	for i, e := range each {
		stage, on, _ := strings.Cut(e, " ")
		out[i] = AlertStep{Stage: domain.AlertStage(stage), On: d(on)}
	}
	return out
}

// TestDefinitions checks that every figure has a definition and that no
// definition names a figure that does not exist.
func TestDefinitions(t *testing.T) {
	defs := Definitions()
	paths := fieldPaths(reflect.TypeOf(Figures{}), "")
	for _, p := range paths {
		if strings.TrimSpace(defs[p]) == "" {
			t.Errorf("no definition for %s", p)
		}
	}
	for k := range defs {
		if !slices.Contains(paths, k) {
			t.Errorf("definition for %s, which is not a figure", k)
		}
	}
	// A share, a rate or an average names what it divides by what.
	for _, p := range paths {
		if strings.HasSuffix(p, "OnTime") || strings.HasSuffix(p, "InTime") || strings.Contains(p, "Per10000") ||
			strings.Contains(p, "Average") || p == "ChildProtection.RepeatWithinTwoYears" || p == "InCare.Participation" || p == "ParticipationByMeetingKind" ||
			p == "CaseloadsByMonth" {
			if !strings.Contains(strings.ToLower(defs[p]), "numerator") || !strings.Contains(strings.ToLower(defs[p]), "denominator") {
				t.Errorf("%s: the definition names no numerator and denominator: %q", p, defs[p])
			}
		}
	}
	defs["From"] = "changed"
	if Definitions()["From"] == "changed" {
		t.Error("Definitions returns the package's own map")
	}
}

// --- helpers ---

// date is d, but "" is the zero date.
func date(s string) civil.Date {
	if s == "" {
		return ""
	}
	return d(s)
}

func cpPlan(start, end string) Plan {
	return Plan{ChildID: "a", Kind: domain.ChildProtectionPlan, StartsOn: d(start), EndsOn: date(end)}
}

// strategyPlan is a CP plan of child "a" with a strategy discussion on
// strategy, starting the day after it.
func strategyPlan(strategy, end string) Plan {
	p := Plan{ChildID: "a", Kind: domain.ChildProtectionPlan, StartsOn: d("2022-01-01"), EndsOn: date(end),
		StrategyDiscussionOn: date(strategy)}
	if strategy != "" {
		p.StartsOn = d(strategy).AddDays(1)
	}
	return p
}

// only returns the key of the one row counting 1, or a description of what
// was counted when that is not so.
func only(rows []Count) string {
	var hit []string
	for _, r := range rows {
		if r.Count != 0 {
			hit = append(hit, fmt.Sprintf("%s=%d", r.Key, r.Count))
		}
	}
	if len(hit) == 1 && strings.HasSuffix(hit[0], "=1") {
		return strings.TrimSuffix(hit[0], "=1")
	}
	return fmt.Sprintf("%v", hit)
}

func maps(base, changed map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range changed {
		out[k] = v
	}
	return out
}

func compare(t *testing.T, got, want map[string]string) {
	t.Helper()
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	for k := range want {
		if _, ok := got[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		g, gok := got[k]
		w, wok := want[k]
		switch {
		case !gok:
			t.Errorf("%s: missing, want %s", k, w)
		case !wok:
			t.Errorf("%s = %s, not expected", k, g)
		case g != w:
			t.Errorf("%s = %s, want %s", k, g, w)
		}
	}
}

var (
	percentType  = reflect.TypeOf(Percent{})
	countsType   = reflect.TypeOf([]Count{})
	caseloadType = reflect.TypeOf([]Caseload{})
	monthsType   = reflect.TypeOf([]MonthCaseloads{})
	kindsType    = reflect.TypeOf([]MeetingParticipation{})
	groupsType   = reflect.TypeOf([]CountGroup{})
	rateType     = reflect.TypeOf((*float64)(nil))
	dateType     = reflect.TypeOf(civil.Date(""))
)

// flatten writes every figure as "path = value" text, breakdowns one row
// each ("ChildProtection.Categories.NEGLECT"), caseloads one IRO each
// ("Caseloads.<staff id>").
func flatten(f Figures) map[string]string {
	out := map[string]string{}
	var walk func(prefix string, v reflect.Value)
	walk = func(prefix string, v reflect.Value) {
		switch v.Type() {
		case percentType:
			out[prefix] = showPercent(v.Interface().(Percent))
		case countsType:
			for _, c := range v.Interface().([]Count) {
				out[prefix+"."+c.Key] = strconv.Itoa(c.Count)
			}
		case caseloadType:
			for _, c := range v.Interface().([]Caseload) {
				out[prefix+"."+c.StaffID] = fmt.Sprintf("%s %d fte %.2f range %.1f-%.1f %s %s", c.StaffName, c.Children,
					c.FullTimeEquivalent, c.RangeFrom, c.RangeTo, c.Range, c.Band)
			}
		case monthsType:
			for _, m := range v.Interface().([]MonthCaseloads) {
				out[prefix+"."+m.On.String()] = fmt.Sprintf("%d %.2f %d %s %s", m.IROs, m.FullTimeEquivalent, m.Children,
					showRate(m.Average), showRate(m.AveragePerFullTime))
			}
		case kindsType:
			for _, k := range v.Interface().([]MeetingParticipation) {
				out[prefix+"."+string(k.Kind)] = fmt.Sprintf("held %d attended %d views %d took part %s", k.Held, k.Attended,
					k.SentViews, showPercent(k.TookPart))
			}
		case groupsType:
			for _, g := range v.Interface().([]CountGroup) {
				cells := make([]string, len(g.Counts))
				for i, c := range g.Counts {
					cells[i] = strconv.Itoa(c.Count)
				}
				out[prefix+"."+g.Key] = fmt.Sprintf("%d = %s", g.Count, strings.Join(cells, "+"))
			}
		case rateType:
			out[prefix] = showRate(v.Interface().(*float64))
		case dateType:
			out[prefix] = v.String()
		default:
			switch v.Kind() {
			case reflect.Int:
				out[prefix] = strconv.Itoa(int(v.Int()))
			case reflect.Struct:
				for i := range v.NumField() {
					walk(join(prefix, v.Type().Field(i).Name), v.Field(i))
				}
			default:
				panic("flatten: unexpected " + v.Type().String())
			}
		}
	}
	walk("", reflect.ValueOf(f))
	return out
}

// fieldPaths lists the figures of a Figures-like type: every field, going
// into the sections (ChildProtection, InCare, Alerts) but not into values.
func fieldPaths(t reflect.Type, prefix string) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		p := join(prefix, f.Name)
		if f.Type.Kind() == reflect.Struct && f.Type != percentType {
			out = append(out, fieldPaths(f.Type, p)...)
			continue
		}
		out = append(out, p)
	}
	return out
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

func showPercent(p Percent) string {
	if p.Percentage == nil {
		return fmt.Sprintf("%d/%d = none", p.Numerator, p.Denominator)
	}
	return fmt.Sprintf("%d/%d = %.1f%%", p.Numerator, p.Denominator, *p.Percentage)
}

func showRate(r *float64) string {
	if r == nil {
		return "none"
	}
	return fmt.Sprintf("%.1f", *r)
}

// TestRounding checks that percentages and rates are rounded to one decimal
// place, not merely shown so.
func TestRounding(t *testing.T) {
	// 1 ÷ 6 = 16.666…% → 16.7; 2 ÷ 3 = 66.666…% → 66.7; 1 ÷ 8 = 12.5% stays.
	for _, c := range []struct {
		num, den int
		want     float64
	}{{1, 6, 16.7}, {2, 3, 66.7}, {1, 8, 12.5}, {0, 5, 0}, {5, 5, 100}} {
		if p := percent(c.num, c.den); p.Percentage == nil || *p.Percentage != c.want {
			t.Errorf("percent(%d, %d) = %s, want %v", c.num, c.den, showPercent(p), c.want)
		}
	}
	// 4 × 10,000 ÷ 30,000 = 1.333… → 1.3; 7 × 10,000 ÷ 90,000 = 0.777… → 0.8.
	for _, c := range []struct {
		n, population int
		want          float64
	}{{4, 30000, 1.3}, {7, 90000, 0.8}} {
		if r := per10000(c.n, c.population); r == nil || *r != c.want {
			t.Errorf("per10000(%d, %d) = %s, want %v", c.n, c.population, showRate(r), c.want)
		}
	}
}

func TestPlanLengthThirdYear(t *testing.T) {
	for _, c := range []struct{ start, end, want string }{
		{"2023-04-10", "2025-04-09", Length1YearUnder2Years},
		{"2023-04-10", "2025-04-10", Length2YearsUnder3Years}, // exactly 2 years
		{"2022-04-10", "2025-04-09", Length2YearsUnder3Years}, // 3 years less a day
		{"2022-04-10", "2025-04-10", Length3YearsOrMore},      // exactly 3 years
		{"2022-02-28", "2025-02-27", Length2YearsUnder3Years},
		{"2022-02-28", "2025-02-28", Length3YearsOrMore},
		{"2015-01-01", "2025-04-10", Length3YearsOrMore},
	} {
		in := Input{Plans: []Plan{{ChildID: "a", Kind: domain.ChildProtectionPlan, StartsOn: d(c.start), EndsOn: d(c.end)}}}
		f := Compute(cal, in, d("2025-01-01"), d("2025-12-31")).ChildProtection
		if got := only(f.LengthOnEndingDetailed); got != c.want {
			t.Errorf("%s to %s: %s, want %s", c.start, c.end, got, c.want)
		}
		// The national bands keep 2 years or more together.
		if national := only(f.LengthOnEnding); (c.want == Length1YearUnder2Years) != (national == Length1YearUnder2Years) ||
			(c.want != Length1YearUnder2Years && national != Length2YearsOrMore) {
			t.Errorf("%s to %s: national band %s", c.start, c.end, national)
		}
	}
}

func TestAgeOnStartingCare(t *testing.T) {
	start := d("2025-09-01")
	for _, c := range []struct {
		name string
		dob  string // "" no date of birth; "-" no record of the child
		want string
	}{
		{"born that day", "2025-09-01", CareAgeUnder1},
		{"a day short of 1", "2024-09-02", CareAgeUnder1},
		{"1 that day", "2024-09-01", CareAge1To4},
		{"4", "2020-09-02", CareAge1To4},
		{"5 that day", "2020-09-01", CareAge5To9},
		{"9", "2015-09-02", CareAge5To9},
		{"10", "2015-09-01", CareAge10To15},
		{"15", "2009-09-02", CareAge10To15},
		{"16", "2009-09-01", CareAge16AndOver},
		{"17", "2008-01-01", CareAge16AndOver},
		{"no date of birth", "", AgeNotKnown},
		{"born after the day", "2025-10-01", AgeNotKnown},
		{"no record of the child", "-", AgeNotKnown},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Input{Plans: []Plan{
				{ChildID: "a", Kind: domain.CarePlan, StartsOn: start, EndsOn: d("2025-10-01")},
				// A second start in the period counts the child once, at the first.
				{ChildID: "a", Kind: domain.CarePlan, StartsOn: d("2026-02-01")},
				// A start before the period is not one.
				{ChildID: "a", Kind: domain.CarePlan, StartsOn: d("2020-01-01"), EndsOn: d("2021-01-01")},
			}}
			if c.dob != "-" {
				in.Children = []Child{{ID: "a", DateOfBirth: date(c.dob)}}
			}
			got := Compute(cal, in, yearFrom, yearTo).InCare
			if s := only(got.AgeOnStarting); s != c.want || got.Started != 1 {
				t.Errorf("AgeOnStarting = %s, Started = %d; want %s, 1", s, got.Started, c.want)
			}
		})
	}
}

func TestChildrenReviewedOnTime(t *testing.T) {
	inCare := func(start string) Plan { return Plan{ChildID: "a", Kind: domain.CarePlan, StartsOn: d(start)} }
	review := func(status domain.MeetingStatus, held, due string) Meeting {
		return Meeting{ChildID: "a", Kind: domain.CICReview, Status: status, HeldOn: date(held), DueBy: date(due)}
	}
	held := func(on, due string) Meeting { return review(domain.Held, on, due) }
	cases := []struct {
		name     string
		plans    []Plan
		meetings []Meeting
		today    string
		want     string
	}{
		{"all on time", []Plan{inCare("2024-01-01")},
			[]Meeting{held("2025-05-01", "2025-05-01"), held("2025-11-01", "2025-11-01")}, "", "1/1 = 100.0%"},
		{"one held late", []Plan{inCare("2024-01-01")},
			[]Meeting{held("2025-05-01", "2025-05-01"), held("2025-11-02", "2025-11-01")}, "", "0/1 = 0.0%"},
		// Due before the year, held late in it: late in the year.
		{"held in the year after a due date before it", []Plan{inCare("2024-01-01")},
			[]Meeting{held("2025-04-02", "2025-03-30")}, "", "0/1 = 0.0%"},
		// Held late before the year: not this year's.
		{"late before the year", []Plan{inCare("2024-01-01")},
			[]Meeting{held("2025-03-20", "2025-03-01")}, "", "1/1 = 100.0%"},
		{"booked, due in the year, not held", []Plan{inCare("2024-01-01")},
			[]Meeting{review(domain.Scheduled, "", "2026-02-01")}, "", "0/1 = 0.0%"},
		// The due day itself is not late: due on the last day, not held.
		{"due on the last day, not held", []Plan{inCare("2024-01-01")},
			[]Meeting{review(domain.Scheduled, "", "2026-03-31")}, "", "1/1 = 100.0%"},
		{"due after today, mid-year", []Plan{inCare("2024-01-01")},
			[]Meeting{review(domain.Scheduled, "", "2026-02-01")}, "2026-01-15", "1/1 = 100.0%"},
		{"due before today, mid-year", []Plan{inCare("2024-01-01")},
			[]Meeting{review(domain.Scheduled, "", "2026-01-10")}, "2026-01-15", "0/1 = 0.0%"},
		// A postponed meeting whose due date another review met.
		{"postponed, then held on time", []Plan{inCare("2024-01-01")},
			[]Meeting{review(domain.Postponed, "", "2025-10-01"), held("2025-09-30", "2025-10-01")}, "", "1/1 = 100.0%"},
		{"postponed, then held late", []Plan{inCare("2024-01-01")},
			[]Meeting{review(domain.Postponed, "", "2025-10-01"), held("2025-10-03", "2025-10-01")}, "", "0/1 = 0.0%"},
		{"cancelled", []Plan{inCare("2024-01-01")},
			[]Meeting{review(domain.Cancelled, "", "2025-10-01")}, "", "1/1 = 100.0%"},
		// A light-touch review counts like a full one; a core group not.
		{"light-touch review late", []Plan{inCare("2024-01-01")},
			[]Meeting{{ChildID: "a", Kind: domain.LightTouchReview, Status: domain.Held, HeldOn: d("2025-10-03"), DueBy: d("2025-10-01")}}, "", "0/1 = 0.0%"},
		{"a late core group", []Plan{inCare("2024-01-01")},
			[]Meeting{{ChildID: "a", Kind: domain.CoreGroup, Status: domain.Held, HeldOn: d("2025-10-03"), DueBy: d("2025-10-01")}}, "", "1/1 = 100.0%"},
		// In care for 4 weeks by the last day: from 3 Mar, not 4 Mar.
		{"in care from 3 Mar", []Plan{inCare("2026-03-03")}, nil, "", "1/1 = 100.0%"},
		{"in care from 4 Mar", []Plan{inCare("2026-03-04")}, nil, "", "0/0 = none"},
		{"left care on the last day", []Plan{{ChildID: "a", Kind: domain.CarePlan, StartsOn: d("2024-01-01"), EndsOn: d("2026-03-31")}},
			nil, "", "0/0 = none"},
		{"no reviews at all", []Plan{inCare("2024-01-01")}, nil, "", "1/1 = 100.0%"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := Input{Plans: c.plans, Meetings: c.meetings, Today: date(c.today)}
			if s := showPercent(Compute(cal, in, yearFrom, yearTo).InCare.ChildrenReviewedOnTime); s != c.want {
				t.Errorf("ChildrenReviewedOnTime = %s, want %s", s, c.want)
			}
		})
	}
}

func TestMonthEnds(t *testing.T) {
	for _, c := range []struct {
		from, to string
		want     []string
	}{
		{"2024-01-15", "2024-03-10", []string{"2024-01-31", "2024-02-29", "2024-03-10"}},
		{"2025-12-01", "2026-01-31", []string{"2025-12-31", "2026-01-31"}},
		{"2025-06-30", "2025-06-30", []string{"2025-06-30"}},
		{"2025-06-30", "2025-07-01", []string{"2025-06-30", "2025-07-01"}},
	} {
		var got []string
		for _, day := range monthEnds(period{d(c.from), d(c.to)}) {
			got = append(got, day.String())
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s to %s: %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

func TestSentNotYetDue(t *testing.T) {
	// Held Thu 15 Jan 2026: the outline is due Fri 16 Jan, the record Thu
	// 5 Feb (TestHandArithmetic).
	m := Meeting{ChildID: "a", Kind: domain.CICReview, Status: domain.Held, HeldOn: d("2026-01-15")}
	for _, c := range []struct {
		today, outlineSent, recordSent string
		outline, record                string
	}{
		{"2026-01-15", "", "", "0/0 = none", "0/0 = none"},             // neither due yet
		{"2026-01-16", "", "", "0/0 = none", "0/0 = none"},             // the due day is not late
		{"2026-01-19", "", "", "0/1 = 0.0%", "0/0 = none"},             // the outline is late
		{"2026-01-19", "2026-01-16", "", "1/1 = 100.0%", "0/0 = none"}, // sent on time
		{"2026-01-19", "", "2026-01-19", "0/1 = 0.0%", "1/1 = 100.0%"}, // a record sent early counts
		{"2026-02-06", "", "", "0/1 = 0.0%", "0/1 = 0.0%"},
		{"", "", "", "0/1 = 0.0%", "0/1 = 0.0%"}, // no day: everything due
	} {
		mm := m
		mm.OutlineSentOn, mm.RecordSentOn = date(c.outlineSent), date(c.recordSent)
		f := Compute(cal, Input{Meetings: []Meeting{mm}, Today: date(c.today)}, yearFrom, yearTo)
		if o, r := showPercent(f.OutlinesOnTime), showPercent(f.RecordsOnTime); o != c.outline || r != c.record {
			t.Errorf("today %q: outlines %s, records %s; want %s, %s", c.today, o, r, c.outline, c.record)
		}
	}
}

// TestSittings: a conference for brothers and sisters together (a sitting:
// one record per child with one sitting id) counts once as a meeting and
// once per child for children; timeliness is each child's.
func TestSittings(t *testing.T) {
	in := Input{
		Plans: []Plan{strategyPlan("2025-04-10", ""), // a's: 15 working days end 2 May
			{ChildID: "b", Kind: domain.ChildProtectionPlan, StartsOn: d("2025-05-01"), StrategyDiscussionOn: d("2025-03-20")}},
		Meetings: []Meeting{
			// Sitting s1: a's and b's initial conference on 1 May 2025. In
			// time for a (due 2 May), late for b (due 10 Apr). a attended;
			// b did not, but sent views for their own meeting.
			{ChildID: "a", Kind: domain.InitialCPConference, Status: domain.Held, HeldOn: d("2025-05-01"), SittingID: "s1",
				ChildAttended: true},
			{ChildID: "b", Kind: domain.InitialCPConference, Status: domain.Held, HeldOn: d("2025-05-01"), SittingID: "s1",
				ViewsSent: true},
			// c's initial conference on their own, with no day to measure
			// it against: not in time.
			{ChildID: "c", Kind: domain.InitialCPConference, Status: domain.Held, HeldOn: d("2025-06-01")},
			// Sitting s2: d's held, e's cancelled: one meeting, one child.
			{ChildID: "d", Kind: domain.InitialCPConference, Status: domain.Held, HeldOn: d("2025-07-01"), DueBy: d("2025-07-01"), SittingID: "s2"},
			{ChildID: "e", Kind: domain.InitialCPConference, Status: domain.Cancelled, HeldOn: d("2025-07-01"), SittingID: "s2"},
			// Sitting s3: a's, b's and c's review conference on 1 Aug, due
			// 1 Aug for a and b, 31 Jul for c. Only a attended.
			{ChildID: "a", Kind: domain.ReviewCPConference, Status: domain.Held, HeldOn: d("2025-08-01"), DueBy: d("2025-08-01"), SittingID: "s3",
				ChildAttended: true},
			{ChildID: "b", Kind: domain.ReviewCPConference, Status: domain.Held, HeldOn: d("2025-08-01"), DueBy: d("2025-08-01"), SittingID: "s3"},
			{ChildID: "c", Kind: domain.ReviewCPConference, Status: domain.Held, HeldOn: d("2025-08-01"), DueBy: d("2025-07-31"), SittingID: "s3"},
			// Sitting s4: f's and g's child-in-care review, and s5, booked
			// for after the year: not counted.
			{ChildID: "f", Kind: domain.CICReview, Status: domain.Held, HeldOn: d("2025-09-01"), SittingID: "s4"},
			{ChildID: "g", Kind: domain.CICReview, Status: domain.Held, HeldOn: d("2025-09-01"), SittingID: "s4"},
			{ChildID: "f", Kind: domain.CICReview, Status: domain.Scheduled, SittingID: "s5"},
			{ChildID: "g", Kind: domain.CICReview, Status: domain.Scheduled, SittingID: "s5"},
		},
	}
	in.Plans[0].ChildID = "a"
	f := Compute(cal, in, d("2025-04-01"), d("2026-03-31"))
	cp, ic := f.ChildProtection, f.InCare
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"InitialConferences (s1, c's, s2)", cp.InitialConferences, 3},
		{"InitialConferenceChildren (a, b, c, d)", cp.InitialConferenceChildren, 4},
		{"ReviewConferences (s3)", cp.ReviewConferences, 1},
		{"ReviewConferenceChildren (a, b, c)", cp.ReviewConferenceChildren, 3},
		{"InCare.ReviewMeetings (s4)", ic.ReviewMeetings, 1},
		{"InCare.Reviews (f, g)", ic.Reviews, 2},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	// In time: a (1 May ≤ 2 May), d (1 Jul ≤ its due date 1 Jul); not b
	// (due 10 Apr), nor c (no day): 2 of the 4 children.
	if s := showPercent(cp.InitialConferencesInTime); s != "2/4 = 50.0%" {
		t.Errorf("InitialConferencesInTime = %s, want 2/4 = 50.0%%", s)
	}
	// On time: a and b; c was due the day before: 2 of 3.
	if s := showPercent(cp.ReviewConferencesOnTime); s != "2/3 = 66.7%" {
		t.Errorf("ReviewConferencesOnTime = %s, want 2/3 = 66.7%%", s)
	}
	// Participation is each child's: a sitting counts for each of its
	// children, by their own attendance and views. Initial conferences: a
	// (attended) and b (views) of s1, c's and d's of s2 (neither) = 2 of 4.
	// Review conferences: of s3's a, b and c only a attended = 1 of 3.
	// Child-in-care reviews: f and g of s4, neither = 0 of 2.
	got := map[domain.MeetingKind]string{}
	for _, k := range f.ParticipationByMeetingKind {
		got[k.Kind] = fmt.Sprintf("%d %d %s", k.Attended, k.SentViews, showPercent(k.TookPart))
	}
	for kind, want := range map[domain.MeetingKind]string{
		domain.InitialCPConference: "1 1 2/4 = 50.0%",
		domain.ReviewCPConference:  "1 0 1/3 = 33.3%",
		domain.CICReview:           "0 0 0/2 = 0.0%",
		domain.LightTouchReview:    "0 0 0/0 = none",
	} {
		if got[kind] != want {
			t.Errorf("ParticipationByMeetingKind %s = %s, want %s", kind, got[kind], want)
		}
	}
}
