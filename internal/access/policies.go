package access

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"

	kent "kite/ent"
	"kite/ent/privacy"
)

// policy is a read filter (which never denies) and mutation rules that
// allow; anything they do not allow is denied.
func policy(read privacy.QueryRule, write ...privacy.MutationRule) ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{read, privacy.AlwaysAllowRule()},
		Mutation: append(privacy.MutationPolicy(write), privacy.AlwaysDenyRule()),
	}
}

// The policy of each entity, called from ent/schema.

// LocalAuthorityPolicy: a signed-in user reads their own authority.
func LocalAuthorityPolicy() ent.Policy {
	return policy(privacy.LocalAuthorityQueryRuleFunc(func(ctx context.Context, q *kent.LocalAuthorityQuery) error {
		q.Where(visibleAuthority(viewerOf(ctx)))
		return privacy.Skip
	}))
}

// UserPolicy: see visibleUsers; admins make staff accounts and disable them.
func UserPolicy() ent.Policy {
	return policy(privacy.UserQueryRuleFunc(func(ctx context.Context, q *kent.UserQuery) error {
		q.Where(visibleUsers(viewerOf(ctx)))
		return privacy.Skip
	}), adminManagesStaff)
}

// ChildPolicy: see VisibleChildren.
func ChildPolicy() ent.Policy {
	return policy(privacy.ChildQueryRuleFunc(func(ctx context.Context, q *kent.ChildQuery) error {
		q.Where(VisibleChildren(viewerOf(ctx)))
		return privacy.Skip
	}), chairSetsLighterTouch)
}

// ChildIdentityPolicy: see visibleIdentities.
func ChildIdentityPolicy() ent.Policy {
	return policy(privacy.ChildIdentityQueryRuleFunc(func(ctx context.Context, q *kent.ChildIdentityQuery) error {
		q.Where(visibleIdentities(viewerOf(ctx)))
		return privacy.Skip
	}))
}

// AllocationPolicy: see visibleAllocations.
func AllocationPolicy() ent.Policy {
	return policy(privacy.AllocationQueryRuleFunc(func(ctx context.Context, q *kent.AllocationQuery) error {
		q.Where(visibleAllocations(viewerOf(ctx)))
		return privacy.Skip
	}), managerAllocates)
}

// FamilyLinkPolicy: see visibleFamilyLinks.
func FamilyLinkPolicy() ent.Policy {
	return policy(privacy.FamilyLinkQueryRuleFunc(func(ctx context.Context, q *kent.FamilyLinkQuery) error {
		q.Where(visibleFamilyLinks(viewerOf(ctx)))
		return privacy.Skip
	}), managerLinksFamilies)
}

// PlanPolicy: see VisiblePlans.
func PlanPolicy() ent.Policy {
	return policy(privacy.PlanQueryRuleFunc(func(ctx context.Context, q *kent.PlanQuery) error {
		q.Where(VisiblePlans(viewerOf(ctx)))
		return privacy.Skip
	}))
}

// PlanVersionPolicy: whoever may see the plan.
func PlanVersionPolicy() ent.Policy {
	return policy(privacy.PlanVersionQueryRuleFunc(func(ctx context.Context, q *kent.PlanVersionQuery) error {
		q.Where(visiblePlanVersions(viewerOf(ctx)))
		return privacy.Skip
	}), chairPublishesVersions)
}

// PlanActionPolicy: whoever may see the plan.
func PlanActionPolicy() ent.Policy {
	return policy(privacy.PlanActionQueryRuleFunc(func(ctx context.Context, q *kent.PlanActionQuery) error {
		q.Where(visiblePlanActions(viewerOf(ctx)))
		return privacy.Skip
	}), chairPublishesActions)
}

// MeetingPolicy: see visibleMeetings.
func MeetingPolicy() ent.Policy {
	return policy(privacy.MeetingQueryRuleFunc(func(ctx context.Context, q *kent.MeetingQuery) error {
		q.Where(visibleMeetings(viewerOf(ctx)))
		return privacy.Skip
	}), staffScheduleMeetings)
}

// WishesAndFeelingsPolicy: see VisibleSubmissions; the child writes their
// own, their chair answers them.
func WishesAndFeelingsPolicy() ent.Policy {
	return policy(privacy.WishesAndFeelingsQueryRuleFunc(func(ctx context.Context, q *kent.WishesAndFeelingsQuery) error {
		q.Where(VisibleSubmissions(viewerOf(ctx)))
		return privacy.Skip
	}), childWritesOwnViews, chairAnswersViews)
}

// ParentViewsPolicy: see visibleParentViews.
func ParentViewsPolicy() ent.Policy {
	return policy(privacy.ParentViewsQueryRuleFunc(func(ctx context.Context, q *kent.ParentViewsQuery) error {
		q.Where(visibleParentViews(viewerOf(ctx)))
		return privacy.Skip
	}), parentSendsViews)
}

// ReadReceiptPolicy: see visibleReadReceipts; staff record their own reads.
func ReadReceiptPolicy() ent.Policy {
	return policy(privacy.ReadReceiptQueryRuleFunc(func(ctx context.Context, q *kent.ReadReceiptQuery) error {
		q.Where(visibleReadReceipts(viewerOf(ctx)))
		return privacy.Skip
	}), staffRecordReads)
}

// AlertPolicy: see visibleAlerts.
func AlertPolicy() ent.Policy {
	return policy(privacy.AlertQueryRuleFunc(func(ctx context.Context, q *kent.AlertQuery) error {
		q.Where(visibleAlerts(viewerOf(ctx)))
		return privacy.Skip
	}), chairRaisesAlerts)
}

// AlertResponsePolicy: read by whoever may read the alert; added only by
// the person the alert is addressed to.
func AlertResponsePolicy() ent.Policy {
	return policy(privacy.AlertResponseQueryRuleFunc(func(ctx context.Context, q *kent.AlertResponseQuery) error {
		q.Where(visibleAlertResponses(viewerOf(ctx)))
		return privacy.Skip
	}), addresseeResponds)
}

// BreakGlassGrantPolicy: managers and admins of the authority read; a
// manager grants themself access to a child of their authority.
func BreakGlassGrantPolicy() ent.Policy {
	return policy(privacy.BreakGlassGrantQueryRuleFunc(func(ctx context.Context, q *kent.BreakGlassGrantQuery) error {
		q.Where(visibleGrants(viewerOf(ctx)))
		return privacy.Skip
	}), managerBreaksGlass)
}

// AuditEventPolicy: managers and admins of the authority read; only system
// code writes (audit.Record), and a hook keeps the log append-only.
func AuditEventPolicy() ent.Policy {
	return policy(privacy.AuditEventQueryRuleFunc(func(ctx context.Context, q *kent.AuditEventQuery) error {
		q.Where(visibleAuditEvents(viewerOf(ctx)))
		return privacy.Skip
	}))
}

// InvitationPolicy: managers and admins read; managers invite children and
// parents, admins invite staff.
func InvitationPolicy() ent.Policy {
	return policy(privacy.InvitationQueryRuleFunc(func(ctx context.Context, q *kent.InvitationQuery) error {
		q.Where(visibleInvitations(viewerOf(ctx)))
		return privacy.Skip
	}), invitationsByRole)
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
