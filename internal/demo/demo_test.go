package demo

import (
	"context"
	"database/sql"
	"regexp"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "modernc.org/sqlite"

	"kite/ent"
	"kite/ent/privacy"
	_ "kite/ent/runtime" // the access policies; without them every query fails
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/formtemplates"
	"kite/internal/refdata"
	"kite/internal/timescales"
)

// testHash stands in for the argon2id hash of Password: hashing is the
// caller's job, and a real hash would only slow the tests.
const testHash = "$argon2id$v=19$m=65536,t=1,p=2$c2VlZHRlc3Q$c2VlZHRlc3RoYXNo"

// openDB gives each test its own empty in-memory database with the schema.
func openDB(t *testing.T) *ent.Client {
	t.Helper()
	name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name())
	db, err := sql.Open("sqlite", "file:"+name+"?mode=memory&cache=shared&_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	client := ent.NewClient(ent.Driver(entsql.OpenDB(dialect.SQLite, db)))
	t.Cleanup(func() { client.Close() })
	if err := client.Schema.Create(context.Background()); err != nil {
		t.Fatal(err)
	}
	return client
}

// system is the context of system code, which sees every row.
func system() context.Context {
	return privacy.DecisionContext(context.Background(), privacy.Allow)
}

func TestIsEmptyAndSecondDemoRefused(t *testing.T) {
	client := openDB(t)
	ctx := context.Background()
	// Reference data alone leaves the database empty for seeding.
	if err := refdata.Write(ctx, client); err != nil {
		t.Fatal(err)
	}
	if empty, err := IsEmpty(ctx, client); err != nil || !empty {
		t.Fatalf("IsEmpty on a new database = %v, %v; want true", empty, err)
	}
	opts := Options{Today: civil.MustParse("2025-06-18"), PasswordHash: testHash}
	if err := Write(ctx, client, opts); err != nil {
		t.Fatal(err)
	}
	empty, err := IsEmpty(ctx, client)
	if err != nil || empty {
		t.Fatalf("IsEmpty after the demo = %v, %v; want false, so the caller refuses a second seed", empty, err)
	}
	// Should a caller run it anyway, it fails and writes nothing.
	before := client.Child.Query().CountX(system())
	if err := Write(ctx, client, opts); err == nil {
		t.Error("a second Demo succeeded; want an error")
	}
	if after := client.Child.Query().CountX(system()); after != before {
		t.Errorf("a failed second Demo left %d children, want %d", after, before)
	}
}

func TestDemoNeedsTodayAndHash(t *testing.T) {
	client := openDB(t)
	ctx := context.Background()
	if err := Write(ctx, client, Options{PasswordHash: testHash}); err == nil {
		t.Error("Demo without Today succeeded")
	}
	if err := Write(ctx, client, Options{Today: civil.MustParse("2025-06-18")}); err == nil {
		t.Error("Demo without a password hash succeeded")
	}
	if empty, _ := IsEmpty(ctx, client); !empty {
		t.Error("a refused Demo wrote data")
	}
}

// TestDemo seeds an empty database and checks everything docs/api.md lists,
// on an ordinary day, a leap day, month ends, around Christmas and today.
func TestDemo(t *testing.T) {
	days := []string{"2025-06-18", "2028-02-29", "2026-01-31", "2025-08-31", "2025-12-24", civil.Today().String()}
	for _, day := range days {
		t.Run(day, func(t *testing.T) {
			client := openDB(t)
			today := civil.MustParse(day)
			if err := Write(context.Background(), client, Options{Today: today, PasswordHash: testHash}); err != nil {
				t.Fatal(err)
			}
			w := load(t, client, today)
			w.checkAccounts()
			w.checkAuthorities()
			w.checkChildDemo()
			w.checkChild2Demo()
			w.checkParentDemo()
			w.checkExtraChildren()
			w.checkOtherShire()
			w.checkEveryChild()
		})
	}
}

// world is everything the demo wrote, loaded once.
type world struct {
	t        *testing.T
	today    civil.Date
	users    map[string]*ent.User
	children []*ent.Child
}

