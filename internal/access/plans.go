package access

import (
	"context"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/plan"
	"kite/ent/privacy"
	"kite/internal/domain"
	"kite/internal/viewer"
)

// Starting and ending plans (docs/access.md, "What each role may do"): a
// MANAGER, for any child of their authority; the child's chair for the kind
// of plan they chair — the IRO a care plan, the CP Chair a child protection
// plan. Ending changes only the end: the day, the code and the words.

// planEndFields are the fields ending a plan sets.
var planEndFields = []string{plan.FieldEndsOn, plan.FieldEndReasonCode, plan.FieldEndReason, plan.FieldUpdatedAt}

// ChairKindForPlan is the allocation that makes someone the chair of a kind
// of plan: the IRO of a care plan, the CP Chair of a child protection plan.
func ChairKindForPlan(k domain.PlanKind) domain.AllocationKind {
	if k == domain.CarePlan {
		return domain.AllocIRO
	}
	return domain.AllocCPChair
}

// managerOrChairStartsPlans is the Plan mutation rule.
var managerOrChairStartsPlans = privacy.PlanMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.PlanMutation) error {
	if v.Role != domain.RoleManager && v.Role != domain.RoleIRO && v.Role != domain.RoleCPChair {
		return privacy.Skip
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		la, _ := m.AuthorityID()
		id, _ := m.ChildID()
		kind, _ := m.Kind()
		if la != v.AuthorityID {
			return privacy.Skip
		}
		if v.Role == domain.RoleManager && childOfAuthority(ctx, m.Client(), v, id) ||
			v.Role != domain.RoleManager && isAllocated(ctx, m.Client(), v, id, ChairKindForPlan(kind)) {
			return privacy.Allow
		}
	case m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) && changesOnly(m, planEndFields...):
		if v.Role == domain.RoleManager {
			m.Where(plan.AuthorityID(v.AuthorityID))
			return privacy.Allow
		}
		kind := domain.CarePlan
		if v.Role == domain.RoleCPChair {
			kind = domain.ChildProtectionPlan
		}
		m.Where(plan.AuthorityID(v.AuthorityID), plan.KindEQ(kind), plan.HasChildWith(allocatedTo(v, ChairKindForPlan(kind))))
		return privacy.Allow
	}
	return privacy.Skip
}))
