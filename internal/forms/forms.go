// Package forms holds the questions a child or parent answers before a
// meeting, as data, and checks the answers they send.
//
// A Template is one version of a form. Templates are stored as JSON, so a
// local authority can add its own; Defaults gives the forms Kite starts with.
// Answers always keep the template key and version they answered (docs/domain.md,
// FormTemplate).
package forms

import (
	"fmt"
	"regexp"
	"slices"
	"unicode"
	"unicode/utf8"
)

// QuestionType says what kind of answer a question takes, and so how the
// answer's Value is written (docs/api.md, "Wishes and feelings").
type QuestionType string

// The question types. The comment on each says how its answer is written.
const (
	// Text is free text: the Value is the text itself.
	Text QuestionType = "TEXT"
	// Scale1to5 is a five-point scale: the Value is "1" to "5".
	Scale1to5 QuestionType = "SCALE_1_5"
	// YesNo is a yes or no question: the Value is "yes" or "no".
	YesNo QuestionType = "YES_NO"
	// Choice picks one option: the Value is the option's Key.
	Choice QuestionType = "CHOICE"
	// MultiChoice picks one or more options: the Value is their Keys joined by ",".
	MultiChoice QuestionType = "MULTI_CHOICE"
)

// Audience says who a form is written for.
type Audience string

// The audiences of a form.
const (
	// ForChild forms are answered by a child or young person.
	ForChild Audience = "CHILD"
	// ForParent forms are answered by a parent before a conference or review.
	ForParent Audience = "PARENT"
)

// UnknownAge is the age to pass to ForAge when a child's age is not known.
const UnknownAge = -1

// MinFormAge is the youngest age that gets a form of their own. A younger
// child's views come to the meeting another way (through the social worker),
// so ForAge finds no form for them.
const MinFormAge = 4

// Limits every template must keep (see CheckTemplate).
const (
	// MinQuestions is the fewest questions a form may have.
	MinQuestions = 5
	// MinTextMaxLength is the smallest length limit a text question may have:
	// text answers always allow at least this many characters.
	MinTextMaxLength = 500
	// MaxPromptLength is the longest a question's prompt may be, in characters.
	MaxPromptLength = 120
	// ScalePoints is how many options a SCALE_1_5 question has.
	ScalePoints = 5
)

// Option is one answer a person can pick in a CHOICE, MULTI_CHOICE or
// SCALE_1_5 question. Key is what is stored; Label is what is shown.
// Forms for the youngest children show a picture (an emoji) beside each
// label; AltText then says in words what the picture shows, for screen
// readers, which would otherwise read out the emoji's technical name.
type Option struct {
	Key     string `json:"key"`
	Label   string `json:"label"`
	Emoji   string `json:"emoji,omitempty"`
	AltText string `json:"altText,omitempty"`
}

// Question is one question of a form.
type Question struct {
	// Key names the question; answers refer to it. Stable lower_snake_case.
	Key string `json:"key"`
	// Prompt is the question as the reader sees it, in plain words.
	Prompt string `json:"prompt"`
	// Help is an optional short hint shown under the prompt.
	Help string `json:"help,omitempty"`
	// Type is the kind of answer the question takes.
	Type QuestionType `json:"type"`
	// Required questions must be answered before a form can be sent.
	Required bool `json:"required"`
	// MaxLength is the most characters a TEXT answer may have (0 for other types).
	MaxLength int `json:"maxLength,omitempty"`
	// Options are the answers to pick from for CHOICE and MULTI_CHOICE, and
	// the labels of the points "1" to "5" for SCALE_1_5.
	Options []Option `json:"options,omitempty"`
}

// Template is one version of a form.
type Template struct {
	// Key names the form across its versions, e.g. "child-older".
	Key string `json:"key"`
	// Audience says who answers the form.
	Audience Audience `json:"audience"`
	// MinAge and MaxAge are the ages (inclusive) a child form suits. Both are
	// 0 for a parent form.
	MinAge int `json:"minAge"`
	MaxAge int `json:"maxAge"`
	// Version counts up from 1 each time the questions change.
	Version int `json:"version"`
	// Title is the form's heading.
	Title string `json:"title"`
	// Intro is a few friendly words shown before the questions.
	Intro string `json:"intro"`
	// Questions are asked in this order.
	Questions []Question `json:"questions"`
}

