package accesstest

import (
	"kite/ent"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// MayStartPlan is docs/access.md's "start a plan" row: a manager, for a
// child of their authority; the child's current IRO a care plan, their
// current CP Chair a child protection plan.
func (w *World) MayStartPlan(v *viewer.Viewer, childID ident.ID, kind domain.PlanKind) bool {
	c := w.child(childID)
	if v == nil || c == nil || c.AuthorityID != v.AuthorityID {
		return false
	}
	switch v.Role {
	case domain.RoleManager:
		return true
	case domain.RoleIRO:
		return kind == domain.CarePlan && w.kinds(v.UserID, childID)[domain.AllocIRO]
	case domain.RoleCPChair:
		return kind == domain.ChildProtectionPlan && w.kinds(v.UserID, childID)[domain.AllocCPChair]
	}
	return false
}

// MayEndPlan: whoever may start a plan of its kind for its child, while it
// has not ended.
func (w *World) MayEndPlan(v *viewer.Viewer, p *ent.Plan) bool {
	return p.EndsOn == nil && w.MayStartPlan(v, p.ChildID, p.Kind)
}
