package importer

import (
	"fmt"
	"strings"

	"kite/ent"
	"kite/ent/allocation"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
)

// allocIn is an allocations row: the allocation as it will be after the
// import.
type allocIn struct {
	row      int
	ext      string
	existing *ent.Allocation
	childExt string
	childKey string
	staffExt string
	staffKey string
	kind     domain.AllocationKind
	startsOn civil.Date
	endsOn   civil.Date
}

// staffRole is the role a member of staff needs for each kind of allocation.
var staffRole = map[domain.AllocationKind]domain.Role{
	domain.AllocIRO:          domain.RoleIRO,
	domain.AllocCPChair:      domain.RoleCPChair,
	domain.AllocSocialWorker: domain.RoleSocialWorker,
}

func (r *run) checkAllocations(k *kindData) {
	for c, ext := range rowsToCheck(k, nil) {
		a := &allocIn{row: c.row.n, ext: ext}
		if a.ext != "" {
			if ex := r.exAllocs[a.ext]; ex != nil {
				a.existing = ex
				a.endsOn = dateOf(ex.EndsOn)
			}
		}
		a.kind, _ = enumValue[domain.AllocationKind](c, "kind", domain.AllocationKind("").Values(), true)
		a.childExt, a.childKey = r.childRef(c)
		// With the kind rejected, staffRole gives "" and the role is not checked.
		a.staffExt, a.staffKey = r.userRef(c, "staff_ref", staffRole[a.kind])
		if ex := a.existing; ex != nil {
			a.childKey = c.unmoved("child_ref", a.childKey, ex.ChildID,
				"this allocation is for another child in Kite; an allocation does not move to another child (give a new allocation its own external_id)")
			a.staffKey = c.unmoved("staff_ref", a.staffKey, ex.StaffID,
				"this allocation is to another member of staff in Kite; an allocation does not move to someone else (end it, and give the new allocation its own external_id)")
		}
		a.startsOn = c.requiredDate("starts_on")
		if d, present := c.date("ends_on"); present {
			a.endsOn = d
		}
		if a.endsOn != "" && a.startsOn != "" && a.endsOn.Before(a.startsOn) {
			c.bad("ends_on", "%s is before starts_on (%s)", a.endsOn, a.startsOn)
		}
		r.allocRows = append(r.allocRows, a)
	}
	r.checkOneCurrent(k)
}

// current reports whether an allocation is in force on day.
func current(startsOn, endsOn, day civil.Date) bool {
	return !startsOn.After(day) && (endsOn == "" || !endsOn.Before(day))
}

// checkOneCurrent rejects rows that would give a child two current
// allocations of the same kind (docs/domain.md: one current of each kind at
// most), counting the child's allocations already in Kite that the import
// does not change.
func (r *run) checkOneCurrent(k *kindData) {
	type slot struct {
		child string
		kind  domain.AllocationKind
	}
	type holder struct {
		row  *allocIn        // a row of the import, or
		kite *ent.Allocation // an allocation in Kite
	}
	holders := map[slot][]holder{}
	var order []slot
	add := func(s slot, h holder) {
		if holders[s] == nil {
			order = append(order, s)
		}
		holders[s] = append(holders[s], h)
	}
	imported := map[ident.ID]bool{}
	for _, a := range r.allocRows {
		if a.existing != nil {
			imported[a.existing.ID] = true
		}
	}
	for _, ex := range r.childAllocs {
		if !imported[ex.ID] && current(ex.StartsOn, dateOf(ex.EndsOn), r.today) {
			add(slot{existingKey(ex.ChildID), ex.Kind}, holder{kite: ex})
		}
	}
	for _, a := range r.allocRows {
		if a.childKey != "" && a.kind != "" && a.startsOn != "" && !k.rejected[a.row] && current(a.startsOn, a.endsOn, r.today) {
			add(slot{a.childKey, a.kind}, holder{row: a})
		}
	}
	for _, s := range order {
		hs := holders[s]
		if len(hs) < 2 {
			continue
		}
		for _, h := range hs {
			if h.row == nil {
				continue
			}
			var others []string
			for _, o := range hs {
				switch {
				case o.row == h.row:
				case o.row != nil:
					others = append(others, fmt.Sprintf("row %d", o.row.row))
				default:
					others = append(others, describeExisting(o.kite.ExternalID))
				}
			}
			k.problem(h.row.row, "ends_on", "the child would have more than one current %s allocation (this one and %s); a child has one at most: give the earlier one an ends_on",
				s.kind, strings.Join(others, ", "))
		}
	}
}

func (r *run) applyAllocations(k *kindData) error {
	return applyRows(r, k, r.allocRows, r.writeAllocation, execBulk[*allocIn](r, "allocations", r.c.Allocation.CreateBulk))
}

// writeAllocation creates a new allocation, or updates an existing one (see
// applyRows).
func (r *run) writeAllocation(a *allocIn) (create *ent.AllocationCreate, changed bool, err error) {
	ex := a.existing
	if ex == nil {
		return r.c.Allocation.Create().
			SetAuthorityID(r.la).SetExternalID(a.ext).
			SetChildID(r.childIDs[a.childExt]).SetStaffID(r.userIDs[a.staffExt]).
			SetKind(a.kind).SetStartsOn(a.startsOn).SetNillableEndsOn(datePtr(a.endsOn)), false, nil
	}
	if ex.Kind == a.kind && ex.StartsOn == a.startsOn && dateOf(ex.EndsOn) == a.endsOn {
		return nil, false, nil
	}
	u := r.c.Allocation.UpdateOneID(ex.ID).Where(allocation.AuthorityID(r.la)).
		SetKind(a.kind).SetStartsOn(a.startsOn)
	setOrClear(a.endsOn, u.SetEndsOn, u.ClearEndsOn)
	if err := u.Exec(r.ctx); err != nil {
		return nil, false, fmt.Errorf("importer: allocations row %d: update: %w", a.row, err)
	}
	return nil, true, nil
}
