package figures

import "kite/internal/domain"

// Where children went when a plan ended: plans that ended in the period, by
// their end reason code (docs/domain.md, "Annual figures").

// EndReasonNotRecorded is the key of the end-reason breakdowns for plans
// with no code: ended before the codes, with words that say none clearly.
// The other keys are domain.PlanEndReason values.
const EndReasonNotRecorded = "NOT_RECORDED"

func init() {
	definitions["ChildProtection.EndReasons"] = "Where children went when their child protection plan ended: plans that " +
		"ended in the period, by why they ended (came into care, stepped down to a child in need plan, no further action, " +
		"moved to another authority, turned 18, other). Counts plans: a child whose plan ended twice counts twice. Not " +
		"recorded means a plan ended before the reasons were coded whose words say none of them clearly."
	definitions["InCare.EndReasons"] = "Where children went when their care plan ended: care plans that ended in the " +
		"period, by why they ended (returned home, special guardianship, adoption, turned 18, other). Counts plans: a " +
		"child whose care ended twice counts twice. Not recorded means a plan ended before the reasons were coded whose " +
		"words say none of them clearly."
}

// endReasons counts the plans of kind that ended in the period by reason.
func endReasons(plans []Plan, kind domain.PlanKind, p period) []Count {
	var rows []row
	for _, r := range domain.EndReasonsFor(kind) {
		rows = append(rows, row{string(r), r.Label()})
	}
	counts := newCounts(append(rows, row{EndReasonNotRecorded, "Not recorded"}))
	for _, pl := range plans {
		if pl.Kind != kind || !p.has(pl.EndsOn) {
			continue
		}
		if pl.EndReason.FitsPlan(kind) {
			add(counts, string(pl.EndReason))
		} else {
			add(counts, EndReasonNotRecorded)
		}
	}
	return counts
}
