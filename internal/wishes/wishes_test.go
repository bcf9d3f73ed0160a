package wishes

import (
	"errors"
	"strings"
	"testing"

	"kite/ent"
	"kite/internal/apierr"
	"kite/internal/forms"
)

// badInput returns the field a BAD_USER_INPUT error names, "" for nil, and
// fails the test for any other error.
func badInput(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *apierr.Error
	if !errors.As(err, &e) || e.Code != apierr.CodeBadUserInput {
		t.Fatalf("err = %v, want BAD_USER_INPUT", err)
	}
	return e.Field
}

func TestCheckKey(t *testing.T) {
	tests := []struct {
		key string
		ok  bool
	}{
		{"3f0c9a4e-1b2d-4c5e-8f7a-9b0c1d2e3f4a", true},
		{"k", true},
		{strings.Repeat("k", maxIdempotencyKey), true},
		{strings.Repeat("é", maxIdempotencyKey), true}, // characters, not bytes
		{strings.Repeat("k", maxIdempotencyKey+1), false},
		{"", false},
		{"   ", false},
	}
	for _, tt := range tests {
		field := badInput(t, checkKey(tt.key))
		if ok := field == ""; ok != tt.ok {
			t.Errorf("checkKey(%.20q…) ok = %v, want %v", tt.key, ok, tt.ok)
		}
		if !tt.ok && field != "idempotencyKey" {
			t.Errorf("checkKey(%.20q…) names %q", tt.key, field)
		}
	}
}

func TestNormalise(t *testing.T) {
	in := []forms.Answer{{QuestionKey: "worries", Value: "one\r\ntwo\r\n"}, {QuestionKey: "scale", Value: "3"}}
	got := normalise(in)
	want := []forms.Answer{{QuestionKey: "worries", Value: "one\ntwo\n"}, {QuestionKey: "scale", Value: "3"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("normalise = %q, want %q", got, want)
	}
	if in[0].Value != "one\r\ntwo\r\n" {
		t.Error("normalise changed its input")
	}
}

func TestCheckAnswers(t *testing.T) {
	form := &ent.FormTemplate{Key: "test", Version: 1, Questions: []forms.Question{
		{Key: "going_well", Prompt: "What is going well?", Type: forms.Text, Required: true, MaxLength: forms.MinTextMaxLength},
		{Key: "come", Prompt: "Would you like to come?", Type: forms.YesNo},
	}}
	tests := []struct {
		name           string
		answers        []forms.Answer
		draft, sending string // the field named when saving, when sending; "" is fine
	}{
		{"complete", []forms.Answer{{QuestionKey: "going_well", Value: "Football"}, {QuestionKey: "come", Value: "yes"}}, "", ""},
		// Windows line endings are taken as plain ones, not as hidden characters.
		{"Windows line endings", []forms.Answer{{QuestionKey: "going_well", Value: "Football\r\nand art"}}, "", ""},
		{"required one missing", []forms.Answer{{QuestionKey: "come", Value: "no"}}, "", "answers"},
		{"unknown question", []forms.Answer{{QuestionKey: "colour", Value: "blue"}}, "answers[0].questionKey", "answers[0].questionKey"},
		{"too long", []forms.Answer{{QuestionKey: "going_well", Value: strings.Repeat("a", forms.MinTextMaxLength+1)}}, "answers[0].value", "answers[0].value"},
	}
	for _, tt := range tests {
		if got := badInput(t, checkAnswers(form, tt.answers, false)); got != tt.draft {
			t.Errorf("%s, saving: field %q, want %q", tt.name, got, tt.draft)
		}
		if got := badInput(t, checkAnswers(form, tt.answers, true)); got != tt.sending {
			t.Errorf("%s, sending: field %q, want %q", tt.name, got, tt.sending)
		}
	}
}
