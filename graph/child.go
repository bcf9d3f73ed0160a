package graph

import (
	"context"
	"slices"

	"entgo.io/contrib/entgql"

	"kite/ent"
	"kite/graph/model"
	"kite/internal/audit"
	"kite/internal/civil"
	"kite/internal/dashboard"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/parents"
	"kite/internal/viewer"
)

// edge answers a to-one edge from what the list holding obj already loaded
// (ent's eager loading, one query for the whole list), or else with a query
// of its own. A row that is missing or that the viewer may not see is null,
// the answer reads give for both (docs/access.md).
func edge[T any](ctx context.Context, loaded func() (T, error), query func(context.Context) (T, error)) (T, error) {
	v, err := loaded()
	if ent.IsNotLoaded(err) {
		v, err = query(ctx)
	}
	return v, ent.MaskNotFound(err)
}

func staffContact(c dashboard.Contact) *model.StaffContact {
	return &model.StaffContact{Name: c.Name, Role: c.Role, Email: optional(c.Email), Phone: optional(c.Phone),
		HowToReach: optional(c.HowToReach), WorkingPattern: optional(c.WorkingPattern),
		RoleLabel: c.Role.Label(), WorkingHours: workingDays(c.Hours)}
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// childForm is the form for sending views about the child: the parent form
// for a parent, else the wishes and feelings form for the child's age; null
// for a child too young for one (internal/wishes).
func (r *Resolver) childForm(ctx context.Context, c *ent.Child) (*ent.FormTemplate, error) {
	if v := viewer.FromContext(ctx); v != nil && v.Role == domain.RoleParent {
		return parents.Form(ctx, r.Client)
	}
	return r.Wishes.ChildForm(ctx, c.ID)
}

// page is a connection's paging arguments.
type page struct {
	after, before *entgql.Cursor[ident.ID]
	first, last   *int
}

// myCaseload lists a member of staff's allocated children, or every child of
// the authority for a manager. Which children is the access rules' answer
// (VisibleChildren); this only says that children and parents have no
// caseload. The list is one audit event, however many children it holds.
func (r *Resolver) myCaseload(ctx context.Context, f dashboard.CaseloadFilter, p page) (*ent.ChildConnection, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	switch v.Role {
	case domain.RoleIRO, domain.RoleCPChair, domain.RoleSocialWorker, domain.RoleManager:
	default:
		return &ent.ChildConnection{Edges: []*ent.ChildEdge{}}, nil
	}
	// The list is one audit event; a child read beside it has its own.
	conn, err := r.caseloadPage(audit.Caseload(ctx), f, p)
	if err != nil {
		return nil, err
	}
	ids := make([]ident.ID, len(conn.Edges))
	for i, e := range conn.Edges {
		ids[i] = e.Node.ID
	}
	audit.NoteCaseload(ctx, ids...)
	return conn, nil
}

// caseloadPage is one page of the viewer's caseload, filtered.
func (r *Resolver) caseloadPage(ctx context.Context, f dashboard.CaseloadFilter, p page) (*ent.ChildConnection, error) {
	if !f.Active() {
		// A first page reads its total in the same statement.
		conn, err := dashboard.CaseloadPage(ctx, r.Client, p.after, p.first, p.before, p.last)
		if err != nil {
			return nil, err
		}
		dashboard.Prefetch(ctx, r.Client, wantPage(ctx, conn), caseloadWants(ctx))
		return conn, nil
	}
	judged, err := dashboard.Caseload(ctx, r.Client, f, civil.Today())
	if err != nil {
		return nil, err
	}
	return childPage(ctx, judged, p), nil
}

// childPage pages through a filtered caseload: the cursor is the child's
// id, and a page holds the children after (or before) it. The children and
// what their due dates and counts need were read to judge them.
func childPage(ctx context.Context, judged dashboard.Judged, p page) *ent.ChildConnection {
	ids := judged.IDs()
	start, end := 0, len(ids)
	if p.after != nil {
		if i := slices.Index(ids, p.after.ID); i >= 0 {
			start = i + 1
		}
	}
	if p.before != nil {
		if i := slices.Index(ids, p.before.ID); i >= 0 {
			end = i
		}
	}
	start = min(start, end)
	if p.first != nil && start+*p.first < end {
		end = start + *p.first
	}
	if p.last != nil && end-*p.last > start {
		start = end - *p.last
	}
	children := judged.Page(ctx, start, end)
	conn := &ent.ChildConnection{TotalCount: len(ids), Edges: make([]*ent.ChildEdge, len(children))}
	for i, c := range children {
		conn.Edges[i] = &ent.ChildEdge{Node: c, Cursor: entgql.Cursor[ident.ID]{ID: c.ID}}
	}
	wantPage(ctx, conn)
	conn.PageInfo.HasPreviousPage = start > 0
	conn.PageInfo.HasNextPage = end < len(ids)
	if n := len(conn.Edges); n > 0 {
		conn.PageInfo.StartCursor = &conn.Edges[0].Cursor
		conn.PageInfo.EndCursor = &conn.Edges[n-1].Cursor
	}
	return conn
}

// wantPage tells the loaders which children a page holds, so that each
// child's due date, contacts and counts load for the whole page at once,
// and returns their ids.
func wantPage(ctx context.Context, conn *ent.ChildConnection) []ident.ID {
	ids := make([]ident.ID, len(conn.Edges))
	for i, e := range conn.Edges {
		ids[i] = e.Node.ID
	}
	dashboard.Want(ctx, ids)
	return ids
}
