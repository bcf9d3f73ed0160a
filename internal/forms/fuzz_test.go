package forms

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzValidate: whatever answers arrive, validation never panics, and every
// refusal names an answer or the answers as a whole.
func FuzzValidate(f *testing.F) {
	f.Add("going_well", "Football went well.", "overall", "4")
	f.Add("meeting_place", "where_i_live,online", "unknown", "x")
	f.Add("", "", "overall", "")
	f.Add("worries", strings.Repeat("é", 600), "come_to_meeting", "all,part")
	f.Add("going_well", "line one\r\nline two\x00", "overall", "5 ")
	templates := Defaults()
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		answers := []Answer{{QuestionKey: k1, Value: v1}, {QuestionKey: k2, Value: v2}}
		for _, tmpl := range templates {
			for _, check := range []func(Template, []Answer) error{Validate, ValidateDraft} {
				err := check(tmpl, answers)
				if err == nil {
					continue
				}
				var fe *FieldError
				if !errors.As(err, &fe) || !strings.HasPrefix(fe.Field, "answers") || fe.Message == "" {
					t.Fatalf("%s: unexpected error %v", tmpl.Key, err)
				}
				if !utf8.ValidString(fe.Message) {
					t.Fatalf("message is not UTF-8")
				}
			}
		}
	})
}
