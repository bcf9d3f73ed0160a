package access

import (
	"context"
	stdsql "database/sql"

	entsql "entgo.io/ent/dialect/sql"

	kent "kite/ent"
	"kite/ent/wishesandfeelings"
	"kite/internal/audit"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// submissionNeeds are the columns a read of submissions always has: its id,
// and what the mask and the read audit test (MaskSubmissions,
// AuditSubmissionReads).
var submissionNeeds = []string{wishesandfeelings.FieldID, wishesandfeelings.FieldShareWith, wishesandfeelings.FieldChildID}

// submissionRows reads submissions outside ent as an ent read of them does:
// the submissions' policy filter (VisibleSubmissions), the mask and the read
// audit (MaskSubmissions, AuditSubmissionReads).
var submissionRows = childRows[kent.WishesAndFeelings]{
	name: "submissions", table: wishesandfeelings.Table,
	childIn: func(ids []ident.ID) func(*entsql.Selector) { return wishesandfeelings.ChildIDIn(ids...) },
	visible: func(v *viewer.Viewer) func(*entsql.Selector) { return VisibleSubmissions(v) },
	// A connection's default order (ent's pager): by id.
	order: func(t *entsql.SelectTable) []string { return []string{t.C(wishesandfeelings.FieldID)} },
	scan: func(c *kent.Client, rows *stdsql.Rows, columns []string) ([]*kent.WishesAndFeelings, error) {
		return c.WishesAndFeelings.ScanAll(rows, columns)
	},
	after: func(ctx context.Context, v *viewer.Viewer, rows []*kent.WishesAndFeelings) {
		for _, s := range rows {
			maskSubmission(v, s)
		}
		noteStaffReads(ctx, v, audit.KindSubmission, audit.NoteSubmissionsRead, rows, submissionRead)
	},
}

// ReadSubmissionsFirstPage reads the first page of one child's submissions
// that the viewer may see, in a connection's default order (by id): up to
// limit of them — columns of each (with the id and what the mask and the
// audit need), or whole rows when columns is nil — each with the total
// count in kent.PageTotalColumn. It is what ent's PageWithTotal reads for
// that page (kent.NewWishesAndFeelingsConnectionFirstPage makes the same
// connection of it), under the submissions' policy, masked by
// maskSubmission and noted for the audit as the interceptors do, read
// outside ent (outside.go). TestReadSubmissionsFirstPageIsTheEntRead holds it to
// the ent read.
func ReadSubmissionsFirstPage(ctx context.Context, client *kent.Client, child ident.ID, columns []string, limit int) ([]*kent.WishesAndFeelings, error) {
	page := firstPage(submissionRows, limit)
	return page.read(ctx, client, []ident.ID{child}, columnsWith(wishesandfeelings.Columns, submissionNeeds, columns))
}
