package dashboard

import (
	"context"

	"kite/ent"
	"kite/internal/access"
	"kite/internal/ident"
)

// Submissions answers child.submissions, for the operation's field asking
// (a key; see FirstPage). A first page in the default order that ent would
// read from the submissions' own columns, loading no edge with them (a
// child's dashboard, a caseload's "what they sent" column), is read outside
// ent (access.ReadSubmissionsFirstPage, the same statement under the same
// rules) and made into the connection PageWithTotal would make — by
// ChildWith with the child when it was asked to, or here; every other page
// is ent's (Child.SubmissionsWithTotal).
func Submissions(ctx context.Context, client *ent.Client, child *ent.Child, field any, after *ent.Cursor, first *int,
	before *ent.Cursor, last *int, orderBy *ent.WishesAndFeelingsOrder) (*ent.WishesAndFeelingsConnection, error) {
	if orderBy == nil && !child.SubmissionsLoaded(ctx) {
		if after == nil && before == nil && last == nil && first != nil {
			if p, ok := pageReadWithChild(ctx, pageKey{child.ID, field, *first}); ok {
				return p.conn, p.err
			}
		}
		columns, ok, err := client.WishesAndFeelings.Query().FirstPageColumns(ctx, after, first, before, last)
		if err != nil {
			return nil, wrap(err, "submissions")
		}
		if ok {
			return firstPageOf(ctx, client, child.ID, columns, *first)
		}
	}
	return child.SubmissionsWithTotal(ctx, after, first, before, last, orderBy)
}

// firstPageOf reads a first page of a child's submissions outside ent.
func firstPageOf(ctx context.Context, client *ent.Client, child ident.ID, columns []string, first int) (*ent.WishesAndFeelingsConnection, error) {
	rows, err := access.ReadSubmissionsFirstPage(ctx, client, child, columns, first+1)
	if err != nil {
		return nil, wrap(err, "submissions")
	}
	return ent.NewWishesAndFeelingsConnectionFirstPage(rows, first)
}
