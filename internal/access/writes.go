package access

import (
	"context"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/attachment"
	"kite/ent/child"
	"kite/ent/formtemplate"
	"kite/ent/meeting"
	"kite/ent/parentviews"
	"kite/ent/predicate"
	"kite/ent/privacy"
	"kite/ent/user"
	"kite/ent/wishesandfeelings"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Mutation rules. Each returns Allow for what it permits and Skip otherwise,
// so that the policy's final rule denies everything else.

// byViewer makes a mutation rule that decides for the signed-in viewer; it
// skips a change with no viewer, which the policy's final rule then denies.
func byViewer[M any](rule func(ctx context.Context, v *viewer.Viewer, m M) error) func(context.Context, M) error {
	return func(ctx context.Context, m M) error {
		v := viewerOf(ctx)
		if v == nil {
			return privacy.Skip
		}
		return rule(ctx, v, m)
	}
}

// A rule often asks whether what a change points at exists: the child an
// allocation is for, the meeting a submission is about. It asks in one of two
// ways, and the name says which.

// existQuery is a query whose rows can be tested for existence.
type existQuery interface {
	Exist(context.Context) (bool, error)
}

// existsAsSystem reports whether the query finds a row, looking as system
// code, past the read rules. It is for a lookup whose predicates state the
// rule's whole condition themselves (this child of the viewer's authority,
// allocated to them): the read rules would only repeat them, at the cost of
// their sub-queries, so the lookup must not run through them.
func existsAsSystem(ctx context.Context, q existQuery) bool {
	ok, err := q.Exist(privacy.DecisionContext(ctx, privacy.Allow))
	return err == nil && ok
}

// existsForViewer reports whether the query finds a row under the viewer's
// own read rules. It is for the question "may the viewer see what this change
// points at?" (the meeting or form a child's submission names, the
// submission a read receipt is for): the read rules answer it, so a change
// never reaches a row the viewer could not read.
func existsForViewer(ctx context.Context, q existQuery) bool {
	ok, err := q.Exist(ctx)
	return err == nil && ok
}

// childOfAuthority reports, as system code, whether id is a child of the
// viewer's authority that also matches more.
func childOfAuthority(ctx context.Context, c *kent.Client, v *viewer.Viewer, id ident.ID, more ...predicate.Child) bool {
	where := append([]predicate.Child{child.ID(id), child.AuthorityID(v.AuthorityID)}, more...)
	return existsAsSystem(ctx, c.Child.Query().Where(where...))
}

// accountOfAuthority reports, as system code, whether id is an account of the
// viewer's authority with role that also matches more.
func accountOfAuthority(ctx context.Context, c *kent.Client, v *viewer.Viewer, id ident.ID, role domain.Role, more ...predicate.User) bool {
	where := append([]predicate.User{user.ID(id), user.AuthorityID(v.AuthorityID), user.RoleEQ(role)}, more...)
	return existsAsSystem(ctx, c.User.Query().Where(where...))
}

// staffRoles are the roles an admin may create and manage.
var staffRoles = map[domain.Role]bool{
	domain.RoleIRO: true, domain.RoleCPChair: true, domain.RoleSocialWorker: true, domain.RoleManager: true, domain.RoleAdmin: true,
}

// adminManagesStaff: an admin creates staff accounts in their own authority,
// and updates accounts of their own authority (enable, disable).
var adminManagesStaff = privacy.UserMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.UserMutation) error {
	if v.Role != domain.RoleAdmin {
		return privacy.Skip
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		la, _ := m.AuthorityID()
		role, _ := m.Role()
		if la == v.AuthorityID && staffRoles[role] {
			return privacy.Allow
		}
	case m.Op().Is(ent.OpUpdateOne | ent.OpUpdate):
		// Only the active flag, and ending the account's sessions with it:
		// credentials change through system code after the owner proves who
		// they are.
		if changesOnly(m, user.FieldActive, user.FieldSessionsValidAfter, user.FieldUpdatedAt) {
			m.Where(user.AuthorityID(v.AuthorityID))
			return privacy.Allow
		}
	}
	return privacy.Skip
}))

