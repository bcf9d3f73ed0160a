package graph

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/ent/child"
	"kite/ent/familylink"
	"kite/graph/model"
	"kite/internal/auth"
	"kite/internal/domain"
)

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func passwordPolicy(rule auth.PasswordRule) *model.PasswordPolicy {
	return &model.PasswordPolicy{MinLength: rule.MinLength, MaxLength: auth.MaxPasswordLength, Hint: rule.Hint}
}

// childOfAccount is a CHILD account's own record, as the viewer may see it.
func (r *Resolver) childOfAccount(ctx context.Context, u *ent.User) (*ent.Child, error) {
	if u.Role != domain.RoleChild {
		return nil, nil
	}
	c, err := r.Client.Child.Query().Where(child.UserID(u.ID)).Only(ctx)
	if err = ent.MaskNotFound(err); err != nil {
		return nil, fmt.Errorf("child of account: %w", err)
	}
	return c, nil
}

// childrenOfParent lists the children a PARENT account is linked to, as the
// viewer may see them.
func (r *Resolver) childrenOfParent(ctx context.Context, u *ent.User) ([]*ent.Child, error) {
	if u.Role != domain.RoleParent {
		return []*ent.Child{}, nil
	}
	children, err := r.Client.Child.Query().
		Where(child.HasFamilyLinksWith(familylink.ParentID(u.ID), familylink.Active(true), familylink.ParentalResponsibility(true))).
		Order(child.ByPreferredName()).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("children of parent: %w", err)
	}
	return children, nil
}
