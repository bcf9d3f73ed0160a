package importer_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/auditevent"
	"kite/ent/child"
	"kite/ent/childidentity"
	"kite/ent/familylink"
	"kite/ent/meeting"
	"kite/ent/plan"
	"kite/ent/privacy"
	_ "kite/ent/runtime" // the access policies; without them every query fails
	"kite/ent/user"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/importer"
	"kite/internal/testdb"
	"kite/internal/viewer"
)

// system is the context of system code, which sees every row.
func system() context.Context { return privacy.DecisionContext(context.Background(), privacy.Allow) }

// setup opens a fresh database with two authorities.
func setup(t *testing.T) (client *ent.Client, a, b ident.ID) {
	t.Helper()
	st := testdb.Open(t)
	return st.Client, authority(t, st.Client, "Alpha Borough"), authority(t, st.Client, "Beta Shire")
}

func authority(t *testing.T, c *ent.Client, name string) ident.ID {
	t.Helper()
	la, err := c.LocalAuthority.Create().SetName(name).Save(system())
	if err != nil {
		t.Fatalf("create authority %s: %v", name, err)
	}
	return la.ID
}

// A complete import, as CSV: five people, three children (one unborn), two
// plans, four allocations, two family links and four meetings.
var fullCSV = map[string]string{
	importer.Users: `external_id,role,display_name,work_email,work_phone
U1,IRO,Priya Shah,priya.shah@alpha.example,020 7946 0001
U2,SOCIAL_WORKER,Sam Patel,sam.patel@alpha.example,
U3,CP_CHAIR,Chris Okafor,,
U4,PARENT,Dana Robinson,,
U5,MANAGER,Morgan Lee,,
`,
	importer.Children: `external_id,preferred_name,pronouns,legal_name,date_of_birth,expected_date_of_birth,status,became_looked_after_on
C1,Jamie,he/him,James Robinson,2014-05-01,,IN_CARE,2024-01-10
C2,Lily,she/her,"Lily Robinson",2016-09-12,,CP_PLAN,
C3,Baby Robinson,,Baby Robinson,,2027-02-01,CP_PLAN,
`,
	importer.Plans: `external_id,child_ref,kind,starts_on,ends_on,end_reason,category,strategy_discussion_on
P1,C1,CARE_PLAN,2024-01-10,,,,
P2,C2,CHILD_PROTECTION_PLAN,2024-03-01,,,NEGLECT,2024-02-10
`,
	importer.Allocations: `external_id,child_ref,staff_ref,kind,starts_on,ends_on
A1,C1,U1,IRO,2024-01-12,
A2,C1,U2,SOCIAL_WORKER,2024-01-10,
A3,C2,U3,CP_CHAIR,2024-03-01,
A4,C2,U2,SOCIAL_WORKER,2024-02-10,
`,
	importer.FamilyLinks: `external_id,child_ref,parent_ref,relationship,parental_responsibility,may_view_care_plan,active
F1,C2,U4,mother,true,false,true
F2,C1,U4,mother,TRUE,true,true
`,
	importer.Meetings: `external_id,child_ref,plan_ref,kind,status,scheduled_for,venue,due_by,held_on,participation_code
M1,C1,P1,CIC_REVIEW,HELD,2024-02-05T10:00:00Z,Town Hall,2024-02-07,2024-02-05,PN1
M2,C1,P1,CIC_REVIEW,SCHEDULED,2030-05-05T10:00:00+01:00,online,2030-05-07,,
M3,C2,P2,INITIAL_CP_CONFERENCE,HELD,,,2024-03-01,2024-03-01,
M4,C2,,CORE_GROUP,,,,2030-03-15,,
`,
}

// The rows of fullCSV per kind.
var fullCounts = map[string]int{
	importer.Users: 5, importer.Children: 3, importer.Plans: 2,
	importer.Allocations: 4, importer.FamilyLinks: 2, importer.Meetings: 4,
}

// csvFiles turns kind → text into files, in the order of Kinds backwards (the
// order of the files does not matter).
func csvFiles(m map[string]string) []importer.File {
	var files []importer.File
	for i := len(importer.Kinds) - 1; i >= 0; i-- {
		if data, ok := m[importer.Kinds[i]]; ok {
			files = append(files, importer.File{Kind: importer.Kinds[i], Data: []byte(data)})
		}
	}
	return files
}

