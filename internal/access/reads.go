package access

import (
	"entgo.io/ent/dialect/sql"

	"kite/ent/alertresponse"
	"kite/ent/allocation"
	"kite/ent/attachment"
	"kite/ent/auditevent"
	"kite/ent/breakglassgrant"
	"kite/ent/familylink"
	"kite/ent/invitation"
	"kite/ent/localauthority"
	"kite/ent/parentviews"
	"kite/ent/plan"
	"kite/ent/planaction"
	"kite/ent/planversion"
	"kite/ent/predicate"
	"kite/ent/readreceipt"
	"kite/ent/user"
	"kite/ent/wishesandfeelings"
	"kite/internal/domain"
	"kite/internal/viewer"
)

// Each function here says which rows of one entity a viewer may read, as a
// predicate. They are all built from the scopes of relationships.go or the
// viewer's own id, and all stay within the viewer's authority.

func isManagerOrAdmin(v *viewer.Viewer) bool {
	return v.Role == domain.RoleManager || v.Role == domain.RoleAdmin
}

// visibleAuthority: the viewer's own authority (its contact details).
func visibleAuthority(v *viewer.Viewer) predicate.LocalAuthority {
	if v == nil {
		return nothing[predicate.LocalAuthority]()
	}
	return localauthority.ID(v.AuthorityID)
}

// staffOf is the users allocated (currently, if now) to the children of a scope.
func staffOf(sc scope, now bool) func(col string) *sql.Predicate {
	return func(col string) *sql.Predicate {
		where := sc(allocation.FieldChildID)
		if now {
			where = sql.And(where, currentAt(string(today())))
		}
		return sql.In(col, sql.Select(allocation.FieldStaffID).From(sql.Table(allocation.Table)).Where(where))
	}
}

// parentsOf is the parent accounts linked (in any way) to the children of a scope.
func parentsOf(sc scope) func(col string) *sql.Predicate {
	return func(col string) *sql.Predicate {
		return sql.In(col, sql.Select(familylink.FieldParentID).From(sql.Table(familylink.Table)).
			Where(sc(familylink.FieldChildID)))
	}
}

// visibleUsers: yourself; for a child or parent, the staff currently
// allocated to the children they may see (their chair and social worker —
// never another parent); for allocated staff, the staff and parents of their
// children; for a manager or admin, every account of the authority.
func visibleUsers(v *viewer.Viewer) predicate.User {
	if v == nil {
		return nothing[predicate.User]()
	}
	if isManagerOrAdmin(v) {
		return user.AuthorityID(v.AuthorityID)
	}
	sc, _ := childScope(v)
	return predicate.User(func(s *sql.Selector) {
		id := s.C(user.FieldID)
		who := []*sql.Predicate{sql.EQ(id, string(v.UserID))}
		switch {
		case v.Role == domain.RoleChild || v.Role == domain.RoleParent:
			who = append(who, staffOf(sc, true)(id))
		case isAllocatedRole(v.Role):
			who = append(who, staffOf(sc, false)(id), parentsOf(sc)(id))
		}
		s.Where(sql.And(sql.EQ(s.C(user.FieldAuthorityID), string(v.AuthorityID)), sql.Or(who...)))
	})
}

// visibleIdentities: legal name and date of birth, for everyone who may see
// the child except the child themself (and admins, who see no children).
func visibleIdentities(v *viewer.Viewer) predicate.ChildIdentity {
	if v == nil || v.Role == domain.RoleChild {
		return nothing[predicate.ChildIdentity]()
	}
	return ofVisibleChild[predicate.ChildIdentity](v)
}

// visibleAllocations: who works with the children the viewer may see; a
// child or parent sees only the current ones (their chair and social worker).
func visibleAllocations(v *viewer.Viewer) predicate.Allocation {
	p := ofVisibleChild[predicate.Allocation](v)
	if v != nil && (v.Role == domain.RoleChild || v.Role == domain.RoleParent) {
		return allocation.And(p, current())
	}
	return p
}

// visibleFamilyLinks: a parent sees only their own links (never another
// parent's); allocated staff see the links of their children; a manager
// sees all of the authority's.
func visibleFamilyLinks(v *viewer.Viewer) predicate.FamilyLink {
	switch {
	case v == nil:
		return nothing[predicate.FamilyLink]()
	case v.Role == domain.RoleParent:
		return familylink.And(familylink.AuthorityID(v.AuthorityID), familylink.ParentID(v.UserID))
	case isAllocatedRole(v.Role) || v.Role == domain.RoleManager:
		return ofVisibleChild[predicate.FamilyLink](v)
	}
	return nothing[predicate.FamilyLink]()
}

