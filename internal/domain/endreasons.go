package domain

import (
	"io"
	"regexp"
	"slices"
	"strings"
)

// PlanEndReason is why a plan ended: where the child went. The values a plan
// may end with depend on its kind (FitsPlan): the national returns' reasons a
// child protection plan ends, and the ways a child leaves care.
type PlanEndReason string

// Plan end reasons.
const (
	EndCameIntoCare        PlanEndReason = "CAME_INTO_CARE"
	EndSteppedDownToCIN    PlanEndReason = "STEPPED_DOWN_TO_CHILD_IN_NEED"
	EndNoFurtherAction     PlanEndReason = "NO_FURTHER_ACTION"
	EndMovedAuthority      PlanEndReason = "MOVED_TO_ANOTHER_AUTHORITY"
	EndReturnedHome        PlanEndReason = "RETURNED_HOME"
	EndSpecialGuardianship PlanEndReason = "SPECIAL_GUARDIANSHIP"
	EndAdoption            PlanEndReason = "ADOPTION"
	EndTurned18            PlanEndReason = "TURNED_18"
	EndOther               PlanEndReason = "OTHER"
)

// cpEndReasons and careEndReasons are the reasons each kind of plan may end
// with, in the order the figures list them.
var (
	cpEndReasons = []PlanEndReason{EndCameIntoCare, EndSteppedDownToCIN, EndNoFurtherAction, EndMovedAuthority,
		EndTurned18, EndOther}
	careEndReasons = []PlanEndReason{EndReturnedHome, EndSpecialGuardianship, EndAdoption, EndTurned18, EndOther}
)

// Values lists the valid values (ent enum).
func (PlanEndReason) Values() []string {
	return []string{string(EndCameIntoCare), string(EndSteppedDownToCIN), string(EndNoFurtherAction),
		string(EndMovedAuthority), string(EndReturnedHome), string(EndSpecialGuardianship), string(EndAdoption),
		string(EndTurned18), string(EndOther)}
}

// EndReasonsFor lists the reasons a plan of kind may end with, in order.
func EndReasonsFor(kind PlanKind) []PlanEndReason {
	if kind == CarePlan {
		return slices.Clone(careEndReasons)
	}
	return slices.Clone(cpEndReasons)
}

// FitsPlan reports whether a plan of kind may end for reason r.
func (r PlanEndReason) FitsPlan(kind PlanKind) bool {
	return slices.Contains(EndReasonsFor(kind), r)
}