// Answer is the answer to one question. Value is written as the question's
// type says (see QuestionType). An empty Value means "not answered".
type Answer struct {
	QuestionKey string `json:"questionKey"`
	Value       string `json:"value"`
}

// Question returns the template's question with the given key.
func (t Template) Question(key string) (Question, bool) {
	for _, q := range t.Questions {
		if q.Key == key {
			return q, true
		}
	}
	return Question{}, false
}

// Find returns the template with the given key and version, so answers can be
// checked against the version they were written for.
func Find(templates []Template, key string, version int) (Template, bool) {
	for _, t := range templates {
		if t.Key == key && t.Version == version {
			return t, true
		}
	}
	return Template{}, false
}

// ForAge chooses the form for a reader, using the latest version of each form.
//
// For a child it is the form whose age band holds age. A child under
// MinFormAge gets none. A child younger than every band gets the youngest
// form; anyone else no band fits (older than every band, or age is
// UnknownAge or another negative number) gets the form for the oldest ages.
// For a parent, age is ignored and the first parent form in templates is
// used. It returns false when there is no form for the audience at all, or
// the child is under MinFormAge.
func ForAge(templates []Template, age int, audience Audience) (Template, bool) {
	var latest []Template // latest version of each key, in first-seen order
	for _, t := range templates {
		if t.Audience != audience {
			continue
		}
		i := slices.IndexFunc(latest, func(l Template) bool { return l.Key == t.Key })
		switch {
		case i < 0:
			latest = append(latest, t)
		case t.Version > latest[i].Version:
			latest[i] = t
		}
	}
	if len(latest) == 0 {
		return Template{}, false
	}
	if audience != ForChild {
		return latest[0], true
	}
	if age >= 0 && age < MinFormAge {
		return Template{}, false
	}
	if age >= 0 {
		for _, t := range latest {
			if t.MinAge <= age && age <= t.MaxAge {
				return t, true
			}
		}
	}
	youngest, oldest := latest[0], latest[0]
	for _, t := range latest[1:] {
		if t.MinAge < youngest.MinAge {
			youngest = t
		}
		if t.MaxAge > oldest.MaxAge {
			oldest = t
		}
	}
	if age >= 0 && age < youngest.MinAge {
		return youngest, true
	}
	return oldest, true
}

// InTemplateOrder returns a copy of answers sorted into the order the
// template asks its questions. Answers to questions the template does not
// have go last, in the order they were given. Nothing is dropped or changed.
func InTemplateOrder(t Template, answers []Answer) []Answer {
	pos := make(map[string]int, len(t.Questions))
	for i, q := range t.Questions {
		pos[q.Key] = i
	}
	at := func(a Answer) int {
		if i, ok := pos[a.QuestionKey]; ok {
			return i
		}
		return len(t.Questions)
	}
	out := slices.Clone(answers)
	slices.SortStableFunc(out, func(a, b Answer) int { return at(a) - at(b) })
	return out
}

var (
	templateKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	questionKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	optionKeyPattern   = regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)
)

