package domain

// GroupRole maps a group the council's identity provider names in its ID
// tokens to the Kite role an account made for a member of that group gets.
type GroupRole struct {
	// Group is the group's value in the token's groups claim, exactly (an
	// Entra ID group's object id, a Keycloak group's name).
	Group string `json:"group"`
	// Role is the Kite role: a staff role other than ADMIN.
	Role Role `json:"role"`
}

// MayComeFromGroup reports whether an account of role r may be made from
// the identity provider's groups. ADMIN never: administrators are made by
// administrators. Children and parents never sign in through a council's
// identity provider.
func (r Role) MayComeFromGroup() bool {
	return r.IsStaff() && r != RoleAdmin
}
