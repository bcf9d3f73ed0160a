package graph_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"kite/ent"
	"kite/ent/formtemplate"
	"kite/ent/user"
	"kite/internal/apitest"
	"kite/internal/domain"
	"kite/internal/forms"
)

// addCaseload gives iro.demo and sw.demo n more children in care, each with
// a care plan, a held and a scheduled review, an alert and two sent
// submissions.
func addCaseload(t *testing.T, s *apitest.Server, n int) {
	t.Helper()
	ctx := apitest.System()
	c := s.Client()
	iro := c.User.Query().Where(user.Username("iro.demo")).OnlyX(ctx)
	sw := c.User.Query().Where(user.Username("sw.demo")).OnlyX(ctx)
	form := c.FormTemplate.Query().Where(formtemplate.Key(forms.ChildOlderKey)).FirstX(ctx)
	start := s.Today.AddMonths(-8)
	for i := 0; i < n; i++ {
		ch := c.Child.Create().SetAuthorityID(iro.AuthorityID).SetPreferredName(fmt.Sprintf("Extra %d", i)).
			SetStatus(domain.InCare).SetBecameLookedAfterOn(start).SaveX(ctx)
		c.ChildIdentity.Create().SetAuthorityID(iro.AuthorityID).SetChildID(ch.ID).SetLegalName("Extra Child").
			SetDateOfBirth(s.Today.AddYears(-10)).ExecX(ctx)
		for _, st := range []struct {
			staff *ent.User
			kind  domain.AllocationKind
		}{{iro, domain.AllocIRO}, {sw, domain.AllocSocialWorker}} {
			c.Allocation.Create().SetAuthorityID(iro.AuthorityID).SetChildID(ch.ID).SetStaffID(st.staff.ID).
				SetKind(st.kind).SetStartsOn(start).ExecX(ctx)
		}
		c.Plan.Create().SetAuthorityID(iro.AuthorityID).SetChildID(ch.ID).SetKind(domain.CarePlan).SetStartsOn(start).ExecX(ctx)
		held := start.AddDays(25)
		c.Meeting.Create().SetAuthorityID(iro.AuthorityID).SetChildID(ch.ID).SetKind(domain.CICReview).
			SetStatus(domain.Held).SetHeldOn(held).SetDueBy(held).SetParticipationCode(domain.PN1).ExecX(ctx)
		c.Meeting.Create().SetAuthorityID(iro.AuthorityID).SetChildID(ch.ID).SetKind(domain.CICReview).
			SetStatus(domain.Scheduled).SetScheduledFor(time.Now().AddDate(0, 0, 20)).SetDueBy(held.AddMonths(3)).ExecX(ctx)
		c.Alert.Create().SetAuthorityID(iro.AuthorityID).SetChildID(ch.ID).SetRaisedByID(iro.ID).
			SetLevel(domain.InformalAlert).SetReason(domain.DriftOrDelay).SetAddressedTo(domain.RoleSocialWorker).
			SetResponseDueBy(s.Today.AddDays(5)).ExecX(ctx)
		for j := 0; j < 2; j++ {
			c.WishesAndFeelings.Create().SetAuthorityID(iro.AuthorityID).SetChildID(ch.ID).SetFormTemplateID(form.ID).
				SetAnswers([]forms.Answer{{QuestionKey: "going_well", Value: "ok"}}).SetStatus(domain.Submitted).
				SetShareWith(domain.ChairAndSocialWorker).SetSubmittedAt(time.Now()).ExecX(ctx)
		}
	}
}

const caseload70 = `{ myCaseload(first: 70) { totalCount edges { node { id preferredName
	nextMeetingDue { kind dueBy overdue } chair { name email } unreadSubmissionCount } } } }`

// caseload70Urgent is caseload70 with a filter that keeps every child (it
// only puts urgent ones first), so that its page is never empty.
const caseload70Urgent = `{ myCaseload(first: 70, urgentFirst: true) { totalCount edges { node { id preferredName
	nextMeetingDue { kind dueBy overdue } chair { name email } unreadSubmissionCount } } } }`

// caseloadStatements is the most a caseload page may run (issue 14's bar is
// 8): the viewer, the page with its total, plans, submission counts,
// meetings, allocations with their staff, and the audit event. A filtered
// caseload reads the same: every child of the caseload with their plans,
// meetings and counts to judge them, and the page's children's fields are
// answered from those reads.
const caseloadStatements = 7

