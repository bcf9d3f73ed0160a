package access

import (
	"context"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/alert"
	"kite/ent/allocation"
	"kite/ent/child"
	"kite/ent/familylink"
	"kite/ent/meeting"
	"kite/ent/parentviews"
	"kite/ent/plan"
	"kite/ent/planversion"
	"kite/ent/predicate"
	"kite/ent/privacy"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Mutation rules for the work staff and managers do on a child's case
// (docs/access.md: "schedule meetings", "record meetings, publish outcomes and
// plans, reply to views, withhold from family", "allocations, family links").

// allKinds are every allocation kind.
var allKinds = []domain.AllocationKind{domain.AllocIRO, domain.AllocCPChair, domain.AllocSocialWorker}

// isAllocated reports whether childID is allocated to the viewer with one of
// kinds, as an internal lookup inside a rule.
func isAllocated(ctx context.Context, c *kent.Client, v *viewer.Viewer, childID ident.ID, kinds ...domain.AllocationKind) bool {
	return childOfAuthority(ctx, c, v, childID, allocatedTo(v, kinds...))
}

// Meeting fields, by who may set them.
var (
	schedulingFields = []string{meeting.FieldScheduledFor, meeting.FieldVenue, meeting.FieldVenueWithheldFromFamily,
		meeting.FieldVenueWithheldReason, meeting.FieldStatus, meeting.FieldChangeReason, meeting.FieldLateReason,
		meeting.FieldUpdatedAt}
	// postponingFields are what postponing a meeting changes: it always
	// sets postponed_at, which no other change does.
	postponingFields = []string{meeting.FieldStatus, meeting.FieldChangeReason, meeting.FieldPostponedAt,
		meeting.FieldPostponedFrom, meeting.FieldScheduledFor, meeting.FieldLateReason, meeting.FieldUpdatedAt}
	chairMeetingFields = append([]string{meeting.FieldHeldOn, meeting.FieldAttendees, meeting.FieldChildAttended,
		meeting.FieldParticipationCode, meeting.FieldOutcomeSummary, meeting.FieldOutcomePublishedAt,
		meeting.FieldOutlineSentOn, meeting.FieldRecordSentOn, meeting.FieldDueBy, meeting.FieldBroughtForward}, schedulingFields...)
)

// staffScheduleMeetings: the child's allocated chair or social worker
// schedules, reschedules and cancels; only the chair records a meeting as
// held, brings it forward and publishes its outcome.
var staffScheduleMeetings = privacy.MeetingMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.MeetingMutation) error {
	if !isAllocatedRole(v.Role) {
		return privacy.Skip
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		la, _ := m.AuthorityID()
		id, _ := m.ChildID()
		if la == v.AuthorityID && isAllocated(ctx, m.Client(), v, id, allKinds...) && planOfChild(ctx, m, id) {
			return privacy.Allow
		}
	case m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) && changesOnly(m, schedulingFields...) &&
		!setsStatus(m, domain.Held) && !setsStatus(m, domain.Postponed):
		m.Where(meeting.AuthorityID(v.AuthorityID), meeting.HasChildWith(allocatedTo(v, allKinds...)))
		return privacy.Allow
	case m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) && changesOnly(m, chairMeetingFields...) && !setsStatus(m, domain.Postponed):
		m.Where(meeting.AuthorityID(v.AuthorityID), meeting.HasChildWith(allocatedAsChair(v)))
		return privacy.Allow
	}
	return privacy.Skip
}))

// staffPostponeMeetings: postponing a meeting (docs/access.md) is for the
// child's allocated chair (IRO or CP Chair), the allocated social worker
// for a core group (which they chair), and a manager of the authority. A
// POSTPONED status is set by this rule only.
var staffPostponeMeetings = privacy.MeetingMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.MeetingMutation) error {
	if _, postponing := m.PostponedAt(); !postponing || !m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) ||
		!changesOnly(m, postponingFields...) || setsStatus(m, domain.Held) || setsStatus(m, domain.Cancelled) {
		return privacy.Skip
	}
	switch {
	case v.Role == domain.RoleManager:
		m.Where(meeting.AuthorityID(v.AuthorityID))
	case isAllocatedRole(v.Role):
		m.Where(meeting.AuthorityID(v.AuthorityID), meeting.Or(
			meeting.HasChildWith(allocatedAsChair(v)),
			meeting.And(meeting.KindEQ(domain.CoreGroup), meeting.HasChildWith(allocatedTo(v, domain.AllocSocialWorker)))))
	default:
		return privacy.Skip
	}
	return privacy.Allow
}))