// invitationsByRole: a manager invites a child (never an unborn baby) or a
// parent of a child of their authority; an admin invites staff to an
// account of their authority.
var invitationsByRole = privacy.InvitationMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.InvitationMutation) error {
	if !m.Op().Is(ent.OpCreate) {
		return privacy.Skip
	}
	la, _ := m.AuthorityID()
	role, _ := m.Role()
	createdBy, _ := m.CreatedByID()
	if la != v.AuthorityID || createdBy != v.UserID {
		return privacy.Skip
	}
	switch {
	case v.Role == domain.RoleManager && role == domain.RoleParent:
		// An existing parent account (imported, not yet set up), or a new one
		// for a child of the authority.
		if id, ok := m.UserID(); ok {
			if unclaimed(ctx, m.Client(), v, id, domain.RoleParent) {
				return privacy.Allow
			}
			return privacy.Skip
		}
		fallthrough
	case v.Role == domain.RoleManager && role == domain.RoleChild:
		id, ok := m.ChildID()
		_, claims := m.UserID()
		var more []predicate.Child
		if role == domain.RoleChild {
			more = append(more, notUnborn()) // an unborn baby has no account
		}
		if ok && !claims && childOfAuthority(ctx, m.Client(), v, id, more...) {
			return privacy.Allow
		}
	case v.Role == domain.RoleAdmin && staffRoles[role]:
		id, ok := m.UserID()
		if ok && unclaimed(ctx, m.Client(), v, id, role) {
			return privacy.Allow
		}
	}
	return privacy.Skip
}))

// unclaimed: an account of the viewer's authority, with this role, that has
// not been set up yet (no username) — the only kind an invitation may claim.
func unclaimed(ctx context.Context, c *kent.Client, v *viewer.Viewer, id ident.ID, role domain.Role) bool {
	return accountOfAuthority(ctx, c, v, id, role, user.UsernameIsNil())
}

// changesOnly reports whether a mutation sets no fields but these.
func changesOnly(m ent.Mutation, allowed ...string) bool {
	ok := map[string]bool{}
	for _, f := range allowed {
		ok[f] = true
	}
	changed := append(append(m.Fields(), m.AddedFields()...), m.ClearedFields()...)
	for _, f := range changed {
		if !ok[f] {
			return false
		}
	}
	return true
}

// managerBreaksGlass: a manager grants themself access to one child of
// their own authority.
var managerBreaksGlass = privacy.BreakGlassGrantMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.BreakGlassGrantMutation) error {
	if v.Role != domain.RoleManager || !m.Op().Is(ent.OpCreate) {
		return privacy.Skip
	}
	la, _ := m.AuthorityID()
	manager, _ := m.ManagerID()
	id, ok := m.ChildID()
	if ok && la == v.AuthorityID && manager == v.UserID && childOfAuthority(ctx, m.Client(), v, id) {
		return privacy.Allow
	}
	return privacy.Skip
}))

// childWritesOwnViews: a child creates submissions for themself and changes
// only their own drafts (a submitted one is never changed by the child,
// except to narrow who sees it: narrowable). Whatever the submission points
// at — its meeting, its form — must be the child's own or one they may read.
var childWritesOwnViews = privacy.WishesAndFeelingsMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.WishesAndFeelingsMutation) error {
	if v.Role != domain.RoleChild || v.ChildID == "" {
		return privacy.Skip
	}
	if id, ok := m.MeetingID(); ok && !existsForViewer(ctx, m.Client().Meeting.Query().Where(meeting.ID(id), meeting.ChildID(v.ChildID))) {
		return privacy.Skip
	}
	if id, ok := m.FormTemplateID(); ok && !existsForViewer(ctx, m.Client().FormTemplate.Query().Where(formtemplate.ID(id))) {
		return privacy.Skip
	}
	if !childSettable(m) {
		return privacy.Skip
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		la, _ := m.AuthorityID()
		childID, _ := m.ChildID()
		if la == v.AuthorityID && childID == v.ChildID {
			return privacy.Allow
		}
	case m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) && changesOnly(m, childFields...):
		mayChange := wishesandfeelings.StatusEQ(domain.Draft)
		if share, ok := m.ShareWith(); ok && changesOnly(m, narrowFields...) {
			mayChange = wishesandfeelings.Or(mayChange, narrowable(share))
		}
		m.Where(wishesandfeelings.ChildID(v.ChildID), mayChange)
		return privacy.Allow
	}
	return privacy.Skip
}))

// childFields are what a child may change on their own draft.
var childFields = []string{
	wishesandfeelings.FieldAnswers, wishesandfeelings.FieldShareWith, wishesandfeelings.FieldMeetingID,
	wishesandfeelings.FieldNeedsToTalkToday, wishesandfeelings.FieldHelpedBy, wishesandfeelings.FieldStatus,
	wishesandfeelings.FieldSubmittedAt, wishesandfeelings.FieldIdempotencyKey, wishesandfeelings.FieldRevision,
	wishesandfeelings.FieldUpdatedAt,
}

// narrowFields are what narrowing who sees a sent submission changes.
var narrowFields = []string{wishesandfeelings.FieldShareWith, wishesandfeelings.FieldRevision, wishesandfeelings.FieldUpdatedAt}

// shareBreadth orders the share choices from the fewest people to the most.
var shareBreadth = map[domain.ShareWith]int{
	domain.ChairOnly: 1, domain.ChairAndSocialWorker: 2, domain.EveryoneAtMeeting: 3,
}