// MarshalGQL implements graphql.Marshaler.
func (r PlanEndReason) MarshalGQL(w io.Writer) { marshal(w, r) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (r *PlanEndReason) UnmarshalGQL(v any) error {
	return unmarshal(r, v, r.Values(), "PlanEndReason")
}

// Label is the plain words for why a plan ended.
func (r PlanEndReason) Label() string { return Labels["PlanEndReason"][string(r)] }

// endReasonWords are the free-text end reasons recorded before the codes
// that clearly say one of them, by kind of plan. Each pattern is matched
// against the whole text, lower-cased and trimmed; anything else stays
// without a code ("not recorded" in the figures), its words kept.
var endReasonWords = map[PlanKind][]struct {
	re     *regexp.Regexp
	reason PlanEndReason
}{
	ChildProtectionPlan: {
		{regexp.MustCompile(`^(came|taken|went|child) into care\.?$|^(became )?looked after\.?$|^accommodated\.?$`), EndCameIntoCare},
		{regexp.MustCompile(`^(stepped )?down to (a )?(child in need|cin)( plan)?\.?$|^step ?down to cin\.?$|^child in need( plan)?\.?$`), EndSteppedDownToCIN},
		{regexp.MustCompile(`^no further action\.?$|^nfa\.?$`), EndNoFurtherAction},
		{regexp.MustCompile(`^(transferred|moved) (out )?to another (local )?authority\.?$|^moved out of (the )?(area|authority)\.?$|^transfer out\.?$`), EndMovedAuthority},
		{regexp.MustCompile(`^turned 18\.?$|^reached 18\.?$|^18th birthday\.?$`), EndTurned18},
	},
	CarePlan: {
		{regexp.MustCompile(`^returned home( to (family|parents?))?\.?$|^reunified( with family)?\.?$|^returned to (family|parents?)\.?$`), EndReturnedHome},
		{regexp.MustCompile(`^special guardianship( order)?( granted| made)?\.?$|^sgo( granted| made)?\.?$`), EndSpecialGuardianship},
		{regexp.MustCompile(`^adopted\.?$|^adoption( order)?( granted| made)?\.?$`), EndAdoption},
		{regexp.MustCompile(`^turned 18\.?$|^reached 18\.?$|^18th birthday\.?$|^left care at 18\.?$`), EndTurned18},
	},
}

// EndReasonFromText is the code a free-text end reason of a plan of kind
// clearly says, if any: the reason's code itself ("ADOPTION"), or words such
// as "Adopted" or "Stepped down to child in need". It never guesses: "OTHER"
// is not given for text that matches nothing.
func EndReasonFromText(kind PlanKind, text string) (PlanEndReason, bool) {
	t := lowerTrim(text)
	if r := PlanEndReason(upperSnake(t)); r.FitsPlan(kind) && r != EndOther {
		return r, true
	}
	for _, w := range endReasonWords[kind] {
		if w.re.MatchString(t) {
			return w.reason, true
		}
	}
	return "", false
}

func lowerTrim(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// upperSnake turns "stepped down to child in need" or "special-guardianship"
// into the form of a code.
func upperSnake(s string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "_", "-", "_").Replace(s))
}

func init() {
	EnumDocs["PlanEndReason"] = EnumDoc{"Why a plan ended: where the child went. A child protection plan ends with " +
		"CAME_INTO_CARE, STEPPED_DOWN_TO_CHILD_IN_NEED, NO_FURTHER_ACTION, MOVED_TO_ANOTHER_AUTHORITY, TURNED_18 or OTHER; " +
		"a care plan with RETURNED_HOME, SPECIAL_GUARDIANSHIP, ADOPTION, TURNED_18 or OTHER.", map[string]string{
		"CAME_INTO_CARE":                "Child protection plans: the child came into care (a care plan replaces the protection plan).",
		"STEPPED_DOWN_TO_CHILD_IN_NEED": "Child protection plans: the child no longer needs a protection plan and has a child in need plan instead.",
		"NO_FURTHER_ACTION":             "Child protection plans: the plan ended with no further plan or service from children's social care.",
		"MOVED_TO_ANOTHER_AUTHORITY":    "Child protection plans: the child moved away and another local authority took the case on.",
		"RETURNED_HOME":                 "Care plans: the child went back to live with their parents or family, and left care.",
		"SPECIAL_GUARDIANSHIP":          "Care plans: a special guardianship order was made, and the child left care to live with their special guardian.",
		"ADOPTION":                      "Care plans: the child was adopted.",
		"TURNED_18":                     "Either kind: the child turned 18, so the plan ended.",
		"OTHER":                         "Either kind: another reason, said in the note (required).",
	}}
	Labels["PlanEndReason"] = map[string]string{
		"CAME_INTO_CARE":                "Came into care",
		"STEPPED_DOWN_TO_CHILD_IN_NEED": "Moved to a child in need plan",
		"NO_FURTHER_ACTION":             "No more plan needed",
		"MOVED_TO_ANOTHER_AUTHORITY":    "Moved to live in another area",
		"RETURNED_HOME":                 "Went back home",
		"SPECIAL_GUARDIANSHIP":          "Went to live with a special guardian",
		"ADOPTION":                      "Adopted",
		"TURNED_18":                     "Turned 18",
		"OTHER":                         "Another reason",
	}
	LabelledEnums["PlanEndReason"] = PlanEndReason("").Values()
}