func load(t *testing.T, client *ent.Client, today civil.Date) *world {
	t.Helper()
	ctx := system()
	w := &world{t: t, today: today, users: map[string]*ent.User{}}
	for _, u := range client.User.Query().WithAuthority().AllX(ctx) {
		w.users[name(u)] = u
	}
	w.children = client.Child.Query().
		WithAuthority().
		WithUser().
		WithIdentity().
		WithAllocations(func(q *ent.AllocationQuery) { q.WithStaff() }).
		WithFamilyLinks(func(q *ent.FamilyLinkQuery) { q.WithParent() }).
		WithPlans(func(q *ent.PlanQuery) {
			q.WithVersions(func(q *ent.PlanVersionQuery) { q.WithActions().WithPublishedBy() })
		}).
		WithMeetings(func(q *ent.MeetingQuery) { q.WithChair() }).
		WithSubmissions(func(q *ent.WishesAndFeelingsQuery) {
			q.WithFormTemplate().WithMeeting().WithRepliedBy().
				WithReadReceipts(func(q *ent.ReadReceiptQuery) { q.WithReader() })
		}).
		AllX(ctx)
	return w
}

// childOf is the child record of a CHILD account.
func (w *world) childOf(username string) *ent.Child {
	w.t.Helper()
	for _, c := range w.children {
		if c.Edges.User != nil && name(c.Edges.User) == username {
			return c
		}
	}
	w.t.Fatalf("no child record for %s", username)
	return nil
}

func (w *world) checkAccounts() {
	t := w.t
	want := map[string]domain.Role{
		"child.demo": domain.RoleChild, "child2.demo": domain.RoleChild, "parent.demo": domain.RoleParent,
		"iro.demo": domain.RoleIRO, "chair.demo": domain.RoleCPChair, "sw.demo": domain.RoleSocialWorker,
		"manager.demo": domain.RoleManager, "admin.demo": domain.RoleAdmin,
		"iro.other": domain.RoleIRO, "child.other": domain.RoleChild,
	}
	if len(w.users) != len(want) {
		t.Errorf("%d accounts, want %d", len(w.users), len(want))
	}
	for name, role := range want {
		u, ok := w.users[name]
		if !ok {
			t.Errorf("no account %s", name)
			continue
		}
		if u.Role != role || !u.Active || u.PasswordHash != testHash || u.DisplayName == "" {
			t.Errorf("%s: role %s active %v, hash set %v, name %q", name, u.Role, u.Active, u.PasswordHash == testHash, u.DisplayName)
		}
		staff := role != domain.RoleChild && role != domain.RoleParent
		if staff && (u.WorkEmail == "" || u.WorkPhone == "" || u.HowToReach == "" || u.WorkingPattern == "") {
			t.Errorf("%s: staff without work contact details", name)
		}
		wantLA := "Demo Borough"
		if strings.HasSuffix(name, ".other") {
			wantLA = "Other Shire"
		}
		if u.Edges.Authority.Name != wantLA {
			t.Errorf("%s belongs to %s, want %s", name, u.Edges.Authority.Name, wantLA)
		}
	}
}

// fictional matches the phone numbers Ofcom keeps for drama.
var fictional = regexp.MustCompile(`^01632 960\d{3}$`)

func (w *world) checkAuthorities() {
	t := w.t
	for _, la := range []*ent.LocalAuthority{w.users["iro.demo"].Edges.Authority, w.users["iro.other"].Edges.Authority} {
		for _, phone := range []string{la.ServicePhone, la.OutOfHoursPhone, la.AdvocacyPhone, la.ComplaintsPhone} {
			if !fictional.MatchString(phone) {
				t.Errorf("%s: phone %q is not in the drama range", la.Name, phone)
			}
		}
		for _, email := range []string{la.ServiceEmail, la.DutyTeamEmail, la.AdvocacyEmail, la.ComplaintsEmail} {
			if !strings.HasSuffix(email, ".example.org") {
				t.Errorf("%s: email %q is not under example.org", la.Name, email)
			}
		}
		if !strings.Contains(la.UrgentHelpText, "0800 1111") || la.AdvocacyName == "" {
			t.Errorf("%s: urgent help text %q should give Childline's number", la.Name, la.UrgentHelpText)
		}
	}
}

