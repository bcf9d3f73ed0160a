package graph_test

import (
	"context"
	"strings"
	"testing"

	"kite/ent/invitation"
	"kite/ent/localauthority"
	"kite/internal/apitest"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/pictures/picturetest"
	"kite/internal/viewer"
)

const (
	policyQuery = `{ passwordPolicy { minLength hint } }`
	changeQuery = `mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { accessToken } }`
	formQuery   = `query($id: ID!) { child(id: $id) { age wishesAndFeelingsForm { key version title intro
		questions { key prompt type options { key label emoji altText } } } } }`
)

// allowShortPasswords turns on Demo Borough's setting for children under 12.
func allowShortPasswords(t *testing.T, s *apitest.Server) {
	t.Helper()
	s.Client().LocalAuthority.Update().Where(localauthority.Name("Demo Borough")).
		SetShortPasswordsUnder12(true).ExecX(apitest.System())
}

// TestUnder8ChildJourney: Leo, 6, is invited. His authority allows a
// shorter password for children under 12, so "owl pizza" will do (but not
// a guessable one); his form is faces and pictures, each with words for
// screen readers; he sends it with a drawing, and his IRO reads it.
func TestUnder8ChildJourney(t *testing.T) {
	s := apitest.New(t)
	leo := childNamed(t, s, "Leo")
	code := inviteLeo(t, s)
	activate := func(pw string) *apitest.Response {
		return s.Query("", activateMutation, map[string]any{"c": code, "u": "leo.t", "p": pw})
	}
	// Off by default: 12 characters.
	if r := activate("owl pizza"); r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "12") {
		t.Fatalf("a short password with the setting off: %s", r.Raw)
	}
	allowShortPasswords(t, s)
	for _, pw := range []string{"football", "12345678", "leo pizza", "owlpiz7"} {
		if r := activate(pw); r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "password" {
			t.Errorf("%q: %s", pw, r.Raw)
		}
	}
	r := activate("owl pizza")
	tok, _ := apitest.Path(r.Data, "activateAccount", "accessToken").(string)
	if tok == "" {
		t.Fatalf("activate with a short password: %s", r.Raw)
	}
	if r := s.Query(tok, policyQuery, nil); apitest.Path(r.Data, "passwordPolicy", "minLength") != float64(8) {
		t.Errorf("Leo's password policy: %s", r.Raw)
	}
	if r := s.Query(tok, changeQuery, map[string]any{"c": "owl pizza", "n": "tiger moon"}); len(r.Errors) > 0 {
		t.Fatalf("change to another short password: %s", r.Raw)
	}
	sess, r := login(t, s, "leo.t", "tiger moon")
	if len(r.Errors) > 0 {
		t.Fatalf("login with the new short password: %s", r.Raw)
	}
	tok = sess.access
	// The login throttle still holds: five wrong tries, then a wait.
	for i := 0; i < 5; i++ {
		s.QueryFrom("198.51.100.20:4000", "", `mutation { login(input: {username: "leo.t", password: "tiger mood"}) { accessToken } }`, nil)
	}
	if r := s.QueryFrom("198.51.100.20:4000", "", `mutation { login(input: {username: "leo.t", password: "tiger moon"}) { accessToken } }`, nil); r.Code() != "RATE_LIMITED" {
		t.Errorf("the sixth try after five wrong ones: %s", r.Raw)
	}

	// The form for 4 to 7.
	r = s.Query(tok, formQuery, map[string]any{"id": leo.ID})
	form := apitest.Path(r.Data, "child", "wishesAndFeelingsForm")
	if apitest.Path(form, "key") != forms.ChildUnder8Key {
		t.Fatalf("Leo's form: %s", r.Raw)
	}
	for _, q := range apitest.Path(form, "questions").([]any) {
		for _, o := range apitest.Path(q, "options").([]any) {
			if apitest.Path(o, "emoji") == "" || apitest.Path(o, "altText") == "" || apitest.Path(o, "emoji") == nil {
				t.Errorf("%v: option %v has no picture or no words for it", apitest.Path(q, "key"), o)
			}
		}
	}
	// Sent with a drawing; his IRO reads it and sees the drawing.
	in := map[string]any{"childId": leo.ID, "shareWith": "CHAIR_AND_SOCIAL_WORKER", "idempotencyKey": "leo-1", "attachments": []any{nil},
		"answers": []map[string]any{{"questionKey": "feel_home", "value": "5"}, {"questionKey": "happy_things", "value": "pets,playing"},
			{"questionKey": "come_to_meeting", "value": "not_sure"}}}
	r = s.Upload(tok, submitMutation, map[string]any{"in": in},
		apitest.File{Path: "variables.in.attachments.0", Name: "my-dog.png", Data: picturetest.PNG(picturetest.Halves(30, 20))})
	id, _ := apitest.Path(r.Data, "submitWishesAndFeelings", "submission", "id").(string)
	if id == "" {
		t.Fatalf("Leo sends his views: %s", r.Raw)
	}
	iro := s.Login("iro.demo")
	r = s.Query(iro, `query($id: ID!) { node(id: $id) { ... on WishesAndFeelings { answers { questionKey value } attachments { downloadPath } } } }`, map[string]any{"id": id})
	path, _ := apitest.Path(r.Data, "node", "attachments", 0, "downloadPath").(string)
	if len(apitest.Path(r.Data, "node", "answers").([]any)) != 3 || path == "" {
		t.Fatalf("the IRO reads Leo's views: %s", r.Raw)
	}
	if rec := s.Download(iro, path); rec.Code != 200 || rec.Header().Get("Content-Type") != "image/png" {
		t.Errorf("the IRO downloads Leo's drawing: %d", rec.Code)
	}

	// Jamie is 12: the standard rule, setting or not.
	jamie := s.Login("child.demo")
	if r := s.Query(jamie, policyQuery, nil); apitest.Path(r.Data, "passwordPolicy", "minLength") != float64(12) {
		t.Errorf("Jamie's password policy: %s", r.Raw)
	}
	if r := s.Query(jamie, changeQuery, map[string]any{"c": "kite-demo-password", "n": "sock monkey"}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a 12-year-old's short password: %s", r.Raw)
	}
	// Nobody signed in: the standard rule.
	if r := s.Query("", policyQuery, nil); apitest.Path(r.Data, "passwordPolicy", "minLength") != float64(12) {
		t.Errorf("the public password policy: %s", r.Raw)
	}
}

