package graph

import (
	"context"
	"fmt"

	"entgo.io/contrib/entgql"

	"kite/ent"
	"kite/graph/model"
	"kite/internal/access"
	"kite/internal/audit"
	"kite/internal/civil"
	"kite/internal/dashboard"
	"kite/internal/forms"
	"kite/internal/formtemplates"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// maskNotFound turns "missing or not visible" into null, the answer reads
// give for both (access.md).
func maskNotFound(err error) error {
	if ent.IsNotFound(err) {
		return nil
	}
	return err
}

func (r *Resolver) age(ctx context.Context, c *ent.Child) (*int, error) {
	ages, err := access.Ages(ctx, r.Client, []ident.ID{c.ID}, civil.Today())
	if err != nil {
		return nil, err
	}
	if a, ok := ages[c.ID]; ok {
		return &a, nil
	}
	return nil, nil
}

func staffContact(c dashboard.Contact) *model.StaffContact {
	return &model.StaffContact{Name: c.Name, Role: c.Role, Email: optional(c.Email), Phone: optional(c.Phone),
		HowToReach: optional(c.HowToReach), WorkingPattern: optional(c.WorkingPattern)}
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// childForm is the wishes and feelings form for the child's age.
func (r *Resolver) childForm(ctx context.Context, c *ent.Child) (*ent.FormTemplate, error) {
	a, err := r.age(ctx, c)
	if err != nil {
		return nil, err
	}
	age := forms.UnknownAge
	if a != nil {
		age = *a
	}
	return formtemplates.Suited(ctx, r.Client, age, forms.ForChild)
}

// myCaseload lists a member of staff's allocated children, or every child of
// the authority for a manager. Which children is the access rules' answer
// (VisibleChildren); this only says that children and parents have no
// caseload. The list is one audit event, however many children it holds.
func (r *Resolver) myCaseload(ctx context.Context, after *entgql.Cursor[ident.ID], first *int, before *entgql.Cursor[ident.ID], last *int) (*ent.ChildConnection, error) {
	v, err := requireViewer(ctx)
	if err != nil {
		return nil, err
	}
	q := r.Client.Child.Query()
	switch v.Role {
	case viewer.IRO, viewer.CPChair, viewer.SocialWorker, viewer.Manager:
	default:
		return &ent.ChildConnection{Edges: []*ent.ChildEdge{}}, nil
	}
	audit.NoteCaseload(ctx)
	conn, err := q.Paginate(ctx, after, first, before, last, ent.WithChildOrder(&ent.ChildOrder{Field: ent.ChildOrderFieldCreatedAt, Direction: entgql.OrderDirectionAsc}))
	if err != nil {
		return nil, fmt.Errorf("caseload: %w", err)
	}
	return conn, nil
}
