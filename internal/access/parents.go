package access

import (
	"context"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/child"
	"kite/ent/plan"
	"kite/ent/planaction"
	"kite/ent/planversion"
	"kite/ent/predicate"
	"kite/ent/privacy"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Rules of a parent's part in their child's plan and meetings
// (docs/access.md: "mark an action done", "check a parent's done",
// "attendee needs").

// MaySeeAttendeeNeeds is docs/access.md's "attendee needs" row: what the
// parents said they need to take part in a meeting (an interpreter, a
// supporter, access needs) is for the child's allocated staff, worked out
// from the parents' views those staff may read. Never the child, never a
// parent (not even their own, which they read in their views), never a
// manager, who sees parents' views as counts only.
func MaySeeAttendeeNeeds(v *viewer.Viewer) bool {
	return v != nil && isAllocatedRole(v.Role)
}

// ParentMaySeePlan reports whether the PARENT account parentID of the
// authority may see a plan matching where (VisiblePlans, for them). An
// action of a plan may name only such a parent as the one who does it, so
// that they can see it and mark it done. It looks as system code: the
// condition is the parent's read rule itself.
func ParentMaySeePlan(ctx context.Context, c *kent.Client, authority, parentID ident.ID, where predicate.Plan) bool {
	parent := &viewer.Viewer{UserID: parentID, AuthorityID: authority, Role: domain.RoleParent}
	return existsAsSystem(ctx, c.Plan.Query().Where(where, plan.AuthorityID(authority), VisiblePlans(parent)))
}

// parentMarksActionsDone: the parent or carer an action names marks it done,
// with a note or none, while it is neither done nor dropped; marking it
// again after the social worker sent it back clears the sending back. They
// never confirm it, change its status or write the social worker's words.
var parentMarksActionsDone = privacy.PlanActionMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.PlanActionMutation) error {
	if v.Role != domain.RoleParent || !m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) ||
		!changesOnly(m, planaction.FieldDoneMarkedAt, planaction.FieldDoneNote, planaction.FieldSentBackAt,
			planaction.FieldSentBackNote, planaction.FieldUpdatedAt) {
		return privacy.Skip
	}
	_, marks := m.DoneMarkedAt()
	_, sendsBack := m.SentBackAt()
	_, writesBack := m.SentBackNote()
	if !marks || sendsBack || writesBack {
		return privacy.Skip
	}
	m.Where(planaction.AuthorityID(v.AuthorityID), planaction.ForParentID(v.UserID),
		planaction.StatusNotIn(domain.ActionDone, domain.ActionDropped), visiblePlanActions(v))
	return privacy.Allow
}))

// socialWorkerChecksDone: the child's allocated social worker answers a
// parent's "done" that is waiting for them: confirms it (the action becomes
// DONE, confirmed by them) or sends it back with a note.
var socialWorkerChecksDone = privacy.PlanActionMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.PlanActionMutation) error {
	if v.Role != domain.RoleSocialWorker || !m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) ||
		!changesOnly(m, planaction.FieldStatus, planaction.FieldDoneConfirmedAt, planaction.FieldDoneConfirmedByID,
			planaction.FieldSentBackAt, planaction.FieldSentBackNote, planaction.FieldUpdatedAt) {
		return privacy.Skip
	}
	if st, ok := m.Status(); ok && st != domain.ActionDone {
		return privacy.Skip
	}
	if by, ok := m.DoneConfirmedByID(); ok && by != v.UserID {
		return privacy.Skip
	}
	m.Where(planaction.AuthorityID(v.AuthorityID), awaitingCheck(),
		planaction.HasPlanVersionWith(planversion.HasPlanWith(plan.HasChildWith(
			child.AuthorityID(v.AuthorityID), allocatedTo(v, domain.AllocSocialWorker)))))
	return privacy.Allow
}))

// awaitingCheck matches actions a parent marked done that the social worker
// has neither confirmed nor sent back, and that are still open.
func awaitingCheck() predicate.PlanAction {
	return planaction.And(planaction.DoneMarkedAtNotNil(), planaction.DoneConfirmedAtIsNil(),
		planaction.SentBackAtIsNil(), planaction.StatusNotIn(domain.ActionDone, domain.ActionDropped))
}
