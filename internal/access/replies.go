package access

import (
	"context"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/parentviews"
	"kite/ent/predicate"
	"kite/ent/privacy"
	"kite/ent/reply"
	"kite/ent/wishesandfeelings"
	"kite/internal/audit"
	"kite/internal/domain"
	"kite/internal/viewer"
)

// Replies (docs/access.md, "replies"): a thread of the chair's replies to
// what a child or a parent sent.

// visibleReplies: a reply to a child's submission is part of what the
// submission says, so whoever may read its words reads it (the child, their
// chair, a social worker it was shared with, a manager by break-glass) —
// never a parent, from whom the chair's reply to the child has always been
// kept (masks.go). A reply to a parent's views is read by that parent and
// by whoever may read the views (the child's allocated staff).
func visibleReplies(v *viewer.Viewer) predicate.Reply {
	if v == nil {
		return nothing[predicate.Reply]()
	}
	var of []predicate.Reply
	if v.Role != domain.RoleParent {
		of = append(of, reply.HasSubmissionWith(submissionsWithWords(v)))
	}
	if v.Role == domain.RoleParent || isAllocatedRole(v.Role) {
		of = append(of, reply.HasParentViewsWith(visibleParentViews(v)))
	}
	if len(of) == 0 {
		return nothing[predicate.Reply]()
	}
	return reply.And(reply.AuthorityID(v.AuthorityID), reply.Or(of...))
}

// chairReplies: the child's chair (allocated as IRO or CP Chair) adds a
// reply, in their own name, to a sent submission of the child's they may
// read, or to parents' views about the child they may read. A reply is for
// one or the other, never both, and is never changed or removed.
var chairReplies = privacy.ReplyMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.ReplyMutation) error {
	if v.Role != domain.RoleIRO && v.Role != domain.RoleCPChair || !m.Op().Is(ent.OpCreate) {
		return privacy.Skip
	}
	la, _ := m.AuthorityID()
	author, _ := m.AuthorID()
	childID, _ := m.ChildID()
	sub, isSub := m.SubmissionID()
	pv, isViews := m.ParentViewsID()
	if la != v.AuthorityID || author != v.UserID || isSub == isViews ||
		!childOfAuthority(ctx, m.Client(), v, childID, allocatedAsChair(v)) {
		return privacy.Skip
	}
	switch {
	case isSub && existsForViewer(ctx, m.Client().WishesAndFeelings.Query().
		Where(wishesandfeelings.ID(sub), wishesandfeelings.ChildID(childID), sent(), submissionsWithWords(v))):
		return privacy.Allow
	case isViews && existsForViewer(ctx, m.Client().ParentViews.Query().
		Where(parentviews.ID(pv), parentviews.ChildID(childID))):
		return privacy.Allow
	}
	return privacy.Skip
}))

// ReplyPolicy: see visibleReplies; the child's chair replies.
func ReplyPolicy() ent.Policy {
	return policy(filterBy[*kent.ReplyQuery](visibleReplies), chairReplies)
}

// AuditReplyReads notes the replies staff read, for the child: a reply to a
// child's submission is a submission read, like the submission itself; a
// reply to parents' views is read like the views.
func AuditReplyReads() ent.Interceptor {
	return afterQuery([]string{reply.FieldChildID, reply.FieldSubmissionID}, func(ctx context.Context, v *viewer.Viewer, rows []*kent.Reply) {
		if !v.IsStaff() {
			return
		}
		var toChild, toParent []audit.Read
		for _, r := range rows {
			read := audit.Read{Kind: "reply", ID: r.ID, ChildID: r.ChildID}
			if r.SubmissionID != nil {
				toChild = append(toChild, read)
			} else {
				toParent = append(toParent, read)
			}
		}
		if len(toChild) > 0 {
			audit.NoteSubmissionsRead(ctx, toChild...)
		}
		if len(toParent) > 0 {
			audit.NoteReads(ctx, toParent...)
		}
	})
}
