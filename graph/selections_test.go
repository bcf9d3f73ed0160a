package graph_test

import (
	"testing"

	"kite/graph/generated"
	"kite/internal/dashboard"
)

// TestWholeMeetingFieldsAreChildFields: the Child fields dashboard names as
// answered from a child's whole meetings or plans exist in the schema, so a
// renamed field cannot silently stop sharing its rows with nextMeetingDue.
func TestWholeMeetingFieldsAreChildFields(t *testing.T) {
	child := generated.NewExecutableSchema(generated.Config{}).Schema().Types["Child"]
	if child == nil {
		t.Fatal("no Child type in the schema")
	}
	for list, names := range map[string][]string{"WholeMeetingFields": dashboard.WholeMeetingFields, "WholePlanFields": dashboard.WholePlanFields} {
		for _, name := range names {
			if child.Fields.ForName(name) == nil {
				t.Errorf("dashboard.%s names %q, which is not a field of Child", list, name)
			}
		}
	}
}
