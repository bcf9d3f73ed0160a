package duedates

import (
	"reflect"
	"testing"

	"kite/ent"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/timescales"
)

func day(s string) *civil.Date {
	d := civil.MustParse(s)
	return &d
}

func TestIsCurrent(t *testing.T) {
	const on = "2025-03-10"
	for _, tc := range []struct {
		name   string
		starts string
		ends   *civil.Date
		want   bool
	}{
		{"open-ended, started before", "2025-01-06", nil, true},
		{"starts that day", on, nil, true},
		{"starts the day after", "2025-03-11", nil, false},
		{"ends that day", "2025-01-06", day(on), true},
		{"ended the day before", "2025-01-06", day("2025-03-09"), false},
		{"ends later", "2025-01-06", day("2025-06-01"), true},
	} {
		p := &ent.Plan{StartsOn: civil.MustParse(tc.starts), EndsOn: tc.ends}
		if got := IsCurrent(p, civil.MustParse(on)); got != tc.want {
			t.Errorf("%s: IsCurrent = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCoreGroupInterval(t *testing.T) {
	for _, tc := range []struct {
		weeks int
		want  timescales.Interval
	}{
		{0, timescales.Monthly()},
		{2, timescales.Weeks(2)},
		{4, timescales.Weeks(4)},
	} {
		if got := CoreGroupInterval(SettingsOf(&ent.LocalAuthority{CoreGroupIntervalWeeks: tc.weeks})); got != tc.want {
			t.Errorf("%d weeks: CoreGroupInterval = %+v, want %+v", tc.weeks, got, tc.want)
		}
	}
}

func TestCaseOf(t *testing.T) {
	la := domain.AuthoritySettings{CoreGroupIntervalWeeks: 3}
	carePlan := &ent.Plan{Kind: domain.CarePlan, StartsOn: civil.MustParse("2025-01-06")}
	cpPlan := &ent.Plan{Kind: domain.ChildProtectionPlan, StartsOn: civil.MustParse("2025-04-24")}
	cpPlanAfterStrategy := &ent.Plan{Kind: domain.ChildProtectionPlan, StartsOn: civil.MustParse("2025-04-24"),
		StrategyDiscussionOn: day("2025-04-02")}
	// Midnight in London on 31 March 2025 (BST) is still 30 March in UTC.
	midnight := civil.MustParse("2025-03-31").StartInLondon()
	for _, tc := range []struct {
		name     string
		child    *ent.Child
		current  []*ent.Plan
		meetings []*ent.Meeting
		want     timescales.Case
	}{
		{"no plans: no clocks", &ent.Child{}, nil, nil,
			timescales.Case{CoreGroupInterval: timescales.Weeks(3)}},
		{"care plan: looked after from its start", &ent.Child{LighterTouch: true}, []*ent.Plan{carePlan}, nil,
			timescales.Case{BecameLookedAfter: "2025-01-06", LighterTouch: true, CoreGroupInterval: timescales.Weeks(3)}},
		{"care plan: the child's own date wins", &ent.Child{BecameLookedAfterOn: day("2025-01-13")}, []*ent.Plan{carePlan}, nil,
			timescales.Case{BecameLookedAfter: "2025-01-13", CoreGroupInterval: timescales.Weeks(3)}},
		{"CP plan without a strategy discussion: its start", &ent.Child{}, []*ent.Plan{cpPlan}, nil,
			timescales.Case{StrategyDiscussion: "2025-04-24", CoreGroupInterval: timescales.Weeks(3)}},
		{"CP plan with a strategy discussion", &ent.Child{}, []*ent.Plan{cpPlanAfterStrategy, carePlan}, nil,
			timescales.Case{BecameLookedAfter: "2025-01-06", StrategyDiscussion: "2025-04-02", CoreGroupInterval: timescales.Weeks(3)}},
		{"meetings", &ent.Child{}, nil, []*ent.Meeting{
			{ID: "mtg_held", Kind: domain.CICReview, Status: domain.Held, HeldOn: day("2025-01-31"), DueBy: "2025-02-03"},
			{ID: "mtg_booked", Kind: domain.CICReview, Status: domain.Scheduled, ScheduledFor: &midnight, DueBy: "2025-04-30"},
			{ID: "mtg_forward", Kind: domain.ReviewCPConference, Status: domain.Scheduled, ScheduledFor: &midnight,
				DueBy: "2025-03-28", BroughtForward: true},
		}, timescales.Case{CoreGroupInterval: timescales.Weeks(3), Meetings: []timescales.Meeting{
			{ID: "mtg_held", Kind: timescales.CICReview, Status: timescales.Held, Held: "2025-01-31"},
			{ID: "mtg_booked", Kind: timescales.CICReview, Status: timescales.Scheduled, Scheduled: "2025-03-31"},
			{ID: "mtg_forward", Kind: timescales.ReviewConference, Status: timescales.Scheduled, Scheduled: "2025-03-31",
				BroughtForwardTo: "2025-03-28"},
		}}},
	} {
		if got := CaseOf(tc.child, la, tc.current, tc.meetings); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: CaseOf =\n%+v, want\n%+v", tc.name, got, tc.want)
		}
	}
}

// TestNext: which meetings come out, in which order, from which plans.
// In care from Monday 6 January 2025: first review due 3 February (20
// working days). Strategy discussion Wednesday 2 April 2025: initial
// conference due 25 April (15 working days over Easter).
func TestNext(t *testing.T) {
	const child = ident.ID("chd_1")
	la := domain.AuthoritySettings{CoreGroupIntervalWeeks: 4}
	inCare := &ent.Child{ID: child}
	carePlan := &ent.Plan{Kind: domain.CarePlan, StartsOn: civil.MustParse("2025-01-06")}
	endedCarePlan := &ent.Plan{Kind: domain.CarePlan, StartsOn: civil.MustParse("2024-06-03"), EndsOn: day("2025-01-03")}
	cpPlan := &ent.Plan{Kind: domain.ChildProtectionPlan, StartsOn: civil.MustParse("2025-04-02")}
	firstReview := &ent.Meeting{ID: "mtg_r1", Kind: domain.CICReview, Status: domain.Held, HeldOn: day("2025-01-31")}
	booked := civil.MustParse("2025-01-29").StartInLondon()
	bookedReview := &ent.Meeting{ID: "mtg_booked", Kind: domain.CICReview, Status: domain.Scheduled, ScheduledFor: &booked,
		DueBy: "2025-01-30", BroughtForward: true}
	for _, tc := range []struct {
		name     string
		plans    []*ent.Plan
		meetings []*ent.Meeting
		today    string
		want     []Due
	}{
		{"no plans: nothing due", nil, nil, "2025-01-10", []Due{}},
		{"a plan ended: nothing due", []*ent.Plan{endedCarePlan}, nil, "2025-01-10", []Due{}},
		{"a plan not yet started: nothing due", []*ent.Plan{carePlan}, nil, "2025-01-05", []Due{}},
		{"first review", []*ent.Plan{endedCarePlan, carePlan}, nil, "2025-01-10",
			[]Due{{Kind: domain.CICReview, DueBy: "2025-02-03", ChildID: child}}},
		{"first review on its day is not overdue", []*ent.Plan{carePlan}, nil, "2025-02-03",
			[]Due{{Kind: domain.CICReview, DueBy: "2025-02-03", ChildID: child}}},
		{"first review the day after is overdue", []*ent.Plan{carePlan}, nil, "2025-02-04",
			[]Due{{Kind: domain.CICReview, DueBy: "2025-02-03", Overdue: true, ChildID: child}}},
		{"a booked review brought forward", []*ent.Plan{carePlan}, []*ent.Meeting{bookedReview}, "2025-01-10",
			[]Due{{Kind: domain.CICReview, DueBy: "2025-01-30", ChildID: child, MeetingID: "mtg_booked"}}},
		{"two tracks, soonest first", []*ent.Plan{carePlan, cpPlan}, []*ent.Meeting{firstReview}, "2025-04-03",
			[]Due{
				{Kind: domain.InitialCPConference, DueBy: "2025-04-25", ChildID: child},
				{Kind: domain.CICReview, DueBy: "2025-04-30", ChildID: child},
			}},
	} {
		got := Next(inCare, la, tc.plans, tc.meetings, civil.MustParse(tc.today))
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: Next = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestCalendarIsEnglandAndWales(t *testing.T) {
	if Calendar() != timescales.EnglandAndWales() {
		t.Fatal("Calendar is not England and Wales's working days")
	}
	if Calendar().IsWorkingDay("2025-04-21") { // Easter Monday
		t.Error("Easter Monday 2025 counted as a working day")
	}
}

func TestFits(t *testing.T) {
	const on = "2025-03-10"
	care := &ent.Plan{Kind: domain.CarePlan, StartsOn: "2024-01-08"}
	cp := &ent.Plan{Kind: domain.ChildProtectionPlan, StartsOn: "2025-02-03"}
	endedCP := &ent.Plan{Kind: domain.ChildProtectionPlan, StartsOn: "2024-02-05", EndsOn: day("2025-01-06")}
	plain, lighter := &ent.Child{}, &ent.Child{LighterTouch: true}
	for _, tc := range []struct {
		name  string
		child *ent.Child
		plans []*ent.Plan
		kind  domain.MeetingKind
		fits  bool
	}{
		{"review, in care", plain, []*ent.Plan{care}, domain.CICReview, true},
		{"review, not in care", plain, []*ent.Plan{cp}, domain.CICReview, false},
		{"light-touch review with the arrangement", lighter, []*ent.Plan{care}, domain.LightTouchReview, true},
		{"light-touch review without it", plain, []*ent.Plan{care}, domain.LightTouchReview, false},
		{"initial conference, no enquiry", plain, []*ent.Plan{care}, domain.InitialCPConference, false},
		{"initial conference, an ended plan", plain, []*ent.Plan{endedCP}, domain.InitialCPConference, false},
		{"initial conference, an enquiry", plain, []*ent.Plan{cp}, domain.InitialCPConference, true},
		{"review conference on a plan", plain, []*ent.Plan{care, cp}, domain.ReviewCPConference, true},
		{"core group, no plan", plain, nil, domain.CoreGroup, false},
		{"core group on a plan", plain, []*ent.Plan{cp}, domain.CoreGroup, true},
		{"a kind Kite does not know", plain, []*ent.Plan{care, cp}, domain.MeetingKind("OTHER"), false},
	} {
		why := Fits(tc.child, tc.plans, tc.kind, civil.MustParse(on))
		if (why == "") != tc.fits {
			t.Errorf("%s: %q", tc.name, why)
		}
	}
}
