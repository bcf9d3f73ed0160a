package access_test

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect/sql"

	"kite/ent"
	"kite/ent/child"
	"kite/ent/meeting"
	"kite/ent/plan"
	"kite/internal/access"
	"kite/internal/civil"
	"kite/internal/ident"
)

// entMeetings is the read ReadMeetings stands in for, through ent, as
// internal/dashboard made it: some columns made sure of, or whole rows.
func entMeetings(ctx context.Context, c *ent.Client, ids []ident.ID, columns []string) ([]*ent.Meeting, error) {
	q := c.Meeting.Query().Where(meeting.ChildIDIn(ids...))
	if columns != nil {
		q.Select(meeting.FieldID)
		q.EnsureFields(columns...)
	}
	return q.All(ctx)
}

// asJSON is every field of the rows a caller may use, in the order given
// (sorted by id first when sorted is set).
func asJSON[T any](t *testing.T, rows []*T, id func(*T) ident.ID, sorted bool) string {
	t.Helper()
	if len(rows) == 0 {
		return "none" // nil or empty: the same to a caller
	}
	if sorted {
		rows = slices.Clone(rows)
		slices.SortFunc(rows, func(a, b *T) int { return strings.Compare(string(id(a)), string(id(b))) })
	}
	b, err := json.Marshal(rows)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReadMeetingsIsTheEntRead: for every account of the demo authority,
// system code and no viewer, over each child alone and all at once, and
// for whole rows, the timescales' columns and a dashboard's, ReadMeetings
// gives every field the ent read gives (masks included) — on SQLite and
// PostgreSQL, with every kept statement checked against a fresh build.
func TestReadMeetingsIsTheEntRead(t *testing.T) {
	access.CheckShapes()
	c, system := demoAuthority(t)
	columnSets := [][]string{nil,
		{meeting.FieldKind, meeting.FieldStatus, meeting.FieldScheduledFor, meeting.FieldHeldOn, meeting.FieldDueBy, meeting.FieldBroughtForward},
		{meeting.FieldKind, meeting.FieldScheduledFor, meeting.FieldDueBy, meeting.FieldStatus, meeting.FieldVenue, meeting.FieldParticipationCode}}
	seen := 0
	for who, ctx := range readers(c, system) {
		for _, ids := range childSets(c, system) {
			for _, cols := range columnSets {
				want, err := entMeetings(ctx, c, ids, cols)
				if err != nil {
					t.Fatalf("%s: ent: %v", who, err)
				}
				got, err := access.ReadMeetings(ctx, c, ids, cols)
				if err != nil {
					t.Fatalf("%s: %v", who, err)
				}
				id := func(m *ent.Meeting) ident.ID { return m.ID }
				if g, w := asJSON(t, got, id, true), asJSON(t, want, id, true); g != w {
					t.Errorf("%s, %d children, columns %v:\n got %s\nwant %s", who, len(ids), cols, g, w)
				}
				// A row read outside ent queries its edges as an ent row does.
				for _, m := range got {
					if !m.QueryChild().ExistX(ctx) {
						t.Errorf("%s: meeting %s cannot reach its child outside ent", who, m.ID)
					}
				}
				seen += len(got)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no viewer saw any meeting: the comparison proves nothing")
	}
}

// TestReadPlansIsTheEntRead: for every account of the demo authority,
// system code and no viewer, over each child alone and all at once, and
// for whole rows and the timescales' columns (internal/dashboard's two
// reads), ReadPlans gives every field the ent read gives, in its order — on
// SQLite and PostgreSQL, with every kept statement checked.
func TestReadPlansIsTheEntRead(t *testing.T) {
	access.CheckShapes()
	c, system := demoAuthority(t)
	columnSets := [][]string{nil,
		{plan.FieldKind, plan.FieldStartsOn, plan.FieldEndsOn, plan.FieldStrategyDiscussionOn}}
	seen := 0
	id := func(p *ent.Plan) ident.ID { return p.ID }
	for who, ctx := range readers(c, system) {
		for _, ids := range childSets(c, system) {
			for _, cols := range columnSets {
				q := c.Plan.Query().Where(plan.ChildIDIn(ids...)).Order(plan.ByStartsOn(sql.OrderDesc()), plan.ByID())
				if cols != nil {
					q.Select(plan.FieldID)
					q.EnsureFields(cols...)
				}
				want, err := q.All(ctx)
				if err != nil {
					t.Fatalf("%s: ent: %v", who, err)
				}
				got, err := access.ReadPlans(ctx, c, ids, cols)
				if err != nil {
					t.Fatalf("%s: %v", who, err)
				}
				if g, w := asJSON(t, got, id, false), asJSON(t, want, id, false); g != w {
					t.Errorf("%s, %d children, columns %v:\n got %s\nwant %s", who, len(ids), cols, g, w)
				}
				// A row read outside ent queries its edges as an ent row does.
				for i := range min(len(got), len(want)) {
					if g, w := got[i].QueryVersions().CountX(ctx), want[i].QueryVersions().CountX(ctx); g != w {
						t.Errorf("%s: plan %s has %d versions outside ent, %d through it", who, got[i].ID, g, w)
					}
				}
				seen += len(got)
			}
		}
	}
	if seen == 0 {
		t.Fatal("no viewer saw any plan: the comparison proves nothing")
	}
}

// TestReadChildIsTheEntRead: for every account of the demo authority,
// system code and no viewer, and every child, ReadChild gives what an ent
// query of the child with WithAge gives — the whole row and the age, or
// not found — on SQLite and PostgreSQL, with every kept statement checked.
func TestReadChildIsTheEntRead(t *testing.T) {
	access.CheckShapes()
	c, system := demoAuthority(t)
	today := civil.Today()
	found := 0
	for who, ctx := range readers(c, system) {
		for _, id := range c.Child.Query().IDsX(system) {
			q := c.Child.Query().Where(child.ID(id))
			q.Modify(access.WithAge(today))
			want, wantErr := q.Only(ctx)
			got, err := access.ReadChild(ctx, c, id, today)
			if ent.IsNotFound(wantErr) != ent.IsNotFound(err) || (wantErr == nil) != (err == nil) {
				t.Fatalf("%s, child %s: error %v, ent's %v", who, id, err, wantErr)
			}
			if err != nil {
				continue
			}
			found++
			gotAge, _ := access.AgeOf(got)
			wantAge, _ := access.AgeOf(want)
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(want)
			if string(g) != string(w) || !reflect.DeepEqual(gotAge, wantAge) {
				t.Errorf("%s: got %s age %v, want %s age %v", who, g, gotAge, w, wantAge)
			}
			if !got.QueryAuthority().ExistX(ctx) {
				t.Errorf("%s: child %s cannot reach its authority outside ent", who, id)
			}
		}
	}
	if found == 0 {
		t.Fatal("no viewer saw any child: the comparison proves nothing")
	}
}