func setsStatus(m *kent.MeetingMutation, s domain.MeetingStatus) bool {
	got, ok := m.Status()
	return ok && got == s
}

// planOfChild: a meeting's plan, if set, is a plan of the same child.
func planOfChild(ctx context.Context, m *kent.MeetingMutation, childID ident.ID) bool {
	id, ok := m.PlanID()
	return !ok || existsAsSystem(ctx, m.Client().Plan.Query().Where(plan.ID(id), plan.ChildID(childID)))
}

// staffPublishVersions: the child's chair or social worker publishes a new
// version of a plan (the formal wording, and the wording for the child and
// the family) and its actions. Versions are never changed after.
var staffPublishVersions = privacy.PlanVersionMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.PlanVersionMutation) error {
	if !isAllocatedRole(v.Role) || !m.Op().Is(ent.OpCreate) {
		return privacy.Skip
	}
	la, _ := m.AuthorityID()
	id, _ := m.PlanID()
	by, _ := m.PublishedByID()
	if la == v.AuthorityID && by == v.UserID &&
		existsAsSystem(ctx, m.Client().Plan.Query().Where(plan.ID(id), plan.HasChildWith(child.AuthorityID(v.AuthorityID), allocatedTo(v, allKinds...)))) {
		return privacy.Allow
	}
	return privacy.Skip
}))

// staffPublishActions: the actions of a version the chair or social worker
// publishes. An action may name a parent or carer who does it only if they
// may see the plan (ParentMaySeePlan).
var staffPublishActions = privacy.PlanActionMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.PlanActionMutation) error {
	if !isAllocatedRole(v.Role) || !m.Op().Is(ent.OpCreate) {
		return privacy.Skip
	}
	la, _ := m.AuthorityID()
	id, _ := m.PlanVersionID()
	if parent, ok := m.ForParentID(); ok && !ParentMaySeePlan(ctx, m.Client(), v.AuthorityID, parent, plan.HasVersionsWith(planversion.ID(id))) {
		return privacy.Skip
	}
	if la == v.AuthorityID && existsAsSystem(ctx, m.Client().PlanVersion.Query().Where(planversion.ID(id),
		planversion.HasPlanWith(plan.HasChildWith(child.AuthorityID(v.AuthorityID), allocatedTo(v, allKinds...))))) {
		return privacy.Allow
	}
	return privacy.Skip
}))

// chairSetsLighterTouch: the child's IRO turns the lighter-touch arrangement
// on or off (the age and agreement checks are the service's).
var chairSetsLighterTouch = privacy.ChildMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.ChildMutation) error {
	if !isAllocatedRole(v.Role) || !m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) ||
		!changesOnly(m, child.FieldLighterTouch, child.FieldLighterTouchAgreedAt, child.FieldUpdatedAt) {
		return privacy.Skip
	}
	m.Where(child.AuthorityID(v.AuthorityID), allocatedTo(v, domain.AllocIRO))
	return privacy.Allow
}))