// TestChildrenUnder4HaveNoForm: a child of 3 has no form, and is told so
// kindly if they try to send their views; at 4 the under-8 form starts,
// and at 8 the younger form.
func TestChildrenUnder4HaveNoForm(t *testing.T) {
	s := apitest.New(t)
	c := s.Client()
	ctx := apitest.System()
	jamie := childNamed(t, s, "Jamie")
	like := userID(t, s, "child.demo")
	u := c.User.Create().SetAuthorityID(jamie.AuthorityID).SetRole(domain.RoleChild).SetUsername("tiny.one").
		SetDisplayName("Tiny").SetPasswordHash(like.PasswordHash).SaveX(ctx)
	tiny := c.Child.Create().SetAuthorityID(jamie.AuthorityID).SetPreferredName("Tiny").SetStatus(domain.InCare).
		SetUserID(u.ID).SaveX(ctx)
	id := c.ChildIdentity.Create().SetAuthorityID(jamie.AuthorityID).SetChildID(tiny.ID).SetLegalName("Tiny One").
		SetDateOfBirth(s.Today.AddYears(-3)).SaveX(ctx)
	tok := s.Login("tiny.one")
	manager := s.Login("manager.demo")
	for who, token := range map[string]string{"the child": tok, "a manager": manager} {
		r := s.Query(token, formQuery, map[string]any{"id": tiny.ID})
		if apitest.Path(r.Data, "child", "age") != float64(3) || apitest.Path(r.Data, "child", "wishesAndFeelingsForm") != nil {
			t.Errorf("%s reads a 3-year-old's form: %s", who, r.Raw)
		}
	}
	r := submit(t, s, tok, tiny.ID, "tiny-1", false, map[string]any{"answers": []map[string]any{}})
	if r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "no form") {
		t.Errorf("a 3-year-old sends views: %s", r.Raw)
	}
	r = s.Query(tok, draftMutation, map[string]any{"in": map[string]any{"childId": tiny.ID, "answers": []map[string]any{}}})
	if r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a 3-year-old saves a draft: %s", r.Raw)
	}
	for age, want := range map[int]string{4: forms.ChildUnder8Key, 7: forms.ChildUnder8Key, 8: forms.ChildYoungerKey, 11: forms.ChildOlderKey} {
		c.ChildIdentity.UpdateOneID(id.ID).SetDateOfBirth(s.Today.AddYears(-age)).ExecX(ctx)
		r := s.Query(tok, formQuery, map[string]any{"id": tiny.ID})
		if apitest.Path(r.Data, "child", "wishesAndFeelingsForm", "key") != want {
			t.Errorf("age %d: %s, want %s", age, r.Raw, want)
		}
	}
	// At 8, the younger form's second version: the first was for 4 to 10.
	c.ChildIdentity.UpdateOneID(id.ID).SetDateOfBirth(s.Today.AddYears(-8)).ExecX(ctx)
	r = s.Query(tok, formQuery, map[string]any{"id": tiny.ID})
	if apitest.Path(r.Data, "child", "wishesAndFeelingsForm", "version") != float64(2) {
		t.Errorf("age 8: %s", r.Raw)
	}
}

