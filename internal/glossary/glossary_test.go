package glossary

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDefault(t *testing.T) {
	entries := Default()
	seen := map[string]bool{}
	for i, e := range entries {
		key := strings.ToLower(e.Term)
		if strings.TrimSpace(e.Term) == "" || strings.TrimSpace(e.Explanation) == "" {
			t.Errorf("entry %d (%q) is empty", i, e.Term)
		}
		if seen[key] {
			t.Errorf("%q appears twice", e.Term)
		}
		seen[key] = true
		if n := utf8.RuneCountInString(e.Explanation); n >= 300 {
			t.Errorf("%q: explanation has %d characters, want under 300", e.Term, n)
		}
		if n := strings.Count(e.Explanation, ". "); n > 2 {
			t.Errorf("%q: explanation has more than three sentences", e.Term)
		}
		if !strings.HasSuffix(e.Explanation, ".") {
			t.Errorf("%q: explanation does not end with a full stop", e.Term)
		}
		if i > 0 && strings.ToLower(entries[i-1].Term) >= key {
			t.Errorf("%q is not sorted after %q", e.Term, entries[i-1].Term)
		}
	}
}

func TestDefaultHasTheTerms(t *testing.T) {
	want := []string{
		"Social worker", "Child in care", "IRO", "Review", "Care plan", "Child protection plan",
		"Child protection conference", "CP chair", "Core group", "Advocate", "Neglect", "Emotional abuse",
		"Physical abuse", "Sexual abuse", "Participation", "Parental responsibility", "Wishes and feelings",
		"Placement", "Strategy discussion", "Lighter-touch review", "Local authority", "Outcome",
		// The words Kite uses with children: help they can ask for, the plans
		// they may have, and who they are told was told.
		"Independent Visitor", "Complaint", "Child in need plan", "Pathway plan", "Duty team", "Out-of-hours team", "Childline",
	}
	for _, w := range want {
		found := false
		for _, e := range Default() {
			if strings.Contains(e.Term, w) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no entry for %q", w)
		}
	}
}

func TestDefaultReturnsACopy(t *testing.T) {
	Default()[0].Explanation = "changed"
	if Default()[0].Explanation == "changed" {
		t.Error("changing the result of Default changed the glossary")
	}
}