func (w *world) checkChildDemo() {
	t := w.t
	c := w.childOf("child.demo")
	id := c.Edges.Identity
	if id == nil || id.DateOfBirth == nil || id.DateOfBirth.YearsOn(w.today) != 12 {
		t.Fatalf("child.demo's identity %+v: want exactly 12 today", id)
	}
	if *id.DateOfBirth != w.today.AddYears(-12) {
		t.Errorf("child.demo born %s: want 12 years before %s", *id.DateOfBirth, w.today)
	}
	if c.Status != domain.InCare || c.BecameLookedAfterOn == nil || !c.BecameLookedAfterOn.Before(w.today) {
		t.Errorf("child.demo: status %s, looked after from %v", c.Status, c.BecameLookedAfterOn)
	}
	w.wantAllocations(c, map[domain.AllocationKind]string{domain.AllocIRO: "iro.demo", domain.AllocSocialWorker: "sw.demo"})

	plan := onePlan(t, c, domain.CarePlan)
	versions := plan.Edges.Versions
	if len(versions) != 2 {
		t.Fatalf("child.demo's care plan has %d versions, want 2", len(versions))
	}
	slices.SortFunc(versions, func(a, b *ent.PlanVersion) int { return a.Version - b.Version })
	if versions[0].Version != 1 || versions[1].Version != 2 || !versions[0].PublishedAt.Before(versions[1].PublishedAt) {
		t.Errorf("child.demo's plan versions are not 1 then 2 in time order")
	}
	empty := func(s *string) bool { return s == nil || *s == "" }
	for _, v := range versions {
		if empty(v.WorriesForChild) || empty(v.GoingWellForChild) || empty(v.NeedsToChangeForChild) || len(v.Edges.Actions) == 0 {
			t.Errorf("child.demo's plan version %d lacks child-friendly words or actions", v.Version)
		}
	}

	reviews := meetingsOf(c, domain.CICReview)
	var lastHeld *ent.Meeting
	for _, m := range reviews {
		if m.Status == domain.Held && (lastHeld == nil || m.HeldOn.After(*lastHeld.HeldOn)) {
			lastHeld = m
		}
	}
	if lastHeld == nil || lastHeld.ParticipationCode == nil || lastHeld.OutcomeSummary == nil ||
		lastHeld.OutcomePublishedAt == nil || lastHeld.RecordSentOn == nil || len(lastHeld.Attendees) == 0 ||
		lastHeld.ChildAttended == nil {
		t.Fatalf("child.demo has no fully recorded held review: %+v", lastHeld)
	}
	next := w.upcoming(c, domain.CICReview)
	if next.DueBy != timescales.LaterCICReviewDue(*lastHeld.HeldOn) {
		t.Errorf("child.demo's next review due %s, want 6 months after %s", next.DueBy, *lastHeld.HeldOn)
	}
	if gap := w.today.DaysUntil(civil.InLondon(*next.ScheduledFor)); gap < 7 {
		t.Errorf("child.demo's next review is in %d days, want a few weeks", gap)
	}

	subs := c.Edges.Submissions
	if len(subs) != 2 {
		t.Fatalf("child.demo has %d submissions, want 2", len(subs))
	}
	for _, s := range subs {
		if s.Edges.FormTemplate.Key != forms.ChildOlderKey {
			t.Errorf("child.demo's submission answers %s, want %s", s.Edges.FormTemplate.Key, forms.ChildOlderKey)
		}
		switch s.Status {
		case domain.Draft:
			if s.SubmittedAt != nil || s.IdempotencyKey != nil {
				t.Error("child.demo's draft has been sent")
			}
		case domain.Responded:
			receipts := s.Edges.ReadReceipts
			if s.SubmittedAt == nil || s.FirstReadAt == nil || s.RespondedAt == nil || s.Reply == nil ||
				s.Edges.RepliedBy == nil || name(s.Edges.RepliedBy) != "iro.demo" ||
				len(receipts) != 1 || name(receipts[0].Edges.Reader) != "iro.demo" ||
				s.Edges.Meeting == nil || s.Edges.Meeting.ID != lastHeld.ID ||
				s.ShareWith != domain.ChairAndSocialWorker || s.IdempotencyKey == nil {
				t.Errorf("child.demo's answered submission is incomplete: %+v", s)
			}
		default:
			t.Errorf("child.demo has a %s submission, want one DRAFT and one RESPONDED", s.Status)
		}
	}
	if subs[0].Status == subs[1].Status {
		t.Error("child.demo's submissions have the same status")
	}
}