// TestCaseloadStatementCount: myCaseload(first: 70) with each child's next
// due meeting, chair and unread count runs the same number of statements
// for a small caseload and a larger one — for staff, and for a manager
// whose counts come from an aggregate — filtered or not.
func TestCaseloadStatementCount(t *testing.T) {
	for _, who := range []string{"iro.demo", "sw.demo", "manager.demo"} {
		small, large := apitest.New(t), apitest.New(t)
		addCaseload(t, small, 3)
		addCaseload(t, large, 30)
		for name, q := range map[string]string{"unfiltered": caseload70, "urgent first": caseload70Urgent} {
			var counts [2]int
			for i, s := range []*apitest.Server{small, large} {
				tok := s.Login(who)
				s.Query(tok, q, nil) // warm the query caches
				counts[i] = s.Statements(func() {
					r := s.Query(tok, q, nil)
					if len(r.Errors) > 0 {
						t.Fatal(r.Raw)
					}
					if !strings.Contains(r.Raw, "Extra 2") {
						t.Fatalf("%s: the caseload does not show the added children: %s", who, r.Raw)
					}
				})
			}
			t.Logf("%s: myCaseload(first: 70), %s, ran %d statements with a few children, %d with 30 more", who, name, counts[0], counts[1])
			if counts[0] != counts[1] {
				t.Errorf("%s: %s: statements grew with the caseload: %d then %d", who, name, counts[0], counts[1])
			}
			if counts[0] > caseloadStatements {
				t.Errorf("%s: %s: %d statements; the bar is %d", who, name, counts[0], caseloadStatements)
			}
		}
	}
}

// TestCaseloadReadsInOneRoundTrip: on PostgreSQL an unfiltered caseload
// page's plans, meetings, chairs and counts go to the server in one batch
// (dashboard.Prefetch), after the page that names the children: four round
// trips with the viewer's, the page's and the audit event's, for the same
// seven statements.
func TestCaseloadReadsInOneRoundTrip(t *testing.T) {
	s := apitest.New(t)
	if s.Pipeline == nil {
		t.Skip("batches are PostgreSQL's")
	}
	addCaseload(t, s, 3)
	tok := s.Login("iro.demo")
	r, b, n, statements := batchesOf(s, tok, caseload70, nil)
	if len(r.Errors) > 0 || !strings.Contains(r.Raw, "Extra 2") {
		t.Fatalf("the caseload is not whole: %s", r.Raw)
	}
	if b != 1 || n != 4 || statements != caseloadStatements {
		t.Errorf("%d batches of %d statements in %d statements; want 1 of 4 in %d", b, n, statements, caseloadStatements)
	}
}

// batchesOf runs query as tok on PostgreSQL and returns its answer, how
// many batches it sent (internal/pipeline) holding how many statements, and
// how many statements it ran in all.
func batchesOf(s *apitest.Server, tok, query string, vars map[string]any) (r *apitest.Response, batches, batched int64, statements int) {
	b0, n0 := s.Pipeline.Batches()
	statements = s.Statements(func() { r = s.Query(tok, query, vars) })
	b1, n1 := s.Pipeline.Batches()
	return r, b1 - b0, n1 - n0, statements
}

// TestFilteredCaseloadAnswersAsUnfiltered: a filtered caseload's children
// show the due dates, chairs and counts the unfiltered caseload shows for
// them, though they come from the reads that judged the filter rather than
// the page's own.
func TestFilteredCaseloadAnswersAsUnfiltered(t *testing.T) {
	s := apitest.New(t)
	addCaseload(t, s, 4)
	for _, who := range []string{"iro.demo", "sw.demo", "manager.demo"} {
		tok := s.Login(who)
		nodes := func(q string) map[string]string {
			var out struct {
				MyCaseload struct {
					Edges []struct {
						Node json.RawMessage `json:"node"`
					} `json:"edges"`
				} `json:"myCaseload"`
			}
			r := s.Query(tok, q, nil)
			if len(r.Errors) > 0 {
				t.Fatal(r.Raw)
			}
			var body struct{ Data json.RawMessage }
			if err := json.Unmarshal([]byte(r.Raw), &body); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(body.Data, &out); err != nil {
				t.Fatal(err)
			}
			byID := map[string]string{}
			for _, e := range out.MyCaseload.Edges {
				var n struct{ ID string }
				if err := json.Unmarshal(e.Node, &n); err != nil {
					t.Fatal(err)
				}
				byID[n.ID] = string(e.Node)
			}
			return byID
		}
		plain, urgent := nodes(caseload70), nodes(caseload70Urgent)
		if len(plain) < 5 || len(plain) != len(urgent) {
			t.Fatalf("%s: %d children unfiltered, %d with urgent ones first", who, len(plain), len(urgent))
		}
		for id, n := range plain {
			if urgent[id] != n {
				t.Errorf("%s: child %s\nunfiltered: %s\nfiltered:   %s", who, id, n, urgent[id])
			}
		}
	}
}

