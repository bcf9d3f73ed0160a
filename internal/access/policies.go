package access

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"

	kent "kite/ent"
	"kite/ent/privacy"
	"kite/internal/viewer"
)

// policy is a read filter (which never denies) and mutation rules that
// allow; anything they do not allow is denied.
func policy(read privacy.QueryRule, write ...privacy.MutationRule) ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{read, privacy.AlwaysAllowRule()},
		Mutation: append(privacy.MutationPolicy(write), privacy.AlwaysDenyRule()),
	}
}

// filterBy is the read filter of one entity: it narrows every query of the
// entity to the rows visible gives the signed-in viewer, and never denies.
// Q is the entity's generated query type (*kent.ChildQuery) and P its
// predicate type (predicate.Child); the compiler checks that the two belong
// together, so a rule cannot be attached to the wrong entity.
func filterBy[Q interface{ Where(...P) Q }, P any](visible func(*viewer.Viewer) P) privacy.QueryRule {
	return privacy.QueryRuleFunc(func(ctx context.Context, q kent.Query) error {
		eq, ok := q.(Q)
		if !ok {
			// ent calls an entity's policy with that entity's query only.
			return privacy.Denyf("access: unexpected query type %T, expect %T", q, eq)
		}
		eq.Where(visible(viewerOf(ctx)))
		return privacy.Skip
	})
}

// The policy of each entity, called from ent/schema: who reads its rows
// (reads.go, relationships.go), then who changes them (writes.go,
// casework.go).

// LocalAuthorityPolicy: a signed-in user reads their own authority; a
// manager sets its office hours and changes its settings.
func LocalAuthorityPolicy() ent.Policy {
	return policy(filterBy[*kent.LocalAuthorityQuery](visibleAuthority), managerSetsOfficeHours, managerKeepsContactsInStep, managerChangesSettings)
}

// UserPolicy: see visibleUsers; admins make staff accounts and disable them;
// staff set their working hours (managers and admins anyone's).
func UserPolicy() ent.Policy {
	return policy(filterBy[*kent.UserQuery](visibleUsers), adminManagesStaff, staffSetWorkingPattern)
}

// ChildPolicy: see VisibleChildren; the child's IRO sets lighter touch.
func ChildPolicy() ent.Policy {
	return policy(filterBy[*kent.ChildQuery](VisibleChildren), chairSetsLighterTouch)
}

// ChildIdentityPolicy: see visibleIdentities; only system code (the import)
// writes.
func ChildIdentityPolicy() ent.Policy {
	return policy(filterBy[*kent.ChildIdentityQuery](visibleIdentities))
}

// AllocationPolicy: see visibleAllocations; managers allocate.
func AllocationPolicy() ent.Policy {
	return policy(filterBy[*kent.AllocationQuery](visibleAllocations), managerAllocates)
}

// FamilyLinkPolicy: see visibleFamilyLinks; managers link families.
func FamilyLinkPolicy() ent.Policy {
	return policy(filterBy[*kent.FamilyLinkQuery](visibleFamilyLinks), managerLinksFamilies)
}

// PlanPolicy: see VisiblePlans; a manager or the child's chair starts and
// ends plans (plans.go); the import writes as system code.
func PlanPolicy() ent.Policy {
	return policy(filterBy[*kent.PlanQuery](VisiblePlans), managerOrChairStartsPlans)
}

// PlanVersionPolicy: whoever may see the plan; the chair or social worker
// publishes.
func PlanVersionPolicy() ent.Policy {
	return policy(filterBy[*kent.PlanVersionQuery](visiblePlanVersions), staffPublishVersions)
}

// PlanActionPolicy: whoever may see the plan; the chair or social worker
// publishes; the parent an action names marks it done and the social worker
// checks that.
func PlanActionPolicy() ent.Policy {
	return policy(filterBy[*kent.PlanActionQuery](visiblePlanActions), staffPublishActions,
		parentMarksActionsDone, socialWorkerChecksDone)
}

// MeetingPolicy: see visibleMeetings; allocated staff schedule.
func MeetingPolicy() ent.Policy {
	return policy(filterBy[*kent.MeetingQuery](visibleMeetings), staffScheduleMeetings, staffPostponeMeetings)
}

// WishesAndFeelingsPolicy: see VisibleSubmissions; the child writes their
// own, their chair answers them.
func WishesAndFeelingsPolicy() ent.Policy {
	return policy(filterBy[*kent.WishesAndFeelingsQuery](VisibleSubmissions), childWritesOwnViews, chairAnswersViews)
}

// AttachmentPolicy: see visibleAttachments; the child adds pictures to,
// and removes them from, their own drafts.
func AttachmentPolicy() ent.Policy {
	return policy(filterBy[*kent.AttachmentQuery](visibleAttachments), childAttachesPictures)
}

// ParentViewsPolicy: see visibleParentViews; a linked parent sends them.
func ParentViewsPolicy() ent.Policy {
	return policy(filterBy[*kent.ParentViewsQuery](visibleParentViews), parentSendsViews)
}

// ReadReceiptPolicy: see visibleReadReceipts; staff record their own reads.
func ReadReceiptPolicy() ent.Policy {
	return policy(filterBy[*kent.ReadReceiptQuery](visibleReadReceipts), staffRecordReads)
}

// AlertPolicy: see visibleAlerts; the child's chair raises them.
func AlertPolicy() ent.Policy {
	return policy(filterBy[*kent.AlertQuery](visibleAlerts), chairRaisesAlerts)
}

// AlertResponsePolicy: read by whoever may read the alert; added only by
// the person the alert is addressed to.
func AlertResponsePolicy() ent.Policy {
	return policy(filterBy[*kent.AlertResponseQuery](visibleAlertResponses), addresseeResponds)
}

// BreakGlassGrantPolicy: managers and admins of the authority read; a
// manager grants themself access to a child of their authority.
func BreakGlassGrantPolicy() ent.Policy {
	return policy(filterBy[*kent.BreakGlassGrantQuery](visibleGrants), managerBreaksGlass)
}

// AuditEventPolicy: managers and admins of the authority read; only system
// code writes (audit.Record), and a hook keeps the log append-only.
func AuditEventPolicy() ent.Policy {
	return policy(filterBy[*kent.AuditEventQuery](visibleAuditEvents))
}

// InvitationPolicy: managers and admins read; managers invite children and
// parents, admins invite staff.
func InvitationPolicy() ent.Policy {
	return policy(filterBy[*kent.InvitationQuery](visibleInvitations), invitationsByRole)
}

// SystemOnlyPolicy is for records no viewer reads or writes through the API:
// the notification outbox and refresh tokens.
func SystemOnlyPolicy() ent.Policy {
	return policy(seeNothing)
}

// ReferencePolicy is for global reference data with per-authority overrides
// (glossary, form templates): the global rows are public, an authority's own
// rows are read by its own users, and only system code writes them.
func ReferencePolicy() ent.Policy {
	return policy(globalOrOwnAuthority)
}

// seeNothing filters every row away: an id is never null.
var seeNothing = privacy.FilterFunc(func(_ context.Context, f privacy.Filter) error {
	f.Where(entql.FieldNil("id"))
	return privacy.Skip
})

// globalOrOwnAuthority keeps the global rows, and the viewer's own
// authority's rows when someone is signed in.
var globalOrOwnAuthority = privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
	global := entql.FieldNil("authority_id")
	if v := viewerOf(ctx); v != nil {
		f.Where(entql.Or(global, entql.FieldEQ("authority_id", string(v.AuthorityID))))
	} else {
		f.Where(global)
	}
	return privacy.Skip
})