// TestAnUnbornBabyHasNoAccountOrForm: inviting an unborn baby to an account
// is refused plainly, and the data layer refuses it too; the baby's
// parents can still be invited; the baby has no form.
func TestAnUnbornBabyHasNoAccountOrForm(t *testing.T) {
	s := apitest.New(t)
	baby := childNamed(t, s, "Baby Taylor")
	manager := s.Login("manager.demo")
	before := s.Client().Invitation.Query().CountX(apitest.System())
	r := s.Query(manager, inviteMutation, map[string]any{"in": map[string]any{"childId": baby.ID, "role": "CHILD", "displayName": "Baby"}})
	if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "childId" || !strings.Contains(r.Errors[0].Message, "unborn") {
		t.Fatalf("invite an unborn baby: %s", r.Raw)
	}
	if s.Client().Invitation.Query().CountX(apitest.System()) != before {
		t.Fatal("the refused invitation was stored")
	}
	// The rule is in the data layer too (internal/access), not only the service.
	m := userID(t, s, "manager.demo")
	mv := &viewer.Viewer{UserID: m.ID, AuthorityID: m.AuthorityID, Role: domain.RoleManager}
	err := s.Client().Invitation.Create().SetAuthorityID(m.AuthorityID).SetRole(domain.RoleChild).SetDisplayName("Baby").
		SetCodeHash("direct").SetExpiresAt(s.Today.AddDays(3).Time()).SetCreatedByID(m.ID).SetChildID(baby.ID).
		Exec(viewer.NewContext(context.Background(), mv))
	if err == nil || s.Client().Invitation.Query().Where(invitation.CodeHash("direct")).ExistX(apitest.System()) {
		t.Fatal("the data layer let a manager invite an unborn baby to an account")
	}
	// Parents of an unborn baby still join.
	r = s.Query(manager, inviteMutation, map[string]any{"in": map[string]any{"childId": baby.ID, "role": "PARENT",
		"displayName": "Chloe Taylor", "relationship": "mother", "parentalResponsibility": true}})
	if len(r.Errors) > 0 {
		t.Fatalf("invite the baby's mother: %s", r.Raw)
	}
	r = s.Query(manager, formQuery, map[string]any{"id": baby.ID})
	if r.Data["child"] == nil || apitest.Path(r.Data, "child", "wishesAndFeelingsForm") != nil {
		t.Errorf("an unborn baby's form: %s", r.Raw)
	}
}
