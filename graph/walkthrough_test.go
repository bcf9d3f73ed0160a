package graph_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"kite/internal/apitest"
)

// walkthroughStep is one block of the README's walkthrough: who sends it
// and the operation.
type walkthroughStep struct{ name, as, op string }

// walkthroughSteps reads the README's walkthrough blocks in order.
func walkthroughSteps(t *testing.T) []walkthroughStep {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- step: ([a-z-]+) as ([a-z0-9.]+) -->\n```graphql\n(.*?)```")
	var steps []walkthroughStep
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		steps = append(steps, walkthroughStep{m[1], m[2], m[3]})
	}
	return steps
}

// TestReadmeWalkthrough runs the README's walkthrough against the demo
// data, block by block as written, each as its account, with the ids the
// earlier steps answered; and checks what each step is there to show.
func TestReadmeWalkthrough(t *testing.T) {
	s := apitest.New(t)
	steps := walkthroughSteps(t)
	if len(steps) < 15 {
		t.Fatalf("the README has %d walkthrough steps", len(steps))
	}
	ids := map[string]any{}
	tokens := map[string]string{}
	varRe := regexp.MustCompile(`\$([a-z]+):`)
	for _, st := range steps {
		if tokens[st.as] == "" {
			tokens[st.as] = s.Login(st.as)
		}
		vars := map[string]any{}
		for _, m := range varRe.FindAllStringSubmatch(st.op, -1) {
			if ids[m[1]] == nil {
				t.Fatalf("step %s needs $%s, which no earlier step gave", st.name, m[1])
			}
			vars[m[1]] = ids[m[1]]
		}
		r := s.Query(tokens[st.as], st.op, vars)
		if len(r.Errors) > 0 {
			t.Fatalf("step %s: %s", st.name, r.Raw)
		}
		d := r.Data
		raw := string(r.Raw)
		switch st.name {
		case "child-meetings":
			ids["child"] = apitest.Path(d, "me", "child", "id")
			for _, m := range apitest.Path(d, "me", "child", "meetings").([]any) {
				switch apitest.Path(m, "status") {
				case "SCHEDULED":
					if ids["meeting"] == nil && apitest.Path(m, "kind") != "CORE_GROUP" {
						ids["meeting"] = apitest.Path(m, "id")
					}
				case "HELD":
					if ids["held"] == nil {
						ids["held"] = apitest.Path(m, "id")
					}
				}
			}
		case "child-send":
			ids["submission"] = apitest.Path(d, "submitWishesAndFeelings", "submission", "id")
		case "chair-reply-again":
			if n := len(apitest.Path(d, "respondToSubmission", "replies").([]any)); n != 2 {
				t.Errorf("two replies, not %d: %s", n, raw)
			}
		case "child-notifications":
			if !strings.Contains(raw, "REPLY_RECEIVED") {
				t.Errorf("the child is not told of the reply: %s", raw)
			}
		case "child-replies":
			if n := len(apitest.Path(d, "node", "replies").([]any)); n != 2 || apitest.Path(d, "node", "reply") != "I will ask your teacher to come to the meeting too." {
				t.Errorf("the child's thread: %s", raw)
			}
		case "parent-send":
			ids["views"] = apitest.Path(d, "submitParentViews", "parentViews", "id")
		case "chair-attendee-needs":
			if !strings.Contains(raw, "Polish") {
				t.Errorf("the chair does not see the interpreter: %s", raw)
			}
		case "parent-replies":
			if apitest.Path(d, "node", "status") != "RESPONDED" || len(apitest.Path(d, "node", "replies").([]any)) != 1 || !strings.Contains(raw, "VIEWS_REPLY_RECEIVED") {
				t.Errorf("the parent's reply: %s", raw)
			}
		case "chair-letter-send":
			if apitest.Path(d, "publishLetterToChild", "letter", "publishedAt") == nil {
				t.Errorf("the letter was not sent: %s", raw)
			}
		case "child-letter":
			if apitest.Path(d, "node", "letterToChild", "text") == nil || !strings.Contains(raw, "LETTER_RECEIVED") {
				t.Errorf("the child's letter: %s", raw)
			}
			// Her mum never reads it.
			r := s.Query(s.Login("parent.demo"), st.op, vars)
			if apitest.Path(r.Data, "node", "letterToChild") != nil {
				t.Errorf("the parent reads the letter: %s", r.Raw)
			}
		}
	}
}
