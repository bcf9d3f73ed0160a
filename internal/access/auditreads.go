package access

import (
	"context"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/alert"
	"kite/ent/alertresponse"
	"kite/ent/allocation"
	"kite/ent/attachment"
	"kite/ent/childidentity"
	"kite/ent/familylink"
	"kite/ent/meeting"
	"kite/ent/parentviews"
	"kite/ent/plan"
	"kite/ent/planaction"
	"kite/ent/planversion"
	"kite/ent/wishesandfeelings"
	"kite/internal/audit"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Every record that belongs to a child, read by a member of staff, is noted
// for the audit log (internal/audit writes one event per child per piece of
// work). One helper for every kind, so that none can be left out by a copy
// that drifted: each kind names its child column and how to read it.

// auditReads notes staff reads of rows of T, which name their child in
// column.
func auditReads[T any](kind, column string, ids func(*T) (id, child ident.ID)) ent.Interceptor {
	return auditReadsAs(kind, column, audit.NoteReads, ids)
}

func auditReadsAs[T any](kind, column string, note func(context.Context, ...audit.Read), ids func(*T) (id, child ident.ID)) ent.Interceptor {
	return afterQuery([]string{column}, func(ctx context.Context, v *viewer.Viewer, rows []*T) {
		noteStaffReads(ctx, v, kind, note, rows, ids)
	})
}

// noteStaffReads notes rows of T read by v, when v is a member of staff: what
// the interceptor above does after an ent read, and what a read outside ent
// (outside.go) calls itself.
func noteStaffReads[T any](ctx context.Context, v *viewer.Viewer, kind string, note func(context.Context, ...audit.Read), rows []*T, ids func(*T) (id, child ident.ID)) {
	if !v.IsStaff() || len(rows) == 0 {
		return
	}
	rs := make([]audit.Read, len(rows))
	for i, row := range rows {
		id, child := ids(row)
		rs[i] = audit.Read{Kind: kind, ID: id, ChildID: child}
	}
	note(ctx, rs...)
}

// auditReadsVia notes staff reads of rows of T, whose child is found through
// the parent record named in column.
func auditReadsVia[T any](kind, column, parentKind string, ids func(*T) (id, parent ident.ID)) ent.Interceptor {
	return afterQuery([]string{column}, func(ctx context.Context, v *viewer.Viewer, rows []*T) {
		if !v.IsStaff() || len(rows) == 0 {
			return
		}
		rs := make([]audit.ReadVia, len(rows))
		for i, row := range rows {
			id, parent := ids(row)
			rs[i] = audit.ReadVia{Kind: kind, ID: id, ParentKind: parentKind, ParentID: parent}
		}
		audit.NoteReadsVia(ctx, rs...)
	})
}

// AuditChildReads notes the children whose profiles staff read.
func AuditChildReads() ent.Interceptor {
	return auditReads(audit.KindChild, "id", childRead)
}

func childRead(c *kent.Child) (ident.ID, ident.ID) { return c.ID, c.ID }

// AuditSubmissionReads notes the submissions staff read (a more sensitive
// action than reading the record: internal/audit).
func AuditSubmissionReads() ent.Interceptor {
	return auditReadsAs(audit.KindSubmission, wishesandfeelings.FieldChildID, audit.NoteSubmissionsRead, submissionRead)
}

func submissionRead(s *kent.WishesAndFeelings) (ident.ID, ident.ID) { return s.ID, s.ChildID }

// AuditIdentityReads notes reads of children's legal names and dates of birth.
func AuditIdentityReads() ent.Interceptor {
	return auditReads("child_identity", childidentity.FieldChildID,
		func(r *kent.ChildIdentity) (ident.ID, ident.ID) { return r.ID, r.ChildID })
}

// AuditPlanReads notes reads of children's plans.
func AuditPlanReads() ent.Interceptor {
	return auditReads(audit.KindPlan, plan.FieldChildID, planRead)
}

func planRead(p *kent.Plan) (ident.ID, ident.ID) { return p.ID, p.ChildID }

// AuditPlanVersionReads notes reads of plan versions, a child's through the plan.
func AuditPlanVersionReads() ent.Interceptor {
	return auditReadsVia(audit.KindPlanVersion, planversion.FieldPlanID, audit.KindPlan,
		func(v *kent.PlanVersion) (ident.ID, ident.ID) { return v.ID, v.PlanID })
}

// AuditPlanActionReads notes reads of plan actions, a child's through the version.
func AuditPlanActionReads() ent.Interceptor {
	return auditReadsVia("plan_action", planaction.FieldPlanVersionID, audit.KindPlanVersion,
		func(a *kent.PlanAction) (ident.ID, ident.ID) { return a.ID, a.PlanVersionID })
}

// AuditMeetingReads notes reads of children's meetings.
func AuditMeetingReads() ent.Interceptor {
	return auditReads(meetingReads, meeting.FieldChildID, meetingRead)
}

// meetingReads and meetingRead say how a read of meetings is noted.
const meetingReads = "meeting"

func meetingRead(m *kent.Meeting) (ident.ID, ident.ID) { return m.ID, m.ChildID }

// AuditFamilyLinkReads notes reads of children's family links.
func AuditFamilyLinkReads() ent.Interceptor {
	return auditReads("family_link", familylink.FieldChildID,
		func(l *kent.FamilyLink) (ident.ID, ident.ID) { return l.ID, l.ChildID })
}

// AuditAllocationReads notes reads of who is allocated to children.
func AuditAllocationReads() ent.Interceptor {
	return auditReads(allocationReads, allocation.FieldChildID, allocationRead)
}

// allocationReads and allocationRead say how a read of allocations is noted.
const allocationReads = "allocation"

func allocationRead(a *kent.Allocation) (ident.ID, ident.ID) { return a.ID, a.ChildID }

// AuditAlertReads notes reads of alerts about children.
func AuditAlertReads() ent.Interceptor {
	return auditReads(audit.KindAlert, alert.FieldChildID, func(a *kent.Alert) (ident.ID, ident.ID) { return a.ID, a.ChildID })
}

// AuditAlertResponseReads notes reads of responses to alerts, a child's
// through the alert.
func AuditAlertResponseReads() ent.Interceptor {
	return auditReadsVia("alert_response", alertresponse.FieldAlertID, audit.KindAlert,
		func(r *kent.AlertResponse) (ident.ID, ident.ID) { return r.ID, r.AlertID })
}

// AuditParentViewsReads notes reads of parents' views about children.
func AuditParentViewsReads() ent.Interceptor {
	return auditReads("parent_views", parentviews.FieldChildID,
		func(p *kent.ParentViews) (ident.ID, ident.ID) { return p.ID, p.ChildID })
}

// AuditAttachmentReads notes the pictures staff read: a child's submission
// read, like the submission itself.
func AuditAttachmentReads() ent.Interceptor {
	return auditReadsAs("attachment", attachment.FieldChildID, audit.NoteSubmissionsRead,
		func(a *kent.Attachment) (ident.ID, ident.ID) { return a.ID, a.ChildID })
}
