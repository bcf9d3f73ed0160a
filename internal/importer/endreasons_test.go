package importer_test

import (
	"testing"

	"kite/ent/plan"
	"kite/internal/domain"
	"kite/internal/importer"
)

// TestPlanEndReasonCodes: the import takes an end reason code, or reads one
// from words that clearly say it, and refuses a code that does not fit.
func TestPlanEndReasonCodes(t *testing.T) {
	c, a, _ := setup(t)
	wantApplied(t, importCSV(t, c, a, fullCSV), allCreated(fullCounts))
	rep := importCSV(t, c, a, only(with(fullCSV, importer.Plans, `external_id,child_ref,kind,starts_on,ends_on,end_reason,end_reason_code,category
P6,C1,CARE_PLAN,2020-01-01,2020-06-01,Adopted,,
P7,C1,CARE_PLAN,2020-07-01,2020-08-01,An aunt took him in,OTHER,
P8,C2,CHILD_PROTECTION_PLAN,2020-01-01,2020-03-01,,STEPPED_DOWN_TO_CHILD_IN_NEED,NEGLECT
P9,C2,CHILD_PROTECTION_PLAN,2020-04-01,2020-05-01,replaced,,NEGLECT
`), importer.Plans))
	wantApplied(t, rep, map[string][3]int{importer.Plans: {4, 0, 0}})
	for ext, want := range map[string]domain.PlanEndReason{"P6": domain.EndAdoption, "P7": domain.EndOther,
		"P8": domain.EndSteppedDownToCIN, "P9": ""} {
		p := c.Plan.Query().Where(plan.ExternalID(ext)).OnlyX(system())
		var got domain.PlanEndReason
		if p.EndReasonCode != nil {
			got = *p.EndReasonCode
		}
		if got != want {
			t.Errorf("%s: code %q, want %q", ext, got, want)
		}
	}

	rep = importCSV(t, c, a, only(with(fullCSV, importer.Plans, `external_id,child_ref,kind,starts_on,ends_on,end_reason,end_reason_code,category
P10,C1,CARE_PLAN,2021-01-01,2021-02-01,,CAME_INTO_CARE,
P11,C1,CARE_PLAN,2021-03-01,2021-04-01,,OTHER,
P12,C1,CARE_PLAN,2021-05-01,,,ADOPTION,
P13,C1,CARE_PLAN,2021-06-01,2021-07-01,,ADOPTED,
`), importer.Plans))
	wantRejected(t, rep,
		problem{importer.Plans, 1, "end_reason_code", "CAME_INTO_CARE is not a reason a CARE_PLAN ends with"},
		problem{importer.Plans, 2, "end_reason", "is required when end_reason_code is OTHER"},
		problem{importer.Plans, 3, "end_reason_code", "is given but the plan has no ends_on"},
		problem{importer.Plans, 4, "end_reason_code", `"ADOPTED" is not one of`},
	)
}
