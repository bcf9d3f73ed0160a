package access_test

import (
	"encoding/json"
	"testing"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"

	"kite/ent"
	"kite/ent/child"
	"kite/internal/access"
)

// TestReadChildrenFirstPageIsTheEntRead: for every account of the demo
// authority (each role, with and without a child record), system code and
// no viewer, whole rows and a few columns, and several page sizes, the
// connection made of ReadChildrenFirstPage is the one ent's PageWithTotal
// gives for the same first page in the caseload's order (oldest record
// first) — nodes, cursors, page info and total — on SQLite and PostgreSQL,
// with every kept statement checked against a fresh build.
func TestReadChildrenFirstPageIsTheEntRead(t *testing.T) {
	access.CheckShapes()
	c, system := demoAuthority(t)
	// Records made in the reverse of their ids' order, so that a page by id
	// is not the page by record.
	ids := c.Child.Query().Order(child.ByID()).IDsX(system)
	for i, id := range ids {
		made := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(i) * time.Hour)
		// created_at is immutable through ent: set it below it.
		query, args := sql.Dialect(c.Dialect()).Update(child.Table).Set(child.FieldCreatedAt, made).
			Where(sql.EQ(child.FieldID, id)).Query()
		if _, err := c.ExecContext(system, query, args...); err != nil {
			t.Fatal(err)
		}
	}
	order := ent.WithChildOrder(&ent.ChildOrder{Field: ent.ChildOrderFieldCreatedAt, Direction: entgql.OrderDirectionAsc})
	columnSets := [][]string{nil, {"preferred_name"}, {"status", "pronouns", "became_looked_after_on"}}
	seen, partPages := 0, 0
	for who, ctx := range readers(c, system) {
		for _, columns := range columnSets {
			for _, first := range []int{1, 2, 3, 70} {
				q := c.Child.Query()
				if columns != nil {
					q.Select(columns...)
				}
				want, err := q.PageWithTotal(ctx, nil, &first, nil, nil, order)
				if err != nil {
					t.Fatalf("%s: ent: %v", who, err)
				}
				rows, err := access.ReadChildrenFirstPage(ctx, c, columns, first+1)
				if err != nil {
					t.Fatalf("%s: %v", who, err)
				}
				got, err := ent.NewChildConnectionFirstPage(rows, first, order)
				if err != nil {
					t.Fatalf("%s: %v", who, err)
				}
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				if string(g) != string(w) {
					t.Errorf("%s, columns %v, first %d:\n got %s\nwant %s", who, columns, first, g, w)
				}
				// A row read outside ent queries its edges as an ent row does.
				for i := range min(len(got.Edges), len(want.Edges)) {
					if g, w := got.Edges[i].Node.QueryPlans().CountX(ctx), want.Edges[i].Node.QueryPlans().CountX(ctx); g != w {
						t.Errorf("%s: child %s has %d plans outside ent, %d through it", who, got.Edges[i].Node.ID, g, w)
					}
				}
				seen += len(got.Edges)
				if got.PageInfo.HasNextPage {
					partPages++
				}
			}
		}
	}
	if seen == 0 || partPages == 0 {
		t.Fatalf("%d children seen, %d pages with more after them: the comparison proves too little", seen, partPages)
	}
}
