package access

import (
	"context"
	"slices"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/advocacyrequest"
	"kite/ent/helpcontact"
	"kite/ent/localauthority"
	"kite/ent/predicate"
	"kite/ent/privacy"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Help contacts and requests for an advocate (docs/access.md).

// HelpContactPolicy: the national rows (Childline) are read by anyone, an
// authority's own by its users; a manager sets their authority's.
func HelpContactPolicy() ent.Policy {
	return policy(globalOrOwnAuthority, managerSetsHelpContacts)
}

// helpContactFields are the fields of a help contact a manager sets.
var helpContactFields = []string{helpcontact.FieldName, helpcontact.FieldPhone, helpcontact.FieldTextPhone,
	helpcontact.FieldWeb, helpcontact.FieldEmail, helpcontact.FieldHours, helpcontact.FieldUpdatedAt}

// managerSetsHelpContacts: a manager adds their own authority's help
// contacts and changes them; never a national one, nor another authority's.
var managerSetsHelpContacts = privacy.HelpContactMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.HelpContactMutation) error {
	if v.Role != domain.RoleManager {
		return privacy.Skip
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		if la, ok := m.AuthorityID(); ok && la == v.AuthorityID {
			return privacy.Allow
		}
	case m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) && changesOnly(m, helpContactFields...):
		m.Where(helpcontact.AuthorityID(v.AuthorityID))
		return privacy.Allow
	}
	return privacy.Skip
}))

// managerKeepsContactsInStep: when a manager sets the advocacy service or
// the complaints contact, the authority's record keeps the same name,
// number and address (LocalAuthority.advocacyName and the rest), and
// nothing else of it changes.
var managerKeepsContactsInStep = privacy.LocalAuthorityMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.LocalAuthorityMutation) error {
	if v.Role != domain.RoleManager || !m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) ||
		!changesOnly(m, localauthority.FieldAdvocacyName, localauthority.FieldAdvocacyPhone, localauthority.FieldAdvocacyEmail,
			localauthority.FieldComplaintsPhone, localauthority.FieldComplaintsEmail, localauthority.FieldUpdatedAt) {
		return privacy.Skip
	}
	m.Where(localauthority.ID(v.AuthorityID))
	return privacy.Allow
}))

// AdvocacyRequestPolicy: see visibleAdvocacyRequests; the child asks for
// themself, their chair or social worker on their behalf; a manager records
// how it moves on.
func AdvocacyRequestPolicy() ent.Policy {
	return policy(filterBy[*kent.AdvocacyRequestQuery](visibleAdvocacyRequests), askForAnAdvocate, managerMovesAdvocacyOn)
}

// visibleAdvocacyRequests: the child themself, the child's allocated staff,
// the authority's managers. Never a parent: asking for an advocate is the
// child's own voice, and may be about home.
func visibleAdvocacyRequests(v *viewer.Viewer) predicate.AdvocacyRequest {
	if v == nil || v.Role == domain.RoleParent {
		return nothing[predicate.AdvocacyRequest]()
	}
	return ofVisibleChild[predicate.AdvocacyRequest](v)
}

// MayAskForAdvocate: the roles that may ask for an advocate, for whom. The
// child for themself; a chair or social worker allocated to the child, on
// the child's behalf. A parent may not (they can ask the child's social
// worker), and a manager records requests, rather than making them.
func MayAskForAdvocate(v *viewer.Viewer) bool {
	return v != nil && (v.Role == domain.RoleChild || isAllocatedRole(v.Role))
}

// askForAnAdvocate: a new request, at REQUESTED, in the viewer's own name
// and authority: by the child for themself, or by a member of staff
// currently allocated to the child.
var askForAnAdvocate = privacy.AdvocacyRequestMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.AdvocacyRequestMutation) error {
	if !m.Op().Is(ent.OpCreate) || !MayAskForAdvocate(v) {
		return privacy.Skip
	}
	la, _ := m.AuthorityID()
	childID, _ := m.ChildID()
	by, _ := m.AskedByID()
	role, _ := m.AskedByRole()
	status, set := m.Status()
	_, accepted := m.AcceptedAt()
	_, contacted := m.ContactedAt()
	_, closed := m.ClosedAt()
	if la != v.AuthorityID || by != v.UserID || role != v.Role || (set && status != domain.AdvocacyRequested) ||
		accepted || contacted || closed {
		return privacy.Skip
	}
	if v.Role == domain.RoleChild && childID == v.ChildID && childID != "" {
		return privacy.Allow
	}
	if isAllocatedRole(v.Role) && isAllocated(ctx, m.Client(), v, childID,
		domain.AllocIRO, domain.AllocCPChair, domain.AllocSocialWorker) {
		return privacy.Allow
	}
	return privacy.Skip
}))

// managerMovesAdvocacyOn: a manager of the authority records that a request
// moved on (the advocacy service is not a Kite user): its status and the
// time of each step, and only forward (the rule narrows the change to rows
// at an earlier status, so a step back finds nothing).
var managerMovesAdvocacyOn = privacy.AdvocacyRequestMutationRuleFunc(byViewer(func(ctx context.Context, v *viewer.Viewer, m *kent.AdvocacyRequestMutation) error {
	if v.Role != domain.RoleManager || !m.Op().Is(ent.OpUpdateOne|ent.OpUpdate) ||
		!changesOnly(m, advocacyrequest.FieldStatus, advocacyrequest.FieldAcceptedAt, advocacyrequest.FieldContactedAt,
			advocacyrequest.FieldClosedAt, advocacyrequest.FieldUpdatedAt) {
		return privacy.Skip
	}
	to, ok := m.Status()
	if !ok {
		return privacy.Skip
	}
	m.Where(advocacyrequest.AuthorityID(v.AuthorityID), advocacyrequest.StatusIn(StatusesBefore(to)...))
	return privacy.Allow
}))

// StatusesBefore are the statuses a request may move on to s from: those
// before it in the order.
func StatusesBefore(s domain.AdvocacyStatus) []domain.AdvocacyStatus {
	var out []domain.AdvocacyStatus
	for _, v := range s.Values() {
		if st := domain.AdvocacyStatus(v); st.Step() < s.Step() {
			out = append(out, st)
		}
	}
	return slices.Clip(out)
}

// AuditAdvocacyRequestReads notes staff reads of children's requests for an advocate.
func AuditAdvocacyRequestReads() ent.Interceptor {
	return auditReads("advocacy_request", advocacyrequest.FieldChildID,
		func(r *kent.AdvocacyRequest) (ident.ID, ident.ID) { return r.ID, r.ChildID })
}
