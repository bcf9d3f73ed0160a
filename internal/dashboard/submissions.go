package dashboard

import (
	"context"

	"kite/ent"
	"kite/internal/access"
)

// Submissions answers child.submissions. A first page in the default order
// that ent would read from the submissions' own columns, loading no edge
// with them (a child's dashboard, a caseload's "what they sent" column), is
// read outside ent (access.ReadSubmissionsFirstPage, the same statement
// under the same rules) and made into the connection PageWithTotal would
// make; every other page is ent's (Child.SubmissionsWithTotal).
func Submissions(ctx context.Context, client *ent.Client, child *ent.Child, after *ent.Cursor, first *int,
	before *ent.Cursor, last *int, orderBy *ent.WishesAndFeelingsOrder) (*ent.WishesAndFeelingsConnection, error) {
	if orderBy == nil && !child.SubmissionsLoaded(ctx) {
		columns, ok, err := client.WishesAndFeelings.Query().FirstPageColumns(ctx, after, first, before, last)
		if err != nil {
			return nil, wrap(err, "submissions")
		}
		if ok {
			rows, err := access.ReadSubmissionsFirstPage(ctx, client, child.ID, columns, *first+1)
			if err != nil {
				return nil, wrap(err, "submissions")
			}
			return ent.NewWishesAndFeelingsConnectionFirstPage(rows, *first)
		}
	}
	return child.SubmissionsWithTotal(ctx, after, first, before, last, orderBy)
}
