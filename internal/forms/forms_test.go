package forms

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDefaultsAreValid(t *testing.T) {
	defaults := Defaults()
	versions := map[string][]int{}
	for _, tpl := range defaults {
		if err := CheckTemplate(tpl); err != nil {
			t.Errorf("%s v%d: %v", tpl.Key, tpl.Version, err)
		}
		versions[tpl.Key] = append(versions[tpl.Key], tpl.Version)
		required := 0
		for _, q := range tpl.Questions {
			if q.Required {
				required++
			}
			if q.Help != "" && utf8.RuneCountInString(q.Help) > 2*MaxPromptLength {
				t.Errorf("%s/%s: help is too long", tpl.Key, q.Key)
			}
		}
		if required > 2 {
			t.Errorf("%s: %d required questions, want at most 2", tpl.Key, required)
		}
	}
	// Each form's versions count 1, 2, … in order, none twice.
	for key, vs := range versions {
		for i, v := range vs {
			if v != i+1 {
				t.Errorf("%s: versions %v, want 1, 2, … in order", key, vs)
				break
			}
		}
	}
	for _, k := range []string{ChildUnder8Key, ChildYoungerKey, ChildOlderKey, ParentKey} {
		if len(versions[k]) == 0 {
			t.Errorf("no default template %q", k)
		}
	}
}

// TestOldVersionsStay: a version once stored is never changed, so each
// version in Defaults keeps the band and questions it was stored with.
func TestOldVersionsStay(t *testing.T) {
	v1, _ := Find(Defaults(), ChildYoungerKey, 1)
	v2, _ := Find(Defaults(), ChildYoungerKey, 2)
	if v1.MinAge != 4 || v1.MaxAge != 10 || v2.MinAge != 8 || v2.MaxAge != 10 {
		t.Errorf("younger form bands: v1 %d-%d, v2 %d-%d", v1.MinAge, v1.MaxAge, v2.MinAge, v2.MaxAge)
	}
	if len(v1.Questions) != len(v2.Questions) {
		t.Errorf("younger form v2 has %d questions, v1 %d: only the band changed", len(v2.Questions), len(v1.Questions))
	}
	if o := v1.Questions[0].Options[0]; o.Emoji != "" || o.AltText != "" {
		t.Errorf("younger form v1 changed: %+v", o)
	}
}

// TestUnder8FormIsPictures: every choice of the under-8 form has a picture
// with words for screen readers, and its words are few.
func TestUnder8FormIsPictures(t *testing.T) {
	tpl, ok := Find(Defaults(), ChildUnder8Key, 1)
	if !ok {
		t.Fatal("no under-8 form")
	}
	texts := 0
	for _, q := range tpl.Questions {
		if n := len(strings.Fields(q.Prompt)); n > 9 {
			t.Errorf("%s: %d words in %q; keep it short", q.Key, n, q.Prompt)
		}
		if q.Type == Text {
			texts++
			continue
		}
		for _, o := range q.Options {
			if o.Emoji == "" || o.AltText == "" {
				t.Errorf("%s/%s: no picture or alt text", q.Key, o.Key)
			}
		}
	}
	if texts > 1 {
		t.Errorf("%d questions need writing; the youngest tap rather than write", texts)
	}
}

func TestDefaultsCoverTheTopics(t *testing.T) {
	want := map[string][]string{
		ChildYoungerKey: {"feel_home", "feel_school", "feel_most_days", "family_friends", "going_well",
			"worries", "wish", "come_to_meeting", "talk_alone", "advocate"},
		ChildOlderKey: {"home", "school", "health_feelings", "family_friends", "going_well", "worries",
			"want_to_happen", "who_at_meeting", "who_not_at_meeting", "meeting_place", "meeting_time",
			"come_to_meeting", "lead_part", "talk_alone", "advocate"},
		ParentKey: {"going_well", "worries", "needs_to_change", "help_needed", "can_attend", "attend_help"},
		ChildUnder8Key: {"feel_home", "feel_school", "feel_today", "happy_things", "worries", "see_more",
			"come_to_meeting", "advocate"},
	}
	for _, tpl := range Defaults() {
		for _, k := range want[tpl.Key] {
			if _, ok := tpl.Question(k); !ok {
				t.Errorf("%s has no question %q", tpl.Key, k)
			}
		}
	}
	// Version 2 of the parent form asks about each need on its own, so the
	// chair knows which language an interpreter must speak.
	parentV2, _ := Find(Defaults(), ParentKey, 2)
	for _, k := range []string{"interpreter", "interpreter_language", "supporter", "access", "access_details"} {
		if _, ok := parentV2.Question(k); !ok {
			t.Errorf("parent form v2 has no question %q", k)
		}
	}
	younger, _ := Find(Defaults(), ChildYoungerKey, 2)
	older, _ := Find(Defaults(), ChildOlderKey, 1)
	if len(younger.Questions) < 6 || len(younger.Questions) >= len(older.Questions) {
		t.Errorf("younger form has %d questions, older %d: want at least 6 and fewer than the older form",
			len(younger.Questions), len(older.Questions))
	}
}