// VisiblePlans: the plans of the children the viewer may see, except that a
// parent sees a care plan only where their link allows it.
func VisiblePlans(v *viewer.Viewer) predicate.Plan {
	p := ofVisibleChild[predicate.Plan](v)
	if v == nil || v.Role != domain.RoleParent {
		return p
	}
	mayViewCarePlan := on[predicate.Plan](plan.FieldChildID, linkedScope(v, true))
	return plan.And(p, plan.Or(plan.KindEQ(domain.ChildProtectionPlan), mayViewCarePlan))
}

// plansIn is "plan_id IN (the plans the viewer may see)".
func plansIn(v *viewer.Viewer, column string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		sub := sql.Select(plan.FieldID).From(sql.Table(plan.Table))
		VisiblePlans(v)(sub)
		s.Where(sql.In(s.C(column), sub))
	}
}

func visiblePlanVersions(v *viewer.Viewer) predicate.PlanVersion {
	return plansIn(v, planversion.FieldPlanID)
}

func visiblePlanActions(v *viewer.Viewer) predicate.PlanAction {
	return predicate.PlanAction(func(s *sql.Selector) {
		versions := sql.Select(planversion.FieldID).From(sql.Table(planversion.Table))
		plansIn(v, planversion.FieldPlanID)(versions)
		s.Where(sql.In(s.C(planaction.FieldPlanVersionID), versions))
	})
}

// visibleMeetings: the meetings of the children the viewer may see (a
// withheld venue is masked for family: masks.go).
func visibleMeetings(v *viewer.Viewer) predicate.Meeting {
	return ofVisibleChild[predicate.Meeting](v)
}

// VisibleSubmissions is docs/access.md's "wishes and feelings" row: drafts only
// for the child; a sent one for the child, their chair, their social worker
// if shared with them (or, for the urgent flag alone, if the child said they
// need to talk today), a linked parent only if shared with everyone at the
// meeting and not withheld, and a manager only by break-glass.
func VisibleSubmissions(v *viewer.Viewer) predicate.WishesAndFeelings {
	if v == nil {
		return nothing[predicate.WishesAndFeelings]()
	}
	childID := wishesandfeelings.FieldChildID
	var who predicate.WishesAndFeelings
	switch {
	case v.Role == domain.RoleChild && v.ChildID != "":
		who = wishesandfeelings.ChildID(v.ChildID)
	case v.Role == domain.RoleParent:
		who = wishesandfeelings.And(sent(),
			wishesandfeelings.ShareWithIn(familyShares...),
			wishesandfeelings.WithheldFromFamily(false),
			on[predicate.WishesAndFeelings](childID, linkedScope(v, false)))
	case isAllocatedRole(v.Role):
		sharedWithSW := wishesandfeelings.Or(
			wishesandfeelings.ShareWithIn(socialWorkerShares...),
			wishesandfeelings.NeedsToTalkToday(true))
		who = wishesandfeelings.And(sent(), wishesandfeelings.Or(
			on[predicate.WishesAndFeelings](childID, allocatedScope(v, chairKinds...)),
			wishesandfeelings.And(sharedWithSW, on[predicate.WishesAndFeelings](childID, allocatedScope(v, domain.AllocSocialWorker)))))
	case v.Role == domain.RoleManager:
		who = wishesandfeelings.And(sent(), on[predicate.WishesAndFeelings](childID, breakGlassScope(v)))
	default:
		return nothing[predicate.WishesAndFeelings]()
	}
	return wishesandfeelings.And(wishesandfeelings.AuthorityID(v.AuthorityID), who)
}

// submissionsWithWords are the visible submissions whose words the viewer
// may read: VisibleSubmissions without those a social worker sees only for
// the "needs to talk today" flag. Reading (and so marking read) is for these.
func submissionsWithWords(v *viewer.Viewer) predicate.WishesAndFeelings {
	if v == nil || !isAllocatedRole(v.Role) {
		return VisibleSubmissions(v)
	}
	return wishesandfeelings.And(VisibleSubmissions(v), wishesandfeelings.Or(
		wishesandfeelings.ShareWithIn(socialWorkerShares...),
		on[predicate.WishesAndFeelings](wishesandfeelings.FieldChildID, allocatedScope(v, chairKinds...))))
}

