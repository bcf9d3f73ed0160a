package forms

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"kite/internal/textinput"
)

// FieldError is a problem with one part of what was sent. Field is the input
// path, such as "answers[2].value", "answers[0].questionKey" or "answers".
// Message is written so it can be shown to a child as it is.
type FieldError struct {
	Field   string
	Message string
}

// Error returns the field and the message.
func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// Validate checks answers that are being sent, and returns a *FieldError for
// the first problem it finds, or nil. Every required question must have a
// non-blank answer. An empty Value counts as "not answered".
func Validate(t Template, answers []Answer) error {
	return validate(t, answers, true)
}

// ValidateDraft checks answers being saved as a draft. It makes the same
// checks as Validate, except that required questions may still be missing or
// blank.
func ValidateDraft(t Template, answers []Answer) error {
	return validate(t, answers, false)
}

func validate(t Template, answers []Answer, sending bool) error {
	if len(answers) > len(t.Questions) {
		return &FieldError{"answers", "There are more answers than questions. Please refresh the page and try again."}
	}
	answered := make(map[string]bool, len(answers))
	for i, a := range answers {
		keyField := fmt.Sprintf("answers[%d].questionKey", i)
		valueField := fmt.Sprintf("answers[%d].value", i)
		q, ok := t.Question(a.QuestionKey)
		if !ok {
			return &FieldError{keyField, "We could not find this question. Please refresh the page and try again."}
		}
		if _, dup := answered[q.Key]; dup {
			return &FieldError{keyField, "This question has been answered twice. Please send just one answer to it."}
		}
		blank := isBlank(q, a.Value)
		answered[q.Key] = !blank
		if msg := checkValue(q, a.Value); msg != "" {
			return &FieldError{valueField, msg}
		}
		if sending && q.Required && blank {
			return &FieldError{valueField, pleaseAnswer(q)}
		}
	}
	if sending {
		for _, q := range t.Questions {
			if q.Required && !answered[q.Key] {
				return &FieldError{"answers", pleaseAnswer(q)}
			}
		}
	}
	return nil
}

// isBlank says whether a value leaves the question unanswered: an empty
// value, or text that is only spaces and new lines.
func isBlank(q Question, value string) bool {
	if q.Type == Text {
		return strings.TrimSpace(value) == ""
	}
	return value == ""
}

// pleaseAnswer asks for a required question, naming it by its prompt.
func pleaseAnswer(q Question) string {
	return "Please answer ‘" + q.Prompt + "’ before you send this."
}

// checkValue returns a kind message saying what is wrong with one answer's
// value, or "" when it is fine. An empty value is always fine here: whether
// it may be empty is the required check's job.
func checkValue(q Question, value string) string {
	if value == "" {
		return ""
	}
	if !utf8.ValidString(value) {
		return "Some of the letters or symbols in this answer could not be read. Please check it and try again."
	}
	for _, r := range value {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return "This answer has a hidden character in it that we cannot save. Please try typing it again."
		}
	}
	if _, hidden := textinput.HiddenCharacter(value); hidden {
		// Invisible formatting could make the words read differently to
		// the person who reads them.
		return textinput.Message
	}
	switch q.Type {
	case Text:
		limit := max(q.MaxLength, MinTextMaxLength)
		if utf8.RuneCountInString(value) > limit {
			return "This answer is too long. Please keep it to " + withCommas(limit) + " letters and spaces or fewer."
		}
	case Scale1to5:
		if len(value) != 1 || value[0] < '1' || value[0] > '5' {
			return "Please pick one of the five choices."
		}
	case YesNo:
		if value != "yes" && value != "no" {
			return "Please choose yes or no."
		}
	case Choice:
		if !hasOption(q, value) {
			return "Please pick one of the choices in the list."
		}
	case MultiChoice:
		picked := make(map[string]bool)
		for key := range strings.SplitSeq(value, ",") {
			if !hasOption(q, key) {
				return "Please pick only from the choices in the list."
			}
			if picked[key] {
				return "You picked the same choice twice. Please pick it just once."
			}
			picked[key] = true
		}
	default:
		return "We could not check this answer. Please try again later."
	}
	return ""
}

// hasOption says whether key is one of the question's option keys.
func hasOption(q Question, key string) bool {
	for _, o := range q.Options {
		if o.Key == key {
			return true
		}
	}
	return false
}

// withCommas writes a non-negative number with commas between the
// thousands, as in "2,000".
func withCommas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