// TestListFieldsRunFixedStatements: the list fields a chair's pages show —
// the inbox with each child, a caseload with identities and current plan
// versions, a child's meetings with what was sent for each, allocations
// with staff, alerts with their child — run the same number of statements
// with a few rows as with many.
func TestListFieldsRunFixedStatements(t *testing.T) {
	queries := map[string]string{
		"inbox": `{ receivedSubmissions(limit: 100) { id child { preferredName } } }`,
		"caseload": `{ myCaseload(first: 70) { edges { node { identity { legalName }
			currentPlan { currentVersion { version } } plans { currentVersion { version } } } } } }`,
		"alerts": `{ alerts { id child { preferredName } } }`,
	}
	for name, q := range queries {
		small, large := apitest.New(t), apitest.New(t)
		addCaseload(t, small, 2)
		addCaseload(t, large, 25)
		var counts [2]int
		for i, s := range []*apitest.Server{small, large} {
			tok := s.Login("iro.demo")
			s.Query(tok, q, nil) // warm the query caches
			counts[i] = s.Statements(func() {
				if r := s.Query(tok, q, nil); len(r.Errors) > 0 {
					t.Fatal(r.Raw)
				}
			})
		}
		t.Logf("%s: %d statements with a few children, %d with 23 more", name, counts[0], counts[1])
		if counts[0] != counts[1] {
			t.Errorf("%s: statements grew with the data: %d then %d", name, counts[0], counts[1])
		}
	}
}

// TestChildPageRunsFixedStatements: a child's page for their chair, with
// every meeting's submissions and parents' views, allocations with staff and
// family links with parents, runs the same number of statements however
// many meetings there are.
func TestChildPageRunsFixedStatements(t *testing.T) {
	q := `query($id: ID!) { child(id: $id) { identity { legalName } plans { currentVersion { version } }
		meetings { id submissions { id } parentViews { id } }
		allocations { staff { displayName } } familyLinks { parent { displayName } } } }`
	var counts [2]int
	for i, extra := range []int{0, 12} {
		s := apitest.New(t)
		jamie := childNamed(t, s, "Jamie")
		c := s.Client()
		ctx := apitest.System()
		form := c.FormTemplate.Query().Where(formtemplate.Key(forms.ChildOlderKey)).FirstX(ctx)
		for j := 0; j < extra; j++ {
			m := c.Meeting.Create().SetAuthorityID(jamie.AuthorityID).SetChildID(jamie.ID).SetKind(domain.CoreGroup).
				SetStatus(domain.Scheduled).SetScheduledFor(time.Now().AddDate(0, 0, 10+j)).SetDueBy(s.Today.AddDays(20 + j)).SaveX(ctx)
			c.WishesAndFeelings.Create().SetAuthorityID(jamie.AuthorityID).SetChildID(jamie.ID).SetFormTemplateID(form.ID).
				SetMeetingID(m.ID).SetAnswers([]forms.Answer{{QuestionKey: "going_well", Value: "ok"}}).SetStatus(domain.Submitted).
				SetShareWith(domain.ChairAndSocialWorker).SetSubmittedAt(time.Now()).ExecX(ctx)
		}
		tok := s.Login("iro.demo")
		s.Query(tok, q, map[string]any{"id": jamie.ID})
		counts[i] = s.Statements(func() {
			if r := s.Query(tok, q, map[string]any{"id": jamie.ID}); len(r.Errors) > 0 {
				t.Fatal(r.Raw)
			}
		})
	}
	t.Logf("child page: %d statements, then %d with 12 more meetings", counts[0], counts[1])
	if counts[0] != counts[1] {
		t.Errorf("the child page's statements grew with its meetings: %d then %d", counts[0], counts[1])
	}
}

