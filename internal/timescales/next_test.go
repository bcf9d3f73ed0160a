package timescales

import (
	"slices"
	"testing"
)

// Meeting builders keep the scenarios short.
func heldOn(id string, kind MeetingKind, day string) Meeting {
	return Meeting{ID: id, Kind: kind, Status: Held, Held: d(day), Scheduled: d(day)}
}

func booked(id string, kind MeetingKind, day string) Meeting {
	return Meeting{ID: id, Kind: kind, Status: Scheduled, Scheduled: d(day)}
}

func withStatus(m Meeting, s MeetingStatus) Meeting { m.Status = s; return m }

func broughtForwardTo(m Meeting, day string) Meeting { m.BroughtForwardTo = d(day); return m }

// due builds an expected Due whose date is statutory (not brought forward).
func due(kind MeetingKind, by string, overdue bool, meetingID string) Due {
	return Due{Kind: kind, DueBy: d(by), Statutory: d(by), Overdue: overdue, MeetingID: meetingID}
}

func TestNextDue(t *testing.T) {
	// In care from Monday 6 January 2025: first review due 3 February
	// (20 working days = four whole weeks). First held 31 January → second
	// due 30 April (31 Jan + 3 months, April has 30 days). Second held 30
	// April → third due 30 October.
	const lac = "2025-01-06"
	first := heldOn("r1", CICReview, "2025-01-31")
	second := heldOn("r2", CICReview, "2025-04-30")

	// Strategy discussion Wednesday 2 April 2025: initial conference due 25
	// April (15 working days over Easter). Initial held 24 April → first
	// review conference due 24 July, first core group due 9 May:
	// Apr 25(1) 28,29,30(4) May 1,2(6) [5 Early May] 6–9(10).
	const sd = "2025-04-02"
	icpc := heldOn("c1", InitialConference, "2025-04-24")

	tests := []struct {
		name  string
		c     Case
		today string
		want  []Due
	}{
		{"neither in care nor on a plan", Case{}, "2025-01-20", []Due{}},

		// Child-in-care reviews.
		{"first review not yet due", Case{BecameLookedAfter: d(lac)}, "2025-01-20",
			[]Due{due(CICReview, "2025-02-03", false, "")}},
		{"first review on its due day is not overdue", Case{BecameLookedAfter: d(lac)}, "2025-02-03",
			[]Due{due(CICReview, "2025-02-03", false, "")}},
		{"first review unheld and overdue stays next", Case{BecameLookedAfter: d(lac)}, "2025-06-01",
			[]Due{due(CICReview, "2025-02-03", true, "")}},
		{"first review scheduled", Case{BecameLookedAfter: d(lac), Meetings: []Meeting{
			booked("r1", CICReview, "2025-01-30")}}, "2025-01-20",
			[]Due{due(CICReview, "2025-02-03", false, "r1")}},
		{"a review from an earlier period in care is ignored", Case{BecameLookedAfter: d(lac), Meetings: []Meeting{
			heldOn("old", CICReview, "2024-06-01")}}, "2025-01-20",
			[]Due{due(CICReview, "2025-02-03", false, "")}},
		{"held with no held date does not count", Case{BecameLookedAfter: d(lac), Meetings: []Meeting{
			{ID: "r1", Kind: CICReview, Status: Held, Scheduled: d("2025-01-30")}}}, "2025-01-20",
			[]Due{due(CICReview, "2025-02-03", false, "")}},
		{"second review 3 months after the first was held", Case{BecameLookedAfter: d(lac), Meetings: []Meeting{
			first}}, "2025-02-10",
			[]Due{due(CICReview, "2025-04-30", false, "")}},
		{"cancelled and postponed do not move the track", Case{BecameLookedAfter: d(lac), Meetings: []Meeting{
			first,
			withStatus(booked("r2", CICReview, "2025-04-28"), Cancelled),
			withStatus(booked("r3", CICReview, "2025-04-29"), Postponed)}}, "2025-05-10",
			[]Due{due(CICReview, "2025-04-30", true, "")}},
		{"the earliest scheduled meeting satisfies the due one", Case{BecameLookedAfter: d(lac), Meetings: []Meeting{
			first, booked("late", CICReview, "2025-04-25"), booked("soon", CICReview, "2025-04-10")}}, "2025-02-10",
			[]Due{due(CICReview, "2025-04-30", false, "soon")}},
		{"a scheduled meeting booked before the last held one is stale", Case{BecameLookedAfter: d(lac), Meetings: []Meeting{
			booked("stale", CICReview, "2025-01-29"), first}}, "2025-02-10",
			[]Due{due(CICReview, "2025-04-30", false, "")}},
		{"later reviews 6 months after the previous was held", Case{BecameLookedAfter: d(lac), Meetings: []Meeting{
			second, first}}, "2025-05-01", // any order
			[]Due{due(CICReview, "2025-10-30", false, "")}},
		{"brought forward replaces the due date", Case{BecameLookedAfter: d(lac), Meetings: []Meeting{
			first, second, broughtForwardTo(booked("r3", CICReview, "2025-08-05"), "2025-08-01")}}, "2025-08-02",
			[]Due{{Kind: CICReview, DueBy: d("2025-08-01"), Statutory: d("2025-10-30"), Overdue: true, MeetingID: "r3"}}},
		{"brought forward to a later date is ignored", Case{BecameLookedAfter: d(lac), Meetings: []Meeting{
			first, second, broughtForwardTo(booked("r3", CICReview, "2025-11-20"), "2025-11-15")}}, "2025-08-02",
			[]Due{due(CICReview, "2025-10-30", false, "r3")}},
		{"brought forward on a cancelled meeting is ignored", Case{BecameLookedAfter: d(lac), Meetings: []Meeting{
			first, second, withStatus(broughtForwardTo(booked("r3", CICReview, "2025-08-05"), "2025-08-01"), Cancelled)}}, "2025-08-02",
			[]Due{due(CICReview, "2025-10-30", false, "")}},

		// Lighter-touch arrangement.
		{"lighter-touch: the second review is always full", Case{BecameLookedAfter: d(lac), LighterTouch: true, Meetings: []Meeting{
			first}}, "2025-02-10",
			[]Due{due(CICReview, "2025-04-30", false, "")}},
		{"lighter-touch: light-touch review 6 months after a full one", Case{BecameLookedAfter: d(lac), LighterTouch: true, Meetings: []Meeting{
			first, second}}, "2025-05-01",
			[]Due{due(LightTouchReview, "2025-10-30", false, "")}},
		{"lighter-touch: unheld light-touch review goes overdue", Case{BecameLookedAfter: d(lac), LighterTouch: true, Meetings: []Meeting{
			first, second}}, "2025-11-01",
			[]Due{due(LightTouchReview, "2025-10-30", true, "")}},
		{"lighter-touch: full review a year after the last full one", Case{BecameLookedAfter: d(lac), LighterTouch: true, Meetings: []Meeting{
			first, second, heldOn("lt1", LightTouchReview, "2025-10-20")}}, "2025-11-01",
			// 30 Apr 2025 + 12 months, not 20 Oct + 6 months (20 Apr).
			[]Due{due(CICReview, "2026-04-30", false, "")}},
		{"lighter-touch: the cycle repeats", Case{BecameLookedAfter: d(lac), LighterTouch: true, Meetings: []Meeting{
			first, second, heldOn("lt1", LightTouchReview, "2025-10-20"), heldOn("r4", CICReview, "2026-04-28")}}, "2026-05-01",
			[]Due{due(LightTouchReview, "2026-10-28", false, "")}},
		{"lighter-touch: a full review instead of a light-touch one restarts the year", Case{BecameLookedAfter: d(lac), LighterTouch: true, Meetings: []Meeting{
			first, second, heldOn("r3", CICReview, "2025-09-15")}}, "2025-10-01",
			[]Due{due(LightTouchReview, "2026-03-15", false, "")}},
		{"lighter-touch: a scheduled full review satisfies a light-touch one", Case{BecameLookedAfter: d(lac), LighterTouch: true, Meetings: []Meeting{
			first, second, booked("r3", CICReview, "2025-10-01")}}, "2025-05-01",
			[]Due{due(LightTouchReview, "2025-10-30", false, "r3")}},
		{"lighter-touch: a scheduled light-touch review does not satisfy a full one", Case{BecameLookedAfter: d(lac), LighterTouch: true, Meetings: []Meeting{
			first, second, heldOn("lt1", LightTouchReview, "2025-10-20"), booked("lt2", LightTouchReview, "2026-04-01")}}, "2025-11-01",
			[]Due{due(CICReview, "2026-04-30", false, "")}},
		{"arrangement ended: 6 months after the light-touch review", Case{BecameLookedAfter: d(lac), Meetings: []Meeting{
			first, second, heldOn("lt1", LightTouchReview, "2025-10-20")}}, "2025-11-01",
			[]Due{due(CICReview, "2026-04-20", false, "")}},

		// Child protection conferences and core groups.
		{"initial conference due; no core group clock yet", Case{StrategyDiscussion: d(sd)}, "2025-04-10",
			[]Due{due(InitialConference, "2025-04-25", false, "")}},
		{"initial conference unheld and overdue stays next", Case{StrategyDiscussion: d(sd), Meetings: []Meeting{
			booked("c1", InitialConference, "2025-04-30")}}, "2025-04-28",
			[]Due{due(InitialConference, "2025-04-25", true, "c1")}},
		{"a conference before the strategy discussion is ignored", Case{StrategyDiscussion: d(sd), Meetings: []Meeting{
			heldOn("old", ReviewConference, "2024-10-01")}}, "2025-04-10",
			[]Due{due(InitialConference, "2025-04-25", false, "")}},
		{"after the initial conference: core group, then review conference", Case{StrategyDiscussion: d(sd), Meetings: []Meeting{
			icpc}}, "2025-04-25",
			[]Due{due(CoreGroup, "2025-05-09", false, ""), due(ReviewConference, "2025-07-24", false, "")}},
		{"the first conference held counts as the initial one whatever its kind", Case{StrategyDiscussion: d(sd), Meetings: []Meeting{
			heldOn("c1", ReviewConference, "2025-04-24")}}, "2025-04-25",
			[]Due{due(CoreGroup, "2025-05-09", false, ""), due(ReviewConference, "2025-07-24", false, "")}},
		{"later review conferences 6 months after the previous", Case{StrategyDiscussion: d(sd), Meetings: []Meeting{
			icpc, heldOn("c2", ReviewConference, "2025-07-22"), heldOn("g1", CoreGroup, "2025-08-01")}}, "2025-08-02",
			// 1 Aug + 4 weeks = 29 Aug; 22 Jul + 6 months = 22 Jan.
			[]Due{due(CoreGroup, "2025-08-29", false, ""), due(ReviewConference, "2026-01-22", false, "")}},
		{"first core group unheld and overdue stays next", Case{StrategyDiscussion: d(sd), Meetings: []Meeting{
			icpc}}, "2025-06-01",
			[]Due{due(CoreGroup, "2025-05-09", true, ""), due(ReviewConference, "2025-07-24", false, "")}},
		{"a core group before the initial conference is ignored", Case{StrategyDiscussion: d(sd), Meetings: []Meeting{
			heldOn("g0", CoreGroup, "2025-04-10"), icpc}}, "2025-04-25",
			[]Due{due(CoreGroup, "2025-05-09", false, ""), due(ReviewConference, "2025-07-24", false, "")}},
		{"core groups every 4 weeks by default", Case{StrategyDiscussion: d(sd), Meetings: []Meeting{
			icpc, heldOn("g1", CoreGroup, "2025-05-08")}}, "2025-05-09",
			[]Due{due(CoreGroup, "2025-06-05", false, ""), due(ReviewConference, "2025-07-24", false, "")}},
		{"core groups weekly setting", Case{StrategyDiscussion: d(sd), CoreGroupInterval: Weeks(2), Meetings: []Meeting{
			icpc, heldOn("g1", CoreGroup, "2025-05-08"), heldOn("g2", CoreGroup, "2025-05-20")}}, "2025-05-21",
			[]Due{due(CoreGroup, "2025-06-03", false, ""), due(ReviewConference, "2025-07-24", false, "")}},
		{"core groups monthly setting", Case{StrategyDiscussion: d(sd), CoreGroupInterval: Monthly(), Meetings: []Meeting{
			icpc, heldOn("g1", CoreGroup, "2025-05-08"), booked("g2", CoreGroup, "2025-06-02")}}, "2025-05-09",
			[]Due{due(CoreGroup, "2025-06-08", false, "g2"), due(ReviewConference, "2025-07-24", false, "")}},

		// Both tracks, soonest first.
		{"in care and on a plan", Case{BecameLookedAfter: d(lac), StrategyDiscussion: d(sd), Meetings: []Meeting{
			first, icpc}}, "2025-05-01",
			[]Due{
				due(CICReview, "2025-04-30", true, ""),
				due(CoreGroup, "2025-05-09", false, ""),
				due(ReviewConference, "2025-07-24", false, ""),
			}},
	}
	cal := EnglandAndWales()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NextDue(cal, tt.c, d(tt.today))
			if !slices.Equal(got, tt.want) {
				t.Errorf("NextDue =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

// TestNextDueDoesNotDependOnOrder: the meetings in any order give the same
// due dates — two reviews held on the same day included, where which one
// came last decides a lighter-touch child's next review, and two meetings
// booked for the same day, one of which is named as the due one.
func TestNextDueDoesNotDependOnOrder(t *testing.T) {
	cal := EnglandAndWales()
	for _, c := range []Case{
		{BecameLookedAfter: d("2025-01-06"), LighterTouch: true, Meetings: []Meeting{
			heldOn("r1", CICReview, "2025-01-31"), heldOn("r2", CICReview, "2025-04-30"),
			heldOn("r3", LightTouchReview, "2025-10-01"), heldOn("r4", CICReview, "2025-10-01")}},
		{BecameLookedAfter: d("2025-01-06"), Meetings: []Meeting{
			booked("r1", CICReview, "2025-01-30"), booked("r2", CICReview, "2025-01-30")}},
	} {
		want := NextDue(cal, c, d("2025-01-20"))
		reversed := c
		reversed.Meetings = slices.Clone(c.Meetings)
		slices.Reverse(reversed.Meetings)
		if got := NextDue(cal, reversed, d("2025-01-20")); !slices.Equal(got, want) {
			t.Errorf("%s reversed: NextDue =\n%+v\nwant\n%+v", c.Meetings[0].ID, got, want)
		}
	}
}
