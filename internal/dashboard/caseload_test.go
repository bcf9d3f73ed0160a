package dashboard

import (
	"reflect"
	"slices"
	"testing"

	"kite/internal/access"
	"kite/internal/civil"
	"kite/internal/duedates"
	"kite/internal/ident"
)

func TestChoose(t *testing.T) {
	today := civil.MustParse("2025-03-10")
	overdue := &duedates.Due{DueBy: "2025-03-01", Overdue: true}
	soon := &duedates.Due{DueBy: "2025-03-14"}
	later := &duedates.Due{DueBy: "2025-06-01"}
	entries := []entry{
		{id: "later", due: later, created: 0},
		{id: "nothing", created: 1},
		{id: "soon-urgent", due: soon, counts: access.Counts{Unread: 1, Urgent: 1}, created: 2},
		{id: "overdue", due: overdue, created: 3},
		{id: "soon", due: soon, counts: access.Counts{Unread: 2}, created: 4},
		{id: "nothing-urgent", counts: access.Counts{Unread: 1, Urgent: 1}, created: 5},
	}
	week := 7
	for _, tc := range []struct {
		name   string
		filter CaseloadFilter
		active bool
		want   []ident.ID
	}{
		{"no filter: by due date, then nothing due, then as created", CaseloadFilter{}, false,
			[]ident.ID{"overdue", "soon-urgent", "soon", "later", "nothing", "nothing-urgent"}},
		{"urgent first", CaseloadFilter{UrgentFirst: true}, true,
			[]ident.ID{"soon-urgent", "nothing-urgent", "overdue", "soon", "later", "nothing"}},
		{"overdue", CaseloadFilter{Overdue: true}, true, []ident.ID{"overdue"}},
		{"due within a week, overdue included", CaseloadFilter{DueWithinDays: &week}, true,
			[]ident.ID{"overdue", "soon-urgent", "soon"}},
		{"unread views", CaseloadFilter{HasUnreadViews: true}, true, []ident.ID{"soon-urgent", "soon", "nothing-urgent"}},
	} {
		if got := tc.filter.Active(); got != tc.active {
			t.Errorf("%s: Active = %v, want %v", tc.name, got, tc.active)
		}
		if got := (Judged{choose(slices.Clone(entries), tc.filter, today)}).IDs(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: caseload = %v, want %v", tc.name, got, tc.want)
		}
	}
}
