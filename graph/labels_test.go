package graph_test

import (
	"testing"

	"kite/internal/apitest"
	"kite/internal/domain"
)

// TestEveryEnumValueHasALabel: enumLabels gives plain words for every value
// the schema has of every enumeration a child or parent is shown.
func TestEveryEnumValueHasALabel(t *testing.T) {
	s := apitest.New(t)
	r := s.Query("", `{ enumLabels { enum value label } }`, nil)
	got := map[string]string{}
	for _, l := range r.Data["enumLabels"].([]any) {
		l := l.(map[string]any)
		got[l["enum"].(string)+"."+l["value"].(string)] = l["label"].(string)
	}
	for enum := range domain.LabelledEnums {
		r := s.Query("", `query($n: String!) { __type(name: $n) { enumValues { name } } }`, map[string]any{"n": enum})
		values, _ := apitest.Path(r.Data, "__type", "enumValues").([]any)
		if len(values) == 0 {
			t.Fatalf("%s: %s", enum, r.Raw)
		}
		for _, v := range values {
			if got[enum+"."+apitest.Path(v, "name").(string)] == "" {
				t.Errorf("%s.%s has no plain words", enum, apitest.Path(v, "name"))
			}
		}
	}
}

// TestLabelsOnRecords: the label fields say the plain words for the value
// each record holds.
func TestLabelsOnRecords(t *testing.T) {
	s := apitest.New(t)
	ava := childNamed(t, s, "Ava")
	r := s.Query(s.Login("child2.demo"), `query($id: ID!) { me { role roleLabel }
		child(id: $id) { status statusLabel chair { role roleLabel } nextMeetingDue { kind kindLabel }
			meetings { kind kindLabel status statusLabel } plans { kind kindLabel category categoryLabel currentVersion { actions { status statusLabel } } }
			submissions(first: 10) { edges { node { shareWith shareLabel status statusLabel helpedBy helpedByLabel readReceipts { readerRole readerRoleLabel } } } } } }`,
		map[string]any{"id": ava.ID})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	checked := 0
	// labelOf names the label field of a field whose name is not field+"Label".
	labelOf := map[string]string{"shareWith": "shareLabel"}
	check := func(obj any, field, enum string) {
		t.Helper()
		m := obj.(map[string]any)
		if m[field] == nil {
			return
		}
		label := field + "Label"
		if l, ok := labelOf[field]; ok {
			label = l
		}
		if want := domain.Labels[enum][m[field].(string)]; want == "" || m[label] != want {
			t.Errorf("%s %v: %s is %v, want %q", enum, m[field], label, m[label], want)
		}
		checked++
	}
	c := r.Data["child"].(map[string]any)
	check(r.Data["me"], "role", "Role")
	check(c, "status", "ChildStatus")
	check(c["chair"], "role", "Role")
	check(c["nextMeetingDue"], "kind", "MeetingKind")
	for _, m := range c["meetings"].([]any) {
		check(m, "kind", "MeetingKind")
		check(m, "status", "MeetingStatus")
	}
	for _, p := range c["plans"].([]any) {
		check(p, "kind", "PlanKind")
		check(p, "category", "AbuseCategory")
		for _, a := range apitest.Path(p, "currentVersion", "actions").([]any) {
			check(a, "status", "ActionStatus")
		}
	}
	for _, e := range apitest.Path(c, "submissions", "edges").([]any) {
		n := e.(map[string]any)["node"]
		check(n, "shareWith", "ShareWith")
		check(n, "status", "SubmissionStatus")
		check(n, "helpedBy", "HelpedBy")
	}
	if checked < 12 {
		t.Errorf("only %d labels checked: %s", checked, r.Raw)
	}
}
