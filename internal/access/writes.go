package access

import (
	"context"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/child"
	"kite/ent/privacy"
	"kite/ent/user"
	"kite/internal/viewer"
)

// Mutation rules. Each returns Allow for what it permits and Skip otherwise,
// so that the policy's final rule denies everything else.

// staffRoles are the roles an admin may create and manage.
var staffRoles = map[viewer.Role]bool{
	viewer.IRO: true, viewer.CPChair: true, viewer.SocialWorker: true, viewer.Manager: true, viewer.Admin: true,
}

// adminManagesStaff: an admin creates staff accounts in their own authority,
// and updates accounts of their own authority (enable, disable).
var adminManagesStaff = privacy.UserMutationRuleFunc(func(ctx context.Context, m *kent.UserMutation) error {
	v := viewerOf(ctx)
	if v == nil || v.Role != viewer.Admin {
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
		// Only the active flag: credentials change through system code after
		// the owner proves who they are.
		if changesOnly(m, user.FieldActive, user.FieldUpdatedAt) {
			m.Where(user.AuthorityID(v.AuthorityID))
			return privacy.Allow
		}
	}
	return privacy.Skip
})

// invitationsByRole: a manager invites a child or parent of a child of their
// authority; an admin invites staff to an account of their authority.
var invitationsByRole = privacy.InvitationMutationRuleFunc(func(ctx context.Context, m *kent.InvitationMutation) error {
	v := viewerOf(ctx)
	if v == nil || !m.Op().Is(ent.OpCreate) {
		return privacy.Skip
	}
	la, _ := m.AuthorityID()
	role, _ := m.Role()
	createdBy, _ := m.CreatedByID()
	if la != v.AuthorityID || createdBy != v.UserID {
		return privacy.Skip
	}
	switch {
	case v.Role == viewer.Manager && (role == viewer.Child || role == viewer.Parent):
		id, ok := m.ChildID()
		if ok && belongs(ctx, m.Client().Child.Query().Where(child.ID(id), child.AuthorityID(v.AuthorityID))) {
			return privacy.Allow
		}
	case v.Role == viewer.Admin && staffRoles[role]:
		id, ok := m.UserID()
		if ok && belongs(ctx, m.Client().User.Query().Where(user.ID(id), user.AuthorityID(v.AuthorityID))) {
			return privacy.Allow
		}
	}
	return privacy.Skip
})

// changesOnly reports whether a mutation sets no fields but these.
func changesOnly(m ent.Mutation, allowed ...string) bool {
	ok := map[string]bool{}
	for _, f := range allowed {
		ok[f] = true
	}
	for _, f := range m.Fields() {
		if !ok[f] {
			return false
		}
	}
	return len(m.ClearedFields()) == 0 && len(m.AddedFields()) == 0
}

// existQuery is a query whose rows can be tested for existence.
type existQuery interface {
	Exist(context.Context) (bool, error)
}

// belongs reports whether the query finds a row. It runs in system context:
// it is an internal lookup inside a rule (is this record in the viewer's
// authority?), and must not recurse into the read rules.
func belongs(ctx context.Context, q existQuery) bool {
	ok, err := q.Exist(privacy.DecisionContext(ctx, privacy.Allow))
	return err == nil && ok
}

// managerBreaksGlass: a manager grants themself access to one child of
// their own authority.
var managerBreaksGlass = privacy.BreakGlassGrantMutationRuleFunc(func(ctx context.Context, m *kent.BreakGlassGrantMutation) error {
	v := viewerOf(ctx)
	if v == nil || v.Role != viewer.Manager || !m.Op().Is(ent.OpCreate) {
		return privacy.Skip
	}
	la, _ := m.AuthorityID()
	manager, _ := m.ManagerID()
	id, ok := m.ChildID()
	if ok && la == v.AuthorityID && manager == v.UserID &&
		belongs(ctx, m.Client().Child.Query().Where(child.ID(id), child.AuthorityID(v.AuthorityID))) {
		return privacy.Allow
	}
	return privacy.Skip
})
