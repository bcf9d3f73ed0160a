package access

import (
	"context"

	"entgo.io/ent/dialect/sql"

	kent "kite/ent"
)

// WithVisibleStaff and StaffOf join the staff into an ent read of
// allocations, as CurrentContacts does outside ent: the ent read its test
// compares it with.
func WithVisibleStaff(ctx context.Context) func(*sql.Selector) {
	return withVisibleStaff(isSystem(ctx), viewerOf(ctx))
}

func StaffOf(a *kent.Allocation) (*kent.User, error) { return joinedStaff(a) }
