package figures

import (
	"testing"

	"kite/internal/domain"
	"kite/internal/timescales"
)

// TestAdvocacyTakeUp counts a hand-worked set over the year 1 April 2025 to
// 31 March 2026.
//
// Children in care or on a plan during the year (the denominator): A (care
// plan open throughout), B (CP plan June to September), E (care plan from
// May). Not C (care ended the day before the year) nor D (a plan from the
// day after it).
//
// Requests made in the year: r1 A, r2 A, r3 C, r4 B on the last day, r7 B;
// not r5 (E, the day before) nor r6 (E, the day after). So 5 requests, from
// 3 children (A, B, C); take-up is A and B out of A, B, E: 2 of 3, 66.7%.
//
// Where each stood at the end of 31 March: r1 closed on 1 August; r2
// accepted; r3 in touch (acceptance skipped); r4 asked for; r7 accepted (it
// closed on 2 April, after the year). So asked for 1, accepted 2, in touch 1,
// closed 1.
func TestAdvocacyTakeUp(t *testing.T) {
	in := Input{
		Plans: []Plan{
			{ChildID: "A", Kind: domain.CarePlan, StartsOn: d("2024-01-01")},
			{ChildID: "B", Kind: domain.ChildProtectionPlan, StartsOn: d("2025-06-01"), EndsOn: d("2025-09-30")},
			{ChildID: "C", Kind: domain.CarePlan, StartsOn: d("2023-01-01"), EndsOn: d("2025-03-31")},
			{ChildID: "D", Kind: domain.ChildProtectionPlan, StartsOn: d("2026-04-01")},
			{ChildID: "E", Kind: domain.CarePlan, StartsOn: d("2025-05-01")},
		},
		AdvocacyRequests: []AdvocacyRequest{
			{ChildID: "A", RequestedOn: d("2025-05-10"), AcceptedOn: d("2025-05-15"), ClosedOn: d("2025-08-01")}, // r1
			{ChildID: "A", RequestedOn: d("2026-02-01"), AcceptedOn: d("2026-02-03")},                            // r2
			{ChildID: "C", RequestedOn: d("2025-07-01"), ContactedOn: d("2025-07-10")},                           // r3
			{ChildID: "B", RequestedOn: d("2026-03-31")},                                                         // r4
			{ChildID: "E", RequestedOn: d("2025-03-31")},                                                         // r5
			{ChildID: "E", RequestedOn: d("2026-04-01")},                                                         // r6
			{ChildID: "B", RequestedOn: d("2025-06-15"), AcceptedOn: d("2025-06-20"), ClosedOn: d("2026-04-02")}, // r7
		},
	}
	got := Compute(timescales.EnglandAndWales(), in, d("2025-04-01"), d("2026-03-31")).Advocacy
	if got.Requests != 5 || got.ChildrenAsking != 3 {
		t.Errorf("requests %d from %d children, want 5 from 3", got.Requests, got.ChildrenAsking)
	}
	if got.TakeUp.Numerator != 2 || got.TakeUp.Denominator != 3 || got.TakeUp.Percentage == nil || *got.TakeUp.Percentage != 66.7 {
		t.Errorf("take-up %+v, want 2 of 3, 66.7%%", got.TakeUp)
	}
	want := map[string]int{"REQUESTED": 1, "ACCEPTED": 2, "CONTACTED": 1, "CLOSED": 1}
	if len(got.ByStatus) != len(want) {
		t.Fatalf("by status: %+v", got.ByStatus)
	}
	for i, key := range domain.AdvocacyStatus("").Values() {
		if c := got.ByStatus[i]; c.Key != key || c.Count != want[key] || c.Label == "" {
			t.Errorf("by status, row %d: %+v, want %s: %d", i, c, key, want[key])
		}
	}
	// With nothing to divide by, take-up has no value.
	if none := Compute(timescales.EnglandAndWales(), Input{}, d("2025-04-01"), d("2026-03-31")).Advocacy; none.TakeUp.Percentage != nil {
		t.Errorf("take-up with no children: %+v", none.TakeUp)
	}
}
