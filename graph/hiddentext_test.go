package graph_test

import (
	"testing"

	"kite/ent/wishesandfeelings"
	"kite/internal/apitest"
	"kite/internal/domain"
)

// bidiOverride makes the text after it read right to left: "pay 10"
// shows as "01 yap".
const bidiOverride = "\u202E"

// TestHiddenFormattingIsRefused: a child's answers, a draft, a reply, an
// outcome, an alert, a reason and a name with bidi overrides, isolates or
// other invisible format characters are refused as BAD_USER_INPUT naming
// the field, and nothing is stored.
func TestHiddenFormattingIsRefused(t *testing.T) {
	s := apitest.New(t)
	child, iro, chair, admin := s.Login("child.demo"), s.Login("iro.demo"), s.Login("chair.demo"), s.Login("admin.demo")
	jamie, ava := childNamed(t, s, "Jamie"), childNamed(t, s, "Ava")
	sent := s.Client().WishesAndFeelings.Query().
		Where(wishesandfeelings.ChildID(jamie.ID), wishesandfeelings.StatusNEQ(domain.Draft)).FirstX(apitest.System())
	cases := []struct {
		name, tok, query, field string
		vars                    map[string]any
	}{
		{"an answer with an override", child, submitMutation, "answers[0].value", map[string]any{"in": map[string]any{
			"childId": jamie.ID, "answers": []map[string]any{{"questionKey": "going_well", "value": "I want to go " + bidiOverride + "home"}},
			"shareWith": "CHAIR_ONLY", "idempotencyKey": "hidden-1"}}},
		{"a draft with an isolate", child, draftMutation, "answers[0].value", map[string]any{"in": map[string]any{
			"childId": jamie.ID, "answers": []map[string]any{{"questionKey": "home", "value": "\u2067It is fine\u2069"}}}}},
		{"a reply with a zero-width space", iro, `mutation($id: ID!, $m: String!) { respondToSubmission(id: $id, message: $m) { id } }`,
			"message", map[string]any{"id": sent.ID, "m": "Thank\u200Byou"}},
		{"alert details with an embedding", chair, `mutation($in: RaiseAlertInput!) { raiseAlert(input: $in) { alert { id } } }`,
			"details", map[string]any{"in": map[string]any{"childId": ava.ID, "level": "INFORMAL_ALERT",
				"reason": "VISITS_OR_CORE_GROUPS_NOT_HELD", "details": "Not \u202Aheld", "addressedTo": "MANAGER"}}},
		{"a staff name with a byte order mark", admin, `mutation($in: CreateStaffAccountInput!) { createStaffAccount(input: $in) { user { id } } }`,
			"displayName", map[string]any{"in": map[string]any{"displayName": "\uFEFFNew IRO", "role": "IRO", "workEmail": "new.iro@example.org"}}},
	}
	before := s.Client().WishesAndFeelings.Query().CountX(apitest.System())
	alertsBefore := s.Client().Alert.Query().CountX(apitest.System())
	for _, tc := range cases {
		r := s.Query(tc.tok, tc.query, tc.vars)
		if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != tc.field {
			t.Errorf("%s: want BAD_USER_INPUT on %s, got %s", tc.name, tc.field, r.Raw)
		}
	}
	if after := s.Client().WishesAndFeelings.Query().CountX(apitest.System()); after != before {
		t.Errorf("refused text stored %d submissions", after-before)
	}
	if after := s.Client().Alert.Query().CountX(apitest.System()); after != alertsBefore {
		t.Errorf("refused text stored %d alerts", after-alertsBefore)
	}
	if got := s.Client().WishesAndFeelings.GetX(apitest.System(), sent.ID); got.Status != sent.Status {
		t.Errorf("a refused reply changed the submission to %s", got.Status)
	}
}

// TestEmojiAreKept: what children write with emoji — joined families,
// skin tones, variation selectors, the flag of England — is stored and
// comes back exactly as sent.
func TestEmojiAreKept(t *testing.T) {
	s := apitest.New(t)
	child := s.Login("child.demo")
	jamie := childNamed(t, s, "Jamie")
	words := "Me and mum 👩\u200D👦 ❤\uFE0F 👍🏽 🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F می\u200Cخواهم"
	r := s.Query(child, draftMutation, map[string]any{"in": map[string]any{
		"childId": jamie.ID, "answers": []map[string]any{{"questionKey": "home", "value": words}}}})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	answers := apitest.Path(r.Data, "saveWishesAndFeelingsDraft", "submission", "answers").([]any)
	if got := answers[0].(map[string]any)["value"]; got != words {
		t.Errorf("emoji changed: %q, want %q", got, words)
	}
}