// TestChairsAloneReadOnce: a child's chairs asked without their social
// worker are read alone (access.CurrentChairs: the allocations' statement
// narrowed to the chairs' kinds), in one statement, as the dashboard's
// contacts are read with the social worker: Query.child's prefetch and the
// chair resolvers choose the same read.
func TestChairsAloneReadOnce(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	tok := s.Login("iro.demo")
	vars := map[string]any{"id": jamie.ID}
	for _, tc := range []struct {
		query    string
		narrowed int
	}{
		{`query($id: ID!) { child(id: $id) { chair { name } socialWorker { name } } }`, 0},
		{`query($id: ID!) { child(id: $id) { chair { name } chairs { name } } }`, 1},
		{`query($id: ID!) { child(id: $id) { ...on Child { chair { name } } ...on Child { socialWorker { name } } } }`, 0},
	} {
		// The reads of allocations with their staff, and how many of them
		// keep to the chairs' kinds.
		reads, narrowed := readsOf(t, s, tok, tc.query, vars, "FROM allocations LEFT JOIN users", "allocations.kind IN",
			func(r *apitest.Response) bool { return r.Data["child"].(map[string]any)["chair"] != nil })
		if reads != 1 || narrowed != tc.narrowed {
			t.Errorf("%s: %d reads of allocations, %d of them the chairs alone; want 1 and %d", tc.query, reads, narrowed, tc.narrowed)
		}
	}
}

// TestDueDatesReadFewPlanColumns: a child's next due meeting asked without
// their plans is worked out from the few plan columns the timescales read
// (dashboard.NextDue), and with them from the whole plans read anyway — one
// statement reading plans either way, chosen alike by Query.child's
// prefetch, the caseload's batch and the resolvers. A filtered caseload
// reads its children's plans once, narrowly, to judge them, and its page
// answers from those rows.
func TestDueDatesReadFewPlanColumns(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	tok := s.Login("iro.demo")
	child := map[string]any{"id": jamie.ID}
	for _, tc := range []struct {
		query string
		vars  map[string]any
		whole int
	}{
		{`query($id: ID!) { child(id: $id) { nextMeetingDue { kind dueBy } } }`, child, 0},
		{`query($id: ID!) { child(id: $id) { currentPlan { id } nextMeetingDue { kind dueBy } } }`, child, 1},
		{`query($id: ID!) { child(id: $id) { ...on Child { nextMeetingDue { kind } } ...on Child { plans { id } } } }`, child, 1},
		{caseload70, nil, 0},
		{caseload70Urgent, nil, 0},
	} {
		// The reads of plans, and how many of them read whole rows (a
		// column the timescales do not read among them).
		reads, whole := readsOf(t, s, tok, tc.query, tc.vars, "FROM plans", "plans.category", nil)
		if reads != 1 || whole != tc.whole {
			t.Errorf("%s: %d reads of plans, %d of them whole rows; want 1 and %d", tc.query, reads, whole, tc.whole)
		}
	}
}

// readsOf runs query (once before, to warm the query caches) and counts
// the statements it ran that read from (a table, as "FROM plans"), and how
// many of those hold marker, in either dialect's quoting. It fails on an
// answer with errors, or one that answered does not accept (when given).
func readsOf(t *testing.T, s *apitest.Server, tok, query string, vars map[string]any, from, marker string,
	answered func(*apitest.Response) bool) (reads, marked int) {
	t.Helper()
	s.Query(tok, query, vars)
	for _, line := range s.StatementsOf(func() {
		r := s.Query(tok, query, vars)
		if len(r.Errors) > 0 || (answered != nil && !answered(r)) {
			t.Fatal(r.Raw)
		}
	}) {
		line = strings.NewReplacer("`", "", `"`, "").Replace(line)
		if strings.Contains(line, from) {
			reads++
			if strings.Contains(line, marker) {
				marked++
			}
		}
	}
	return reads, marked
}
