package domain

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestEveryValueHasALabel: every value of every enumeration a child or
// parent is shown has plain words, and nothing else does.
func TestEveryValueHasALabel(t *testing.T) {
	if len(Labels) != len(LabelledEnums) {
		t.Errorf("%d enumerations have labels, %d are listed", len(Labels), len(LabelledEnums))
	}
	for typ, values := range LabelledEnums {
		labels := Labels[typ]
		if len(labels) != len(values) {
			t.Errorf("%s: %d labels for %d values", typ, len(labels), len(values))
		}
		for _, v := range values {
			l := labels[v]
			switch {
			case strings.TrimSpace(l) == "":
				t.Errorf("%s.%s has no label", typ, v)
			case utf8.RuneCountInString(l) > 80:
				t.Errorf("%s.%s: %q is longer than 80 characters", typ, v, l)
			case !unicode.IsUpper([]rune(l)[0]) || strings.HasSuffix(l, "."):
				t.Errorf("%s.%s: %q should start with a capital and end without a full stop", typ, v, l)
			case strings.Contains(l, "_"):
				t.Errorf("%s.%s: %q is not plain words", typ, v, l)
			}
		}
		if _, documented := EnumDocs[typ]; !documented {
			t.Errorf("%s has labels but is not one of the documented enumerations", typ)
		}
	}
}

func TestLabelMethods(t *testing.T) {
	got := []string{RoleIRO.Label(), AllocCPChair.Label(), ChildProtectionPlan.Label(), Neglect.Label(), CPPlan.Label(),
		CICReview.Label(), Postponed.Label(), Responded.Label(), ChairOnly.Label(), HelpedByCarer.Label(), ActionDropped.Label()}
	if slices.Contains(got, "") {
		t.Errorf("a label method gives no words: %q", got)
	}
}
