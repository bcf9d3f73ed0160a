package importer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"kite/ent/allocation"
	"kite/ent/auditevent"
	"kite/ent/user"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/importer"
	"kite/internal/viewer"
)

// Importing: records are created, then updated, never duplicated; a
// rejected import writes nothing; each authority's records stay its own.

func TestCSVCreatesThenUpdatesNeverDuplicates(t *testing.T) {
	c, a, _ := setup(t)

	rep := importCSV(t, c, a, fullCSV)
	wantApplied(t, rep, allCreated(fullCounts))
	wantCounts(t, c, a, fullDB())
	checkFullImport(t, c, a)

	// The same import again changes nothing and adds nothing.
	rep = importCSV(t, c, a, fullCSV)
	wantApplied(t, rep, allUnchanged(fullCounts))
	wantCounts(t, c, a, fullDB())

	// A changed row updates its record in place.
	jamie := childByExt(t, c, a, "C1")
	changed := with(fullCSV, importer.Children, strings.Replace(fullCSV[importer.Children],
		"C1,Jamie,he/him,James Robinson,2014-05-01", "C1,Jay,,James Robinson,2014-05-02", 1))
	rep = importCSV(t, c, a, changed)
	want := allUnchanged(fullCounts)
	want[importer.Children] = [3]int{0, 1, 2}
	wantApplied(t, rep, want)
	wantCounts(t, c, a, fullDB())
	after := childByExt(t, c, a, "C1")
	if after.ID != jamie.ID || after.PreferredName != "Jay" || after.Pronouns != "" ||
		*after.Edges.Identity.DateOfBirth != "2014-05-02" {
		t.Errorf("after the update: %+v, identity %+v", after, after.Edges.Identity)
	}
}

func TestJSONCreatesThenUpdatesNeverDuplicates(t *testing.T) {
	c, a, _ := setup(t)

	rep := importJSON(t, c, a, fullJSON)
	wantApplied(t, rep, allCreated(fullCounts))
	wantCounts(t, c, a, fullDB())
	checkFullImport(t, c, a)

	rep = importJSON(t, c, a, fullJSON)
	wantApplied(t, rep, allUnchanged(fullCounts))
	wantCounts(t, c, a, fullDB())

	// CSV and JSON describe the same records: importing the CSV now
	// changes nothing either.
	wantApplied(t, importCSV(t, c, a, fullCSV), allUnchanged(fullCounts))
}

func TestOmittedColumnKeepsEmptyValueClears(t *testing.T) {
	c, a, _ := setup(t)
	wantApplied(t, importCSV(t, c, a, fullCSV), allCreated(fullCounts))

	// No pronouns column: Jamie keeps his; Lily's row clears nothing either.
	rep := importCSV(t, c, a, map[string]string{importer.Children: `external_id,preferred_name,legal_name,date_of_birth,status,became_looked_after_on
C1,Jamie,James Robinson,2014-05-01,IN_CARE,2024-01-10
`})
	wantApplied(t, rep, map[string][3]int{importer.Children: {0, 0, 1}})
	if got := childByExt(t, c, a, "C1").Pronouns; got != "he/him" {
		t.Errorf("pronouns after an import without the column: %q", got)
	}

	// An empty value clears: the allocation ends, then goes on again.
	rep = importJSON(t, c, a, `{"allocations": [{"external_id": "A1", "child_ref": "C1", "staff_ref": "U1", "kind": "IRO", "starts_on": "2024-01-12", "ends_on": "2026-01-31"}]}`)
	wantApplied(t, rep, map[string][3]int{importer.Allocations: {0, 1, 0}})
	rep = importJSON(t, c, a, `{"allocations": [{"external_id": "A1", "child_ref": "C1", "staff_ref": "U1", "kind": "IRO", "starts_on": "2024-01-12"}]}`)
	wantApplied(t, rep, map[string][3]int{importer.Allocations: {0, 0, 1}}) // left out: kept
	a1, err := c.Allocation.Query().Where(allocation.ExternalID("A1"), allocation.AuthorityID(a)).Only(system())
	if err != nil || a1.EndsOn == nil || *a1.EndsOn != "2026-01-31" {
		t.Fatalf("A1 after leaving ends_on out: %+v, %v", a1, err)
	}
	rep = importJSON(t, c, a, `{"allocations": [{"external_id": "A1", "child_ref": "C1", "staff_ref": "U1", "kind": "IRO", "starts_on": "2024-01-12", "ends_on": ""}]}`)
	wantApplied(t, rep, map[string][3]int{importer.Allocations: {0, 1, 0}})
	a1, err = c.Allocation.Query().Where(allocation.ExternalID("A1"), allocation.AuthorityID(a)).Only(system())
	if err != nil || a1.EndsOn != nil {
		t.Fatalf("A1 after an empty ends_on: %+v, %v", a1, err)
	}
}

