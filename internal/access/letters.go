package access

import (
	"context"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/letter"
	"kite/ent/meeting"
	"kite/ent/predicate"
	"kite/ent/privacy"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Letters (docs/access.md, "letters to the child"): the chair's letter to a
// child after a meeting.

// visibleLetters: a draft is its writer's alone; a published letter is
// read by the child it is to, their allocated staff and managers of the
// authority (as the meeting), never by a parent: it is written to the
// child, and may answer what the child said only to their chair.
func visibleLetters(v *viewer.Viewer) predicate.Letter {
	if v == nil {
		return nothing[predicate.Letter]()
	}
	own := letter.And(letter.AuthorID(v.UserID), letter.AuthorityID(v.AuthorityID))
	if v.Role == domain.RoleParent || v.Role == domain.RoleAdmin {
		return own
	}
	published := letter.And(letter.PublishedAtNotNil(), ofVisibleChild[predicate.Letter](v))
	return letter.Or(own, published)
}

// MayWriteLetter reports whether the viewer may write letters at all: the
// chairs (IRO or CP Chair). The rule below decides for which meeting.
func MayWriteLetter(v *viewer.Viewer) bool {
	return v != nil && (v.Role == domain.RoleIRO || v.Role == domain.RoleCPChair)
}

// chairWritesLetters: the child's chair (allocated as IRO or CP Chair)
// starts a letter, in their own name, to a child of a meeting that was
// held; changes the words of their own draft, and publishes it. A
// published letter never changes.
var chairWritesLetters = privacy.LetterMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.LetterMutation) error {
	if !MayWriteLetter(v) {
		return privacy.Skip
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		la, _ := m.AuthorityID()
		author, _ := m.AuthorID()
		childID, _ := m.ChildID()
		meetingID, _ := m.MeetingID()
		if _, published := m.PublishedAt(); published || la != v.AuthorityID || author != v.UserID {
			return privacy.Skip
		}
		if childOfAuthority(ctx, m.Client(), v, childID, allocatedAsChair(v)) &&
			existsForViewer(ctx, m.Client().Meeting.Query().Where(meeting.ID(meetingID), meeting.ChildID(childID),
				meeting.StatusEQ(domain.Held))) {
			return privacy.Allow
		}
	case m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) &&
		changesOnly(m, letter.FieldText, letter.FieldPublishedAt, letter.FieldUpdatedAt):
		m.Where(letter.AuthorID(v.UserID), letter.AuthorityID(v.AuthorityID), letter.PublishedAtIsNil(),
			letter.HasChildWith(allocatedAsChair(v)))
		return privacy.Allow
	}
	return privacy.Skip
}))

// LetterPolicy: see visibleLetters; the child's chair writes and publishes.
func LetterPolicy() ent.Policy {
	return policy(filterBy[*kent.LetterQuery](visibleLetters), chairWritesLetters)
}

// AuditLetterReads notes the letters staff read, for the child.
func AuditLetterReads() ent.Interceptor {
	return auditReads("letter", letter.FieldChildID, func(l *kent.Letter) (ident.ID, ident.ID) { return l.ID, l.ChildID })
}