// CheckTemplate reports the first thing wrong with a template, such as one a
// local authority wants to add, or nil when it is fit to use. Its errors are
// for staff and developers, not for children.
func CheckTemplate(t Template) error {
	if !templateKeyPattern.MatchString(t.Key) {
		return fmt.Errorf("forms: template key %q must be lower-case words joined by '-'", t.Key)
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("forms: template %s v%d: %s", t.Key, t.Version, fmt.Sprintf(format, args...))
	}
	if t.Version < 1 {
		return fail("version must be 1 or more")
	}
	switch t.Audience {
	case ForChild:
		if t.MinAge < 0 || t.MaxAge < t.MinAge || t.MaxAge == 0 {
			return fail("child age band %d-%d is not a valid band", t.MinAge, t.MaxAge)
		}
	case ForParent:
		if t.MinAge != 0 || t.MaxAge != 0 {
			return fail("a parent form has no age band")
		}
	default:
		return fail("unknown audience %q", t.Audience)
	}
	if t.Title == "" || t.Intro == "" {
		return fail("title and intro must not be empty")
	}
	if len(t.Questions) < MinQuestions {
		return fail("has %d questions, needs at least %d", len(t.Questions), MinQuestions)
	}
	seen := make(map[string]bool, len(t.Questions))
	for _, q := range t.Questions {
		if !questionKeyPattern.MatchString(q.Key) {
			return fail("question key %q must be lower_snake_case", q.Key)
		}
		if seen[q.Key] {
			return fail("question key %q is used twice", q.Key)
		}
		seen[q.Key] = true
		if err := checkQuestion(q); err != nil {
			return fail("question %s: %v", q.Key, err)
		}
	}
	return nil
}

// checkQuestion reports the first thing wrong with one question.
func checkQuestion(q Question) error {
	if q.Prompt == "" {
		return fmt.Errorf("prompt must not be empty")
	}
	if n := utf8.RuneCountInString(q.Prompt); n > MaxPromptLength {
		return fmt.Errorf("prompt has %d characters, at most %d", n, MaxPromptLength)
	}
	if q.Type != Text && q.MaxLength != 0 {
		return fmt.Errorf("only TEXT questions have a maxLength")
	}
	switch q.Type {
	case Text:
		if q.MaxLength < MinTextMaxLength {
			return fmt.Errorf("maxLength %d is under %d", q.MaxLength, MinTextMaxLength)
		}
		if len(q.Options) != 0 {
			return fmt.Errorf("TEXT questions have no options")
		}
	case YesNo:
		if len(q.Options) != 0 {
			return fmt.Errorf("YES_NO questions have no options")
		}
	case Scale1to5:
		if len(q.Options) != ScalePoints {
			return fmt.Errorf("a scale needs %d options, has %d", ScalePoints, len(q.Options))
		}
		for i, o := range q.Options {
			if want := fmt.Sprint(i + 1); o.Key != want {
				return fmt.Errorf("scale option %d has key %q, want %q", i+1, o.Key, want)
			}
			if o.Label == "" {
				return fmt.Errorf("scale option %q has no label", o.Key)
			}
			if err := checkPicture(o); err != nil {
				return err
			}
		}
	case Choice, MultiChoice:
		if len(q.Options) < 2 {
			return fmt.Errorf("needs at least 2 options")
		}
		keys := make(map[string]bool, len(q.Options))
		for _, o := range q.Options {
			if !optionKeyPattern.MatchString(o.Key) {
				return fmt.Errorf("option key %q must be lower_snake_case", o.Key)
			}
			if keys[o.Key] {
				return fmt.Errorf("option key %q is used twice", o.Key)
			}
			keys[o.Key] = true
			if o.Label == "" {
				return fmt.Errorf("option %q has no label", o.Key)
			}
			if err := checkPicture(o); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("unknown type %q", q.Type)
	}
	return nil
}

// maxEmojiLength bounds an option's picture: one emoji, which may be
// several code points (a skin tone, a joiner, a flag's tags).
const maxEmojiLength = 16

// checkPicture reports what is wrong with an option's picture: a picture
// needs words for screen readers, and is one short emoji, never text.
func checkPicture(o Option) error {
	switch {
	case o.Emoji == "" && o.AltText != "":
		return fmt.Errorf("option %q has alt text but no picture", o.Key)
	case o.Emoji == "":
		return nil
	case o.AltText == "":
		return fmt.Errorf("option %q has a picture but no alt text for screen readers", o.Key)
	case utf8.RuneCountInString(o.Emoji) > maxEmojiLength:
		return fmt.Errorf("option %q: the picture is one emoji, not %q", o.Key, o.Emoji)
	}
	for _, r := range o.Emoji {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) {
			return fmt.Errorf("option %q: the picture is one emoji, not %q", o.Key, o.Emoji)
		}
	}
	return nil
}
