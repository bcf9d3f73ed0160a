package access

import (
	"context"
	stdsql "database/sql"
	"fmt"

	entsql "entgo.io/ent/dialect/sql"

	kent "kite/ent"
	"kite/ent/allocation"
	"kite/internal/audit"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// contactRows reads current allocations outside ent as an ent read of them
// with CurrentAllocations and the staff joined (withVisibleStaff) does: the allocations'
// policy filter (visibleAllocations), the staff joined under the users'
// rule (visibleUsers, through withVisibleStaff), and the read audit
// (AuditAllocationReads). chairRows reads the chairs alone (IRO, CP
// Chair): a narrower read under the same rules, not a rule of its own.
var (
	contactRows = currentAllocations("contacts")
	chairRows   = currentAllocations("chairs", domain.AllocCPChair, domain.AllocIRO)
)

// currentAllocations reads the current allocations of the given kinds (any
// kind when none), with their staff.
func currentAllocations(name string, kinds ...domain.AllocationKind) childRows[kent.Allocation] {
	return childRows[kent.Allocation]{
		name: name, table: allocation.Table,
		childIn: func(ids []ident.ID) func(*entsql.Selector) { return allocation.ChildIDIn(ids...) },
		visible: func(v *viewer.Viewer) func(*entsql.Selector) { return visibleAllocations(v) },
		order: func(t *entsql.SelectTable) []string {
			return []string{entsql.Desc(t.C(allocation.FieldStartsOn)), t.C(allocation.FieldID)}
		},
		modify: func(r readRules, v *viewer.Viewer, s *entsql.Selector) {
			CurrentAllocations()(s)
			if len(kinds) > 0 {
				allocation.KindIn(kinds...)(s)
			}
			withVisibleStaff(r.system, v)(s)
		},
		extra: []string{staffColumn},
		scan: func(c *kent.Client, rows *stdsql.Rows, columns []string) ([]*kent.Allocation, error) {
			return c.Allocation.ScanAll(rows, columns)
		},
		after: func(ctx context.Context, v *viewer.Viewer, rows []*kent.Allocation) {
			noteStaffReads(ctx, v, allocationReads, audit.NoteReads, rows, allocationRead)
		},
	}
}

// contactColumns are the allocations' columns a contact needs.
var contactColumns = []string{allocation.FieldID, allocation.FieldChildID, allocation.FieldStaffID,
	allocation.FieldKind, allocation.FieldStartsOn}

// CurrentContacts reads the current allocations of the children ids that the
// viewer may see, newest first, each with its member of staff in
// Edges.Staff where the viewer may see them (nil where not): what an ent
// read of allocations with CurrentAllocations and the staff joined gives,
// under the same rules and noted for the audit as its interceptor does,
// read outside ent (outside.go) — a dashboard's contacts cost 75 µs through
// ent, 20 µs so. TestCurrentContactsIsTheEntRead holds it to the ent read.
func CurrentContacts(ctx context.Context, client *kent.Client, ids []ident.ID) ([]*kent.Allocation, error) {
	return withStaff(contactRows.read(ctx, client, ids, contactColumns))
}

// CurrentChairs is CurrentContacts for the chairs alone (IRO, CP Chair):
// what a caseload shows, half the rows of all the contacts.
// TestCurrentContactsIsTheEntRead holds it to the ent read too.
func CurrentChairs(ctx context.Context, client *kent.Client, ids []ident.ID) ([]*kent.Allocation, error) {
	return withStaff(chairRows.read(ctx, client, ids, contactColumns))
}

// withStaff puts each allocation's joined member of staff in Edges.Staff.
func withStaff(rows []*kent.Allocation, err error) ([]*kent.Allocation, error) {
	if err != nil {
		return nil, err
	}
	// A member of staff has many children: decode each once.
	staff := map[ident.ID]*kent.User{}
	for _, a := range rows {
		u, seen := staff[a.StaffID]
		if !seen {
			if u, err = joinedStaff(a); err != nil {
				return nil, fmt.Errorf("current contacts: %w", err)
			}
			staff[a.StaffID] = u
		}
		a.Edges.Staff = u
	}
	return rows, nil
}