// visibleAttachments: a submission's pictures are its words; whoever may
// read those sees them (so not a social worker who sees a chair-only
// submission only for its urgent flag).
func visibleAttachments(v *viewer.Viewer) predicate.Attachment {
	if v == nil {
		return nothing[predicate.Attachment]()
	}
	return attachment.And(attachment.AuthorityID(v.AuthorityID), attachment.HasSubmissionWith(submissionsWithWords(v)))
}

func sent() predicate.WishesAndFeelings {
	return wishesandfeelings.StatusNEQ(domain.Draft)
}

// visibleParentViews: a parent's own (for a child they are still linked
// to); the child's allocated staff once sent. Managers see counts only.
func visibleParentViews(v *viewer.Viewer) predicate.ParentViews {
	switch {
	case v == nil:
		return nothing[predicate.ParentViews]()
	case v.Role == domain.RoleParent:
		return parentviews.And(parentviews.AuthorityID(v.AuthorityID), parentviews.ParentID(v.UserID),
			on[predicate.ParentViews](parentviews.FieldChildID, linkedScope(v, false)))
	case isAllocatedRole(v.Role):
		return parentviews.And(parentviews.StatusNEQ(domain.Draft), ofVisibleChild[predicate.ParentViews](v))
	}
	return nothing[predicate.ParentViews]()
}

// visibleReadReceipts: who has read what I sent — a child's own
// submissions, a parent's own views.
func visibleReadReceipts(v *viewer.Viewer) predicate.ReadReceipt {
	switch {
	case v == nil:
		return nothing[predicate.ReadReceipt]()
	case v.Role == domain.RoleChild && v.ChildID != "":
		return readreceipt.And(readreceipt.AuthorityID(v.AuthorityID),
			readreceipt.HasSubmissionWith(wishesandfeelings.ChildID(v.ChildID)))
	case v.Role == domain.RoleParent:
		return readreceipt.And(readreceipt.AuthorityID(v.AuthorityID),
			readreceipt.HasParentViewsWith(parentviews.ParentID(v.UserID)))
	}
	return nothing[predicate.ReadReceipt]()
}

// visibleAlerts: the child's allocated staff and managers.
func visibleAlerts(v *viewer.Viewer) predicate.Alert {
	if v == nil || !(isAllocatedRole(v.Role) || v.Role == domain.RoleManager) {
		return nothing[predicate.Alert]()
	}
	return ofVisibleChild[predicate.Alert](v)
}

// visibleAlertResponses: whoever may see the alert.
func visibleAlertResponses(v *viewer.Viewer) predicate.AlertResponse {
	if v == nil {
		return nothing[predicate.AlertResponse]()
	}
	return alertresponse.And(alertresponse.AuthorityID(v.AuthorityID), alertresponse.HasAlertWith(visibleAlerts(v)))
}

// Oversight records — break-glass grants, the audit log, invitations — are
// for managers and admins of the authority: family invitations for managers
// (who make them), staff invitations for admins (who make those).

func visibleGrants(v *viewer.Viewer) predicate.BreakGlassGrant {
	if v == nil || !isManagerOrAdmin(v) {
		return nothing[predicate.BreakGlassGrant]()
	}
	return breakglassgrant.AuthorityID(v.AuthorityID)
}

func visibleAuditEvents(v *viewer.Viewer) predicate.AuditEvent {
	if v == nil || !isManagerOrAdmin(v) {
		return nothing[predicate.AuditEvent]()
	}
	return auditevent.AuthorityID(v.AuthorityID)
}

func visibleInvitations(v *viewer.Viewer) predicate.Invitation {
	if v == nil {
		return nothing[predicate.Invitation]()
	}
	switch v.Role {
	case domain.RoleManager:
		// A family invitation carries the family link's details (relationship,
		// parental responsibility), which are the manager's alone.
		return invitation.And(invitation.AuthorityID(v.AuthorityID), invitation.RoleIn(domain.RoleChild, domain.RoleParent))
	case domain.RoleAdmin:
		return invitation.And(invitation.AuthorityID(v.AuthorityID), invitation.RoleNotIn(domain.RoleChild, domain.RoleParent))
	}
	return nothing[predicate.Invitation]()
}

// MayReadFigures is docs/access.md's "annual figures" row: a manager (the whole
// authority), an IRO, CP Chair or social worker (their own caseload, as the
// read rules narrow it). Children, parents and admins get none: the rules
// let a child or parent read their own plan and meetings, which are not
// theirs to count.
func MayReadFigures(v *viewer.Viewer) bool {
	if v == nil {
		return false
	}
	switch v.Role {
	case domain.RoleManager, domain.RoleIRO, domain.RoleCPChair, domain.RoleSocialWorker:
		return true
	}
	return false
}