func TestBadRowsApplyNothing(t *testing.T) {
	c, a, _ := setup(t)
	bad := with(fullCSV,
		importer.Children, `external_id,preferred_name,pronouns,legal_name,date_of_birth,expected_date_of_birth,status,became_looked_after_on
C1,Jamie,he/him,James Robinson,2014-13-01,,IN_CARE,2024-01-10
C2,Lily,she/her,Lily Robinson,2016-09-12,,FOSTERED,
C3,Baby Robinson,,Baby Robinson,,2027-02-01,CP_PLAN,
`,
		importer.Plans, `external_id,child_ref,kind,starts_on,ends_on,end_reason,category,strategy_discussion_on
P1,C1,CARE_PLAN,2024-01-10,,,,
P2,,CHILD_PROTECTION_PLAN,2024-03-01,,,NEGLECT,2024-02-10
`)
	rep := importCSV(t, c, a, bad)
	wantRejected(t, rep,
		problem{importer.Children, 1, "date_of_birth", `"2014-13-01" is not a date`},
		problem{importer.Children, 2, "status", `"FOSTERED" is not one of IN_CARE, CP_PLAN, BOTH, NEITHER`},
		problem{importer.Plans, 2, "child_ref", "is required"},
	)
	// Nothing at all was written: not the children's good rows, nor the
	// users, whose file had no problem.
	wantCounts(t, c, a, emptyDB())
	if k := kindOf(t, rep, importer.Users); k.Rows != 5 || k.Rejected != 0 {
		t.Errorf("users: %+v", k)
	}

	// The same in JSON.
	var doc map[string][]map[string]any
	if err := json.Unmarshal([]byte(fullJSON), &doc); err != nil {
		t.Fatal(err)
	}
	doc["children"][0]["date_of_birth"] = "1/5/2014"
	doc["meetings"][3]["kind"] = "REVIEW"
	delete(doc["allocations"][2], "child_ref")
	doc["family_links"][0]["active"] = "yes"
	data, _ := json.Marshal(doc)
	rep = importJSON(t, c, a, string(data))
	wantRejected(t, rep,
		problem{importer.Children, 1, "date_of_birth", `"1/5/2014" is not a date: write it as YYYY-MM-DD`},
		problem{importer.Meetings, 4, "kind", `"REVIEW" is not one of`},
		problem{importer.Allocations, 3, "child_ref", "is required"},
		problem{importer.FamilyLinks, 1, "active", `"yes" is not true or false`},
	)
	wantCounts(t, c, a, emptyDB())

	// Fixed, it goes in.
	wantApplied(t, importJSON(t, c, a, fullJSON), allCreated(fullCounts))
}

func TestBadRowInAnUpdateChangesNothing(t *testing.T) {
	c, a, _ := setup(t)
	wantApplied(t, importCSV(t, c, a, fullCSV), allCreated(fullCounts))

	// Row 1 would rename Jamie, row 2 is bad: Jamie keeps his name.
	rep := importCSV(t, c, a, map[string]string{importer.Children: `external_id,preferred_name,legal_name,date_of_birth,status,became_looked_after_on
C1,Jay,James Robinson,2014-05-01,IN_CARE,2024-01-10
C2,Lily,Lily Robinson,2016-09-12,CP_PLAN,2030-01-01
`})
	wantRejected(t, rep, problem{importer.Children, 2, "became_looked_after_on", "2030-01-01 is in the future"})
	if got := childByExt(t, c, a, "C1").PreferredName; got != "Jamie" {
		t.Errorf("preferred name after a rejected import: %q", got)
	}
}

