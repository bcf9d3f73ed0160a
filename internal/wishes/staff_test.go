package wishes

import (
	"strings"
	"testing"

	"kite/ent"
	"kite/internal/ident"
)

// rlo is RIGHT-TO-LEFT OVERRIDE, a hidden character that can make words
// look other than they are.
const rlo = "\u202e"

func TestWithholdReason(t *testing.T) {
	tests := []struct {
		withheld bool
		in, want string
		ok       bool
	}{
		{true, "  It names her brother's school. ", "It names her brother's school.", true},
		{true, "", "", false},
		{true, "   ", "", false},
		// Sharing again needs no reason.
		{false, "", "", true},
		{false, " Checked with the social worker. ", "Checked with the social worker.", true},
		{true, strings.Repeat("a", 500), strings.Repeat("a", 500), true},
		{true, strings.Repeat("a", 501), "", false},
		{false, strings.Repeat("a", 501), "", false},
		{true, "safe" + rlo, "", false},
	}
	for _, tt := range tests {
		got, err := withholdReason(tt.withheld, tt.in)
		field := badInput(t, err)
		if ok := field == ""; ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("withholdReason(%v, %.20q…) = %.20q, %v; want %.20q, ok %v", tt.withheld, tt.in, got, err, tt.want, tt.ok)
		}
		if !tt.ok && field != "reason" {
			t.Errorf("withholdReason(%v, %.20q…) names %q", tt.withheld, tt.in, field)
		}
	}
}

func TestStaffToTell(t *testing.T) {
	staff := func(id string, active bool, email string) *ent.Allocation {
		return &ent.Allocation{StaffID: ident.ID(id), Edges: ent.AllocationEdges{
			Staff: &ent.User{ID: ident.ID(id), Active: active, WorkEmail: email}}}
	}
	tests := []struct {
		name   string
		allocs []*ent.Allocation
		want   []string
	}{
		{"chair and social worker", []*ent.Allocation{staff("iro", true, "iro@la.example"), staff("sw", true, "sw@la.example")}, []string{"iro", "sw"}},
		{"a disabled account", []*ent.Allocation{staff("iro", false, "iro@la.example"), staff("sw", true, "sw@la.example")}, []string{"sw"}},
		{"no work address", []*ent.Allocation{staff("iro", true, ""), staff("sw", true, "sw@la.example")}, []string{"sw"}},
		{"staff not loaded", []*ent.Allocation{{StaffID: "iro"}}, nil},
		// Nobody to tell: the caller falls back to the duty team.
		{"nobody allocated", nil, nil},
		{"nobody reachable", []*ent.Allocation{staff("iro", false, "iro@la.example"), staff("sw", true, "")}, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, u := range staffToTell(tt.allocs) {
			got = append(got, string(u.ID))
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("%s: told %v, want %v", tt.name, got, tt.want)
		}
	}
}
