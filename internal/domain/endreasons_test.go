package domain

import "testing"

func TestEndReasonFromText(t *testing.T) {
	cases := []struct {
		kind PlanKind
		text string
		want PlanEndReason
	}{
		{CarePlan, "ADOPTION", EndAdoption},
		{CarePlan, "  Adopted. ", EndAdoption},
		{CarePlan, "Special guardianship order made", EndSpecialGuardianship},
		{CarePlan, "SGO", EndSpecialGuardianship},
		{CarePlan, "Returned home to parents", EndReturnedHome},
		{CarePlan, "returned_home", EndReturnedHome},
		{CarePlan, "Turned 18", EndTurned18},
		{ChildProtectionPlan, "Turned 18", EndTurned18},
		{ChildProtectionPlan, "Stepped down to child in need", EndSteppedDownToCIN},
		{ChildProtectionPlan, "step down to CIN", EndSteppedDownToCIN},
		{ChildProtectionPlan, "NFA", EndNoFurtherAction},
		{ChildProtectionPlan, "Came into care", EndCameIntoCare},
		{ChildProtectionPlan, "Transferred to another local authority", EndMovedAuthority},
		// Not clear, or a reason the kind of plan does not end with: no code.
		{CarePlan, "Came into care", ""},
		{ChildProtectionPlan, "Adopted", ""},
		{CarePlan, "replaced", ""},
		{CarePlan, "Not returned home yet", ""},
		{CarePlan, "OTHER", ""},
		{CarePlan, "", ""},
	}
	for _, c := range cases {
		got, ok := EndReasonFromText(c.kind, c.text)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%s %q: %q %v, want %q", c.kind, c.text, got, ok, c.want)
		}
	}
	for _, r := range EndReasonsFor(CarePlan) {
		if !r.FitsPlan(CarePlan) || r.Label() == "" {
			t.Errorf("%s: fits a care plan, with words", r)
		}
	}
	if EndCameIntoCare.FitsPlan(CarePlan) || EndAdoption.FitsPlan(ChildProtectionPlan) || !EndTurned18.FitsPlan(ChildProtectionPlan) {
		t.Error("reasons fit the wrong kind of plan")
	}
}
