package access

import (
	"context"

	"entgo.io/ent"

	kent "kite/ent"
	"kite/ent/identitylink"
	"kite/ent/predicate"
	"kite/ent/privacy"
	"kite/ent/signinprovider"
	"kite/internal/domain"
	"kite/internal/viewer"
)

// SignInProviderPolicy: an admin reads and sets their own authority's
// identity provider; nobody else reads it through the API (sign-in reads it
// as system code).
func SignInProviderPolicy() ent.Policy {
	return policy(filterBy[*kent.SignInProviderQuery](visibleSignInProviders), adminSetsSignInProvider)
}

func visibleSignInProviders(v *viewer.Viewer) predicate.SignInProvider {
	if v == nil || v.Role != domain.RoleAdmin {
		return nothing[predicate.SignInProvider]()
	}
	return signinprovider.AuthorityID(v.AuthorityID)
}

// adminSetsSignInProvider: an admin creates, changes and removes the
// identity provider of their own authority. The provider decides who may
// sign in as staff, so it is the admin's, as staff accounts are.
var adminSetsSignInProvider = privacy.SignInProviderMutationRuleFunc(byViewer(func(_ context.Context, v *viewer.Viewer, m *kent.SignInProviderMutation) error {
	if v.Role != domain.RoleAdmin {
		return privacy.Skip
	}
	switch {
	case m.Op().Is(ent.OpCreate):
		if la, _ := m.AuthorityID(); la == v.AuthorityID {
			return privacy.Allow
		}
	case m.Op().Is(ent.OpUpdateOne | ent.OpUpdate | ent.OpDeleteOne | ent.OpDelete):
		m.Where(signinprovider.AuthorityID(v.AuthorityID))
		return privacy.Allow
	}
	return privacy.Skip
}))

// IdentityLinkPolicy: links are made by sign-in, as system code, and never
// read through the API; an admin removes a link of an account of their own
// authority (the next sign-in links it afresh).
func IdentityLinkPolicy() ent.Policy {
	return policy(seeNothing, adminRemovesLinks)
}

var adminRemovesLinks = privacy.IdentityLinkMutationRuleFunc(byViewer(func(_ context.Context, v *viewer.Viewer, m *kent.IdentityLinkMutation) error {
	if v.Role != domain.RoleAdmin || !m.Op().Is(ent.OpDeleteOne|ent.OpDelete) {
		return privacy.Skip
	}
	m.Where(identitylink.AuthorityID(v.AuthorityID))
	return privacy.Allow
}))

// GroupMayGiveRole reports whether an identity provider's group may give an
// account the role: staff roles other than ADMIN. Administrators are made
// by administrators, never by a group at the provider.
func GroupMayGiveRole(r domain.Role) bool { return r.MayComeFromGroup() }