func (w *world) checkChild2Demo() {
	t := w.t
	c := w.childOf("child2.demo")
	if age := c.Edges.Identity.DateOfBirth.YearsOn(w.today); age != 9 || c.Status != domain.CPPlan {
		t.Errorf("child2.demo is %d with status %s, want 9 and CP_PLAN", age, c.Status)
	}
	w.wantAllocations(c, map[domain.AllocationKind]string{domain.AllocCPChair: "chair.demo", domain.AllocSocialWorker: "sw.demo"})
	plan := onePlan(t, c, domain.ChildProtectionPlan)
	if plan.Category == nil || *plan.Category != domain.Neglect || plan.StrategyDiscussionOn == nil {
		t.Fatalf("child2.demo's CP plan: category %v, strategy %v", plan.Category, plan.StrategyDiscussionOn)
	}
	if len(plan.Edges.Versions) != 1 {
		t.Errorf("child2.demo's plan has %d versions, want 1", len(plan.Edges.Versions))
	}
	overdue := 0
	for _, a := range plan.Edges.Versions[0].Edges.Actions {
		if a.ByWhen != nil && timescales.Overdue(*a.ByWhen, w.today, a.Status == domain.ActionDone) {
			overdue++
		}
	}
	if overdue != 1 {
		t.Errorf("child2.demo's plan has %d overdue actions, want 1", overdue)
	}
	initial := meetingsOf(c, domain.InitialCPConference)
	if len(initial) != 1 || initial[0].Status != domain.Held {
		t.Fatalf("child2.demo should have one held initial conference")
	}
	cal := timescales.EnglandAndWales()
	if n := cal.WorkingDaysBetween(*plan.StrategyDiscussionOn, *initial[0].HeldOn); n > 15 {
		t.Errorf("child2.demo's initial conference was %d working days after the strategy discussion", n)
	}
	for _, kind := range []domain.MeetingKind{domain.ReviewCPConference, domain.CoreGroup} {
		if m := w.upcoming(c, kind); m.Venue == nil {
			t.Errorf("child2.demo's upcoming %s has no venue", kind)
		}
	}
	shares := map[domain.ShareWith]int{}
	for _, s := range c.Edges.Submissions {
		if s.Status != domain.Submitted || s.SubmittedAt == nil || s.Edges.FormTemplate.Key != forms.ChildYoungerKey {
			t.Errorf("child2.demo's submission: %s on %s", s.Status, s.Edges.FormTemplate.Key)
		}
		shares[s.ShareWith]++
	}
	if shares[domain.ChairOnly] != 1 || shares[domain.EveryoneAtMeeting] != 1 || len(shares) != 2 {
		t.Errorf("child2.demo's submissions are shared %v, want one CHAIR_ONLY and one EVERYONE_AT_MEETING", shares)
	}
}

func (w *world) checkParentDemo() {
	t := w.t
	c := w.childOf("child2.demo")
	links := c.Edges.FamilyLinks
	if len(links) != 1 {
		t.Fatalf("child2.demo has %d family links, want 1", len(links))
	}
	l := links[0]
	if name(l.Edges.Parent) != "parent.demo" || !l.ParentalResponsibility || l.MayViewCarePlan || !l.Active || l.Relationship == "" {
		t.Errorf("parent.demo's link: %+v", l)
	}
	for _, c := range w.children {
		if c.Edges.User != nil && name(c.Edges.User) != "child2.demo" && len(c.Edges.FamilyLinks) > 0 {
			t.Errorf("%s has family links; only child2.demo should", c.PreferredName)
		}
	}
}

func (w *world) checkExtraChildren() {
	t := w.t
	var noAccount, both, unborn int
	for _, c := range w.children {
		if c.Edges.Authority.Name != "Demo Borough" {
			continue
		}
		if c.Edges.User == nil {
			noAccount++
		}
		if c.Status == domain.Both {
			both++
			onePlan(t, c, domain.CarePlan)
			onePlan(t, c, domain.ChildProtectionPlan)
			w.upcoming(c, domain.CICReview)
			w.upcoming(c, domain.ReviewCPConference)
		}
		id := c.Edges.Identity
		if id.DateOfBirth == nil {
			unborn++
			if id.ExpectedDateOfBirth == nil || !id.ExpectedDateOfBirth.After(w.today) || c.Status != domain.CPPlan || c.Edges.User != nil {
				t.Errorf("unborn %s: expected %v, status %s", c.PreferredName, id.ExpectedDateOfBirth, c.Status)
			}
			onePlan(t, c, domain.ChildProtectionPlan)
		}
		if len(c.Edges.Allocations) == 0 || len(c.Edges.Meetings) == 0 {
			t.Errorf("%s has no allocations or no meetings", c.PreferredName)
		}
	}
	if noAccount < 1 || both != 1 || unborn != 1 {
		t.Errorf("Demo Borough has %d children without an account, %d with both plans, %d unborn", noAccount, both, unborn)
	}
}

