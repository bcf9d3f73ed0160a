package access

import (
	"context"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/notice"
	"kite/ent/predicate"
	"kite/ent/privacy"
	"kite/internal/viewer"
)

// Notices (in-app notifications) are the one record whose reader is fixed
// by who it is for, not by a relationship to a child: a person reads their
// own, and nobody else reads them — not a manager, not with break-glass.
// Only system code writes them (notify.Tell); the reader marks them read.

// NoticePolicy: see visibleNotices; the owner marks their own read.
func NoticePolicy() ent.Policy {
	return policy(filterBy[*kent.NoticeQuery](visibleNotices), ownerMarksNoticesRead)
}

// visibleNotices: the viewer's own, within their authority.
func visibleNotices(v *viewer.Viewer) predicate.Notice {
	if v == nil {
		return nothing[predicate.Notice]()
	}
	return notice.And(notice.AuthorityID(v.AuthorityID), notice.UserID(v.UserID))
}

// ownerMarksNoticesRead: the person a notice is for sets when they read it,
// and nothing else of it; on their own notices only.
var ownerMarksNoticesRead = privacy.NoticeMutationRuleFunc(func(ctx context.Context, m *kent.NoticeMutation) error {
	v := viewerOf(ctx)
	if v == nil || !m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) ||
		!changesOnly(m, notice.FieldReadAt, notice.FieldUpdatedAt) {
		return privacy.Skip
	}
	m.Where(visibleNotices(v))
	return privacy.Allow
})
