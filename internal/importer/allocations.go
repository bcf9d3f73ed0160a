package importer

import (
	"fmt"
	"strings"

	"kite/ent"
	"kite/ent/allocation"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
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
var staffRole = map[domain.AllocationKind]viewer.Role{
	domain.AllocIRO:          viewer.IRO,
	domain.AllocCPChair:      viewer.CPChair,
	domain.AllocSocialWorker: viewer.SocialWorker,
}

func (r *run) checkAllocations() {
	k := r.kinds[Allocations]
	if k == nil {
		return
	}
	for _, row := range k.rows {
		if _, skip := unchecked(k, row); skip {
			continue
		}
		c := newCells(k, row)
		a := &allocIn{row: row.n, ext: c.externalID(k.seen)}
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
			if a.childKey != "" && a.childKey != existingKey(ex.ChildID) {
				c.bad("child_ref", "this allocation is for another child in Kite; an allocation does not move to another child (give a new allocation its own external_id)")
				a.childKey = ""
			}
			if a.staffKey != "" && a.staffKey != existingKey(ex.StaffID) {
				c.bad("staff_ref", "this allocation is to another member of staff in Kite; an allocation does not move to someone else (end it, and give the new allocation its own external_id)")
				a.staffKey = ""
			}
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

func (r *run) applyAllocations() error {
	k := r.kinds[Allocations]
	if k == nil {
		return nil
	}
	var creates []*ent.AllocationCreate
	for _, a := range r.allocRows {
		ex := a.existing
		if ex == nil {
			creates = append(creates, r.c.Allocation.Create().
				SetAuthorityID(r.la).SetExternalID(a.ext).
				SetChildID(r.childIDs[a.childExt]).SetStaffID(r.userIDs[a.staffExt]).
				SetKind(a.kind).SetStartsOn(a.startsOn).SetNillableEndsOn(datePtr(a.endsOn)))
			continue
		}
		if ex.Kind == a.kind && ex.StartsOn == a.startsOn && dateOf(ex.EndsOn) == a.endsOn {
			k.report.Unchanged++
			continue
		}
		u := r.c.Allocation.UpdateOneID(ex.ID).Where(allocation.AuthorityID(r.la)).
			SetKind(a.kind).SetStartsOn(a.startsOn)
		if a.endsOn == "" {
			u.ClearEndsOn()
		} else {
			u.SetEndsOn(a.endsOn)
		}
		if err := u.Exec(r.ctx); err != nil {
			return fmt.Errorf("importer: allocations row %d: update: %w", a.row, err)
		}
		k.report.Updated++
	}
	return inChunks(creates, bulkSize, func(b []*ent.AllocationCreate) error {
		if err := r.c.Allocation.CreateBulk(b...).Exec(r.ctx); err != nil {
			return fmt.Errorf("importer: create allocations: %w", err)
		}
		k.report.Created += len(b)
		return nil
	})
}