// A child can send just one answer, whichever question it is.
func TestDefaultChildFormsAcceptAnySingleAnswer(t *testing.T) {
	for _, tpl := range Defaults() {
		if tpl.Audience != ForChild {
			continue
		}
		if err := Validate(tpl, nil); err != nil {
			t.Errorf("%s: sending nothing (e.g. only 'talk today'): %v", tpl.Key, err)
		}
		for _, q := range tpl.Questions {
			if err := Validate(tpl, []Answer{{q.Key, sampleValue(q)}}); err != nil {
				t.Errorf("%s: only %s answered: %v", tpl.Key, q.Key, err)
			}
		}
	}
}

func sampleValue(q Question) string {
	switch q.Type {
	case Text:
		return "Something I want to say."
	case YesNo:
		return "yes"
	default:
		return q.Options[0].Key
	}
}

func TestDefaultsReturnACopy(t *testing.T) {
	a := Defaults()
	a[0].Questions[0].Options[0].Label = "changed"
	if Defaults()[0].Questions[0].Options[0].Label == "changed" {
		t.Error("changing the result of Defaults changed the defaults")
	}
}

func TestJSONNames(t *testing.T) {
	b, err := json.Marshal(Template{Key: "k", Questions: []Question{{Key: "q", MaxLength: 500,
		Options: []Option{{Key: "a", Label: "A", Emoji: "🐶", AltText: "A dog"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{`"key"`, `"audience"`, `"minAge"`, `"maxAge"`, `"version"`, `"title"`,
		`"intro"`, `"questions"`, `"prompt"`, `"type"`, `"required"`, `"maxLength"`, `"options"`, `"label"`,
		`"emoji"`, `"altText"`} {
		if !strings.Contains(string(b), name) {
			t.Errorf("JSON %s has no %s", b, name)
		}
	}
	b, _ = json.Marshal(Answer{QuestionKey: "q", Value: "v"})
	if string(b) != `{"questionKey":"q","value":"v"}` {
		t.Errorf("answer JSON = %s", b)
	}
}

func TestCheckTemplateRejects(t *testing.T) {
	base := func() Template {
		tpl, _ := Find(Defaults(), ChildOlderKey, 1)
		return tpl
	}
	tests := []struct {
		name   string
		change func(*Template)
	}{
		{"bad template key", func(t *Template) { t.Key = "Child Older" }},
		{"version 0", func(t *Template) { t.Version = 0 }},
		{"unknown audience", func(t *Template) { t.Audience = "CARER" }},
		{"child band upside down", func(t *Template) { t.MinAge, t.MaxAge = 12, 11 }},
		{"child band 0/0", func(t *Template) { t.MinAge, t.MaxAge = 0, 0 }},
		{"parent with band", func(t *Template) { t.Audience = ForParent }},
		{"no title", func(t *Template) { t.Title = "" }},
		{"too few questions", func(t *Template) { t.Questions = t.Questions[:MinQuestions-1] }},
		{"duplicate question key", func(t *Template) { t.Questions[1].Key = t.Questions[0].Key }},
		{"bad question key", func(t *Template) { t.Questions[0].Key = "How-are-things" }},
		{"empty prompt", func(t *Template) { t.Questions[0].Prompt = "" }},
		{"long prompt", func(t *Template) { t.Questions[0].Prompt = strings.Repeat("é", MaxPromptLength+1) }},
		{"unknown type", func(t *Template) { t.Questions[0].Type = "SLIDER" }},
		{"text too short", func(t *Template) { t.Questions[1].MaxLength = MinTextMaxLength - 1 }},
		{"text with options", func(t *Template) { t.Questions[1].Options = faces() }},
		{"maxLength on a scale", func(t *Template) { t.Questions[0].MaxLength = 500 }},
		{"scale with 4 points", func(t *Template) { t.Questions[0].Options = faces()[:4] }},
		{"scale keys wrong", func(t *Template) { t.Questions[0].Options[4].Key = "6" }},
		{"scale label missing", func(t *Template) { t.Questions[0].Options[2].Label = "" }},
		{"choice with 1 option", func(t *Template) { q(t, "come_to_meeting").Options = yesNoNotSure()[:1] }},
		{"choice duplicate option", func(t *Template) { q(t, "come_to_meeting").Options[1].Key = "all" }},
		{"option key with comma", func(t *Template) { q(t, "meeting_place").Options[0].Key = "a,b" }},
		{"option without label", func(t *Template) { q(t, "meeting_place").Options[0].Label = "" }},
		{"yes/no with options", func(t *Template) { q(t, "talk_alone").Options = yesNoNotSure() }},
		{"picture without alt text", func(t *Template) { q(t, "meeting_place").Options[0].Emoji = "🏠" }},
		{"alt text without picture", func(t *Template) { q(t, "meeting_place").Options[0].AltText = "A house" }},
		{"scale picture without alt text", func(t *Template) { t.Questions[0].Options[0].Emoji = "😢" }},
		{"picture that is words", func(t *Template) {
			o := &q(t, "meeting_place").Options[0]
			o.Emoji, o.AltText = "house", "A house"
		}},
	}
	for _, tt := range tests {
		tpl := base()
		tt.change(&tpl)
		if err := CheckTemplate(tpl); err == nil {
			t.Errorf("%s: accepted", tt.name)
		}
	}
}

// q returns a pointer to the question with the given key, for changing it.
func q(t *Template, key string) *Question {
	for i := range t.Questions {
		if t.Questions[i].Key == key {
			return &t.Questions[i]
		}
	}
	panic("no question " + key)
}

func TestForAge(t *testing.T) {
	d := Defaults()
	tests := []struct {
		age      int
		audience Audience
		want     string
	}{
		{4, ForChild, ChildUnder8Key},
		{7, ForChild, ChildUnder8Key},
		{8, ForChild, ChildYoungerKey},
		{10, ForChild, ChildYoungerKey},
		{11, ForChild, ChildOlderKey},
		{17, ForChild, ChildOlderKey},
		{25, ForChild, ChildOlderKey},
		{26, ForChild, ChildOlderKey},
		{UnknownAge, ForChild, ChildOlderKey},
		{UnknownAge, ForParent, ParentKey},
		{40, ForParent, ParentKey},
	}
	for _, tt := range tests {
		got, ok := ForAge(d, tt.age, tt.audience)
		if !ok || got.Key != tt.want {
			t.Errorf("ForAge(%d, %s) = %q, %v; want %q", tt.age, tt.audience, got.Key, ok, tt.want)
		}
	}
	// Under 4: no form; their views come another way.
	for _, age := range []int{0, 1, 3} {
		if got, ok := ForAge(d, age, ForChild); ok {
			t.Errorf("ForAge(%d) = %s, want no form", age, got.Key)
		}
	}
	// A child of 4 or more younger than every band still gets the youngest.
	older, _ := Find(d, ChildOlderKey, 1)
	if got, ok := ForAge([]Template{older}, 5, ForChild); !ok || got.Key != ChildOlderKey {
		t.Errorf("ForAge(5) among older forms = %q, %v", got.Key, ok)
	}
	if _, ok := ForAge(nil, 8, ForChild); ok {
		t.Error("ForAge with no templates found one")
	}
	if _, ok := ForAge(d[:4], 30, ForParent); ok {
		t.Error("ForAge found a parent form among child forms")
	}
}

func TestForAgeUsesLatestVersion(t *testing.T) {
	d := Defaults()
	v2, _ := Find(d, ChildUnder8Key, 1)
	v2.Version = 2
	v2.Title = "second"
	for _, list := range [][]Template{append(d, v2), append([]Template{v2}, d...)} {
		got, ok := ForAge(list, 6, ForChild)
		if !ok || got.Key != ChildUnder8Key || got.Version != 2 {
			t.Errorf("got %s v%d, want %s v2", got.Key, got.Version, ChildUnder8Key)
		}
	}
	if got, _ := Find(append(d, v2), ChildUnder8Key, 1); got.Version != 1 || got.Title == "second" {
		t.Error("Find did not return version 1")
	}
	// Version 1 of the younger form was for 4 to 10; version 2 is for 8
	// to 10, and a child of 8 gets it.
	if got, ok := ForAge(d, 8, ForChild); !ok || got.Key != ChildYoungerKey || got.Version != 2 {
		t.Errorf("age 8: got %s v%d, want %s v2", got.Key, got.Version, ChildYoungerKey)
	}
	if _, ok := Find(d, ChildYoungerKey, 3); ok {
		t.Error("Find found a version that does not exist")
	}
}

func TestInTemplateOrder(t *testing.T) {
	tpl := testTemplate()
	in := []Answer{{"multi", "a"}, {"nope", "x"}, {"text", "hi"}, {"scale", "3"}}
	got := InTemplateOrder(tpl, in)
	want := []Answer{{"text", "hi"}, {"scale", "3"}, {"multi", "a"}, {"nope", "x"}}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	if in[0].QuestionKey != "multi" {
		t.Error("InTemplateOrder changed its input")
	}
}

// testTemplate has one question of each type; "text" and "yesno" are required.
func testTemplate() Template {
	return Template{
		Key: "test", Audience: ForChild, MinAge: 4, MaxAge: 10, Version: 1, Title: "Test", Intro: "Test form.",
		Questions: []Question{
			{Key: "text", Prompt: "What is going well?", Type: Text, Required: true, MaxLength: 500},
			{Key: "scale", Prompt: "How do you feel?", Type: Scale1to5, Options: faces()},
			{Key: "yesno", Prompt: "Would you like to come?", Type: YesNo, Required: true},
			{Key: "choice", Prompt: "Pick one", Type: Choice, Options: yesNoNotSure()},
			{Key: "multi", Prompt: "Pick some", Type: MultiChoice, Options: []Option{
				{Key: "a", Label: "A"}, {Key: "b", Label: "B"}, {Key: "c", Label: "C"}}},
		},
	}
}

func TestTestTemplateIsValid(t *testing.T) {
	if err := CheckTemplate(testTemplate()); err != nil {
		t.Fatal(err)
	}
}

func TestValidate(t *testing.T) {
	ok := func(extra ...Answer) []Answer {
		return append([]Answer{{"text", "Football"}, {"yesno", "yes"}}, extra...)
	}
	tests := []struct {
		name    string
		answers []Answer
		field   string // "" means valid
		draft   string // the field ValidateDraft reports; "-" means the same as field
	}{
		{"all fine", ok(Answer{"scale", "5"}, Answer{"choice", "not_sure"}, Answer{"multi", "a,c"}), "", "-"},
		{"optional answers empty", ok(Answer{"scale", ""}, Answer{"choice", ""}, Answer{"multi", ""}), "", "-"},
		{"text with new lines, tabs and emoji", []Answer{{"text", "Line one\n\tLine two 😊 👨‍👩‍👧"}, {"yesno", "no"}}, "", "-"},
		{"text exactly at the limit", []Answer{{"text", strings.Repeat("é", 500)}, {"yesno", "no"}}, "", "-"},
		{"too many answers", ok(Answer{"scale", "1"}, Answer{"choice", "yes"}, Answer{"multi", "a"}, Answer{"scale", "2"}), "answers", "-"},
		{"unknown question", ok(Answer{"colour", "blue"}), "answers[2].questionKey", "-"},
		{"empty question key", ok(Answer{"", "blue"}), "answers[2].questionKey", "-"},
		{"answered twice", ok(Answer{"text", "again"}), "answers[2].questionKey", "-"},
		{"answered twice, first empty", []Answer{{"scale", ""}, {"scale", "3"}}, "answers[1].questionKey", "-"},
		{"required missing", []Answer{{"text", "Football"}}, "answers", ""},
		{"nothing sent", nil, "answers", ""},
		{"required empty", []Answer{{"text", ""}, {"yesno", "yes"}}, "answers[0].value", ""},
		{"required only spaces", []Answer{{"text", " \n\t "}, {"yesno", "yes"}}, "answers[0].value", ""},
		{"required yes/no empty", []Answer{{"text", "x"}, {"yesno", ""}}, "answers[1].value", ""},
		{"text too long", []Answer{{"text", strings.Repeat("é", 501)}, {"yesno", "no"}}, "answers[0].value", "-"},
		{"invalid UTF-8", []Answer{{"text", "ok \xff"}, {"yesno", "no"}}, "answers[0].value", "-"},
		{"control character", ok(Answer{"multi", "a\x00"}), "answers[2].value", "-"},
		{"escape character in text", []Answer{{"text", "hi\x1b[31m"}, {"yesno", "no"}}, "answers[0].value", "-"},
		{"carriage return", []Answer{{"text", "hi\r\nthere"}, {"yesno", "no"}}, "answers[0].value", "-"},
		{"scale 0", ok(Answer{"scale", "0"}), "answers[2].value", "-"},
		{"scale 6", ok(Answer{"scale", "6"}), "answers[2].value", "-"},
		{"scale word", ok(Answer{"scale", "happy"}), "answers[2].value", "-"},
		{"scale with space", ok(Answer{"scale", " 3"}), "answers[2].value", "-"},
		{"scale 03", ok(Answer{"scale", "03"}), "answers[2].value", "-"},
		{"yes/no capital", []Answer{{"text", "x"}, {"yesno", "Yes"}}, "answers[1].value", "-"},
		{"yes/no true", []Answer{{"text", "x"}, {"yesno", "true"}}, "answers[1].value", "-"},
		{"choice label not key", ok(Answer{"choice", "Yes"}), "answers[2].value", "-"},
		{"choice unknown", ok(Answer{"choice", "maybe"}), "answers[2].value", "-"},
		{"choice two keys", ok(Answer{"choice", "yes,no"}), "answers[2].value", "-"},
		{"multi unknown", ok(Answer{"multi", "a,d"}), "answers[2].value", "-"},
		{"multi duplicate", ok(Answer{"multi", "a,b,a"}), "answers[2].value", "-"},
		{"multi empty item", ok(Answer{"multi", "a,,b"}), "answers[2].value", "-"},
		{"multi trailing comma", ok(Answer{"multi", "a,"}), "answers[2].value", "-"},
		{"multi only comma", ok(Answer{"multi", ","}), "answers[2].value", "-"},
		{"multi spaces", ok(Answer{"multi", "a, b"}), "answers[2].value", "-"},
		{"first problem wins", []Answer{{"scale", "9"}, {"colour", "x"}}, "answers[0].value", "-"},
	}
	tpl := testTemplate()
	for _, tt := range tests {
		check := func(kind string, err error, want string) {
			t.Helper()
			if want == "" {
				if err != nil {
					t.Errorf("%s %s: unexpected error %v", kind, tt.name, err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Errorf("%s %s: got %v, want a *FieldError on %s", kind, tt.name, err, want)
				return
			}
			if fe.Field != want {
				t.Errorf("%s %s: field %q, want %q (%s)", kind, tt.name, fe.Field, want, fe.Message)
			}
			if fe.Message == "" || strings.Contains(fe.Message, "\n") {
				t.Errorf("%s %s: message %q is not one plain line", kind, tt.name, fe.Message)
			}
		}
		check("Validate", Validate(tpl, tt.answers), tt.field)
		draft := tt.draft
		if draft == "-" {
			draft = tt.field
		}
		check("ValidateDraft", ValidateDraft(tpl, tt.answers), draft)
	}
}

func TestMessages(t *testing.T) {
	tpl := testTemplate()
	err := Validate(tpl, []Answer{{"text", "x"}})
	if err == nil || !strings.Contains(err.Error(), "‘Would you like to come?’") {
		t.Errorf("missing required question: %v, want it named", err)
	}
	tpl.Questions[0].MaxLength = 2000
	err = Validate(tpl, []Answer{{"text", strings.Repeat("a", 2001)}, {"yesno", "no"}})
	if err == nil || !strings.Contains(err.Error(), "2,000") {
		t.Errorf("too long: %v, want the limit written as 2,000", err)
	}
	err = Validate(tpl, []Answer{{"text", strings.Repeat("a", 2000)}, {"yesno", "no"}})
	if err != nil {
		t.Errorf("at the limit: %v", err)
	}
}

// A template whose text limit is set too low still allows MinTextMaxLength.
func TestTextLimitNeverUnderMinimum(t *testing.T) {
	tpl := testTemplate()
	tpl.Questions[0].MaxLength = 0
	if err := Validate(tpl, []Answer{{"text", strings.Repeat("a", MinTextMaxLength)}, {"yesno", "no"}}); err != nil {
		t.Error(err)
	}
}

func TestWithCommas(t *testing.T) {
	for n, want := range map[int]string{0: "0", 500: "500", 2000: "2,000", 12345: "12,345", 1000000: "1,000,000"} {
		if got := withCommas(n); got != want {
			t.Errorf("withCommas(%d) = %q, want %q", n, got, want)
		}
	}
}
