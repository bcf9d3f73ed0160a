// Package caseadmin is a manager's administration of cases: who is
// allocated to which child (one current allocation of each kind), which
// parents are linked to which child, and IRO caseloads.
package caseadmin

import (
	"context"
	"sort"
	"strings"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/familylink"
	"kite/ent/user"
	"kite/internal/access"
	"kite/internal/apierr"
	"kite/internal/civil"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/figures"
	"kite/internal/ident"
	"kite/internal/txn"
)

// Service holds what case administration needs.
type Service struct {
	Client *ent.Client
}

// Allocate is a new allocation.
type Allocate struct {
	ChildID, StaffID ident.ID
	Kind             domain.AllocationKind
	StartsOn         civil.Date
	EndsOn           *civil.Date
}

// childAndAccount loads a child and an account the viewer may see, to
// connect them (NOT_FOUND for either the viewer may not see); work and
// account name them in an error.
func (s *Service) childAndAccount(ctx context.Context, childID, userID ident.ID, work, account string) (*ent.Child, *ent.User, error) {
	c, err := s.Client.Child.Get(ctx, childID)
	if err != nil {
		return nil, nil, dataerr.ToAPI(err, work+": child")
	}
	u, err := s.Client.User.Get(ctx, userID)
	if err != nil {
		return nil, nil, dataerr.ToAPI(err, work+": "+account)
	}
	return c, u, nil
}

// AllocateStaff allocates a member of staff to a child. A child has at most
// one current allocation of each kind, so the one it replaces ends the day
// before the new one starts.
func (s *Service) AllocateStaff(ctx context.Context, in Allocate) (*ent.Allocation, error) {
	c, staff, err := s.childAndAccount(ctx, in.ChildID, in.StaffID, "allocate", "staff")
	if err != nil {
		return nil, err
	}
	if staff.Role != access.RoleFor(in.Kind) || !staff.Active {
		return nil, apierr.BadInput("staffId", "This person's role does not match the allocation, or their account is disabled.")
	}
	if in.EndsOn != nil && in.EndsOn.Before(in.StartsOn) {
		return nil, apierr.BadInput("endsOn", "An allocation cannot end before it starts.")
	}
	var out *ent.Allocation
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		// The allocations of this kind still running on the new start day end
		// the day before it.
		err := tx.Allocation.Update().Where(allocation.ChildID(c.ID), allocation.KindEQ(in.Kind),
			allocation.Or(allocation.EndsOnIsNil(), allocation.EndsOnGTE(in.StartsOn)),
			allocation.StartsOnLT(in.StartsOn)).
			SetEndsOn(in.StartsOn.AddDays(-1)).Exec(ctx)
		if err != nil {
			return dataerr.ToAPI(err, "allocate: end the previous allocation")
		}
		clash, err := tx.Allocation.Query().Where(allocation.ChildID(c.ID), allocation.KindEQ(in.Kind),
			allocation.Or(allocation.EndsOnIsNil(), allocation.EndsOnGTE(in.StartsOn))).Exist(ctx)
		if err != nil {
			return err
		}
		if clash {
			return apierr.BadInput("startsOn", "There is already an allocation of this kind from that day; end it first.")
		}
		out, err = tx.Allocation.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetStaffID(staff.ID).
			SetKind(in.Kind).SetStartsOn(in.StartsOn).SetNillableEndsOn(in.EndsOn).Save(ctx)
		return dataerr.ToAPI(err, "allocate")
	})
	if err != nil {
		return nil, err
	}
	// Detach from the finished transaction, so edges load afterwards.
	return out.Unwrap(), nil
}

// EndAllocation ends an allocation on a day.
func (s *Service) EndAllocation(ctx context.Context, id ident.ID, endsOn civil.Date) (*ent.Allocation, error) {
	a, err := s.Client.Allocation.Get(ctx, id)
	if err != nil {
		return nil, dataerr.ToAPI(err, "end allocation")
	}
	if endsOn.Before(a.StartsOn) {
		return nil, apierr.BadInput("endsOn", "An allocation cannot end before it starts.")
	}
	a, err = s.Client.Allocation.UpdateOneID(a.ID).SetEndsOn(endsOn).Save(ctx)
	return a, dataerr.ToAPIAfterRead(err, "end allocation")
}

