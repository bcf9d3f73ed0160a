package graph_test

import (
	"testing"

	"kite/graph/generated"
	"kite/internal/dashboard"
)

// TestWholeMeetingFieldsAreChildFields: the Child fields dashboard names as
// answered from a child's whole meetings exist in the schema, so a renamed
// field cannot silently stop sharing its meetings with nextMeetingDue.
func TestWholeMeetingFieldsAreChildFields(t *testing.T) {
	child := generated.NewExecutableSchema(generated.Config{}).Schema().Types["Child"]
	if child == nil {
		t.Fatal("no Child type in the schema")
	}
	for _, name := range dashboard.WholeMeetingFields {
		if child.Fields.ForName(name) == nil {
			t.Errorf("dashboard.WholeMeetingFields names %q, which is not a field of Child", name)
		}
	}
}
