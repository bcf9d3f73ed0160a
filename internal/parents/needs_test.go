package parents

import (
	"reflect"
	"testing"

	"kite/internal/forms"
)

func TestNeedsIn(t *testing.T) {
	a := func(pairs ...string) []forms.Answer {
		var out []forms.Answer
		for i := 0; i+1 < len(pairs); i += 2 {
			out = append(out, forms.Answer{QuestionKey: pairs[i], Value: pairs[i+1]})
		}
		return out
	}
	tests := []struct {
		name    string
		answers []forms.Answer
		want    []Need
	}{
		{"nothing said", a("going_well", "Calmer mornings.", "can_attend", "yes"), nil},
		{"every answer no", a("interpreter", "no", "supporter", "no", "access", "no"), nil},
		{"an interpreter and the language", a("interpreter", "yes", "interpreter_language", " Polish "),
			[]Need{{Kind: NeedInterpreter, Details: "Polish"}}},
		{"an interpreter, no language given", a("interpreter", "yes"), []Need{{Kind: NeedInterpreter}}},
		{"a language without the yes", a("interpreter_language", "Urdu"), []Need{{Kind: NeedInterpreter, Details: "Urdu"}}},
		{"a language with a no", a("interpreter", "no", "interpreter_language", "none"), nil},
		{"all three, in order", a("access", "yes", "access_details", "A ramp.", "supporter", "yes", "interpreter", "yes"),
			[]Need{{Kind: NeedInterpreter}, {Kind: NeedSupporter}, {Kind: NeedAccess, Details: "A ramp."}}},
		{"version 1's options", a("attend_help", "online,interpreter,support_person,access"),
			[]Need{{Kind: NeedInterpreter}, {Kind: NeedSupporter}, {Kind: NeedAccess}}},
		{"version 1 without them", a("attend_help", "online,talk_before"), nil},
	}
	for _, tt := range tests {
		if got := NeedsIn(tt.answers); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: NeedsIn = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