// chairRaisesAlerts: the child's chair raises an alert, in their own name
// and role, about a meeting of that child if it names one. The person it is
// addressed to records a response (and the alert shows the latest); only
// the chair who raised it, while still the child's chair, escalates it to
// the next stage (which readdresses it, restarts its clock and opens it
// again); only the chair who raised it, or a manager of the authority,
// records how it was resolved — the addressee never closes an alert raised
// about their own work.
var chairRaisesAlerts = privacy.AlertMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.AlertMutation) error {
	switch {
	case m.Op().Is(ent.OpCreate) && isAllocatedRole(v.Role):
		la, _ := m.AuthorityID()
		id, _ := m.ChildID()
		by, _ := m.RaisedByID()
		role, hasRole := m.RaisedByRole()
		if la == v.AuthorityID && by == v.UserID && (!hasRole || role == v.Role) && meetingOfChild(ctx, m, id) &&
			isAllocated(ctx, m.Client(), v, id, chairKinds...) {
			return privacy.Allow
		}
	case m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) && (v.Role == domain.RoleIRO || v.Role == domain.RoleCPChair) &&
		changesOnly(m, alert.FieldStage, alert.FieldStageHistory, alert.FieldLevel, alert.FieldAddressedTo,
			alert.FieldResponseDueBy, alert.FieldStatus, alert.FieldUpdatedAt) && setsAlertStatus(m, domain.AlertOpen):
		m.Where(alert.AuthorityID(v.AuthorityID), alert.RaisedByID(v.UserID), alert.StatusNEQ(domain.AlertResolved),
			alert.HasChildWith(child.AuthorityID(v.AuthorityID), allocatedTo(v, chairKinds...)))
		return privacy.Allow
	case m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) && changesOnly(m, alert.FieldStatus, alert.FieldResponse,
		alert.FieldRespondedAt, alert.FieldUpdatedAt) && setsAlertStatus(m, domain.AlertResponded):
		m.Where(addressedTo(v))
		return privacy.Allow
	case m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) && changesOnly(m, alert.FieldStatus, alert.FieldResolution,
		alert.FieldResolvedAt, alert.FieldUpdatedAt) && setsAlertStatus(m, domain.AlertResolved):
		switch {
		case v.Role == domain.RoleManager:
			m.Where(alert.AuthorityID(v.AuthorityID))
			return privacy.Allow
		case isAllocatedRole(v.Role):
			m.Where(alert.AuthorityID(v.AuthorityID), alert.RaisedByID(v.UserID))
			return privacy.Allow
		}
	}
	return privacy.Skip
}))

// meetingOfChild: an alert's meeting, if it names one, is a meeting of the
// alert's child.
func meetingOfChild(ctx context.Context, m *kent.AlertMutation, childID ident.ID) bool {
	id, ok := m.MeetingID()
	return !ok || existsAsSystem(ctx, m.Client().Meeting.Query().Where(meeting.ID(id), meeting.ChildID(childID)))
}

// setsAlertStatus: the change leaves the status alone or sets it to s.
func setsAlertStatus(m *kent.AlertMutation, s domain.AlertStatus) bool {
	got, ok := m.Status()
	return !ok || got == s
}

// addressedTo matches the alerts addressed to the viewer: for a manager,
// those of their authority addressed to managers; for an IRO, CP Chair or
// social worker, those addressed to their role on a child allocated to them
// in that role.
func addressedTo(v *viewer.Viewer) predicate.Alert {
	switch {
	case v == nil:
		return nothing[predicate.Alert]()
	case v.Role == domain.RoleManager:
		return alert.And(alert.AuthorityID(v.AuthorityID), alert.AddressedToEQ(domain.RoleManager))
	case isAllocatedRole(v.Role):
		return alert.And(alert.AuthorityID(v.AuthorityID), alert.AddressedToEQ(v.Role),
			alert.HasChildWith(allocatedTo(v, kindFor(v.Role))))
	}
	return nothing[predicate.Alert]()
}

// kindFor is the allocation kind that makes someone of a role a child's
// IRO, CP Chair or social worker (RoleFor the other way round).
func kindFor(r domain.Role) domain.AllocationKind {
	switch r {
	case domain.RoleIRO:
		return domain.AllocIRO
	case domain.RoleCPChair:
		return domain.AllocCPChair
	}
	return domain.AllocSocialWorker
}

// addresseeResponds: the person an alert is addressed to adds a response,
// in their own name.
var addresseeResponds = privacy.AlertResponseMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.AlertResponseMutation) error {
	if !m.Op().Is(ent.OpCreate) {
		return privacy.Skip
	}
	la, _ := m.AuthorityID()
	by, _ := m.AuthorID()
	role, _ := m.AuthorRole()
	id, ok := m.AlertID()
	if ok && la == v.AuthorityID && by == v.UserID && role == v.Role &&
		existsAsSystem(ctx, m.Client().Alert.Query().Where(alert.ID(id), addressedTo(v))) {
		return privacy.Allow
	}
	return privacy.Skip
}))

