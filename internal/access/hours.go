package access

import (
	"context"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/localauthority"
	"kite/ent/privacy"
	"kite/ent/user"
	"kite/internal/domain"
	"kite/internal/viewer"
)

// Working hours and office hours: what a child who needs to talk is told
// depends on them (who is at work now, who is next), so who may change them
// is an access rule like any other.

// staffRoleList are the roles of staff accounts, whose working hours may be
// set.
var staffRoleList = []domain.Role{domain.RoleIRO, domain.RoleCPChair, domain.RoleSocialWorker, domain.RoleManager, domain.RoleAdmin}

// staffSetWorkingPattern: a member of staff sets their own working hours;
// a manager or an admin sets the working hours and the full-time equivalent
// of any staff account of their authority. Nothing else of the account
// changes this way. The full-time equivalent is a manager's, not the
// person's own: it scales the caseload range the authority's figures judge
// each IRO against, so an IRO does not set the measure of their own load.
var staffSetWorkingPattern = privacy.UserMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.UserMutation) error {
	if !v.IsStaff() || !m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) ||
		!changesOnly(m, user.FieldWorkingHours, user.FieldFullTimeEquivalent, user.FieldUpdatedAt) {
		return privacy.Skip
	}
	switch {
	case isManagerOrAdmin(v):
		m.Where(user.AuthorityID(v.AuthorityID), user.RoleIn(staffRoleList...))
	case changesOnly(m, user.FieldWorkingHours, user.FieldUpdatedAt):
		m.Where(user.ID(v.UserID))
	default:
		return privacy.Skip // a full-time equivalent: managers and admins only
	}
	return privacy.Allow
}))

// managerSetsOfficeHours: a manager sets their own authority's office hours,
// and nothing else of it.
var managerSetsOfficeHours = privacy.LocalAuthorityMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.LocalAuthorityMutation) error {
	if v.Role != domain.RoleManager || !m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) ||
		!changesOnly(m, localauthority.FieldOfficeHours, localauthority.FieldUpdatedAt) {
		return privacy.Skip
	}
	m.Where(localauthority.ID(v.AuthorityID))
	return privacy.Allow
}))

// managerChangesSettings: a manager changes their own authority's settings
// (short passwords for under-12s, the views reminder, the chairs' digest
// hour, when a reply is overdue, the working days for a response at each
// stage of an alert, the child population for rates per 10,000, whether the
// annual report suppresses small counts), and nothing else of it.
var managerChangesSettings = privacy.LocalAuthorityMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.LocalAuthorityMutation) error {
	if !MayChangeSettings(v) || !m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) ||
		!changesOnly(m, localauthority.FieldShortPasswordsUnder12, localauthority.FieldViewsReminderWorkingDays,
			localauthority.FieldSubmissionDigestHour, localauthority.FieldReplyDueWorkingDays,
			localauthority.FieldAlertResponseWorkingDays, localauthority.FieldAlertTeamManagerWorkingDays,
			localauthority.FieldAlertHeadOfServiceWorkingDays, localauthority.FieldAlertDirectorWorkingDays,
			localauthority.FieldAlertCafcassWorkingDays, localauthority.FieldChildPopulation, localauthority.FieldSuppressSmallCounts,
			localauthority.FieldUpdatedAt) {
		return privacy.Skip
	}
	m.Where(localauthority.ID(v.AuthorityID))
	return privacy.Allow
}))

// MayChangeSettings is docs/access.md's "authority settings" row: a manager,
// for their own authority; they alone read the settings too.
func MayChangeSettings(v *viewer.Viewer) bool {
	return v != nil && v.Role == domain.RoleManager
}