func TestOtherAuthoritysExternalIDsAreNotFound(t *testing.T) {
	c, a, b := setup(t)
	// Beta has the people, children and plans; Alpha has none of them.
	wantApplied(t, importCSV(t, c, b, only(fullCSV, importer.Users, importer.Children, importer.Plans)),
		map[string][3]int{importer.Users: {5, 0, 0}, importer.Children: {3, 0, 0}, importer.Plans: {2, 0, 0}})

	rep := importCSV(t, c, a, only(fullCSV, importer.Allocations, importer.FamilyLinks))
	wantRejected(t, rep,
		problem{importer.Allocations, 1, "child_ref", `there is no child with external_id "C1"`},
		problem{importer.Allocations, 1, "staff_ref", `there is no user with external_id "U1"`},
		problem{importer.Allocations, 2, "child_ref", `"C1"`},
		problem{importer.Allocations, 2, "staff_ref", `"U2"`},
		problem{importer.Allocations, 3, "child_ref", `"C2"`},
		problem{importer.Allocations, 3, "staff_ref", `"U3"`},
		problem{importer.Allocations, 4, "child_ref", `"C2"`},
		problem{importer.Allocations, 4, "staff_ref", `"U2"`},
		problem{importer.FamilyLinks, 1, "child_ref", `"C2"`},
		problem{importer.FamilyLinks, 1, "parent_ref", `there is no user with external_id "U4"`},
		problem{importer.FamilyLinks, 2, "child_ref", `"C1"`},
		problem{importer.FamilyLinks, 2, "parent_ref", `"U4"`},
	)

	// Alpha's own child, with a meeting on Beta's plan.
	rep = importJSON(t, c, a, `{
	  "children": [{"external_id": "K1", "preferred_name": "Kit", "legal_name": "Kit Jones", "date_of_birth": "2015-01-01", "status": "NEITHER"}],
	  "meetings": [{"external_id": "M1", "child_ref": "K1", "plan_ref": "P1", "kind": "CIC_REVIEW", "due_by": "2026-01-01"}]
	}`)
	wantRejected(t, rep, problem{importer.Meetings, 1, "plan_ref", `there is no plan with external_id "P1"`})

	wantCounts(t, c, a, emptyDB())
	wantCounts(t, c, b, map[string]int{importer.Users: 5, importer.Children: 3, importer.Plans: 2, importer.Allocations: 0})
}

func TestSameExternalIDsInTwoAuthoritiesStayApart(t *testing.T) {
	c, a, b := setup(t)
	wantApplied(t, importCSV(t, c, a, fullCSV), allCreated(fullCounts))
	// Beta's system uses the same ids for different people: they are Beta's
	// own records, created, not Alpha's updated.
	beta := with(fullCSV, importer.Children, strings.ReplaceAll(fullCSV[importer.Children], "Robinson", "Okonkwo"))
	wantApplied(t, importCSV(t, c, b, beta), allCreated(fullCounts))
	wantCounts(t, c, a, fullDB())
	wantCounts(t, c, b, fullDB())

	// Re-running Beta's import updates Beta's only.
	beta2 := with(beta, importer.Users, strings.Replace(beta[importer.Users], "Priya Shah", "Priya Shah-Jones", 1))
	want := allUnchanged(fullCounts)
	want[importer.Users] = [3]int{0, 1, 4}
	wantApplied(t, importCSV(t, c, b, beta2), want)

	if got := userByExt(t, c, a, "U1").DisplayName; got != "Priya Shah" {
		t.Errorf("Alpha's U1 is now %q", got)
	}
	if got := userByExt(t, c, b, "U1").DisplayName; got != "Priya Shah-Jones" {
		t.Errorf("Beta's U1 is %q", got)
	}
	alpha, betaChild := childByExt(t, c, a, "C1"), childByExt(t, c, b, "C1")
	if alpha.ID == betaChild.ID || alpha.Edges.Identity.LegalName != "James Robinson" ||
		betaChild.Edges.Identity.LegalName != "James Okonkwo" || betaChild.AuthorityID != b {
		t.Errorf("C1: Alpha %+v %+v, Beta %+v %+v", alpha, alpha.Edges.Identity, betaChild, betaChild.Edges.Identity)
	}
	// Every allocation in Beta links Beta's child to Beta's staff.
	allocs, err := c.Allocation.Query().Where(allocation.AuthorityID(b)).WithChild().WithStaff().All(system())
	if err != nil {
		t.Fatal(err)
	}
	for _, al := range allocs {
		if al.Edges.Child.AuthorityID != b || al.Edges.Staff.AuthorityID != b {
			t.Errorf("Beta's allocation %s crosses authorities", *al.ExternalID)
		}
	}
}