// Link is a family link to make or change.
type Link struct {
	ChildID, ParentID      ident.ID
	Relationship           string
	ParentalResponsibility bool
	MayViewCarePlan        bool
}

// LinkParent links a parent's account to a child, or updates the link.
func (s *Service) LinkParent(ctx context.Context, in Link) (*ent.FamilyLink, error) {
	c, p, err := s.childAndAccount(ctx, in.ChildID, in.ParentID, "link", "parent")
	if err != nil {
		return nil, err
	}
	if p.Role != domain.RoleParent {
		return nil, apierr.BadInput("parentId", "Only a parent or carer's account can be linked to a child.")
	}
	rel := strings.TrimSpace(in.Relationship)
	if rel == "" {
		return nil, apierr.BadInput("relationship", "Please say how they are related to the child.")
	}
	existing, err := s.Client.FamilyLink.Query().Where(familylink.ChildID(c.ID), familylink.ParentID(p.ID)).Only(ctx)
	switch {
	case err == nil:
		l, err := s.Client.FamilyLink.UpdateOneID(existing.ID).SetRelationship(rel).
			SetParentalResponsibility(in.ParentalResponsibility).SetMayViewCarePlan(in.MayViewCarePlan).
			SetActive(true).Save(ctx)
		return l, dataerr.ToAPIAfterRead(err, "update link")
	case !ent.IsNotFound(err):
		return nil, dataerr.ToAPI(err, "link")
	}
	l, err := s.Client.FamilyLink.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetParentID(p.ID).
		SetRelationship(rel).SetParentalResponsibility(in.ParentalResponsibility).
		SetMayViewCarePlan(in.MayViewCarePlan).Save(ctx)
	return l, dataerr.ToAPI(err, "link")
}

// EndLink ends a family link (it stays on record, inactive).
func (s *Service) EndLink(ctx context.Context, id ident.ID) (*ent.FamilyLink, error) {
	l, err := s.Client.FamilyLink.Get(ctx, id)
	if err != nil {
		return nil, dataerr.ToAPI(err, "end link")
	}
	l, err = s.Client.FamilyLink.UpdateOneID(l.ID).SetActive(false).Save(ctx)
	return l, dataerr.ToAPIAfterRead(err, "end link")
}

// Caseload is one IRO's number of children against the handbook's range for
// them.
type Caseload struct {
	Staff *ent.User
	// Load is the caseload against the IRO's range, worked out by
	// figures.CaseloadOf from their full-time equivalent, as
	// authorityFigures works it out.
	Load figures.Caseload
	// Band is Load.Range in iroCaseloads' first names.
	Band string
}

// IROCaseloads counts each IRO's current children (managers: every IRO of
// the authority, including those with none).
func (s *Service) IROCaseloads(ctx context.Context) ([]Caseload, error) {
	iros, err := s.Client.User.Query().Where(user.RoleEQ(domain.RoleIRO), user.Active(true)).All(ctx)
	if err != nil {
		return nil, dataerr.ToAPI(err, "caseloads")
	}
	var counts []struct {
		StaffID ident.ID `json:"staff_id"`
		Count   int      `json:"count"`
	}
	err = s.Client.Allocation.Query().
		Where(allocation.KindEQ(domain.AllocIRO), access.CurrentAllocations()).
		GroupBy(allocation.FieldStaffID).Aggregate(ent.Count()).Scan(ctx, &counts)
	if err != nil {
		return nil, dataerr.ToAPI(err, "caseloads")
	}
	byStaff := map[ident.ID]int{}
	for _, c := range counts {
		byStaff[c.StaffID] = c.Count
	}
	out := make([]Caseload, 0, len(iros))
	for _, u := range iros {
		var fte float64
		if u.FullTimeEquivalent != nil {
			fte = *u.FullTimeEquivalent
		}
		load := figures.CaseloadOf(byStaff[u.ID], fte)
		load.StaffID, load.StaffName = string(u.ID), u.DisplayName
		out = append(out, Caseload{Staff: u, Load: load, Band: load.Range.CaseloadsBand()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Staff.DisplayName < out[j].Staff.DisplayName })
	return out, nil
}
