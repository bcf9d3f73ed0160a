// Package accesstest is an independent statement of docs/access.md for tests: it
// loads every row in system context and decides, in plain Go over those
// rows, who may see each one. Tests compare what the API answers with what
// this oracle says. It shares no code with internal/access, so a mistake in
// one is caught by the other.
package accesstest

import (
	"context"
	"slices"
	"time"

	"kite/ent"
	"kite/ent/privacy"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// World is every row of the database, loaded below the access rules.
type World struct {
	Today         civil.Date
	Users         []*ent.User
	Children      []*ent.Child
	Identities    []*ent.ChildIdentity
	Allocations   []*ent.Allocation
	Links         []*ent.FamilyLink
	Plans         []*ent.Plan
	Versions      []*ent.PlanVersion
	Actions       []*ent.PlanAction
	Meetings      []*ent.Meeting
	Submissions   []*ent.WishesAndFeelings
	Attachments   []*ent.Attachment
	Receipts      []*ent.ReadReceipt
	Replies       []*ent.Reply
	Letters       []*ent.Letter
	ParentViews   []*ent.ParentViews
	Alerts        []*ent.Alert
	Responses     []*ent.AlertResponse
	Grants        []*ent.BreakGlassGrant
	AuditEvents   []*ent.AuditEvent
	Invitations   []*ent.Invitation
	Authorities   []*ent.LocalAuthority
	Glossary      []*ent.GlossaryEntry
	FormTemplates []*ent.FormTemplate
	Notices       []*ent.Notice
	SignIn        []*ent.SignInProvider
	Help          []*ent.HelpContact
	Advocacy      []*ent.AdvocacyRequest
}

// Load reads the whole database.
func Load(client *ent.Client) *World {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	return &World{
		Today:         civil.Today(),
		Users:         client.User.Query().AllX(ctx),
		Children:      client.Child.Query().AllX(ctx),
		Identities:    client.ChildIdentity.Query().AllX(ctx),
		Allocations:   client.Allocation.Query().AllX(ctx),
		Links:         client.FamilyLink.Query().AllX(ctx),
		Plans:         client.Plan.Query().AllX(ctx),
		Versions:      client.PlanVersion.Query().AllX(ctx),
		Actions:       client.PlanAction.Query().AllX(ctx),
		Meetings:      client.Meeting.Query().AllX(ctx),
		Submissions:   client.WishesAndFeelings.Query().AllX(ctx),
		Attachments:   client.Attachment.Query().AllX(ctx),
		Receipts:      client.ReadReceipt.Query().AllX(ctx),
		Replies:       client.Reply.Query().AllX(ctx),
		Letters:       client.Letter.Query().AllX(ctx),
		ParentViews:   client.ParentViews.Query().AllX(ctx),
		Alerts:        client.Alert.Query().AllX(ctx),
		Responses:     client.AlertResponse.Query().AllX(ctx),
		Grants:        client.BreakGlassGrant.Query().AllX(ctx),
		AuditEvents:   client.AuditEvent.Query().AllX(ctx),
		Invitations:   client.Invitation.Query().AllX(ctx),
		Authorities:   client.LocalAuthority.Query().AllX(ctx),
		Glossary:      client.GlossaryEntry.Query().AllX(ctx),
		FormTemplates: client.FormTemplate.Query().AllX(ctx),
		Notices:       client.Notice.Query().AllX(ctx),
		SignIn:        client.SignInProvider.Query().AllX(ctx),
		Help:          client.HelpContact.Query().AllX(ctx),
		Advocacy:      client.AdvocacyRequest.Query().AllX(ctx),
	}
}

// ViewerFor builds the viewer a user's token gives, as the server would.
func (w *World) ViewerFor(u *ent.User) *viewer.Viewer {
	v := &viewer.Viewer{UserID: u.ID, AuthorityID: u.AuthorityID, Role: u.Role}
	for _, c := range w.Children {
		if c.UserID != nil && *c.UserID == u.ID {
			v.ChildID = c.ID
		}
	}
	return v
}

func (w *World) current(a *ent.Allocation) bool {
	return !a.StartsOn.After(w.Today) && (a.EndsOn == nil || !a.EndsOn.Before(w.Today))
}

// kinds are the current allocation kinds between a member of staff and a child.
func (w *World) kinds(staff, child ident.ID) map[domain.AllocationKind]bool {
	out := map[domain.AllocationKind]bool{}
	for _, a := range w.Allocations {
		if a.StaffID == staff && a.ChildID == child && w.current(a) {
			out[a.Kind] = true
		}
	}
	return out
}

func (w *World) linked(parent, child ident.ID) (*ent.FamilyLink, bool) {
	l := first(w.Links, func(l *ent.FamilyLink) bool {
		return l.ParentID == parent && l.ChildID == child && l.Active && l.ParentalResponsibility
	})
	return l, l != nil
}

// first is the first of rows that match, or nil.
func first[T any](rows []*T, match func(*T) bool) *T {
	if i := slices.IndexFunc(rows, match); i >= 0 {
		return rows[i]
	}
	return nil
}

func (w *World) child(id ident.ID) *ent.Child {
	return first(w.Children, func(c *ent.Child) bool { return c.ID == id })
}

func staffRole(r domain.Role) bool {
	return r == domain.RoleIRO || r == domain.RoleCPChair || r == domain.RoleSocialWorker
}

// SeesChild is docs/access.md's "child's profile" row.
func (w *World) SeesChild(v *viewer.Viewer, id ident.ID) bool {
	c := w.child(id)
	if v == nil || c == nil || c.AuthorityID != v.AuthorityID {
		return false
	}
	switch {
	case v.Role == domain.RoleChild:
		return c.UserID != nil && *c.UserID == v.UserID
	case v.Role == domain.RoleParent:
		_, ok := w.linked(v.UserID, id)
		return ok
	case staffRole(v.Role):
		return len(w.kinds(v.UserID, id)) > 0
	case v.Role == domain.RoleManager:
		return true
	}
	return false
}

// SeesUser: yourself; a child or parent sees the staff currently allocated
// to a child they see; staff see the staff and parents of their children;
// managers and admins every account of their authority.
func (w *World) SeesUser(v *viewer.Viewer, u *ent.User) bool {
	if v == nil || u.AuthorityID != v.AuthorityID {
		return false
	}
	if u.ID == v.UserID || v.Role == domain.RoleManager || v.Role == domain.RoleAdmin {
		return true
	}
	for _, a := range w.Allocations {
		if a.StaffID != u.ID || !w.SeesChild(v, a.ChildID) {
			continue
		}
		if staffRole(v.Role) || w.current(a) {
			return true
		}
	}
	if staffRole(v.Role) {
		for _, l := range w.Links {
			if l.ParentID == u.ID && w.SeesChild(v, l.ChildID) {
				return true
			}
		}
	}
	return false
}

// SeesIdentity: legal name and date of birth — never the child themself.
func (w *World) SeesIdentity(v *viewer.Viewer, id *ent.ChildIdentity) bool {
	return v != nil && v.Role != domain.RoleChild && w.SeesChild(v, id.ChildID)
}

// SeesAllocation: who works with a child; a child or parent, the current ones.
func (w *World) SeesAllocation(v *viewer.Viewer, a *ent.Allocation) bool {
	if !w.SeesChild(v, a.ChildID) {
		return false
	}
	return !(v.Role == domain.RoleChild || v.Role == domain.RoleParent) || w.current(a)
}

// SeesLink: a parent their own links only; staff and managers the links of
// children they see.
func (w *World) SeesLink(v *viewer.Viewer, l *ent.FamilyLink) bool {
	switch {
	case v == nil || l.AuthorityID != v.AuthorityID:
		return false
	case v.Role == domain.RoleParent:
		return l.ParentID == v.UserID
	case staffRole(v.Role) || v.Role == domain.RoleManager:
		return w.SeesChild(v, l.ChildID)
	}
	return false
}

// SeesPlan: a parent sees a care plan only where their link allows it.
func (w *World) SeesPlan(v *viewer.Viewer, p *ent.Plan) bool {
	if !w.SeesChild(v, p.ChildID) {
		return false
	}
	if v.Role == domain.RoleParent && p.Kind == domain.CarePlan {
		l, _ := w.linked(v.UserID, p.ChildID)
		return l.MayViewCarePlan
	}
	return true
}

func (w *World) plan(id ident.ID) *ent.Plan {
	return first(w.Plans, func(p *ent.Plan) bool { return p.ID == id })
}

func (w *World) version(id ident.ID) *ent.PlanVersion {
	return first(w.Versions, func(pv *ent.PlanVersion) bool { return pv.ID == id })
}

// SeesVersion and SeesAction follow the plan.
func (w *World) SeesVersion(v *viewer.Viewer, pv *ent.PlanVersion) bool {
	return w.SeesPlan(v, w.plan(pv.PlanID))
}

func (w *World) SeesAction(v *viewer.Viewer, a *ent.PlanAction) bool {
	return w.SeesVersion(v, w.version(a.PlanVersionID))
}

// SeesMeeting follows the child.
func (w *World) SeesMeeting(v *viewer.Viewer, m *ent.Meeting) bool { return w.SeesChild(v, m.ChildID) }

// SeesSubmission is docs/access.md's "wishes and feelings" rows.
func (w *World) SeesSubmission(v *viewer.Viewer, s *ent.WishesAndFeelings) bool {
	if v == nil || s.AuthorityID != v.AuthorityID {
		return false
	}
	if v.Role == domain.RoleChild {
		return v.ChildID == s.ChildID
	}
	if s.Status == domain.Draft {
		return false
	}
	switch {
	case v.Role == domain.RoleParent:
		_, linked := w.linked(v.UserID, s.ChildID)
		return linked && s.ShareWith == domain.EveryoneAtMeeting && !s.WithheldFromFamily
	case staffRole(v.Role):
		k := w.kinds(v.UserID, s.ChildID)
		if k[domain.AllocIRO] || k[domain.AllocCPChair] {
			return true
		}
		shared := s.ShareWith != domain.ChairOnly || s.NeedsToTalkToday
		return k[domain.AllocSocialWorker] && shared
	case v.Role == domain.RoleManager:
		for _, g := range w.Grants {
			if g.ManagerID == v.UserID && g.ChildID == s.ChildID && g.ExpiresAt.After(time.Now()) {
				return true
			}
		}
	}
	return false
}

// SeesWords: what a submission says (its answers, its reply, its pictures)
// is for whoever sees it, except a social worker who sees a CHAIR_ONLY one
// only for its "needs to talk today" flag.
func (w *World) SeesWords(v *viewer.Viewer, s *ent.WishesAndFeelings) bool {
	if !w.SeesSubmission(v, s) {
		return false
	}
	if staffRole(v.Role) && s.ShareWith == domain.ChairOnly {
		k := w.kinds(v.UserID, s.ChildID)
		return k[domain.AllocIRO] || k[domain.AllocCPChair]
	}
	return true
}

// SeesAttachment: a picture is part of the submission's words.
func (w *World) SeesAttachment(v *viewer.Viewer, a *ent.Attachment) bool {
	for _, s := range w.Submissions {
		if s.ID == a.SubmissionID {
			return a.AuthorityID == s.AuthorityID && w.SeesWords(v, s)
		}
	}
	return false
}

// MayNarrow: the child who sent a submission narrows who sees it, while it
// is sent and unread, to fewer people than now (never more).
func (w *World) MayNarrow(v *viewer.Viewer, s *ent.WishesAndFeelings, to domain.ShareWith) bool {
	breadth := map[domain.ShareWith]int{domain.ChairOnly: 1, domain.ChairAndSocialWorker: 2, domain.EveryoneAtMeeting: 3}
	return v != nil && v.Role == domain.RoleChild && v.ChildID == s.ChildID && s.AuthorityID == v.AuthorityID &&
		s.Status == domain.Submitted && s.FirstReadAt == nil && breadth[to] > 0 && breadth[to] < breadth[s.ShareWith]
}

// MayAttach: the child adds pictures to, and removes them from, their own
// drafts only.
func (w *World) MayAttach(v *viewer.Viewer, s *ent.WishesAndFeelings) bool {
	return v != nil && v.Role == domain.RoleChild && v.ChildID == s.ChildID && s.AuthorityID == v.AuthorityID &&
		s.Status == domain.Draft
}

// SeesReceipt: who read what I sent.
func (w *World) SeesReceipt(v *viewer.Viewer, r *ent.ReadReceipt) bool {
	if v == nil || r.AuthorityID != v.AuthorityID {
		return false
	}
	if v.Role == domain.RoleChild && r.SubmissionID != nil {
		for _, s := range w.Submissions {
			if s.ID == *r.SubmissionID {
				return s.ChildID == v.ChildID
			}
		}
	}
	if v.Role == domain.RoleParent && r.ParentViewsID != nil {
		for _, p := range w.ParentViews {
			if p.ID == *r.ParentViewsID {
				return p.ParentID == v.UserID
			}
		}
	}
	return false
}

// SeesReply: a reply to a child's submission is part of its words, for
// whoever reads those but never a parent; a reply to a parent's views is
// for whoever sees the views.
func (w *World) SeesReply(v *viewer.Viewer, r *ent.Reply) bool {
	if v == nil || r.AuthorityID != v.AuthorityID {
		return false
	}
	if r.SubmissionID != nil {
		s := first(w.Submissions, func(s *ent.WishesAndFeelings) bool { return s.ID == *r.SubmissionID })
		return s != nil && v.Role != domain.RoleParent && w.SeesWords(v, s)
	}
	if r.ParentViewsID != nil {
		p := first(w.ParentViews, func(p *ent.ParentViews) bool { return p.ID == *r.ParentViewsID })
		return p != nil && w.SeesParentViews(v, p)
	}
	return false
}

// SeesLetter: a draft letter is its writer's alone; a sent one is read by
// the child it is to, their allocated staff and managers of the authority —
// never a parent.
func (w *World) SeesLetter(v *viewer.Viewer, l *ent.Letter) bool {
	if v == nil || l.AuthorityID != v.AuthorityID {
		return false
	}
	if l.AuthorID == v.UserID {
		return true
	}
	return l.PublishedAt != nil && v.Role != domain.RoleParent && w.SeesChild(v, l.ChildID)
}

// MayReply: the child's chair (allocated as IRO or CP Chair) replies to a
// sent submission or sent parents' views about the child.
func (w *World) MayReply(v *viewer.Viewer, childID ident.ID, sent bool) bool {
	if v == nil || !sent || (v.Role != domain.RoleIRO && v.Role != domain.RoleCPChair) {
		return false
	}
	c := w.child(childID)
	k := w.kinds(v.UserID, childID)
	return c != nil && c.AuthorityID == v.AuthorityID && (k[domain.AllocIRO] || k[domain.AllocCPChair])
}

// SeesParentViews: a parent their own; allocated staff once sent.
func (w *World) SeesParentViews(v *viewer.Viewer, p *ent.ParentViews) bool {
	switch {
	case v == nil || p.AuthorityID != v.AuthorityID:
		return false
	case v.Role == domain.RoleParent:
		_, linked := w.linked(v.UserID, p.ChildID)
		return p.ParentID == v.UserID && linked
	case staffRole(v.Role):
		return p.Status != domain.Draft && w.SeesChild(v, p.ChildID)
	}
	return false
}

// SeesAttendeeNeeds: what a parent said they need to take part in a
// meeting is for the child's allocated staff who see their views — never
// the child, a parent (the other one or themself) or a manager.
func (w *World) SeesAttendeeNeeds(v *viewer.Viewer, p *ent.ParentViews) bool {
	return v != nil && staffRole(v.Role) && w.SeesParentViews(v, p)
}

// SeesActionNotes: the notes on an action a parent marks done (theirs and
// the social worker's) are for that parent and whoever else sees the plan
// but the child and other parents.
func (w *World) SeesActionNotes(v *viewer.Viewer, a *ent.PlanAction) bool {
	if !w.SeesAction(v, a) {
		return false
	}
	switch v.Role {
	case domain.RoleChild:
		return false
	case domain.RoleParent:
		return a.ForParentID != nil && *a.ForParentID == v.UserID
	}
	return true
}

// currentAction reports whether an action is of its plan's latest version.
func (w *World) currentAction(a *ent.PlanAction) bool {
	v := w.version(a.PlanVersionID)
	for _, other := range w.Versions {
		if other.PlanID == v.PlanID && other.Version > v.Version {
			return false
		}
	}
	return true
}

func open(a *ent.PlanAction) bool {
	return a.Status != domain.ActionDone && a.Status != domain.ActionDropped
}

// MayMarkActionDone: the parent an open action of the current plan names,
// while they see the plan.
func (w *World) MayMarkActionDone(v *viewer.Viewer, a *ent.PlanAction) bool {
	return v != nil && v.Role == domain.RoleParent && a.ForParentID != nil && *a.ForParentID == v.UserID &&
		open(a) && w.currentAction(a) && w.SeesAction(v, a)
}

// MayCheckActionDone: the child's allocated social worker, for an action of
// the current plan a parent marked done that is waiting for them.
func (w *World) MayCheckActionDone(v *viewer.Viewer, a *ent.PlanAction) bool {
	if v == nil || v.Role != domain.RoleSocialWorker || !w.SeesAction(v, a) || !w.currentAction(a) {
		return false
	}
	waiting := a.DoneMarkedAt != nil && a.DoneConfirmedAt == nil && a.SentBackAt == nil && open(a)
	child := w.plan(w.version(a.PlanVersionID).PlanID).ChildID
	return waiting && w.kinds(v.UserID, child)[domain.AllocSocialWorker]
}

// SeesAlert: the child's allocated staff and managers.
func (w *World) SeesAlert(v *viewer.Viewer, a *ent.Alert) bool {
	return v != nil && (staffRole(v.Role) || v.Role == domain.RoleManager) && w.SeesChild(v, a.ChildID)
}

func (w *World) alert(id ident.ID) *ent.Alert {
	return first(w.Alerts, func(a *ent.Alert) bool { return a.ID == id })
}

// SeesResponse: whoever sees the alert.
func (w *World) SeesResponse(v *viewer.Viewer, r *ent.AlertResponse) bool {
	a := w.alert(r.AlertID)
	return a != nil && r.AuthorityID == a.AuthorityID && w.SeesAlert(v, a)
}

// allocationKind is the allocation that makes someone of a role a child's
// IRO, CP Chair or social worker.
var allocationKind = map[domain.Role]domain.AllocationKind{
	domain.RoleIRO: domain.AllocIRO, domain.RoleCPChair: domain.AllocCPChair, domain.RoleSocialWorker: domain.AllocSocialWorker,
}

// MayRespond: the person an open alert is addressed to — a manager of the
// authority when it is addressed to managers; otherwise someone of the
// role it names, allocated to the child in that role.
func (w *World) MayRespond(v *viewer.Viewer, a *ent.Alert) bool {
	if v == nil || a.AuthorityID != v.AuthorityID || a.Status == domain.AlertResolved || v.Role != a.AddressedTo {
		return false
	}
	if v.Role == domain.RoleManager {
		return true
	}
	k, ok := allocationKind[v.Role]
	return ok && w.kinds(v.UserID, a.ChildID)[k]
}

// MayResolve: the chair who raised an open alert (while they still see it)
// or a manager of the authority — never just the person it is addressed to.
func (w *World) MayResolve(v *viewer.Viewer, a *ent.Alert) bool {
	if v == nil || a.Status == domain.AlertResolved || !w.SeesAlert(v, a) {
		return false
	}
	return v.Role == domain.RoleManager || a.RaisedByID == v.UserID
}

// MayEscalate: the chair who raised an alert not yet resolved, while still
// allocated to the child as IRO or CP Chair — never a manager or the
// person it is addressed to. (Whether there is a next stage, and CAFCASS
// for a child not in care, are questions of input, not access.)
func (w *World) MayEscalate(v *viewer.Viewer, a *ent.Alert) bool {
	if v == nil || a.Status == domain.AlertResolved || a.AuthorityID != v.AuthorityID || a.RaisedByID != v.UserID ||
		(v.Role != domain.RoleIRO && v.Role != domain.RoleCPChair) {
		return false
	}
	k := w.kinds(v.UserID, a.ChildID)
	return k[domain.AllocIRO] || k[domain.AllocCPChair]
}

// staffAccount: an account that works with children or runs the service,
// whose working hours may be set.
func staffAccount(r domain.Role) bool {
	return staffRole(r) || r == domain.RoleManager || r == domain.RoleAdmin
}

// MaySetWorkingHours: a member of staff sets their own working hours; a
// manager or admin those of any staff account of their authority. Children
// and parents have none.
func MaySetWorkingHours(v *viewer.Viewer, u *ent.User) bool {
	if v == nil || !staffAccount(v.Role) || !staffAccount(u.Role) {
		return false
	}
	return u.ID == v.UserID || ((v.Role == domain.RoleManager || v.Role == domain.RoleAdmin) && u.AuthorityID == v.AuthorityID)
}

// MaySetFullTimeEquivalent: a manager or admin sets that of any staff
// account of their authority (their own too); nobody else, not even for
// themself — it scales the caseload range each IRO is judged against.
// Children and parents have none.
func MaySetFullTimeEquivalent(v *viewer.Viewer, u *ent.User) bool {
	return v != nil && (v.Role == domain.RoleManager || v.Role == domain.RoleAdmin) && MaySetWorkingHours(v, u)
}

// MaySetOfficeHours: a manager sets their own authority's office hours.
func MaySetOfficeHours(v *viewer.Viewer, authority ident.ID) bool {
	return v != nil && v.Role == domain.RoleManager && v.AuthorityID == authority
}

// SeesOversight: grants, the audit log and invitations are for managers and
// admins of the authority.
func SeesOversight(v *viewer.Viewer, authority *ident.ID) bool {
	return v != nil && (v.Role == domain.RoleManager || v.Role == domain.RoleAdmin) && authority != nil && *authority == v.AuthorityID
}

// SeesInvitation: a family invitation (it carries the family link's
// details) is a manager's; a staff invitation is an admin's.
func SeesInvitation(v *viewer.Viewer, inv *ent.Invitation) bool {
	if !SeesOversight(v, &inv.AuthorityID) {
		return false
	}
	family := inv.Role == domain.RoleChild || inv.Role == domain.RoleParent
	return family == (v.Role == domain.RoleManager)
}

// SeesSignInProvider: the identity provider staff sign in with decides who
// may sign in as staff, so it is the authority's admins' alone.
func SeesSignInProvider(v *viewer.Viewer, p *ent.SignInProvider) bool {
	return v != nil && v.Role == domain.RoleAdmin && p.AuthorityID == v.AuthorityID
}

// SeesReference: national rows for everyone, an authority's own for its users.
func SeesReference(v *viewer.Viewer, authority *ident.ID) bool {
	return authority == nil || (v != nil && *authority == v.AuthorityID)
}

// SeesNotice: a notification is its owner's alone — nobody else's, not a
// manager's.
func SeesNotice(v *viewer.Viewer, n *ent.Notice) bool {
	return v != nil && n.UserID == v.UserID && n.AuthorityID == v.AuthorityID
}

// SeesAdvocacyRequest: a request for an advocate is the child's own voice:
// the child, the child's allocated staff and the authority's managers see
// it; a parent never does, even one with parental responsibility.
func (w *World) SeesAdvocacyRequest(v *viewer.Viewer, r *ent.AdvocacyRequest) bool {
	return v != nil && v.Role != domain.RoleParent && r.AuthorityID == v.AuthorityID && w.SeesChild(v, r.ChildID)
}

// MayAskForAdvocate: the child for themself; an IRO, CP Chair or social
// worker currently allocated to the child, on the child's behalf. Never a
// parent, a manager or an admin.
func (w *World) MayAskForAdvocate(v *viewer.Viewer, child ident.ID) bool {
	switch {
	case v == nil:
		return false
	case v.Role == domain.RoleChild:
		return v.ChildID == child
	case staffRole(v.Role):
		c := w.child(child)
		return c != nil && c.AuthorityID == v.AuthorityID && len(w.kinds(v.UserID, child)) > 0
	}
	return false
}

// MayMoveAdvocacyRequest: a manager of the request's authority records
// that it moved on.
func MayMoveAdvocacyRequest(v *viewer.Viewer, r *ent.AdvocacyRequest) bool {
	return v != nil && v.Role == domain.RoleManager && v.AuthorityID == r.AuthorityID
}

// MaySetHelpContact: a manager sets their own authority's help contacts.
func MaySetHelpContact(v *viewer.Viewer, authority ident.ID) bool {
	return v != nil && v.Role == domain.RoleManager && v.AuthorityID == authority
}

// Record is one row with its id and whether the viewer may see it.
type Record struct {
	Entity string
	ID     ident.ID
}

// Visible lists every record of every Node entity, with the oracle's answer
// for the viewer.
func (w *World) Visible(v *viewer.Viewer) map[Record]bool {
	out := map[Record]bool{}
	add := func(entity string, id ident.ID, ok bool) { out[Record{entity, id}] = ok }
	for _, x := range w.Authorities {
		add("LocalAuthority", x.ID, v != nil && x.ID == v.AuthorityID)
	}
	for _, x := range w.Users {
		add("User", x.ID, w.SeesUser(v, x))
	}
	for _, x := range w.Children {
		add("Child", x.ID, w.SeesChild(v, x.ID))
	}
	for _, x := range w.Identities {
		add("ChildIdentity", x.ID, w.SeesIdentity(v, x))
	}
	for _, x := range w.Allocations {
		add("Allocation", x.ID, w.SeesAllocation(v, x))
	}
	for _, x := range w.Links {
		add("FamilyLink", x.ID, w.SeesLink(v, x))
	}
	for _, x := range w.Plans {
		add("Plan", x.ID, w.SeesPlan(v, x))
	}
	for _, x := range w.Versions {
		add("PlanVersion", x.ID, w.SeesVersion(v, x))
	}
	for _, x := range w.Actions {
		add("PlanAction", x.ID, w.SeesAction(v, x))
	}
	for _, x := range w.Meetings {
		add("Meeting", x.ID, w.SeesMeeting(v, x))
	}
	for _, x := range w.Submissions {
		add("WishesAndFeelings", x.ID, w.SeesSubmission(v, x))
	}
	for _, x := range w.Attachments {
		add("Attachment", x.ID, w.SeesAttachment(v, x))
	}
	for _, x := range w.Receipts {
		add("ReadReceipt", x.ID, w.SeesReceipt(v, x))
	}
	for _, x := range w.ParentViews {
		add("ParentViews", x.ID, w.SeesParentViews(v, x))
	}
	for _, x := range w.Replies {
		add("Reply", x.ID, w.SeesReply(v, x))
	}
	for _, x := range w.Letters {
		add("Letter", x.ID, w.SeesLetter(v, x))
	}
	for _, x := range w.Alerts {
		add("Alert", x.ID, w.SeesAlert(v, x))
	}
	for _, x := range w.Responses {
		add("AlertResponse", x.ID, w.SeesResponse(v, x))
	}
	for _, x := range w.Grants {
		add("BreakGlassGrant", x.ID, SeesOversight(v, &x.AuthorityID))
	}
	for _, x := range w.AuditEvents {
		add("AuditEvent", x.ID, SeesOversight(v, x.AuthorityID))
	}
	for _, x := range w.Invitations {
		add("Invitation", x.ID, SeesInvitation(v, x))
	}
	for _, x := range w.Glossary {
		add("GlossaryEntry", x.ID, SeesReference(v, x.AuthorityID))
	}
	for _, x := range w.FormTemplates {
		add("FormTemplate", x.ID, SeesReference(v, x.AuthorityID))
	}
	for _, x := range w.Notices {
		add("Notice", x.ID, SeesNotice(v, x))
	}
	for _, x := range w.SignIn {
		add("SignInProvider", x.ID, SeesSignInProvider(v, x))
	}
	for _, x := range w.Help {
		add("HelpContact", x.ID, SeesReference(v, x.AuthorityID))
	}
	for _, x := range w.Advocacy {
		add("AdvocacyRequest", x.ID, w.SeesAdvocacyRequest(v, x))
	}
	return out
}

// ImportKinds are the kinds of record importRecords takes.
var ImportKinds = []string{"users", "children", "plans", "allocations", "family_links", "meetings"}

// MayImport is docs/access.md for importRecords, kind by kind: accounts are the
// admin's; allocations and family links (like invitations) the manager's,
// since they give a member of staff or a parent access to a child. Children,
// plans and meetings, the authority's case records, have no row of their
// own: they stay the admin's to import. An import is always into the
// viewer's own authority.
func MayImport(v *viewer.Viewer, kind string) bool {
	if v == nil {
		return false
	}
	switch kind {
	case "allocations", "family_links":
		return v.Role == domain.RoleManager
	case "users", "children", "plans", "meetings":
		return v.Role == domain.RoleAdmin
	}
	return false
}