// managerAllocates: a manager allocates staff of their authority to children
// of their authority, with the allocation kind matching the member of
// staff's role (so that an IRO's rights come only from IRO allocations), and
// ends an allocation.
var managerAllocates = privacy.AllocationMutationRuleFunc(managerConnects(
	func(m *kent.AllocationMutation) (ident.ID, domain.Role) {
		staffID, _ := m.StaffID()
		kind, _ := m.Kind()
		return staffID, RoleFor(kind)
	},
	allocation.AuthorityID, allocation.FieldEndsOn, allocation.FieldUpdatedAt))

// managerLinksFamilies: a manager links a PARENT account of their authority
// to a child of their authority, and changes the link's flags.
var managerLinksFamilies = privacy.FamilyLinkMutationRuleFunc(managerConnects(
	func(m *kent.FamilyLinkMutation) (ident.ID, domain.Role) {
		parentID, _ := m.ParentID()
		return parentID, domain.RoleParent
	},
	familylink.AuthorityID, familylink.FieldParentalResponsibility, familylink.FieldMayViewCarePlan,
	familylink.FieldActive, familylink.FieldRelationship, familylink.FieldUpdatedAt))

// connection is the generated mutation of a record that connects a child to
// an account (an allocation, a family link); P is its predicate type.
type connection[P any] interface {
	ent.Mutation
	AuthorityID() (ident.ID, bool)
	ChildID() (ident.ID, bool)
	Client() *kent.Client
	Where(...P)
}

// managerConnects is the rule of a record that connects a child to an
// account: a manager creates one in their own authority, for a child of it
// and an account of it with the role account says the record needs; and
// changes only fields, on the records of their authority (inAuthority).
func managerConnects[M connection[P], P any](
	account func(M) (ident.ID, domain.Role), inAuthority func(ident.ID) P, fields ...string,
) func(context.Context, M) error {
	return byViewer(func(ctx context.Context, v *viewer.Viewer, m M) error {
		if v.Role != domain.RoleManager {
			return privacy.Skip
		}
		switch {
		case m.Op().Is(ent.OpCreate):
			la, _ := m.AuthorityID()
			childID, _ := m.ChildID()
			accountID, role := account(m)
			if la == v.AuthorityID && childOfAuthority(ctx, m.Client(), v, childID) &&
				accountOfAuthority(ctx, m.Client(), v, accountID, role) {
				return privacy.Allow
			}
		case m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) && changesOnly(m, fields...):
			m.Where(inAuthority(v.AuthorityID))
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// RoleFor is the role a member of staff needs for an allocation kind.
func RoleFor(k domain.AllocationKind) domain.Role {
	switch k {
	case domain.AllocIRO:
		return domain.RoleIRO
	case domain.AllocCPChair:
		return domain.RoleCPChair
	}
	return domain.RoleSocialWorker
}

// parentSendsViews: a linked parent sends their own views about the child,
// for one of the child's meetings; the child's allocated staff mark them read.
var parentSendsViews = privacy.ParentViewsMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.ParentViewsMutation) error {
	switch {
	case v.Role == domain.RoleParent && m.Op().Is(ent.OpCreate):
		la, _ := m.AuthorityID()
		childID, _ := m.ChildID()
		parentID, _ := m.ParentID()
		if meetingID, ok := m.MeetingID(); ok && !existsAsSystem(ctx, m.Client().Meeting.Query().Where(meeting.ID(meetingID), meeting.ChildID(childID))) {
			return privacy.Skip
		}
		if la == v.AuthorityID && parentID == v.UserID && childOfAuthority(ctx, m.Client(), v, childID, linkedTo(v)) {
			return privacy.Allow
		}
	case isAllocatedRole(v.Role) && m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) &&
		changesOnly(m, parentviews.FieldStatus, parentviews.FieldFirstReadAt, parentviews.FieldRevision, parentviews.FieldUpdatedAt):
		m.Where(visibleParentViews(v))
		return privacy.Allow
	}
	return privacy.Skip
}))
