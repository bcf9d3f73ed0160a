package figures

import (
	"testing"

	"kite/internal/domain"
)

// TestEndReasonsByHand: where children went when a plan ended, counted by
// hand over the year 2025-04-01 to 2026-03-31.
func TestEndReasonsByHand(t *testing.T) {
	ended := func(kind domain.PlanKind, end string, why domain.PlanEndReason) Plan {
		return Plan{ChildID: "c-" + end, Kind: kind, StartsOn: date("2024-01-01"), EndsOn: date(end), EndReason: why}
	}
	cp, care := domain.ChildProtectionPlan, domain.CarePlan
	in := Input{Plans: []Plan{
		ended(cp, "2025-06-30", domain.EndCameIntoCare),
		ended(cp, "2025-09-01", domain.EndSteppedDownToCIN),
		ended(cp, "2026-03-31", domain.EndNoFurtherAction), // the last day: ended in the year
		ended(cp, "2025-03-31", domain.EndCameIntoCare),    // the day before the year
		ended(cp, "2026-04-01", domain.EndTurned18),        // the day after
		ended(cp, "2025-12-01", ""),                        // ended before the codes
		ended(cp, "2025-10-10", domain.EndAdoption),        // a care plan's reason: not one a CP plan has
		{ChildID: "open", Kind: cp, StartsOn: date("2025-05-01")},
		ended(care, "2025-05-05", domain.EndReturnedHome),
		ended(care, "2025-07-07", domain.EndAdoption),
		ended(care, "2025-08-08", domain.EndAdoption),
		ended(care, "2026-01-01", domain.EndTurned18),
		ended(care, "2025-02-02", domain.EndSpecialGuardianship), // before the year
		{ChildID: "open", Kind: care, StartsOn: date("2025-05-01")},
	}}
	f := Compute(cal, in, date("2025-04-01"), date("2026-03-31"))
	wantCP := map[string]int{"CAME_INTO_CARE": 1, "STEPPED_DOWN_TO_CHILD_IN_NEED": 1, "NO_FURTHER_ACTION": 1,
		"MOVED_TO_ANOTHER_AUTHORITY": 0, "TURNED_18": 0, "OTHER": 0, "NOT_RECORDED": 2}
	wantCare := map[string]int{"RETURNED_HOME": 1, "SPECIAL_GUARDIANSHIP": 0, "ADOPTION": 2, "TURNED_18": 1, "OTHER": 0,
		"NOT_RECORDED": 0}
	check := func(name string, got []Count, want map[string]int, total int) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %d rows, want %d: %+v", name, len(got), len(want), got)
		}
		sum := 0
		for _, c := range got {
			sum += c.Count
			if n, ok := want[c.Key]; !ok || n != c.Count || c.Label == "" {
				t.Errorf("%s %s (%q) = %d, counted by hand as %d", name, c.Key, c.Label, c.Count, n)
			}
		}
		if sum != total {
			t.Errorf("%s add up to %d, but %d plans ended", name, sum, total)
		}
	}
	check("CP end reasons", f.ChildProtection.EndReasons, wantCP, f.ChildProtection.PlansEnded)
	check("care end reasons", f.InCare.EndReasons, wantCare, 4)
	if f.ChildProtection.PlansEnded != 5 {
		t.Errorf("%d CP plans ended, counted by hand as 5", f.ChildProtection.PlansEnded)
	}
}