func TestEndingAnAllocationAndStartingTheNext(t *testing.T) {
	c, a, _ := setup(t)
	wantApplied(t, importCSV(t, c, a, fullCSV), allCreated(fullCounts))
	// Jamie's IRO changes: A1 ends, A5 starts, in the same import.
	yesterday := civil.Today().AddDays(-1)
	rep := importCSV(t, c, a, map[string]string{
		importer.Users: "external_id,role,display_name\nU6,IRO,Ola Nowak\n",
		importer.Allocations: fmt.Sprintf("external_id,child_ref,staff_ref,kind,starts_on,ends_on\nA1,C1,U1,IRO,2024-01-12,%s\nA5,C1,U6,IRO,%s,\n",
			yesterday, civil.Today()),
	})
	wantApplied(t, rep, map[string][3]int{importer.Users: {1, 0, 0}, importer.Allocations: {1, 1, 0}})
}

func TestRecordsMadeInKiteAreLeftAlone(t *testing.T) {
	c, a, _ := setup(t)
	ctx := system()
	// A child and an IRO made in Kite, without external ids, and an admin
	// whose external id the import then names.
	kid, err := c.Child.Create().SetAuthorityID(a).SetPreferredName("Kai").SetStatus(domain.InCare).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := c.User.Create().SetAuthorityID(a).SetRole(domain.RoleAdmin).SetDisplayName("Ada").SetExternalID("U9").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantApplied(t, importCSV(t, c, a, fullCSV), allCreated(fullCounts))
	rep := importCSV(t, c, a, map[string]string{importer.Users: "external_id,role,display_name\nU9,MANAGER,Ada Lovelace\n"})
	wantRejected(t, rep, problem{importer.Users, 1, "external_id", `"U9" is an ADMIN account in Kite, which an import does not change`})

	kid2, err := c.Child.Get(ctx, kid.ID)
	if err != nil || kid2.PreferredName != "Kai" || kid2.ExternalID != nil {
		t.Errorf("Kite's own child: %+v, %v", kid2, err)
	}
	admin2, err := c.User.Get(ctx, admin.ID)
	if err != nil || admin2.DisplayName != "Ada" || admin2.Role != domain.RoleAdmin {
		t.Errorf("the admin: %+v, %v", admin2, err)
	}
}

func TestAppliedImportIsAudited(t *testing.T) {
	c, a, _ := setup(t)
	wantApplied(t, importCSV(t, c, a, only(fullCSV, importer.Users)), map[string][3]int{importer.Users: {5, 0, 0}})
	wantRejected(t, importCSV(t, c, a, map[string]string{importer.Users: "external_id,role,display_name\nU1,,x\n"}),
		problem{importer.Users, 1, "role", "is required"})
	events, err := c.AuditEvent.Query().Where(auditevent.Action(importer.AuditAction)).All(system())
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 1 || events[0].AuthorityID == nil || *events[0].AuthorityID != a ||
		!strings.Contains(events[0].Reason, "users: 5 created, 0 updated, 0 unchanged") {
		t.Errorf("audit events: %+v", events)
	}
}