// with returns a copy of m with some kinds replaced.
func with(m map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// only returns the kinds of m named.
func only(m map[string]string, kinds ...string) map[string]string {
	out := map[string]string{}
	for _, k := range kinds {
		out[k] = m[k]
	}
	return out
}

func importCSV(t *testing.T, c *ent.Client, la ident.ID, m map[string]string) *importer.Report {
	t.Helper()
	rep, err := importer.Import(system(), c, la, importer.CSV, csvFiles(m))
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

func importJSON(t *testing.T, c *ent.Client, la ident.ID, doc string) *importer.Report {
	t.Helper()
	rep, err := importer.Import(system(), c, la, importer.JSON, []importer.File{{Data: []byte(doc)}})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

func kindOf(t *testing.T, rep *importer.Report, kind string) importer.KindReport {
	t.Helper()
	for _, k := range rep.Kinds {
		if k.Kind == kind {
			return k
		}
	}
	t.Fatalf("report has no %s: %+v", kind, rep)
	return importer.KindReport{}
}

// wantApplied checks that the import was applied with these counts per kind
// (created, updated, unchanged).
func wantApplied(t *testing.T, rep *importer.Report, counts map[string][3]int) {
	t.Helper()
	if !rep.Applied {
		t.Fatalf("not applied:\n%s", strings.Join(rep.Problems(), "\n"))
	}
	if len(rep.Kinds) != len(counts) {
		t.Errorf("report has %d kinds, want %d: %+v", len(rep.Kinds), len(counts), rep.Kinds)
	}
	for kind, want := range counts {
		k := kindOf(t, rep, kind)
		got := [3]int{k.Created, k.Updated, k.Unchanged}
		if got != want || k.Rejected != 0 || len(k.Problems) != 0 {
			t.Errorf("%s: created, updated, unchanged = %v, want %v (rejected %d, problems %v)", kind, got, want, k.Rejected, k.Problems)
		}
		if k.Rows != want[0]+want[1]+want[2] {
			t.Errorf("%s: rows = %d, want %d", kind, k.Rows, want[0]+want[1]+want[2])
		}
	}
}

func allCreated(counts map[string]int) map[string][3]int {
	out := map[string][3]int{}
	for k, n := range counts {
		out[k] = [3]int{n, 0, 0}
	}
	return out
}

func allUnchanged(counts map[string]int) map[string][3]int {
	out := map[string][3]int{}
	for k, n := range counts {
		out[k] = [3]int{0, 0, n}
	}
	return out
}

// problem is an expected problem: kind, row, field and a part of the message.
type problem struct {
	kind  string
	row   int
	field string
	text  string
}

// wantRejected checks that nothing was applied and that the report lists
// exactly these problems.
func wantRejected(t *testing.T, rep *importer.Report, want ...problem) {
	t.Helper()
	if rep.Applied {
		t.Fatalf("applied, want rejected with %v", want)
	}
	var got []problem
	for _, k := range rep.Kinds {
		if k.Created+k.Updated+k.Unchanged != 0 {
			t.Errorf("%s: counts %d/%d/%d on a rejected import", k.Kind, k.Created, k.Updated, k.Unchanged)
		}
		rows := map[int]bool{}
		for _, p := range k.Problems {
			got = append(got, problem{k.Kind, p.Row, p.Field, p.Message})
			if p.Row > 0 {
				rows[p.Row] = true
			}
		}
		if k.Rejected != len(rows) {
			t.Errorf("%s: rejected = %d, want %d (rows with problems)", k.Kind, k.Rejected, len(rows))
		}
	}
	for _, w := range want {
		i := slices.IndexFunc(got, func(g problem) bool {
			return g.kind == w.kind && g.row == w.row && g.field == w.field && strings.Contains(g.text, w.text)
		})
		if i < 0 {
			t.Errorf("missing problem %s row %d %s: …%s…", w.kind, w.row, w.field, w.text)
			continue
		}
		got = slices.Delete(got, i, i+1)
	}
	for _, g := range got {
		t.Errorf("unexpected problem %s row %d %s: %s", g.kind, g.row, g.field, g.text)
	}
}

// counts is how many records of each kind the authority has.
func counts(t *testing.T, c *ent.Client, la ident.ID) map[string]int {
	t.Helper()
	ctx := system()
	out := map[string]int{}
	var err error
	n := func(kind string, q interface {
		Count(context.Context) (int, error)
	}) {
		count, e := q.Count(ctx)
		out[kind] = count
		err = errors.Join(err, e)
	}
	n(importer.Users, c.User.Query().Where(user.AuthorityID(la)))
	n(importer.Children, c.Child.Query().Where(child.AuthorityID(la)))
	n("identities", c.ChildIdentity.Query().Where(childidentity.AuthorityID(la)))
	n(importer.Plans, c.Plan.Query().Where(plan.AuthorityID(la)))
	n(importer.Allocations, c.Allocation.Query().Where(allocation.AuthorityID(la)))
	n(importer.FamilyLinks, c.FamilyLink.Query().Where(familylink.AuthorityID(la)))
	n(importer.Meetings, c.Meeting.Query().Where(meeting.AuthorityID(la)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func fullDB() map[string]int {
	out := map[string]int{"identities": fullCounts[importer.Children]}
	for k, n := range fullCounts {
		out[k] = n
	}
	return out
}

func emptyDB() map[string]int {
	out := map[string]int{"identities": 0}
	for k := range fullCounts {
		out[k] = 0
	}
	return out
}

func wantCounts(t *testing.T, c *ent.Client, la ident.ID, want map[string]int) {
	t.Helper()
	got := counts(t, c, la)
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s in the database: %d, want %d", k, got[k], n)
		}
	}
}

// byExt loads one record of the authority by external id.
func childByExt(t *testing.T, c *ent.Client, la ident.ID, ext string) *ent.Child {
	t.Helper()
	ch, err := c.Child.Query().Where(child.AuthorityID(la), child.ExternalID(ext)).WithIdentity().Only(system())
	if err != nil {
		t.Fatalf("child %s: %v", ext, err)
	}
	return ch
}

func userByExt(t *testing.T, c *ent.Client, la ident.ID, ext string) *ent.User {
	t.Helper()
	u, err := c.User.Query().Where(user.AuthorityID(la), user.ExternalID(ext)).Only(system())
	if err != nil {
		t.Fatalf("user %s: %v", ext, err)
	}
	return u
}

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

// checkFullImport checks the records fullCSV (or fullJSON) makes.
func checkFullImport(t *testing.T, c *ent.Client, a ident.ID) {
	t.Helper()
	ctx := system()
	jamie := childByExt(t, c, a, "C1")
	if jamie.PreferredName != "Jamie" || jamie.Pronouns != "he/him" || jamie.Status != domain.InCare ||
		jamie.BecameLookedAfterOn == nil || *jamie.BecameLookedAfterOn != "2024-01-10" || jamie.AuthorityID != a {
		t.Errorf("Jamie: %+v", jamie)
	}
	if id := jamie.Edges.Identity; id == nil || id.LegalName != "James Robinson" || *id.DateOfBirth != "2014-05-01" ||
		id.ExpectedDateOfBirth != nil || id.AuthorityID != a {
		t.Errorf("Jamie's identity: %+v", id)
	}
	baby := childByExt(t, c, a, "C3")
	if id := baby.Edges.Identity; id.DateOfBirth != nil || id.ExpectedDateOfBirth == nil || *id.ExpectedDateOfBirth != "2027-02-01" {
		t.Errorf("the unborn baby's identity: %+v", id)
	}

	iro := userByExt(t, c, a, "U1")
	if iro.Role != domain.RoleIRO || iro.DisplayName != "Priya Shah" || iro.WorkEmail != "priya.shah@alpha.example" ||
		iro.WorkPhone != "020 7946 0001" || iro.Username != nil || iro.PasswordHash != "" || !iro.Active {
		t.Errorf("the IRO: %+v", iro)
	}
	sw, parent := userByExt(t, c, a, "U2"), userByExt(t, c, a, "U4")

	allocs, err := c.Allocation.Query().Where(allocation.AuthorityID(a), allocation.ChildID(jamie.ID)).
		Order(allocation.ByKind()).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(allocs) != 2 || allocs[0].Kind != domain.AllocIRO || allocs[0].StaffID != iro.ID ||
		allocs[0].StartsOn != "2024-01-12" || allocs[0].EndsOn != nil ||
		allocs[1].Kind != domain.AllocSocialWorker || allocs[1].StaffID != sw.ID {
		t.Errorf("Jamie's allocations: %+v", allocs)
	}

	link, err := c.FamilyLink.Query().Where(familylink.ExternalID("F2"), familylink.AuthorityID(a)).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if link.ChildID != jamie.ID || link.ParentID != parent.ID || link.Relationship != "mother" ||
		!link.ParentalResponsibility || !link.MayViewCarePlan || !link.Active {
		t.Errorf("link F2: %+v", link)
	}

	p1, err := c.Plan.Query().Where(plan.ExternalID("P1"), plan.AuthorityID(a)).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := c.Plan.Query().Where(plan.ExternalID("P2"), plan.AuthorityID(a)).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p1.ChildID != jamie.ID || p1.Kind != domain.CarePlan || p1.Category != nil ||
		p2.Kind != domain.ChildProtectionPlan || p2.Category == nil || *p2.Category != domain.Neglect ||
		p2.StrategyDiscussionOn == nil || *p2.StrategyDiscussionOn != "2024-02-10" {
		t.Errorf("plans: %+v %+v", p1, p2)
	}

	m1, err := c.Meeting.Query().Where(meeting.ExternalID("M1"), meeting.AuthorityID(a)).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if m1.ChildID != jamie.ID || m1.PlanID == nil || *m1.PlanID != p1.ID || m1.Status != domain.Held ||
		m1.HeldOn == nil || *m1.HeldOn != "2024-02-05" || m1.ParticipationCode == nil || *m1.ParticipationCode != domain.PN1 ||
		m1.Venue == nil || *m1.Venue != "Town Hall" || m1.DueBy != "2024-02-07" ||
		m1.ScheduledFor == nil || !m1.ScheduledFor.Equal(time.Date(2024, 2, 5, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("M1: %+v", m1)
	}
	m2, err := c.Meeting.Query().Where(meeting.ExternalID("M2"), meeting.AuthorityID(a)).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !m2.ScheduledFor.Equal(time.Date(2030, 5, 5, 9, 0, 0, 0, time.UTC)) || m2.Status != domain.Scheduled {
		t.Errorf("M2: %+v", m2)
	}
	m4, err := c.Meeting.Query().Where(meeting.ExternalID("M4"), meeting.AuthorityID(a)).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if m4.PlanID != nil || m4.Venue != nil || m4.ScheduledFor != nil || m4.Status != domain.Scheduled {
		t.Errorf("M4 (no plan, venue or time; status by default): %+v", m4)
	}
}

// fullJSON is fullCSV as one JSON file.
const fullJSON = `{
  "users": [
    {"external_id": "U1", "role": "IRO", "display_name": "Priya Shah", "work_email": "priya.shah@alpha.example", "work_phone": "020 7946 0001"},
    {"external_id": "U2", "role": "SOCIAL_WORKER", "display_name": "Sam Patel", "work_email": "sam.patel@alpha.example"},
    {"external_id": "U3", "role": "CP_CHAIR", "display_name": "Chris Okafor", "work_email": null},
    {"external_id": "U4", "role": "PARENT", "display_name": "Dana Robinson"},
    {"external_id": "U5", "role": "MANAGER", "display_name": "Morgan Lee"}
  ],
  "children": [
    {"external_id": "C1", "preferred_name": "Jamie", "pronouns": "he/him", "legal_name": "James Robinson",
     "date_of_birth": "2014-05-01", "status": "IN_CARE", "became_looked_after_on": "2024-01-10"},
    {"external_id": "C2", "preferred_name": "Lily", "pronouns": "she/her", "legal_name": "Lily Robinson",
     "date_of_birth": "2016-09-12", "status": "CP_PLAN"},
    {"external_id": "C3", "preferred_name": "Baby Robinson", "legal_name": "Baby Robinson",
     "expected_date_of_birth": "2027-02-01", "status": "CP_PLAN"}
  ],
  "plans": [
    {"external_id": "P1", "child_ref": "C1", "kind": "CARE_PLAN", "starts_on": "2024-01-10"},
    {"external_id": "P2", "child_ref": "C2", "kind": "CHILD_PROTECTION_PLAN", "starts_on": "2024-03-01",
     "category": "NEGLECT", "strategy_discussion_on": "2024-02-10"}
  ],
  "allocations": [
    {"external_id": "A1", "child_ref": "C1", "staff_ref": "U1", "kind": "IRO", "starts_on": "2024-01-12"},
    {"external_id": "A2", "child_ref": "C1", "staff_ref": "U2", "kind": "SOCIAL_WORKER", "starts_on": "2024-01-10", "ends_on": null},
    {"external_id": "A3", "child_ref": "C2", "staff_ref": "U3", "kind": "CP_CHAIR", "starts_on": "2024-03-01"},
    {"external_id": "A4", "child_ref": "C2", "staff_ref": "U2", "kind": "SOCIAL_WORKER", "starts_on": "2024-02-10"}
  ],
  "family_links": [
    {"external_id": "F1", "child_ref": "C2", "parent_ref": "U4", "relationship": "mother",
     "parental_responsibility": true, "may_view_care_plan": false, "active": true},
    {"external_id": "F2", "child_ref": "C1", "parent_ref": "U4", "relationship": "mother",
     "parental_responsibility": "true", "may_view_care_plan": true}
  ],
  "meetings": [
    {"external_id": "M1", "child_ref": "C1", "plan_ref": "P1", "kind": "CIC_REVIEW", "status": "HELD",
     "scheduled_for": "2024-02-05T10:00:00Z", "venue": "Town Hall", "due_by": "2024-02-07",
     "held_on": "2024-02-05", "participation_code": "PN1"},
    {"external_id": "M2", "child_ref": "C1", "plan_ref": "P1", "kind": "CIC_REVIEW", "status": "SCHEDULED",
     "scheduled_for": "2030-05-05T10:00:00+01:00", "venue": "online", "due_by": "2030-05-07"},
    {"external_id": "M3", "child_ref": "C2", "plan_ref": "P2", "kind": "INITIAL_CP_CONFERENCE", "status": "HELD",
     "due_by": "2024-03-01", "held_on": "2024-03-01"},
    {"external_id": "M4", "child_ref": "C2", "kind": "CORE_GROUP", "due_by": "2030-03-15"}
  ]
}`

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

func TestCSVHeaderProblems(t *testing.T) {
	c, a, _ := setup(t)
	rep := importCSV(t, c, a, with(fullCSV, importer.Children, `external_id,preferred_name,pronouns,date_of_birth,status
C1,Jamie,he/him,2014-05-01,IN_CARE
C2,Lily,,2016-09-12,CP_PLAN
C3,Baby,,,CP_PLAN
`))
	// The plans and allocations that name C1 are not also "not found".
	wantRejected(t, rep, problem{importer.Children, 0, "legal_name", "the header has no legal_name column, which is required"})
	wantCounts(t, c, a, emptyDB())

	rep = importCSV(t, c, a, map[string]string{importer.Users: "External_ID, Role ,display_name,display_name,email\nU1,IRO,Priya,Priya,p@x.example\n"})
	wantRejected(t, rep,
		problem{importer.Users, 0, "display_name", "names display_name twice"},
		problem{importer.Users, 0, "email", `"email" is not a column of users`},
	)

	rep = importCSV(t, c, a, map[string]string{importer.Users: ""})
	wantRejected(t, rep, problem{importer.Users, 0, "", "the file is empty"})

	rep = importCSV(t, c, a, map[string]string{importer.Users: "external_id,role,display_name\nU1,IRO\nU2,IRO,\"Sam\n"})
	wantRejected(t, rep,
		problem{importer.Users, 1, "", "this row has 2 values but the header has 3 columns"},
		problem{importer.Users, 2, "", "this row cannot be read"},
	)

	// A byte order mark and upper-case names are fine.
	rep = importCSV(t, c, a, map[string]string{importer.Users: "\xef\xbb\xbfEXTERNAL_ID,Role,Display_Name\r\nU1,IRO,Priya Shah\r\n"})
	wantApplied(t, rep, map[string][3]int{importer.Users: {1, 0, 0}})
}

func TestRules(t *testing.T) {
	c, a, _ := setup(t)
	wantApplied(t, importCSV(t, c, a, fullCSV), allCreated(fullCounts))

	rep := importCSV(t, c, a, map[string]string{
		importer.Users: `external_id,role,display_name,work_email,work_phone
U1,SOCIAL_WORKER,Priya Shah,,
U6,ADMIN,Ada Min,,
U7,CHILD,Kid,,
U8,PARENT,Pat Parent,pat@home.example,
U9,IRO,Ivy,not-an-email,
U9,IRO,Ivy Again,,
U10,,Nobody,,
`,
		importer.Children: `external_id,preferred_name,legal_name,date_of_birth,expected_date_of_birth,status,became_looked_after_on
C4,Ann,Ann Smith,,,NEITHER,
C5,Ben,Ben Smith,2090-01-01,,CP_PLAN,
C6,Cal,Cal Smith,2015-01-01,,IN_CARE,
C7,Dee,Dee Smith,2015-01-01,,BOTH,2014-12-31
C8,Eve,"Eve
Smith",2015-01-01,,NEITHER,
C9,` + strings.Repeat("x", 101) + `,F Smith,1850-01-01,,NEITHER,
`,
		importer.Plans: `external_id,child_ref,kind,starts_on,ends_on,end_reason,category,strategy_discussion_on
P3,C1,CHILD_PROTECTION_PLAN,2025-01-01,,,,
P4,C1,CARE_PLAN,2025-01-01,2024-12-31,moved,NEGLECT,2024-12-01
P5,C2,CHILD_PROTECTION_PLAN,2025-01-01,,ended,PHYSICAL,2025-02-01
P2,C1,CHILD_PROTECTION_PLAN,2024-03-01,,,NEGLECT,
`,
		importer.Allocations: `external_id,child_ref,staff_ref,kind,starts_on,ends_on
A5,C1,U4,SOCIAL_WORKER,2025-01-01,
A6,C1,U3,IRO,2025-01-01,
A7,C2,U1,IRO,2025-01-01,2024-01-01
A8,C1,U2,SOCIAL_WORKER,2025-06-01,
A1,C2,U1,IRO,2024-01-12,
A9,C3,U5,MANAGER,2025-01-01,
`,
		importer.FamilyLinks: `external_id,child_ref,parent_ref,relationship,parental_responsibility
F3,C1,U3,mother,true
F4,C2,U4,mother,true
F5,C3,U4,,maybe
`,
		importer.Meetings: `external_id,child_ref,plan_ref,kind,status,scheduled_for,venue,due_by,held_on,participation_code
M5,C2,P1,CIC_REVIEW,,,,2026-01-01,,
M6,C1,P1,CORE_GROUP,,,,2026-01-01,,
M7,C1,P1,CIC_REVIEW,HELD,,,2026-01-01,,
M8,C1,P1,CIC_REVIEW,SCHEDULED,,,2026-01-01,2025-12-01,PN1
M9,C2,P2,CORE_GROUP,HELD,tomorrow,,2026-01-01,2025-12-01,PN2
M10,C1,P1,CIC_REVIEW,HELD,,,2026-01-01,2099-01-01,
M11,C1,NOPE,CIC_REVIEW,,,,,,
`,
	})
	wantRejected(t, rep,
		problem{importer.Users, 1, "role", "this person is an IRO in Kite; an import does not change a person's role"},
		problem{importer.Users, 2, "role", "ADMIN accounts are not imported"},
		problem{importer.Users, 3, "role", "CHILD accounts are not imported"},
		problem{importer.Users, 4, "work_email", "is for staff only"},
		problem{importer.Users, 5, "work_email", `"not-an-email" is not an email address`},
		problem{importer.Users, 6, "external_id", `"U9" is also the external_id of row 5`},
		problem{importer.Users, 7, "role", "is required"},

		problem{importer.Children, 1, "date_of_birth", "is required: give the date of birth, or for an unborn baby the expected_date_of_birth"},
		problem{importer.Children, 2, "date_of_birth", "2090-01-01 is in the future"},
		problem{importer.Children, 3, "became_looked_after_on", "is required for a child in care (status IN_CARE)"},
		problem{importer.Children, 4, "became_looked_after_on", "2014-12-31 is before the child's date_of_birth (2015-01-01)"},
		problem{importer.Children, 5, "legal_name", "contains a line break"},
		problem{importer.Children, 6, "preferred_name", "is too long: at most 100 characters"},
		problem{importer.Children, 6, "date_of_birth", "1850-01-01 is not a likely date"},

		problem{importer.Plans, 1, "category", "is required for a child protection plan"},
		problem{importer.Plans, 2, "ends_on", "2024-12-31 is before starts_on (2025-01-01)"},
		problem{importer.Plans, 2, "category", "is for child protection plans only"},
		problem{importer.Plans, 2, "strategy_discussion_on", "is for child protection plans only"},
		problem{importer.Plans, 3, "end_reason", "is given but the plan has no ends_on"},
		problem{importer.Plans, 3, "strategy_discussion_on", "2025-02-01 is after the plan's starts_on (2025-01-01)"},
		problem{importer.Plans, 4, "child_ref", "this plan is for another child in Kite"},

		problem{importer.Allocations, 1, "staff_ref", `"U4" is a PARENT, not SOCIAL_WORKER`},
		problem{importer.Allocations, 2, "staff_ref", `"U3" is a CP_CHAIR, not IRO`},
		problem{importer.Allocations, 3, "ends_on", "2024-01-01 is before starts_on (2025-01-01)"},
		problem{importer.Allocations, 4, "ends_on", `more than one current SOCIAL_WORKER allocation (this one and one already in Kite (external_id "A2"))`},
		problem{importer.Allocations, 5, "child_ref", "this allocation is for another child in Kite"},
		problem{importer.Allocations, 6, "kind", `"MANAGER" is not one of IRO, CP_CHAIR, SOCIAL_WORKER`},

		problem{importer.FamilyLinks, 1, "parent_ref", `"U3" is a CP_CHAIR, not PARENT`},
		problem{importer.FamilyLinks, 2, "parent_ref", `already linked to this child by one already in Kite (external_id "F1")`},
		problem{importer.FamilyLinks, 3, "relationship", "is required"},
		problem{importer.FamilyLinks, 3, "parental_responsibility", `"maybe" is not true or false`},

		problem{importer.Meetings, 1, "plan_ref", `"P1" is a plan for another child`},
		problem{importer.Meetings, 2, "plan_ref", `"P1" is a CARE_PLAN; a CORE_GROUP belongs with a CHILD_PROTECTION_PLAN`},
		problem{importer.Meetings, 3, "held_on", "is required when the status is HELD"},
		problem{importer.Meetings, 4, "held_on", "is given but the status is SCHEDULED"},
		problem{importer.Meetings, 4, "participation_code", "is recorded for a held review only"},
		problem{importer.Meetings, 5, "scheduled_for", `"tomorrow" is not a date and time`},
		problem{importer.Meetings, 5, "participation_code", "is for child-in-care reviews only, not a CORE_GROUP"},
		problem{importer.Meetings, 6, "held_on", "2099-01-01 is in the future"},
		problem{importer.Meetings, 7, "plan_ref", `there is no plan with external_id "NOPE"`},
		problem{importer.Meetings, 7, "due_by", "is required"},
	)
	wantCounts(t, c, a, fullDB())
}

func TestRulesWithinOneImport(t *testing.T) {
	c, a, _ := setup(t)
	rep := importCSV(t, c, a, with(fullCSV,
		importer.Allocations, fullCSV[importer.Allocations]+"A5,C1,U1,IRO,2025-01-01,\nA6,C1,U1,IRO,2023-01-01,2023-12-31\n",
		importer.FamilyLinks, fullCSV[importer.FamilyLinks]+"F3,C2,U4,father,false,false,false\n",
		importer.Meetings, fullCSV[importer.Meetings]+"M5,C1,P2,CIC_REVIEW,,,,2026-01-01,,\n",
	))
	wantRejected(t, rep,
		problem{importer.Allocations, 1, "ends_on", "more than one current IRO allocation (this one and row 5)"},
		problem{importer.Allocations, 5, "ends_on", "more than one current IRO allocation (this one and row 1)"},
		problem{importer.FamilyLinks, 3, "parent_ref", "already linked to this child by row 1"},
		problem{importer.Meetings, 5, "plan_ref", `"P2" is a plan for another child`},
	)
	wantCounts(t, c, a, emptyDB())
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

func TestJSONProblems(t *testing.T) {
	c, a, _ := setup(t)
	rep := importJSON(t, c, a, `{
	  "users": [
	    {"external_id": 1234, "role": "IRO", "display_name": "Numbered"},
	    {"external_id": "U2", "role": "IRO", "display_name": true, "nickname": "x"},
	    "U3",
	    {"external_id": "U4", "role": ["IRO"], "display_name": "Listed"}
	  ],
	  "family_links": [
	    {"external_id": "F1", "child_ref": "C1", "parent_ref": "U1", "relationship": "mother", "active": 1}
	  ]
	}`)
	wantRejected(t, rep,
		problem{importer.Users, 2, "display_name", "must be text, not true or false"},
		problem{importer.Users, 2, "nickname", `"nickname" is not a field of users`},
		problem{importer.Users, 3, "", "must be a JSON object"},
		problem{importer.Users, 4, "role", "must be text, not a JSON object or array"},
		problem{importer.FamilyLinks, 1, "active", "must be true or false"},
		problem{importer.FamilyLinks, 1, "child_ref", `there is no child with external_id "C1"`},
		problem{importer.FamilyLinks, 1, "parent_ref", `there is no user with external_id "U1"`},
	)

	// A number is fine as text.
	rep = importJSON(t, c, a, `{"users": [{"external_id": 1234, "role": "IRO", "display_name": "Numbered"}]}`)
	wantApplied(t, rep, map[string][3]int{importer.Users: {1, 0, 0}})
	userByExt(t, c, a, "1234")
}

func TestCallErrors(t *testing.T) {
	c, a, _ := setup(t)
	ctx := system()
	cases := []struct {
		name   string
		format importer.Format
		files  []importer.File
		want   string
	}{
		{"format", "xml", []importer.File{{Data: []byte("<x/>")}}, `The format must be "csv" or "json"`},
		{"csv kind", importer.CSV, []importer.File{{Kind: "people", Data: []byte("x\n")}}, `not "people"`},
		{"csv twice", importer.CSV, []importer.File{{Kind: "users", Data: []byte("x\n")}, {Kind: "users", Data: []byte("x\n")}}, "two CSV files of kind users"},
		{"nothing", importer.CSV, nil, "nothing to import"},
		{"json files", importer.JSON, []importer.File{{Data: []byte("{}")}, {Data: []byte("{}")}}, "A JSON import is one file"},
		{"json syntax", importer.JSON, []importer.File{{Data: []byte(`{"users": [`)}}, "must be one object"},
		{"json array", importer.JSON, []importer.File{{Data: []byte(`[]`)}}, "must be one object"},
		{"json kind", importer.JSON, []importer.File{{Data: []byte(`{"people": []}`)}}, `"people" is not a kind of record`},
		{"json not array", importer.JSON, []importer.File{{Data: []byte(`{"users": {}}`)}}, "users must be an array of objects"},
	}
	for _, tc := range cases {
		rep, err := importer.Import(ctx, c, a, tc.format, tc.files)
		var ie *importer.InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), tc.want) || rep != nil {
			t.Errorf("%s: %v, %v; want an InputError containing %q", tc.name, rep, err, tc.want)
		}
	}
	if _, err := importer.Import(ctx, c, "la_nope", importer.JSON, []importer.File{{Data: []byte(`{"users": []}`)}}); !errors.Is(err, importer.ErrAuthorityNotFound) {
		t.Errorf("unknown authority: %v", err)
	}
}

func TestTooManyRows(t *testing.T) {
	c, a, _ := setup(t)
	var b strings.Builder
	b.WriteString("external_id,role,display_name\n")
	for i := range importer.MaxRows + 1 {
		fmt.Fprintf(&b, "U%d,IRO,Person %d\n", i, i)
	}
	_, err := importer.Import(system(), c, a, importer.CSV, []importer.File{{Kind: importer.Users, Data: []byte(b.String())}})
	if !errors.Is(err, importer.ErrTooManyRows) || !strings.Contains(err.Error(), "at most 50000 rows") {
		t.Errorf("CSV: %v", err)
	}
	// Over several files together.
	half := "external_id,preferred_name,legal_name,date_of_birth,status\n" +
		strings.Repeat("C,Ann,Ann Smith,2015-01-01,NEITHER\n", importer.MaxRows/2+1)
	_, err = importer.Import(system(), c, a, importer.CSV, []importer.File{
		{Kind: importer.Children, Data: []byte(half)},
		{Kind: importer.Users, Data: []byte(strings.Replace(half, "preferred_name", "x", 1))},
	})
	if !errors.Is(err, importer.ErrTooManyRows) {
		t.Errorf("two CSV files: %v", err)
	}
	items := strings.Repeat(`{},`, importer.MaxRows) + `{}`
	_, err = importer.Import(system(), c, a, importer.JSON, []importer.File{{Data: []byte(`{"meetings": [` + items + `]}`)}})
	if !errors.Is(err, importer.ErrTooManyRows) {
		t.Errorf("JSON: %v", err)
	}
	wantCounts(t, c, a, emptyDB())
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

func TestReportProblemsAsText(t *testing.T) {
	rep := &importer.Report{Kinds: []importer.KindReport{{Kind: "users", Problems: []importer.Problem{
		{Row: 0, Field: "role", Message: "the header has no role column, which is required"},
		{Row: 3, Field: "", Message: "this row has 2 values but the header has 3 columns"},
	}}}}
	want := []string{
		"users file role: the header has no role column, which is required",
		"users row 3: this row has 2 values but the header has 3 columns",
	}
	if got := rep.Problems(); !slices.Equal(got, want) {
		t.Errorf("Problems() = %q", got)
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
