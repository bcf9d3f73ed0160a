package access

import (
	"context"
	stdsql "database/sql"

	entsql "entgo.io/ent/dialect/sql"

	kent "kite/ent"
	"kite/ent/plan"
	"kite/internal/audit"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// planRows reads plans outside ent as an ent read of them does: the plans'
// policy filter (VisiblePlans) and the read audit (AuditPlanReads).
var planRows = childRows[kent.Plan]{
	name: "plans", table: plan.Table,
	childIn: func(ids []ident.ID) func(*entsql.Selector) { return plan.ChildIDIn(ids...) },
	visible: func(v *viewer.Viewer) func(*entsql.Selector) { return VisiblePlans(v) },
	order: func(t *entsql.SelectTable) []string {
		return []string{entsql.Desc(t.C(plan.FieldStartsOn)), t.C(plan.FieldID)}
	},
	scan: func(c *kent.Client, rows *stdsql.Rows, columns []string) ([]*kent.Plan, error) {
		return c.Plan.ScanAll(rows, columns)
	},
	after: func(ctx context.Context, v *viewer.Viewer, rows []*kent.Plan) {
		noteStaffReads(ctx, v, audit.KindPlan, audit.NoteReads, rows, planRead)
	},
}

// planNeeds are the columns a read of plans always has: its id, and the
// child's, which the read audit notes (planRead).
var planNeeds = []string{plan.FieldID, plan.FieldChildID}

// ReadPlans reads the plans of the children ids that the viewer may see,
// newest first (by start, then id), with the columns given (and planNeeds)
// or whole rows when columns is nil: what an ent read of plans gives, under
// the plans' policy and noted for the audit as its interceptor does, read
// outside ent (outside.go). TestReadPlansIsTheEntRead holds it to the ent
// read.
func ReadPlans(ctx context.Context, client *kent.Client, ids []ident.ID, columns []string) ([]*kent.Plan, error) {
	return planRows.read(ctx, client, ids, columnsWith(plan.Columns, planNeeds, columns))
}
