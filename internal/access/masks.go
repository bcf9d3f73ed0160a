package access

import (
	"context"
	"slices"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/child"
	"kite/ent/childidentity"
	"kite/ent/meeting"
	"kite/ent/planaction"
	"kite/ent/privacy"
	"kite/ent/wishesandfeelings"
	"kite/internal/domain"
	"kite/internal/viewer"
)

// Masks hide the parts of a visible row that a viewer may not see. ent's
// policies work on whole rows, so these run after a query, on its results,
// wherever the rows come from (a list, an edge, an eager load, node(id)).
// System code sees rows whole.

// afterQuery wraps an interceptor body that post-processes a query's rows.
// needs are the columns the body reads: GraphQL field collection loads only
// the fields a client asked for, and a mask must not be fooled by a column
// that was simply not loaded.
func afterQuery[T any](needs []string, fn func(context.Context, *viewer.Viewer, []*T)) ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			if e, ok := q.(interface{ EnsureFields(...string) }); ok && len(needs) > 0 && loadsRows(ctx) {
				e.EnsureFields(needs...)
			}
			value, err := next.Query(ctx, q)
			if err != nil || isSystem(ctx) {
				return value, err
			}
			if rows, ok := value.([]*T); ok {
				if v := viewerOf(ctx); v != nil {
					fn(ctx, v, rows)
				}
			}
			return value, nil
		})
	})
}

// maskRows is an interceptor that applies mask to each row a viewer's query
// loads.
func maskRows[T any](needs []string, mask func(*viewer.Viewer, *T)) ent.Interceptor {
	return afterQuery(needs, func(_ context.Context, v *viewer.Viewer, rows []*T) {
		for _, row := range rows {
			mask(v, row)
		}
	})
}

// loadsRows reports whether the query loads whole rows (All, Only, First) —
// not ids, a count or a scan of chosen columns, which must keep their shape.
func loadsRows(ctx context.Context) bool {
	qc := ent.QueryFromContext(ctx)
	if qc == nil {
		return false
	}
	switch qc.Op {
	case ent.OpQueryAll, ent.OpQueryOnly, ent.OpQueryFirst:
		return true
	}
	return false
}

// MaskMeetings hides a withheld venue from a child's family (docs/access.md:
// "venue hidden where the meeting withholds it from family"; a venue
// withheld before reasons were asked for stays hidden too), and from the
// child and family why it is withheld, why it was booked late, and the
// chair's own record of the meeting: who attended (it can name another parent) and the participation
// code.
func MaskMeetings() ent.Interceptor {
	return maskRows([]string{meeting.FieldVenueWithheldFromFamily}, maskMeeting)
}

// maskMeeting blanks what v may not see of one meeting (MaskMeetings).
func maskMeeting(v *viewer.Viewer, m *kent.Meeting) {
	if v.Role != domain.RoleParent && v.Role != domain.RoleChild {
		return
	}
	if v.Role == domain.RoleParent && m.VenueWithheldFromFamily {
		m.Venue = nil
	}
	m.VenueWithheldReason = nil
	m.LateReason = nil
	m.Attendees = nil
	m.ParticipationCode = nil
	m.ChildAttended = nil
}

// MaskSubmissions hides from a parent the urgent flag and the chair's reply
// to the child, and from a social worker the words of a submission the
// child shared with their chair only (the social worker still sees that the
// child needs to talk to someone today).
func MaskSubmissions() ent.Interceptor {
	return maskRows([]string{wishesandfeelings.FieldShareWith}, maskSubmission)
}

// maskSubmission blanks what v may not see of one submission
// (MaskSubmissions).
func maskSubmission(v *viewer.Viewer, s *kent.WishesAndFeelings) {
	switch {
	case v.Role == domain.RoleParent:
		s.NeedsToTalkToday = false
		s.Reply = nil
	case v.Role == domain.RoleSocialWorker && !slices.Contains(socialWorkerShares, s.ShareWith):
		s.Answers = nil
		s.Reply = nil
	}
}

// FormalWordingAge is the age from which a child may read the formal (and
// the family) wording of their plan. Younger children read the wording
// written for them, or are told who will talk it through with them.
const FormalWordingAge = 12

// MaskPlanVersions hides the formal and the family wording of a plan from
// a child under FormalWordingAge (docs/access.md, Masks).
func MaskPlanVersions() ent.Interceptor {
	return afterQuery(nil, func(ctx context.Context, v *viewer.Viewer, rows []*kent.PlanVersion) {
		if v.Role != domain.RoleChild || len(rows) == 0 || !youngChild(ctx, v, rows[0].QueryPlan().QueryChild()) {
			return
		}
		for _, pv := range rows {
			maskPlanVersion(pv)
		}
	})
}

// maskPlanVersion blanks the formal and the family wording of a version.
func maskPlanVersion(pv *kent.PlanVersion) {
	pv.Worries, pv.GoingWell, pv.NeedsToChange = nil, nil, nil
	pv.WorriesForFamily, pv.GoingWellForFamily, pv.NeedsToChangeForFamily = nil, nil, nil
}

// MaskPlanActions hides, from the child and from any parent but the one an
// action is for, what that parent wrote when they marked it done and what
// the social worker wrote when sending it back: notes between one parent
// and the social worker (everyone who sees the plan still sees that it was
// marked done and when). It also hides the formal wording of a plan's
// actions from a child under FormalWordingAge; the wording for the child
// stays.
func MaskPlanActions() ent.Interceptor {
	return afterQuery([]string{planaction.FieldForParentID}, func(ctx context.Context, v *viewer.Viewer, rows []*kent.PlanAction) {
		for _, a := range rows {
			maskPlanAction(v, a)
		}
		if v.Role != domain.RoleChild || len(rows) == 0 ||
			!youngChild(ctx, v, rows[0].QueryPlanVersion().QueryPlan().QueryChild()) {
			return
		}
		for _, a := range rows {
			a.What = nil
		}
	})
}

// youngChild reports whether the signed-in child is under FormalWordingAge.
// The rows a child reads are their own, so their plan's child (children,
// reached from a row just read) is the viewer; the date of birth is read
// below the rules, as Ages reads it, and only the answer leaves. A child
// whose age is not known is treated as young: the mask fails safe.
func youngChild(ctx context.Context, v *viewer.Viewer, children *kent.ChildQuery) bool {
	id, err := children.Where(child.ID(v.ChildID)).QueryIdentity().
		Where(childidentity.DateOfBirthNotNil()).
		First(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return true
	}
	return id.DateOfBirth.YearsOn(today()) < FormalWordingAge
}

// maskPlanAction blanks the notes between a parent and the social worker
// that v may not see of one action (MaskPlanActions).
func maskPlanAction(v *viewer.Viewer, a *kent.PlanAction) {
	if v.Role != domain.RoleParent && v.Role != domain.RoleChild {
		return
	}
	if v.Role == domain.RoleParent && a.ForParentID != nil && *a.ForParentID == v.UserID {
		return
	}
	a.DoneNote = nil
	a.SentBackNote = nil
}
