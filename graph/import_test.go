package graph_test

import (
	"strings"
	"testing"

	"kite/ent/allocation"
	"kite/ent/child"
	"kite/ent/familylink"
	"kite/ent/user"
	"kite/internal/apitest"
)

func TestImportRecordsThroughTheAPI(t *testing.T) {
	s := apitest.New(t)
	q := `mutation($in: ImportRecordsInput!) { importRecords(input: $in) { applied kinds { kind created updated unchanged rejected problems { row field message } } } }`
	doc := `{"users":[{"external_id":"CS-U1","role":"SOCIAL_WORKER","display_name":"Alex Moss","work_email":"alex.moss@example.org"}],
	  "children":[{"external_id":"CS-C1","preferred_name":"Robin","legal_name":"Robin Ash","date_of_birth":"2015-03-04","status":"IN_CARE","became_looked_after_on":"2025-01-10"}]}`
	in := map[string]any{"in": map[string]any{"format": "JSON", "files": []map[string]any{{"content": doc}}}}
	admin := s.Login("admin.demo")
	for _, name := range []string{"iro.demo", "child.demo", "parent.demo"} {
		if r := s.Query(s.Login(name), q, in); r.Code() != "FORBIDDEN" {
			t.Fatalf("%s importing: %s", name, r.Raw)
		}
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
	  "family_links":[]}`
	links := `{"family_links":[{"external_id":"CS-L1","child_ref":"CS-C1","parent_ref":"CS-P1","relationship":"mother","parental_responsibility":true}]}`
	// The admin imports the records, a manager the family link.
	for _, step := range []struct{ token, doc string }{{admin, doc}, {manager, links}} {
		r := s.Query(step.token, `mutation($in: ImportRecordsInput!) { importRecords(input: $in) { applied kinds { problems { message } } } }`,
			map[string]any{"in": map[string]any{"format": "JSON", "files": []map[string]any{{"content": step.doc}}}})
		if apitest.Path(r.Data, "importRecords", "applied") != true {
			t.Fatalf("import: %s", r.Raw)
		}
	}
	parent := s.Client().User.Query().Where(user.DisplayName("Jo Ash")).OnlyX(apitest.System())
	q := `mutation($id: ID!) { inviteExistingAccount(userId: $id) { code } }`
	if r := s.Query(admin, q, map[string]any{"id": parent.ID}); r.Code() != "FORBIDDEN" {
		t.Fatalf("an admin inviting a parent: %s", r.Raw)
	}
	r := s.Query(manager, q, map[string]any{"id": parent.ID})
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

// TestAllocationsAndLinksImportNeedAManager: allocations and family links
// give a member of staff or a parent access to a child, which docs/access.md
// leaves to managers. An admin's import of them is refused row by row, and
// nothing of it is written; a manager's is applied.
func TestAllocationsAndLinksImportNeedAManager(t *testing.T) {
	s := apitest.New(t)
	admin, manager := s.Login("admin.demo"), s.Login("manager.demo")
	q := `mutation($in: ImportRecordsInput!) { importRecords(input: $in) { applied kinds { kind rejected problems { row field message } } } }`
	doc := func(d string) map[string]any {
		return map[string]any{"in": map[string]any{"format": "JSON", "files": []map[string]any{{"content": d}}}}
	}
	people := `{"users":[{"external_id":"CS-U1","role":"IRO","display_name":"Alex Moss","work_email":"alex.moss@example.org"},
	    {"external_id":"CS-P1","role":"PARENT","display_name":"Jo Ash"}],
	  "children":[{"external_id":"CS-C1","preferred_name":"Robin","legal_name":"Robin Ash","date_of_birth":"2015-03-04","status":"IN_CARE","became_looked_after_on":"2025-01-10"}]}`
	if r := s.Query(admin, q, doc(people)); apitest.Path(r.Data, "importRecords", "applied") != true {
		t.Fatalf("admin imports accounts and children: %s", r.Raw)
	}
	access := `{"allocations":[{"external_id":"CS-A1","child_ref":"CS-C1","staff_ref":"CS-U1","kind":"IRO","starts_on":"2025-01-10"}],
	  "family_links":[{"external_id":"CS-L1","child_ref":"CS-C1","parent_ref":"CS-P1","relationship":"mother","parental_responsibility":true}]}`
	r := s.Query(admin, q, doc(access))
	if apitest.Path(r.Data, "importRecords", "applied") != false {
		t.Fatalf("an admin imports allocations and family links: %s", r.Raw)
	}
	for i, kind := range []string{"allocations", "family_links"} {
		k := apitest.Path(r.Data, "importRecords", "kinds", i).(map[string]any)
		problems := k["problems"].([]any)
		if k["kind"] != kind || k["rejected"] != float64(1) || len(problems) != 1 || apitest.Path(problems[0], "row") != float64(1) ||
			!strings.Contains(apitest.Path(problems[0], "message").(string), "manager") {
			t.Errorf("%s: %v", kind, k)
		}
	}
	if n := s.Client().Allocation.Query().Where(allocation.ExternalID("CS-A1")).CountX(apitest.System()) +
		s.Client().FamilyLink.Query().Where(familylink.ExternalID("CS-L1")).CountX(apitest.System()); n != 0 {
		t.Fatalf("the refused import wrote %d records", n)
	}
	// A manager's import of the same rows is applied.
	if r := s.Query(manager, q, doc(access)); apitest.Path(r.Data, "importRecords", "applied") != true {
		t.Fatalf("a manager imports allocations and family links: %s", r.Raw)
	}
	if !s.Client().Allocation.Query().Where(allocation.ExternalID("CS-A1")).ExistX(apitest.System()) {
		t.Fatal("the manager's import wrote no allocation")
	}
	// But a manager does not import accounts.
	r = s.Query(manager, q, doc(`{"users":[{"external_id":"CS-U2","role":"MANAGER","display_name":"Sam Reed"}]}`))
	if apitest.Path(r.Data, "importRecords", "applied") != false || apitest.Path(r.Data, "importRecords", "kinds", 0, "rejected") != float64(1) {
		t.Fatalf("a manager imports an account: %s", r.Raw)
	}
}
