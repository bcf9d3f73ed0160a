package graph

import (
	"slices"
	"testing"

	"github.com/vektah/gqlparser/v2"

	"kite/graph/generated"
)

// TestMeetingColumns: the meeting columns an operation shows are read from
// its text — through fragments, on a child's meetings and on a due meeting
// — and any field that is not a column of its own means whole rows.
func TestMeetingColumns(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	for _, tc := range []struct {
		name, query string
		want        []string // nil: whole rows
	}{
		{"the dashboard", `query($id: ID!) { child(id: $id) { upcomingMeetings { id kind scheduledFor dueBy status } nextMeetingDue { kind } } }`,
			[]string{"id", "kind", "scheduled_for", "due_by", "status"}},
		{"a due meeting and a fragment", `query($id: ID!) { child(id: $id) { nextMeetingDue { meeting { ...m } } meetings { venue } } }
			fragment m on Meeting { heldOn __typename }`, []string{"held_on", "venue"}},
		{"a label is not a column", `query($id: ID!) { child(id: $id) { meetings { id kindLabel } } }`, nil},
		{"an edge is not a column", `query($id: ID!) { child(id: $id) { upcomingMeetings { id children { id } } } }`, nil},
		{"no meetings", `query($id: ID!) { child(id: $id) { id } }`, nil},
		{"meetings of a caseload", `{ myCaseload(first: 5) { edges { node { upcomingMeetings { dueBy } } } } }`, []string{"due_by"}},
	} {
		doc, errs := gqlparser.LoadQuery(schema, tc.query)
		if errs != nil {
			t.Fatalf("%s: %v", tc.name, errs)
		}
		if got := meetingColumns(doc.Operations[0]); !slices.Equal(got, tc.want) {
			t.Errorf("%s: columns %v, want %v", tc.name, got, tc.want)
		}
	}
}
