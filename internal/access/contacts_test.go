package access_test

import (
	"context"
	"reflect"
	"testing"

	"entgo.io/ent/dialect/sql"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/auditevent"
	"kite/ent/privacy"
	"kite/internal/access"
	"kite/internal/audit"
	"kite/internal/civil"
	"kite/internal/demo"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/refdata"
	"kite/internal/testdb"
	"kite/internal/viewer"
)

// entContacts is the read CurrentContacts (or, given kinds, CurrentChairs)
// stands in for, through ent: its policies and interceptors, and the staff
// joined by WithVisibleStaff.
func entContacts(ctx context.Context, c *ent.Client, ids []ident.ID, kinds ...domain.AllocationKind) ([]*ent.Allocation, error) {
	q := c.Allocation.Query().Where(allocation.ChildIDIn(ids...), access.CurrentAllocations()).
		Order(allocation.ByStartsOn(sql.OrderDesc()), allocation.ByID())
	if len(kinds) > 0 {
		q.Where(allocation.KindIn(kinds...))
	}
	q.Modify(access.WithVisibleStaff(ctx))
	rows, err := q.Select(allocation.FieldChildID, allocation.FieldStaffID, allocation.FieldKind, allocation.FieldStartsOn).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range rows {
		if a.Edges.Staff, err = access.StaffOf(a); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// contactRow is what a caller of either read may use of a row.
type contactRow struct {
	ID, ChildID, StaffID ident.ID
	Kind                 domain.AllocationKind
	StartsOn             civil.Date
	Staff                *ent.User
}

func contactRows(rows []*ent.Allocation) []contactRow {
	out := make([]contactRow, len(rows))
	for i, a := range rows {
		out[i] = contactRow{ID: a.ID, ChildID: a.ChildID, StaffID: a.StaffID, Kind: a.Kind, StartsOn: a.StartsOn}
		if u := a.Edges.Staff; u != nil {
			out[i].Staff = &ent.User{ID: u.ID, DisplayName: u.DisplayName, Role: u.Role, WorkEmail: u.WorkEmail,
				WorkPhone: u.WorkPhone, HowToReach: u.HowToReach, WorkingPattern: u.WorkingPattern, WorkingHours: u.WorkingHours}
		}
	}
	return out
}

// readers are a context for every account of the demo authority (each role,
// children with their own record), for system code and for no viewer.
func readers(c *ent.Client, system context.Context) map[string]context.Context {
	childOf := map[ident.ID]ident.ID{}
	for _, ch := range c.Child.Query().AllX(system) {
		if ch.UserID != nil {
			childOf[*ch.UserID] = ch.ID
		}
	}
	out := map[string]context.Context{"system": system, "no viewer": context.Background()}
	for _, u := range c.User.Query().AllX(system) {
		v := &viewer.Viewer{UserID: u.ID, AuthorityID: u.AuthorityID, Role: u.Role, ChildID: childOf[u.ID]}
		out[string(u.Role)+" "+string(u.ID)] = viewer.NewContext(context.Background(), v)
	}
	return out
}

// childSets are every child alone and all of them at once.
func childSets(c *ent.Client, system context.Context) [][]ident.ID {
	all := c.Child.Query().IDsX(system)
	sets := [][]ident.ID{all}
	for _, id := range all {
		sets = append(sets, []ident.ID{id})
	}
	return sets
}

// demoAuthority is a database with the demo authority, and a context past
// the rules to look at it.
func demoAuthority(t *testing.T) (*ent.Client, context.Context) {
	t.Helper()
	c := testdb.Open(t).Client
	system := privacy.DecisionContext(context.Background(), privacy.Allow)
	if err := refdata.Write(system, c); err != nil {
		t.Fatal(err)
	}
	if err := demo.Write(system, c, demo.Options{Today: civil.Today(), PasswordHash: "not a hash"}); err != nil {
		t.Fatal(err)
	}
	return c, system
}

// TestCurrentContactsIsTheEntRead: for every account of the demo authority
// (each role, with and without a child record), system code and no viewer,
// over each child alone and all children at once, CurrentContacts gives
// the rows, order and staff the ent read gives — on SQLite and PostgreSQL,
// with every kept statement checked against a fresh build.
func TestCurrentContactsIsTheEntRead(t *testing.T) {
	access.CheckShapes()
	c, system := demoAuthority(t)
	reads := []struct {
		name  string
		read  func(context.Context, *ent.Client, []ident.ID) ([]*ent.Allocation, error)
		kinds []domain.AllocationKind
	}{
		{"contacts", access.CurrentContacts, nil},
		{"chairs", access.CurrentChairs, []domain.AllocationKind{domain.AllocIRO, domain.AllocCPChair}},
	}
	for _, r := range reads {
		seen, socialWorkers := 0, 0
		for who, ctx := range readers(c, system) {
			for _, ids := range childSets(c, system) {
				want, err := entContacts(ctx, c, ids, r.kinds...)
				if err != nil {
					t.Fatalf("%s: ent: %v", who, err)
				}
				got, err := r.read(ctx, c, ids)
				if err != nil {
					t.Fatalf("%s: %v", who, err)
				}
				if !reflect.DeepEqual(contactRows(got), contactRows(want)) {
					t.Errorf("%s: %s, %d children: got %+v, want %+v", r.name, who, len(ids), contactRows(got), contactRows(want))
				}
				seen += len(got)
				for _, a := range got {
					if a.Kind == domain.AllocSocialWorker {
						socialWorkers++
					}
				}
			}
		}
		if seen == 0 {
			t.Fatalf("%s: no viewer saw any contact: the comparison proves nothing", r.name)
		}
		// The chairs' read leaves the social workers out; the other has them.
		if (socialWorkers == 0) != (r.kinds != nil) {
			t.Errorf("%s: %d social workers read", r.name, socialWorkers)
		}
	}
}

// TestReadsOutsideEntAreAudited: a member of staff's read of a child or
// their contacts, plans or meetings outside ent is noted for the child, as the
// interceptors note an ent read; a child's own read is not.
func TestReadsOutsideEntAreAudited(t *testing.T) {
	c, system := demoAuthority(t)
	a := c.Allocation.Query().Where(allocation.KindEQ(domain.AllocIRO), access.CurrentAllocations()).FirstX(system)
	iro := c.User.GetX(system, a.StaffID)
	ch := c.Child.GetX(system, a.ChildID)
	ids := []ident.ID{ch.ID}
	reads := map[string]func(ctx context.Context) (int, error){
		"contacts": func(ctx context.Context) (int, error) {
			r, err := access.CurrentContacts(ctx, c, ids)
			return len(r), err
		},
		"chairs": func(ctx context.Context) (int, error) {
			r, err := access.CurrentChairs(ctx, c, ids)
			return len(r), err
		},
		"plans": func(ctx context.Context) (int, error) {
			r, err := access.ReadPlans(ctx, c, ids, nil)
			return len(r), err
		},
		"meetings": func(ctx context.Context) (int, error) {
			r, err := access.ReadMeetings(ctx, c, ids, nil)
			return len(r), err
		},
		"child": func(ctx context.Context) (int, error) {
			_, err := access.ReadChild(ctx, c, ch.ID, civil.Today())
			return 1, err
		},
		"children page": func(ctx context.Context) (int, error) {
			r, err := access.ReadChildrenFirstPage(ctx, c, nil, 70)
			return len(r), err
		},
		"submissions": func(ctx context.Context) (int, error) {
			r, err := access.ReadSubmissionsFirstPage(ctx, c, ch.ID, nil, 10)
			return len(r), err
		},
	}
	for name, read := range reads {
		events := func(v *viewer.Viewer) int {
			ctx := audit.WithReads(viewer.NewContext(context.Background(), v))
			if n, err := read(ctx); err != nil || n == 0 {
				t.Fatalf("%s: %s read %d rows: %v", name, v.Role, n, err)
			}
			before := c.AuditEvent.Query().Where(auditevent.ActorID(v.UserID), auditevent.ChildID(ch.ID)).CountX(system)
			audit.Flush(ctx, c)
			return c.AuditEvent.Query().Where(auditevent.ActorID(v.UserID), auditevent.ChildID(ch.ID)).CountX(system) - before
		}
		if n := events(&viewer.Viewer{UserID: iro.ID, AuthorityID: iro.AuthorityID, Role: iro.Role}); n != 1 {
			t.Errorf("%s: the IRO's read wrote %d events for the child, want 1", name, n)
		}
		if ch.UserID != nil {
			if n := events(&viewer.Viewer{UserID: *ch.UserID, AuthorityID: ch.AuthorityID, Role: domain.RoleChild, ChildID: ch.ID}); n != 0 {
				t.Errorf("%s: the child's own read wrote %d events, want none", name, n)
			}
		}
	}
}
