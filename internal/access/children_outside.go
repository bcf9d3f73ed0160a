package access

import (
	"context"
	stdsql "database/sql"

	entsql "entgo.io/ent/dialect/sql"

	kent "kite/ent"
	"kite/ent/child"
	"kite/internal/audit"
	"kite/internal/civil"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// childRowsReader reads children outside ent as an ent read of them does: the
// children's policy filter (VisibleChildren) and the read audit
// (AuditChildReads).
var childRowsReader = childRows[kent.Child]{
	name: "child", table: child.Table,
	childIn: func(ids []ident.ID) func(*entsql.Selector) { return child.IDIn(ids...) },
	visible: func(v *viewer.Viewer) func(*entsql.Selector) { return VisibleChildren(v) },
	scan: func(c *kent.Client, rows *stdsql.Rows, columns []string) ([]*kent.Child, error) {
		return c.Child.ScanAll(rows, columns)
	},
	after: func(ctx context.Context, v *viewer.Viewer, rows []*kent.Child) {
		noteStaffReads(ctx, v, audit.KindChild, audit.NoteReads, rows, childRead)
	},
}

// ReadChild reads the child id, if the viewer may see them, with their age
// on today (WithAge, read by AgeOf): what an ent query of the child with
// WithAge gives — ent's not-found error where the viewer may not see them —
// under the children's policy and noted for the audit as its interceptor
// does, read outside ent (outside.go). TestReadChildIsTheEntRead holds it
// to the ent read.
func ReadChild(ctx context.Context, client *kent.Client, id ident.ID, today civil.Date) (*kent.Child, error) {
	r := childRowsReader
	r.modify = func(_ readRules, _ *viewer.Viewer, s *entsql.Selector) { WithAge(today)(s) }
	r.extra, r.modification = []string{ageColumn}, "age on "+string(today)
	rows, err := r.read(ctx, client, []ident.ID{id}, child.Columns)
	switch {
	case err != nil:
		return nil, err
	case len(rows) == 0:
		return nil, client.Child.NotFound()
	}
	return rows[0], nil
}

// childPageNeeds are the columns a page of children always has: the id, and
// the column of the order it is read in.
var childPageNeeds = []string{child.FieldID, child.FieldCreatedAt}

// ReadChildrenFirstPage reads the first page of the children the viewer may
// see, oldest record first (by created_at, then id): up to limit of them —
// columns of each (with the id and created_at), or whole rows when columns
// is nil — each with the total count in kent.PageTotalColumn. It is what
// ent's PageWithTotal ordered by ChildOrderFieldCreatedAt reads for that
// page (kent.NewChildConnectionFirstPage with the same order makes the same
// connection of it), under the children's policy and noted for the audit
// as its interceptor does, read outside ent (outside.go): a caseload's page.
// TestReadChildrenFirstPageIsTheEntRead holds it to the ent read.
func ReadChildrenFirstPage(ctx context.Context, client *kent.Client, columns []string, limit int) ([]*kent.Child, error) {
	page := firstPage(childRowsReader, limit)
	page.name, page.childIn = "children", nil // every child the viewer may see
	page.order = func(t *entsql.SelectTable) []string {
		return []string{t.C(child.FieldCreatedAt), t.C(child.FieldID)}
	}
	return page.read(ctx, client, nil, columnsWith(child.Columns, childPageNeeds, columns))
}
