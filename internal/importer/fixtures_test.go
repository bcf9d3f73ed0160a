package importer_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/child"
	"kite/ent/childidentity"
	"kite/ent/familylink"
	"kite/ent/meeting"
	"kite/ent/plan"
	"kite/ent/privacy"
	_ "kite/ent/runtime" // the access policies; without them every query fails
	"kite/ent/user"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/importer"
	"kite/internal/testdb"
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
