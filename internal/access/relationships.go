package access

import (
	"kite/ent/allocation"
	"kite/ent/breakglassgrant"
	"kite/ent/child"
	"kite/ent/familylink"
	"kite/ent/predicate"
	"kite/internal/domain"
	"kite/internal/viewer"
	"time"
)

// chairKinds are the allocations that make someone a child's chair.
var chairKinds = []domain.AllocationKind{domain.AllocIRO, domain.AllocCPChair}

// current matches allocations in force today.
func current() predicate.Allocation {
	d := today()
	return allocation.And(
		allocation.StartsOnLTE(d),
		allocation.Or(allocation.EndsOnIsNil(), allocation.EndsOnGTE(d)),
	)
}

// allocatedTo matches children with a current allocation of one of kinds to
// the viewer.
func allocatedTo(v *viewer.Viewer, kinds ...domain.AllocationKind) predicate.Child {
	return child.HasAllocationsWith(allocation.StaffID(v.UserID), allocation.KindIn(kinds...), current())
}

// allocatedAsChair matches children the viewer chairs (IRO or CP Chair).
func allocatedAsChair(v *viewer.Viewer) predicate.Child { return allocatedTo(v, chairKinds...) }

// allocatedAsSocialWorker matches children the viewer is social worker for.
func allocatedAsSocialWorker(v *viewer.Viewer) predicate.Child {
	return allocatedTo(v, domain.AllocSocialWorker)
}

// linkedParentLink matches the viewer's links that give access: active and
// with parental responsibility.
func linkedParentLink(v *viewer.Viewer) predicate.FamilyLink {
	return familylink.And(familylink.ParentID(v.UserID), familylink.Active(true), familylink.ParentalResponsibility(true))
}

// linkedTo matches children the viewer is a linked parent of.
func linkedTo(v *viewer.Viewer) predicate.Child { return child.HasFamilyLinksWith(linkedParentLink(v)) }

// breakGlassFor matches children whose submissions a manager has opened by
// break-glass, for as long as the grant lasts.
func breakGlassFor(v *viewer.Viewer) predicate.Child {
	return child.HasBreakGlassGrantsWith(breakglassgrant.ManagerID(v.UserID), breakglassgrant.ExpiresAtGT(time.Now()))
}

// VisibleChildren matches the children whose records the viewer may see
// (access.md, "child's profile"): themself, the children they are a linked
// parent of, the children allocated to them, every child of their authority
// for a manager; nobody for an admin or an anonymous request. Always within
// the viewer's own authority.
func VisibleChildren(v *viewer.Viewer) predicate.Child {
	if v == nil {
		return nothing[predicate.Child]()
	}
	var who predicate.Child
	switch {
	case v.Role == viewer.Child && v.ChildID != "":
		who = child.ID(v.ChildID)
	case v.Role == viewer.Parent:
		who = linkedTo(v)
	case isAllocatedRole(v.Role):
		who = allocatedTo(v, domain.AllocIRO, domain.AllocCPChair, domain.AllocSocialWorker)
	case v.Role == viewer.Manager:
		return child.AuthorityID(v.AuthorityID)
	default:
		return nothing[predicate.Child]()
	}
	return child.And(child.AuthorityID(v.AuthorityID), who)
}

// CurrentAllocations matches the allocations in force today, for code that
// lists a child's chair and social worker.
func CurrentAllocations() predicate.Allocation { return current() }
