package access

import (
	"time"

	"entgo.io/ent/dialect/sql"

	"kite/ent/allocation"
	"kite/ent/breakglassgrant"
	"kite/ent/child"
	"kite/ent/familylink"
	"kite/ent/predicate"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// A scope is a set of children, written as SQL over a column that holds a
// child id: "this column is one of the children allocated to me", say. Every
// relationship of docs/access.md is one scope, built once here and applied to
// whichever table needs it — children by their id, meetings or submissions by
// their child_id — so the rules cannot drift apart.
//
// Scopes are "column IN (SELECT child_id FROM …)": the database reads the
// viewer's few allocations or links once, through their index, rather than
// testing every row of a large table in turn.
type scope func(column string) *sql.Predicate

// chairKinds are the allocations that make someone a child's chair.
var chairKinds = []domain.AllocationKind{domain.AllocIRO, domain.AllocCPChair}

// currentAt matches allocations in force on day (columns of allocations).
func currentAt(day string) *sql.Predicate {
	return sql.And(sql.LTE(allocation.FieldStartsOn, day),
		sql.Or(sql.IsNull(allocation.FieldEndsOn), sql.GTE(allocation.FieldEndsOn, day)))
}

// current matches allocations in force today.
func current() predicate.Allocation { return CurrentAllocationsOn(today()) }

// CurrentAllocationsOn matches the allocations in force on day, for system
// code that goes by a clock of its own (the reminders).
func CurrentAllocationsOn(day civil.Date) predicate.Allocation {
	return allocation.And(allocation.StartsOnLTE(day), allocation.Or(allocation.EndsOnIsNil(), allocation.EndsOnGTE(day)))
}

// CurrentAllocations matches the allocations in force today, for code that
// lists a child's chair and social worker.
func CurrentAllocations() predicate.Allocation { return current() }

// allocatedScope: the children with a current allocation of one of kinds to
// the viewer.
func allocatedScope(v *viewer.Viewer, kinds ...domain.AllocationKind) scope {
	ks := make([]any, len(kinds))
	for i, k := range kinds {
		ks[i] = string(k)
	}
	return func(col string) *sql.Predicate {
		return sql.In(col, sql.Select(allocation.FieldChildID).From(sql.Table(allocation.Table)).
			Where(sql.And(sql.EQ(allocation.FieldStaffID, string(v.UserID)), sql.In(allocation.FieldKind, ks...),
				currentAt(string(today())))))
	}
}

// linkedScope: the children the viewer is a linked parent of (an active
// link with parental responsibility), and with carePlan the ones whose care
// plan the link lets them see.
func linkedScope(v *viewer.Viewer, carePlan bool) scope {
	return func(col string) *sql.Predicate {
		where := sql.And(sql.EQ(familylink.FieldParentID, string(v.UserID)), sql.EQ(familylink.FieldActive, true),
			sql.EQ(familylink.FieldParentalResponsibility, true))
		if carePlan {
			where = sql.And(where, sql.EQ(familylink.FieldMayViewCarePlan, true))
		}
		return sql.In(col, sql.Select(familylink.FieldChildID).From(sql.Table(familylink.Table)).Where(where))
	}
}

// breakGlassScope: the children whose submissions a manager has opened by
// break-glass, for as long as the grant lasts.
func breakGlassScope(v *viewer.Viewer) scope {
	return func(col string) *sql.Predicate {
		return sql.In(col, sql.Select(breakglassgrant.FieldChildID).From(sql.Table(breakglassgrant.Table)).
			Where(sql.And(sql.EQ(breakglassgrant.FieldManagerID, string(v.UserID)),
				sql.GT(breakglassgrant.FieldExpiresAt, time.Now()))))
	}
}

// oneChild: the viewer's own child record.
func oneChild(id ident.ID) scope {
	return func(col string) *sql.Predicate { return sql.EQ(col, string(id)) }
}

// noChildren matches nothing.
func noChildren(string) *sql.Predicate { return sql.False() }

// childScope is docs/access.md's "child's profile" row for the viewer: themself,
// the children they are a linked parent of, the children allocated to them.
// A manager's scope is every child of their authority, and is nil: the
// authority condition every rule adds is all it takes.
func childScope(v *viewer.Viewer) (scope, bool) {
	switch {
	case v == nil:
		return noChildren, false
	case v.Role == domain.RoleChild && v.ChildID != "":
		return oneChild(v.ChildID), false
	case v.Role == domain.RoleParent:
		return linkedScope(v, false), false
	case isAllocatedRole(v.Role):
		return allocatedScope(v, domain.AllocIRO, domain.AllocCPChair, domain.AllocSocialWorker), false
	case v.Role == domain.RoleManager:
		return nil, true
	}
	return noChildren, false
}

// on applies a scope to a column of the table a predicate filters.
func on[P anyPredicate](column string, sc scope) P {
	return P(func(s *sql.Selector) { s.Where(sc(s.C(column))) })
}

// ofVisibleChild matches rows of a child-owned table (one with authority_id
// and child_id columns) whose child the viewer may see.
func ofVisibleChild[P anyPredicate](v *viewer.Viewer) P {
	if v == nil {
		return nothing[P]()
	}
	sc, all := childScope(v)
	return P(func(s *sql.Selector) {
		s.Where(sql.EQ(s.C("authority_id"), string(v.AuthorityID)))
		if !all {
			s.Where(sc(s.C("child_id")))
		}
	})
}

// allocatedTo matches children with a current allocation of one of kinds to
// the viewer.
func allocatedTo(v *viewer.Viewer, kinds ...domain.AllocationKind) predicate.Child {
	return on[predicate.Child](child.FieldID, allocatedScope(v, kinds...))
}

// allocatedAsChair matches children the viewer chairs (IRO or CP Chair).
func allocatedAsChair(v *viewer.Viewer) predicate.Child { return allocatedTo(v, chairKinds...) }

// linkedTo matches children the viewer is a linked parent of.
func linkedTo(v *viewer.Viewer) predicate.Child {
	return on[predicate.Child](child.FieldID, linkedScope(v, false))
}

// VisibleChildren matches the children whose records the viewer may see
// (docs/access.md, "child's profile"): themself, the children they are a linked
// parent of, the children allocated to them, every child of their authority
// for a manager; nobody for an admin or an anonymous request. Always within
// the viewer's own authority.
func VisibleChildren(v *viewer.Viewer) predicate.Child {
	if v == nil {
		return nothing[predicate.Child]()
	}
	sc, all := childScope(v)
	if all {
		return child.AuthorityID(v.AuthorityID)
	}
	return child.And(child.AuthorityID(v.AuthorityID), on[predicate.Child](child.FieldID, sc))
}