func (w *world) checkOtherShire() {
	t := w.t
	c := w.childOf("child.other")
	if c.Edges.Authority.Name != "Other Shire" || c.Status != domain.InCare {
		t.Fatalf("child.other: %s, %s", c.Edges.Authority.Name, c.Status)
	}
	w.wantAllocations(c, map[domain.AllocationKind]string{domain.AllocIRO: "iro.other"})
	if p := onePlan(t, c, domain.CarePlan); len(p.Edges.Versions) != 1 {
		t.Errorf("child.other's plan has %d versions", len(p.Edges.Versions))
	}
	held := 0
	for _, m := range c.Edges.Meetings {
		if m.Status == domain.Held {
			held++
		}
	}
	w.upcoming(c, domain.CICReview)
	if held != 1 || len(c.Edges.Meetings) != 2 {
		t.Errorf("child.other has %d meetings, %d held; want one held and one scheduled", len(c.Edges.Meetings), held)
	}
	if subs := c.Edges.Submissions; len(subs) != 1 || subs[0].Status != domain.Submitted {
		t.Errorf("child.other should have one SUBMITTED submission")
	}
	n := 0
	for _, c := range w.children {
		if c.Edges.Authority.Name == "Other Shire" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("Other Shire has %d children, want 1", n)
	}
}

// checkEveryChild checks what holds for every demo child: status matching
// the current plans, records in the child's own authority, meetings with a
// chair and consistent with the statutory timescales (nothing overdue, each
// next meeting booked with the due date the rules give), and answers that
// fit their form.
func (w *world) checkEveryChild() {
	t := w.t
	cal := timescales.EnglandAndWales()
	for _, c := range w.children {
		kinds := map[domain.PlanKind]bool{}
		var strategy civil.Date
		for _, p := range c.Edges.Plans {
			kinds[p.Kind] = p.EndsOn == nil
			if p.StrategyDiscussionOn != nil {
				strategy = *p.StrategyDiscussionOn
			}
			for _, v := range p.Edges.Versions {
				if v.PublishedAt.IsZero() || v.Edges.PublishedBy == nil || v.AuthorityID != c.AuthorityID {
					t.Errorf("%s: plan version %d lacks its publisher", c.PreferredName, v.Version)
				}
			}
		}
		want := map[[2]bool]domain.ChildStatus{{true, false}: domain.InCare, {false, true}: domain.CPPlan, {true, true}: domain.Both}
		if got := want[[2]bool{kinds[domain.CarePlan], kinds[domain.ChildProtectionPlan]}]; got != c.Status {
			t.Errorf("%s: status %s, plans say %s", c.PreferredName, c.Status, got)
		}
		var meetings []timescales.Meeting
		byID := map[string]*ent.Meeting{}
		for _, m := range c.Edges.Meetings {
			if m.Edges.Chair == nil || m.AuthorityID != c.AuthorityID || m.ScheduledFor == nil || m.DueBy.IsZero() {
				t.Errorf("%s: %s meeting without chair, date or due date", c.PreferredName, m.Kind)
			}
			if m.Status == domain.Held && (m.HeldOn == nil || !m.HeldOn.Before(w.today) || !timescales.OnTime(*m.HeldOn, m.DueBy)) {
				t.Errorf("%s: %s held on %v, due %s", c.PreferredName, m.Kind, m.HeldOn, m.DueBy)
			}
			tm := timescales.Meeting{ID: string(m.ID), Kind: timescales.MeetingKind(m.Kind),
				Status: timescales.MeetingStatus(m.Status), Scheduled: civil.InLondon(*m.ScheduledFor)}
			if m.HeldOn != nil {
				tm.Held = *m.HeldOn
			}
			meetings = append(meetings, tm)
			byID[string(m.ID)] = m
		}
		var lookedAfter civil.Date
		if c.BecameLookedAfterOn != nil {
			lookedAfter = *c.BecameLookedAfterOn
		}
		dues := timescales.NextDue(cal, timescales.Case{BecameLookedAfter: lookedAfter, StrategyDiscussion: strategy, Meetings: meetings}, w.today)
		if len(dues) == 0 {
			t.Errorf("%s: no statutory meeting due", c.PreferredName)
		}
		for _, d := range dues {
			m := byID[d.MeetingID]
			if d.Overdue || m == nil || m.DueBy != d.DueBy || civil.InLondon(*m.ScheduledFor).Before(w.today) {
				t.Errorf("%s: next %s due %s (overdue %v) is not booked in time", c.PreferredName, d.Kind, d.DueBy, d.Overdue)
			}
		}
		for _, s := range c.Edges.Submissions {
			tmpl := formtemplates.FromRow(s.Edges.FormTemplate)
			check := forms.Validate
			if s.Status == domain.Draft {
				check = forms.ValidateDraft
			}
			if err := check(tmpl, s.Answers); err != nil {
				t.Errorf("%s: answers do not fit %s: %v", c.PreferredName, tmpl.Key, err)
			}
			age := c.Edges.Identity.DateOfBirth.YearsOn(w.today)
			if suits, _ := forms.ForAge(forms.Defaults(), age, forms.ForChild); suits.Key != tmpl.Key {
				t.Errorf("%s (%d) answered %s, but %s suits their age", c.PreferredName, age, tmpl.Key, suits.Key)
			}
			if s.AuthorityID != c.AuthorityID || s.Edges.Meeting == nil || s.Edges.Meeting.ChildID != c.ID {
				t.Errorf("%s: submission not tied to the child's own meeting and authority", c.PreferredName)
			}
		}
	}
}

