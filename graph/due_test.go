package graph_test

import (
	"reflect"
	"testing"

	"kite/internal/apitest"
)

// TestDueMeetingIsWhole: the due date is worked out from a few meeting
// columns, unless the query reads the child's whole meetings anyway; either
// way nextMeetingDue.meeting is the whole meeting, masked for the viewer
// exactly as the same meeting read on its own.
func TestDueMeetingIsWhole(t *testing.T) {
	s := apitest.New(t)
	const fields = `id kind status scheduledFor dueBy venue attendees participationCode`
	queries := map[string]string{
		"alone": `query($id: ID!) { child(id: $id) { nextMeetingDue { kind meeting { ` + fields + ` } } } }`,
		"beside upcoming meetings": `query($id: ID!) { child(id: $id) { upcomingMeetings { id }
			nextMeetingDue { kind meeting { ` + fields + ` } } } }`,
		"in a fragment beside all meetings": `query($id: ID!) { node(id: $id) { ... on Child { meetings { id } }
			... on Child { nextMeetingDue { kind meeting { ` + fields + ` } } } } }`,
	}
	for _, tc := range []struct{ viewer, child string }{
		{"iro.demo", "Jamie"}, {"child.demo", "Jamie"}, {"parent.demo", "Ava"},
	} {
		tok := s.Login(tc.viewer)
		id := childNamed(t, s, tc.child).ID
		for name, q := range queries {
			r := s.Query(tok, q, map[string]any{"id": id})
			if len(r.Errors) > 0 {
				t.Fatalf("%s, %s: %s", tc.viewer, name, r.Raw)
			}
			root := "child"
			if _, ok := r.Data["node"]; ok {
				root = "node"
			}
			due, ok := apitest.Path(r.Data, root, "nextMeetingDue", "meeting").(map[string]any)
			if !ok {
				t.Fatalf("%s, %s: no due meeting booked for %s, so this test proves nothing: %s", tc.viewer, name, tc.child, r.Raw)
			}
			own := s.Query(tok, `query($id: ID!) { node(id: $id) { ... on Meeting { `+fields+` } } }`, map[string]any{"id": due["id"]})
			if !reflect.DeepEqual(due, apitest.Path(own.Data, "node")) {
				t.Errorf("%s, %s: due meeting %v, but read on its own %v", tc.viewer, name, due, apitest.Path(own.Data, "node"))
			}
			if tc.viewer == "iro.demo" && due["venue"] == nil {
				t.Errorf("%s, %s: the due meeting came without its venue: %v", tc.viewer, name, due)
			}
		}
	}
}
