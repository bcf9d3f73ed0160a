package graph_test

import (
	"testing"

	"kite/ent/child"
	"kite/ent/user"
	"kite/internal/apitest"
)

func TestImportRecordsThroughTheAPI(t *testing.T) {
	s := apitest.New(t)
	q := `mutation($in: ImportRecordsInput!) { importRecords(input: $in) { applied kinds { kind created updated unchanged rejected problems { row field message } } } }`
	doc := `{"users":[{"external_id":"CS-U1","role":"SOCIAL_WORKER","display_name":"Alex Moss","work_email":"alex.moss@example.org"}],
	  "children":[{"external_id":"CS-C1","preferred_name":"Robin","legal_name":"Robin Ash","date_of_birth":"2015-03-04","status":"IN_CARE","became_looked_after_on":"2025-01-10"}],
	  "allocations":[{"external_id":"CS-A1","child_ref":"CS-C1","staff_ref":"CS-U1","kind":"SOCIAL_WORKER","starts_on":"2025-01-10"}]}`
	in := map[string]any{"in": map[string]any{"format": "JSON", "files": []map[string]any{{"content": doc}}}}
	admin := s.Login("admin.demo")
	if r := s.Query(s.Login("manager.demo"), q, in); r.Code() != "FORBIDDEN" {
		t.Fatalf("a manager importing: %s", r.Raw)
	}
	r := s.Query(admin, q, in)
	if apitest.Path(r.Data, "importRecords", "applied") != true {
		t.Fatalf("import: %s", r.Raw)
	}
	again := s.Query(admin, q, in)
	for _, k := range apitest.Path(again.Data, "importRecords", "kinds").([]any) {
		if apitest.Path(k, "created") != float64(0) {
			t.Errorf("re-run created records: %v", k)
		}
	}
	if n := s.Client().Child.Query().Where(child.PreferredName("Robin")).CountX(apitest.System()); n != 1 {
		t.Fatalf("%d Robins after two imports", n)
	}
	bad := map[string]any{"in": map[string]any{"format": "JSON", "files": []map[string]any{{"content": `{"children":[{"external_id":"CS-C2","preferred_name":"Sky","legal_name":"Sky Lee","date_of_birth":"2015-02-30","status":"IN_CARE"}]}`}}}}
	r = s.Query(admin, q, bad)
	if apitest.Path(r.Data, "importRecords", "applied") != false || apitest.Path(r.Data, "importRecords", "kinds", 0, "problems", 0, "field") != "date_of_birth" {
		t.Fatalf("bad row: %s", r.Raw)
	}
	if s.Client().Child.Query().Where(child.PreferredName("Sky")).ExistX(apitest.System()) {
		t.Fatal("a refused import wrote a record")
	}
}

// An imported parent's account is claimed with an invitation code: no second
// account, and the imported family link gives access.
func TestImportedParentSetsUpTheirAccount(t *testing.T) {
	s := apitest.New(t)
	admin, manager := s.Login("admin.demo"), s.Login("manager.demo")
	doc := `{"users":[{"external_id":"CS-P1","role":"PARENT","display_name":"Jo Ash"}],
	  "children":[{"external_id":"CS-C1","preferred_name":"Robin","legal_name":"Robin Ash","date_of_birth":"2015-03-04","status":"CP_PLAN"}],
	  "plans":[{"external_id":"CS-PL1","child_ref":"CS-C1","kind":"CHILD_PROTECTION_PLAN","starts_on":"2026-01-05","category":"NEGLECT","strategy_discussion_on":"2025-12-10"}],
	  "family_links":[{"external_id":"CS-L1","child_ref":"CS-C1","parent_ref":"CS-P1","relationship":"mother","parental_responsibility":true}]}`
	r := s.Query(admin, `mutation($in: ImportRecordsInput!) { importRecords(input: $in) { applied kinds { problems { message } } } }`,
		map[string]any{"in": map[string]any{"format": "JSON", "files": []map[string]any{{"content": doc}}}})
	if apitest.Path(r.Data, "importRecords", "applied") != true {
		t.Fatalf("import: %s", r.Raw)
	}
	parent := s.Client().User.Query().Where(user.DisplayName("Jo Ash")).OnlyX(apitest.System())
	q := `mutation($id: ID!) { inviteExistingAccount(userId: $id) { code } }`
	if r := s.Query(admin, q, map[string]any{"id": parent.ID}); r.Code() != "FORBIDDEN" {
		t.Fatalf("an admin inviting a parent: %s", r.Raw)
	}
	r = s.Query(manager, q, map[string]any{"id": parent.ID})
	code, _ := apitest.Path(r.Data, "inviteExistingAccount", "code").(string)
	if code == "" {
		t.Fatalf("invite: %s", r.Raw)
	}
	// A second code made before the account is set up.
	second, _ := apitest.Path(s.Query(manager, q, map[string]any{"id": parent.ID}).Data, "inviteExistingAccount", "code").(string)
	if second == "" {
		t.Fatal("no second code")
	}
	r = s.Query("", activateMutation, map[string]any{"c": code, "u": "jo.ash", "p": "velvet harbour lantern"})
	token, _ := apitest.Path(r.Data, "activateAccount", "accessToken").(string)
	if token == "" || apitest.Path(r.Data, "activateAccount", "user", "id") != string(parent.ID) {
		t.Fatalf("activate: %s", r.Raw)
	}
	if me := s.Query(token, meQuery, nil); apitest.Path(me.Data, "me", "children", 0, "preferredName") != "Robin" {
		t.Fatalf("the imported link: %s", me.Raw)
	}
	if r := s.Query(manager, q, map[string]any{"id": parent.ID}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("inviting a set-up account again: %s", r.Raw)
	}
	// The other code no longer takes over the account, nor ends its session.
	r = s.Query("", activateMutation, map[string]any{"c": second, "u": "someone.else", "p": "quiet meadow tractor"})
	if r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("the second code after set-up: %s", r.Raw)
	}
	if u := s.Client().User.GetX(apitest.System(), parent.ID); u.Username == nil || *u.Username != "jo.ash" {
		t.Fatalf("the second code changed the account: %v", u.Username)
	}
	if me := s.Query(token, meQuery, nil); len(me.Errors) > 0 {
		t.Fatalf("the parent's session after the second code: %s", me.Raw)
	}
}