// wantAllocations checks a child's current allocations, one per kind.
func (w *world) wantAllocations(c *ent.Child, want map[domain.AllocationKind]string) {
	w.t.Helper()
	got := map[domain.AllocationKind]string{}
	for _, a := range c.Edges.Allocations {
		if a.EndsOn == nil && a.StartsOn.Before(w.today) {
			got[a.Kind] = name(a.Edges.Staff)
		}
	}
	if len(got) != len(want) {
		w.t.Errorf("%s's current allocations are %v, want %v", c.PreferredName, got, want)
	}
	for kind, name := range want {
		if got[kind] != name {
			w.t.Errorf("%s's %s is %q, want %q", c.PreferredName, kind, got[kind], name)
		}
	}
}

// upcoming is a child's one scheduled meeting of a kind, booked from today
// on and not overdue.
func (w *world) upcoming(c *ent.Child, kind domain.MeetingKind) *ent.Meeting {
	w.t.Helper()
	var found []*ent.Meeting
	for _, m := range meetingsOf(c, kind) {
		if m.Status == domain.Scheduled {
			found = append(found, m)
		}
	}
	if len(found) != 1 {
		w.t.Fatalf("%s has %d scheduled %s meetings, want 1", c.PreferredName, len(found), kind)
	}
	m := found[0]
	if m.ScheduledFor == nil || civil.InLondon(*m.ScheduledFor).Before(w.today) || timescales.Overdue(m.DueBy, w.today, false) {
		w.t.Errorf("%s's %s on %v (due %s) is not upcoming and in time", c.PreferredName, kind, m.ScheduledFor, m.DueBy)
	}
	return m
}

func meetingsOf(c *ent.Child, kind domain.MeetingKind) []*ent.Meeting {
	var out []*ent.Meeting
	for _, m := range c.Edges.Meetings {
		if m.Kind == kind {
			out = append(out, m)
		}
	}
	return out
}

// onePlan is a child's one current plan of a kind.
func onePlan(t *testing.T, c *ent.Child, kind domain.PlanKind) *ent.Plan {
	t.Helper()
	var found []*ent.Plan
	for _, p := range c.Edges.Plans {
		if p.Kind == kind && p.EndsOn == nil {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s has %d current %s plans, want 1", c.PreferredName, len(found), kind)
	}
	return found[0]
}

// name is a user's username, or "" when it has none yet.
func name(u *ent.User) string {
	if u == nil || u.Username == nil {
		return ""
	}
	return *u.Username
}