// Narrows reports whether sharing with to lets fewer people see a
// submission than sharing with from: the only change a child may make to
// who sees a sent one. Widening means sending it again.
func Narrows(from, to domain.ShareWith) bool {
	f, t := shareBreadth[from], shareBreadth[to]
	return t > 0 && f > t
}

// narrowable is the child's sent submissions that sharing with to would
// narrow and that nobody has read yet (once read, what was shared has been
// seen as it was sent).
func narrowable(to domain.ShareWith) predicate.WishesAndFeelings {
	var wider []domain.ShareWith
	for s := range shareBreadth {
		if Narrows(s, to) {
			wider = append(wider, s)
		}
	}
	if len(wider) == 0 {
		return nothing[predicate.WishesAndFeelings]()
	}
	return wishesandfeelings.And(wishesandfeelings.StatusEQ(domain.Submitted), wishesandfeelings.FirstReadAtIsNil(),
		wishesandfeelings.ShareWithIn(wider...))
}

// childSettable: a child's change may leave a submission a draft or send
// it, but never mark it read, reply to it or withhold it.
func childSettable(m *kent.WishesAndFeelingsMutation) bool {
	if st, ok := m.Status(); ok && st != domain.Draft && st != domain.Submitted {
		return false
	}
	if w, ok := m.WithheldFromFamily(); ok && w {
		return false
	}
	_, reply := m.Reply()
	_, read := m.FirstReadAt()
	_, responded := m.RespondedAt()
	_, by := m.RepliedByID()
	return !reply && !read && !responded && !by
}

// chairAnswersViews: the child's chair marks a sent submission read,
// replies to it, and withholds it from the family; a social worker it is
// shared with marks it read (not one they see only for the urgent flag). Nothing else of it changes.
var chairAnswersViews = privacy.WishesAndFeelingsMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.WishesAndFeelingsMutation) error {
	if !isAllocatedRole(v.Role) || !m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) {
		return privacy.Skip
	}
	readOnly := []string{wishesandfeelings.FieldStatus, wishesandfeelings.FieldFirstReadAt,
		wishesandfeelings.FieldUpdatedAt, wishesandfeelings.FieldRevision}
	chair := append(readOnly, wishesandfeelings.FieldReply, wishesandfeelings.FieldRepliedByID,
		wishesandfeelings.FieldRespondedAt, wishesandfeelings.FieldWithheldFromFamily, wishesandfeelings.FieldWithheldReason)
	switch {
	case changesOnly(m, readOnly...):
		m.Where(sent(), submissionsWithWords(v))
		return privacy.Allow
	case changesOnly(m, chair...):
		m.Where(sent(), wishesandfeelings.HasChildWith(allocatedAsChair(v)))
		return privacy.Allow
	}
	return privacy.Skip
}))

// staffRecordReads: a member of staff records their own first read of a
// submission whose words they may read, or of parents' views they may read.
// A receipt is for one or the other, never both.
var staffRecordReads = privacy.ReadReceiptMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.ReadReceiptMutation) error {
	if !isAllocatedRole(v.Role) || !m.Op().Is(ent.OpCreate) {
		return privacy.Skip
	}
	reader, _ := m.ReaderID()
	sub, isSub := m.SubmissionID()
	pv, isViews := m.ParentViewsID()
	switch {
	case reader != v.UserID || isSub == isViews:
	case isSub && existsForViewer(ctx, m.Client().WishesAndFeelings.Query().
		Where(wishesandfeelings.ID(sub), submissionsWithWords(v))):
		return privacy.Allow
	case isViews && existsForViewer(ctx, m.Client().ParentViews.Query().Where(parentviews.ID(pv))):
		return privacy.Allow
	}
	return privacy.Skip
}))

// childAttachesPictures: a child adds pictures to their own draft (a
// submission being sent is a draft until the moment it is sent), and
// removes them from it. Sent submissions never change.
var childAttachesPictures = privacy.AttachmentMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.AttachmentMutation) error {
	if v.Role != domain.RoleChild || v.ChildID == "" {
		return privacy.Skip
	}
	ownDraft := wishesandfeelings.And(wishesandfeelings.ChildID(v.ChildID), wishesandfeelings.StatusEQ(domain.Draft))
	switch {
	case m.Op().Is(ent.OpCreate):
		la, _ := m.AuthorityID()
		childID, _ := m.ChildID()
		sub, ok := m.SubmissionID()
		if ok && la == v.AuthorityID && childID == v.ChildID &&
			existsForViewer(ctx, m.Client().WishesAndFeelings.Query().Where(wishesandfeelings.ID(sub), ownDraft)) {
			return privacy.Allow
		}
	case m.Op().Is(ent.OpDelete | ent.OpDeleteOne):
		m.Where(attachment.ChildID(v.ChildID), attachment.HasSubmissionWith(ownDraft))
		return privacy.Allow
	}
	return privacy.Skip
}))