// TestFullSizeImport imports MaxRows rows (the limit is inclusive) twice, on
// a schedule a local authority's nightly import can keep.
func TestFullSizeImport(t *testing.T) {
	if testing.Short() {
		t.Skip("a full-size import takes a few seconds")
	}
	c, a, _ := setup(t)
	var u, ch, p, al, fl, m strings.Builder
	u.WriteString("external_id,role,display_name\n")
	ch.WriteString("external_id,preferred_name,legal_name,date_of_birth,status,became_looked_after_on\n")
	p.WriteString("external_id,child_ref,kind,starts_on\n")
	al.WriteString("external_id,child_ref,staff_ref,kind,starts_on\n")
	fl.WriteString("external_id,child_ref,parent_ref,relationship\n")
	m.WriteString("external_id,child_ref,plan_ref,kind,due_by\n")
	for i := range 5000 {
		fmt.Fprintf(&u, "S%d,IRO,Staff %d\nQ%d,PARENT,Parent %d\n", i, i, i, i)
		fmt.Fprintf(&fl, "F%d,C%d,Q%d,mother\n", i, i, i)
		fmt.Fprintf(&m, "M%d,C%d,P%d,CIC_REVIEW,2026-01-01\n", i, i, i)
	}
	for i := range 10000 {
		fmt.Fprintf(&ch, "C%d,Kid %d,Kid Legal %d,2015-01-01,IN_CARE,2024-01-01\n", i, i, i)
		fmt.Fprintf(&p, "P%d,C%d,CARE_PLAN,2024-01-01\n", i, i)
		fmt.Fprintf(&al, "A%d,C%d,S%d,IRO,2024-01-01\n", i, i, i%5000)
	}
	files := csvFiles(map[string]string{
		importer.Users: u.String(), importer.Children: ch.String(), importer.Plans: p.String(),
		importer.Allocations: al.String(), importer.FamilyLinks: fl.String(), importer.Meetings: m.String(),
	})
	sizes := map[string]int{
		importer.Users: 10000, importer.Children: 10000, importer.Plans: 10000,
		importer.Allocations: 10000, importer.FamilyLinks: 5000, importer.Meetings: 5000,
	}
	for run, want := range []map[string][3]int{allCreated(sizes), allUnchanged(sizes)} {
		start := time.Now()
		rep, err := importer.Import(system(), c, a, importer.CSV, files)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("run %d: %v", run+1, time.Since(start))
		wantApplied(t, rep, want)
	}
	sizes["identities"] = sizes[importer.Children]
	wantCounts(t, c, a, sizes)
}

// TestWhoImportsWhichKinds: through a viewer's context, each kind is
// imported only by the role docs/access.md gives it; every row of another kind is
// refused, and nothing at all is written. System code imports every kind; a
// context with neither imports nothing.
func TestWhoImportsWhichKinds(t *testing.T) {
	c, a, _ := setup(t)
	as := func(role domain.Role) context.Context {
		return viewer.NewContext(context.Background(), &viewer.Viewer{UserID: "usr_x", AuthorityID: a, Role: role})
	}
	files := csvFiles(fullCSV)
	for name, ctx := range map[string]context.Context{"admin": as(domain.RoleAdmin), "manager": as(domain.RoleManager),
		"iro": as(domain.RoleIRO), "nobody": context.Background()} {
		rep, err := importer.Import(ctx, c, a, importer.CSV, files)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rep.Applied {
			t.Fatalf("%s imported every kind", name)
		}
		for _, k := range rep.Kinds {
			mine := (name == "manager") == (k.Kind == importer.Allocations || k.Kind == importer.FamilyLinks) && name != "iro" && name != "nobody"
			if mine != (k.Rejected == 0) {
				t.Errorf("%s, %s: %d of %d rows refused: %v", name, k.Kind, k.Rejected, k.Rows, k.Problems)
			}
			if !mine && (len(k.Problems) != k.Rows || k.Problems[0].Row != 1 || k.Problems[0].Field != "") {
				t.Errorf("%s, %s: want one problem per row: %v", name, k.Kind, k.Problems)
			}
		}
		if n := c.User.Query().Where(user.AuthorityID(a)).CountX(system()); n != 0 {
			t.Fatalf("%s: a refused import wrote %d users", name, n)
		}
	}
	if rep := importCSV(t, c, a, fullCSV); !rep.Applied {
		t.Fatalf("system import: %v", rep.Problems())
	}
}
