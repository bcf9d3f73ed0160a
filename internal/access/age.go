package access

import (
	"context"
	"fmt"

	kent "kite/ent"
	"kite/ent/child"
	"kite/ent/childidentity"
	"kite/ent/predicate"
	"kite/ent/privacy"
	"kite/internal/civil"
	"kite/internal/ident"
)

// Ages works out the ages of the children the viewer may see, among ids. A
// child sees their own age but never their date of birth, so the dates are
// read here in system context — an internal lookup, narrowed by the same
// VisibleChildren rule as every read — and never leave this function. A
// child with no date of birth (an unborn baby), or one the viewer may not
// see, is absent from the map.
func Ages(ctx context.Context, client *kent.Client, children []ident.ID, today civil.Date) (map[ident.ID]int, error) {
	if len(children) == 0 {
		return map[ident.ID]int{}, nil
	}
	rows, err := client.ChildIdentity.Query().
		Where(childidentity.ChildIDIn(children...), childidentity.DateOfBirthNotNil(),
			childidentity.HasChildWith(VisibleChildren(viewerOf(ctx)))).
		Select(childidentity.FieldChildID, childidentity.FieldDateOfBirth).
		All(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return nil, fmt.Errorf("ages: %w", err)
	}
	ages := make(map[ident.ID]int, len(rows))
	for _, r := range rows {
		ages[r.ChildID] = r.DateOfBirth.YearsOn(today)
	}
	return ages, nil
}

// Unborn reports whether a child the viewer may see is an unborn baby: their
// identity has no date of birth (docs/domain.md). An unborn baby has no
// form and no account. Read like Ages, below the rules on identities and
// narrowed by VisibleChildren, and only the answer leaves.
func Unborn(ctx context.Context, client *kent.Client, id ident.ID) (bool, error) {
	ok, err := client.ChildIdentity.Query().
		Where(childidentity.ChildID(id), childidentity.DateOfBirthIsNil(),
			childidentity.HasChildWith(VisibleChildren(viewerOf(ctx)))).
		Exist(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return false, fmt.Errorf("unborn: %w", err)
	}
	return ok, nil
}

// notUnborn matches children who are not unborn babies (see Unborn).
func notUnborn() predicate.Child {
	return child.Not(child.HasIdentityWith(childidentity.DateOfBirthIsNil()))
}
