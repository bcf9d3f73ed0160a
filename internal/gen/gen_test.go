package gen

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"kite/ent"
	entalert "kite/ent/alert"
	"kite/ent/allocation"
	"kite/ent/child"
	"kite/ent/familylink"
	"kite/ent/localauthority"
	entmeeting "kite/ent/meeting"
	"kite/ent/plan"
	"kite/ent/planaction"
	"kite/ent/planversion"
	"kite/ent/privacy"
	"kite/ent/readreceipt"
	_ "kite/ent/runtime" // the access policies; without them every query fails
	"kite/ent/user"
	"kite/ent/wishesandfeelings"
	"kite/internal/civil"
	"kite/internal/demo"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/formtemplates"
	"kite/internal/ident"
	"kite/internal/testdb"
	"kite/internal/timescales"
)

// testHash stands in for the argon2id hash of demo.Password: a real hash
// would only slow the tests.
const testHash = "$argon2id$v=19$m=65536,t=1,p=2$c2VlZHRlc3Q$c2VlZHRlc3RoYXNo"

// system is the context of system code, which sees every row.
func system() context.Context {
	return privacy.DecisionContext(context.Background(), privacy.Allow)
}

// genToday is the day the generator tests count from: a fixed day, so that
// a failure can be reproduced.
var genToday = civil.MustParse("2026-03-11")

// snapshot is every row of the tables the generator writes to, by id with
// its last change, so a test can show that existing data was left alone.
func snapshot(t *testing.T, c *ent.Client) map[string]time.Time {
	t.Helper()
	ctx := system()
	out := map[string]time.Time{}
	for _, u := range c.User.Query().AllX(ctx) {
		out[string(u.ID)] = u.UpdatedAt
	}
	for _, x := range c.LocalAuthority.Query().AllX(ctx) {
		out[string(x.ID)] = x.UpdatedAt
	}
	for _, x := range c.Child.Query().AllX(ctx) {
		out[string(x.ID)] = x.UpdatedAt
	}
	for _, x := range c.Allocation.Query().AllX(ctx) {
		out[string(x.ID)] = x.UpdatedAt
	}
	for _, x := range c.Plan.Query().AllX(ctx) {
		out[string(x.ID)] = x.UpdatedAt
	}
	for _, x := range c.Meeting.Query().AllX(ctx) {
		out[string(x.ID)] = x.UpdatedAt
	}
	for _, x := range c.WishesAndFeelings.Query().AllX(ctx) {
		out[string(x.ID)] = x.UpdatedAt
	}
	for _, x := range c.FamilyLink.Query().AllX(ctx) {
		out[string(x.ID)] = x.UpdatedAt
	}
	return out
}

// TestGenerateTwiceBesideTheDemo generates two small authorities into a
// database that already has the demo: the demo is untouched, the second
// authority gets the next free name and usernames, both are complete and
// consistent, and the same seed gives the same data apart from ids.
func TestGenerateTwiceBesideTheDemo(t *testing.T) {
	st := testdb.Open(t)
	c := st.Client
	ctx := context.Background()
	if err := demo.Write(ctx, c, demo.Options{Today: genToday, PasswordHash: testHash}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, c)

	first, err := Generate(ctx, c, Options{Children: 50, Seed: 7, Today: genToday, PasswordHash: testHash, Name: "Demo Borough"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := Generate(ctx, c, Options{Children: 50, Seed: 7, Today: genToday, PasswordHash: testHash})
	if err != nil {
		t.Fatal(err)
	}
	if first.Name != "Generated Borough 1" || second.Name != "Generated Borough 2" {
		t.Errorf("names %q and %q, want Generated Borough 1 and 2 (Demo Borough is taken)", first.Name, second.Name)
	}
	if first.AuthorityID == second.AuthorityID {
		t.Fatal("both runs wrote the same authority")
	}

	after := snapshot(t, c)
	for id, changed := range before {
		if got, ok := after[id]; !ok {
			t.Errorf("existing row %s is gone", id)
		} else if !got.Equal(changed) {
			t.Errorf("existing row %s was changed", id)
		}
	}

	for _, r := range []*Report{first, second} {
		checkGenerated(t, c, r, genToday)
	}

	// Usernames carry on from the first run's numbers.
	for _, p := range []string{genChildPrefix, genParentPrefix, genIROPrefix, genCPChairPrefix, genSWPrefix, genManagerPrefix, genAdminPrefix} {
		a, b := usernameNumbers(t, c, first.AuthorityID, p), usernameNumbers(t, c, second.AuthorityID, p)
		if len(a) == 0 || len(b) == 0 {
			t.Errorf("%s: no accounts in one of the runs", p)
			continue
		}
		if a[0] != 1 || b[0] != a[len(a)-1]+1 {
			t.Errorf("%s: first run %d…%d, second %d…%d; want the second to carry on", p, a[0], a[len(a)-1], b[0], b[len(b)-1])
		}
	}

	// The same seed made the same authority, ids and names aside.
	if fa, fb := fingerprint(t, c, first.AuthorityID), fingerprint(t, c, second.AuthorityID); !slices.Equal(fa, fb) {
		for i := range min(len(fa), len(fb)) {
			if fa[i] != fb[i] {
				t.Errorf("same seed, different data: %q vs %q", fa[i], fb[i])
				break
			}
		}
		t.Errorf("same seed, different data (%d vs %d facts)", len(fa), len(fb))
	}

	// A free name is used as given.
	named, err := Generate(ctx, c, Options{Children: 3, Seed: 1, Today: genToday, PasswordHash: testHash, Name: "Northwick"})
	if err != nil {
		t.Fatal(err)
	}
	if named.Name != "Northwick" {
		t.Errorf("name %q, want Northwick", named.Name)
	}
	checkGenerated(t, c, named, genToday)
}

// usernameNumbers are the sorted numbers of an authority's usernames with
// a prefix.
func usernameNumbers(t *testing.T, c *ent.Client, la ident.ID, prefix string) []int {
	t.Helper()
	names := c.User.Query().Where(user.AuthorityID(la), user.UsernameHasPrefix(prefix)).
		Select(user.FieldUsername).StringsX(system())
	var out []int
	for _, n := range names {
		v, err := strconv.Atoi(strings.TrimPrefix(n, prefix))
		if err != nil {
			t.Fatalf("username %q", n)
		}
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// fingerprint lists an authority's children and meetings as text without
// ids, usernames or the authority's name, in a fixed order.
func fingerprint(t *testing.T, c *ent.Client, la ident.ID) []string {
	t.Helper()
	ctx := system()
	var out []string
	for _, ch := range c.Child.Query().Where(child.AuthorityID(la)).WithIdentity().AllX(ctx) {
		id := ch.Edges.Identity
		out = append(out, fmt.Sprintf("child %s %s %v %v %v", ch.PreferredName, ch.Status,
			id.LegalName, deref(id.DateOfBirth), deref(ch.BecameLookedAfterOn)))
	}
	for _, m := range c.Meeting.Query().Where(entmeeting.AuthorityID(la)).AllX(ctx) {
		out = append(out, fmt.Sprintf("meeting %s %s %s %v %v %v", m.Kind, m.Status, m.DueBy,
			deref(m.HeldOn), deref(m.ParticipationCode), deref(m.OutcomeSummary)))
	}
	for _, s := range c.WishesAndFeelings.Query().Where(wishesandfeelings.AuthorityID(la)).AllX(ctx) {
		out = append(out, fmt.Sprintf("submission %s %s %v %v %d", s.Status, s.ShareWith, deref(s.SubmittedAt),
			s.NeedsToTalkToday, len(s.Answers)))
	}
	slices.Sort(out)
	return out
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

var genUsername = regexp.MustCompile(`^gen-(child|parent|iro|cpchair|sw|manager|admin)-[1-9][0-9]*$`)

var genRolePrefix = map[domain.Role]string{
	domain.RoleChild: "child", domain.RoleParent: "parent", domain.RoleIRO: "iro", domain.RoleCPChair: "cpchair",
	domain.RoleSocialWorker: "sw", domain.RoleManager: "manager", domain.RoleAdmin: "admin",
}

// genStats are shares worth looking at in a generated authority.
type genStats struct {
	inCare, cp, both, neither, unborn, children int
	categories                                  map[domain.AbuseCategory]int
	cpPlans                                     int
	held, onTime                                int
	codes                                       map[domain.ParticipationCode]int
	recordsSent, recordsOnTime                  int
	withParent, cpChildren, careChildren        int
	careWithParent                              int
	submissions, urgent, unread                 int
	repeatCP                                    int
	caseload                                    map[domain.AllocationKind][]int
	postponed, lightTouch, lighterTouch         int
	nextDue, overdue                            int
	initialMeetings, initialChildren            int // held initial conferences: sittings once, and per child
	iros, partTimeIROs                          int
}

// checkGenerated checks one generated authority against its report and the
// rules, and returns its shares.
func checkGenerated(t *testing.T, c *ent.Client, r *Report, today civil.Date) genStats {
	t.Helper()
	ctx := system()
	la := r.AuthorityID
	st := genStats{categories: map[domain.AbuseCategory]int{}, codes: map[domain.ParticipationCode]int{},
		caseload: map[domain.AllocationKind][]int{}}

	auth := c.LocalAuthority.Query().Where(localauthority.ID(la)).OnlyX(ctx)
	if auth.Name != r.Name || auth.DutyTeamEmail == "" || auth.ServicePhone == "" || auth.AdvocacyName == "" {
		t.Errorf("%s: authority %+v lacks contact details", r.Name, auth)
	}

	// Accounts.
	users := c.User.Query().Where(user.AuthorityID(la)).AllX(ctx)
	staff, parents := 0, 0
	byID := map[ident.ID]*ent.User{}
	for _, u := range users {
		byID[u.ID] = u
		// Every fourth IRO works part time, 0.5 to 0.8 of a week; nobody
		// else has a full-time equivalent recorded (full time).
		if u.Role == domain.RoleIRO {
			st.iros++
		}
		if f := u.FullTimeEquivalent; f != nil {
			st.partTimeIROs++
			if u.Role != domain.RoleIRO || *f < 0.5 || *f > 0.8 {
				t.Errorf("%s: %s %v works %v of a full-time week", r.Name, u.Role, deref(u.Username), *f)
			}
		}
		if u.Username == nil || !genUsername.MatchString(*u.Username) ||
			!strings.HasPrefix(*u.Username, "gen-"+genRolePrefix[u.Role]+"-") {
			t.Errorf("%s: %s account named %v", r.Name, u.Role, deref(u.Username))
		}
		if u.PasswordHash != testHash || !u.Active {
			t.Errorf("%s: %v cannot sign in with the demo password", r.Name, deref(u.Username))
		}
		switch u.Role {
		case domain.RoleParent:
			parents++
		case domain.RoleChild:
		default:
			staff++
			if u.WorkEmail == "" || u.WorkPhone == "" {
				t.Errorf("%s: staff %v has no work contact details", r.Name, deref(u.Username))
			}
		}
	}
	if len(users) != r.Accounts || staff != r.Staff || parents != r.Parents {
		t.Errorf("%s: %d accounts, %d staff, %d parents; report says %d, %d, %d",
			r.Name, len(users), staff, parents, r.Accounts, r.Staff, r.Parents)
	}

	// Counts.
	children := c.Child.Query().Where(child.AuthorityID(la)).WithIdentity().WithUser().AllX(ctx)
	plans := c.Plan.Query().Where(plan.AuthorityID(la)).AllX(ctx)
	meetings := c.Meeting.Query().Where(entmeeting.AuthorityID(la)).AllX(ctx)
	subs := c.WishesAndFeelings.Query().Where(wishesandfeelings.AuthorityID(la)).
		WithFormTemplate().WithReadReceipts().AllX(ctx)
	if len(children) != r.Children || len(plans) != r.Plans || len(meetings) != r.Meetings || len(subs) != r.Submissions {
		t.Errorf("%s: %d children, %d plans, %d meetings, %d submissions; report says %d, %d, %d, %d", r.Name,
			len(children), len(plans), len(meetings), len(subs), r.Children, r.Plans, r.Meetings, r.Submissions)
	}

	// Plan versions and actions: 1–4 versions each with 2–4 actions.
	versions := c.PlanVersion.Query().Where(planversion.AuthorityID(la)).AllX(ctx)
	perPlan := map[ident.ID]int{}
	for _, v := range versions {
		perPlan[v.PlanID]++
		if v.Worries == nil || *v.Worries == "" || v.WorriesForChild == nil || *v.WorriesForChild == "" || strings.Contains(*v.Worries, "{") || v.PublishedByID == nil {
			t.Errorf("%s: version %s is badly worded: %v", r.Name, v.ID, v.Worries)
		}
	}
	for _, p := range plans {
		if n := perPlan[p.ID]; n < 1 || n > 4 {
			t.Errorf("%s: plan %s has %d versions", r.Name, p.ID, n)
		}
	}
	actions := c.PlanAction.Query().Where(planaction.AuthorityID(la)).AllX(ctx)
	perVersion := map[ident.ID]int{}
	for _, a := range actions {
		perVersion[a.PlanVersionID]++
	}
	for _, v := range versions {
		if n := perVersion[v.ID]; n < 2 || n > 4 {
			t.Errorf("%s: version %s has %d actions", r.Name, v.ID, n)
		}
	}

	// Children, their plans and allocations.
	allocs := c.Allocation.Query().Where(allocation.AuthorityID(la)).AllX(ctx)
	plansOf := map[ident.ID][]*ent.Plan{}
	for _, p := range plans {
		plansOf[p.ChildID] = append(plansOf[p.ChildID], p)
	}
	allocsOf := map[ident.ID][]*ent.Allocation{}
	load := map[ident.ID]int{}
	loadKind := map[ident.ID]domain.AllocationKind{}
	for _, a := range allocs {
		allocsOf[a.ChildID] = append(allocsOf[a.ChildID], a)
		if a.EndsOn == nil {
			load[a.StaffID]++
			loadKind[a.StaffID] = a.Kind
		}
		want := map[domain.AllocationKind]domain.Role{domain.AllocIRO: domain.RoleIRO, domain.AllocCPChair: domain.RoleCPChair,
			domain.AllocSocialWorker: domain.RoleSocialWorker}[a.Kind]
		if s := byID[a.StaffID]; s == nil || s.Role != want {
			t.Errorf("%s: %s allocation to someone who is not one", r.Name, a.Kind)
		}
	}
	links := c.FamilyLink.Query().Where(familylink.AuthorityID(la)).AllX(ctx)
	linked := map[ident.ID]bool{}
	for _, l := range links {
		linked[l.ChildID] = true
		if !l.ParentalResponsibility || !l.Active || byID[l.ParentID] == nil || byID[l.ParentID].Role != domain.RoleParent {
			t.Errorf("%s: family link %s is not a parent with parental responsibility", r.Name, l.ID)
		}
	}
	meetingsOf := map[ident.ID][]*ent.Meeting{}
	for _, m := range meetings {
		meetingsOf[m.ChildID] = append(meetingsOf[m.ChildID], m)
	}
	// Ended plans have end reason codes, several of them.
	codes, allEnded := map[domain.PlanEndReason]int{}, 0
	defer func() {
		if allEnded >= 20 && len(codes) < 3 {
			t.Errorf("%s: %d ended plans have %d kinds of end reason: %v", r.Name, allEnded, len(codes), codes)
		}
	}()
	childByID := map[ident.ID]*ent.Child{}
	for _, ch := range children {
		childByID[ch.ID] = ch
		st.children++
		id := ch.Edges.Identity
		if id == nil || (id.DateOfBirth == nil) == (id.ExpectedDateOfBirth == nil) {
			t.Fatalf("%s: %s has no date of birth or expected date", r.Name, ch.PreferredName)
		}
		age := -1
		if id.DateOfBirth != nil {
			age = id.DateOfBirth.YearsOn(today)
			if age < 0 || age > 17 {
				t.Errorf("%s: %s is %d", r.Name, ch.PreferredName, age)
			}
		} else {
			st.unborn++
			if ch.Status != domain.CPPlan || !id.ExpectedDateOfBirth.After(today) {
				t.Errorf("%s: unborn %s is %s, expected %s", r.Name, ch.PreferredName, ch.Status, *id.ExpectedDateOfBirth)
			}
		}
		if (age >= 8) != (ch.Edges.User != nil) {
			t.Errorf("%s: %s is %d and has account %v", r.Name, ch.PreferredName, age, ch.Edges.User != nil)
		}
		if u := ch.Edges.User; u != nil && (u.Role != domain.RoleChild || u.DisplayName != ch.PreferredName) {
			t.Errorf("%s: %s's account is a %s called %s", r.Name, ch.PreferredName, u.Role, u.DisplayName)
		}

		var currentCare, currentCP *ent.Plan
		ended := 0
		cpPlans := 0
		for _, p := range plansOf[ch.ID] {
			if p.StartsOn.Before(today.AddYears(-3)) {
				t.Errorf("%s: %s's plan started %s, over three years ago", r.Name, ch.PreferredName, p.StartsOn)
			}
			if p.Kind == domain.ChildProtectionPlan {
				cpPlans++
				if p.Category == nil || p.StrategyDiscussionOn == nil || !p.StrategyDiscussionOn.Before(p.StartsOn) {
					t.Errorf("%s: %s's CP plan lacks category or strategy discussion", r.Name, ch.PreferredName)
				}
			}
			switch {
			case p.EndsOn != nil:
				ended++
				allEnded++
				if !p.EndsOn.Before(today) || p.EndsOn.Before(p.StartsOn) || p.EndReason == "" {
					t.Errorf("%s: %s's plan ended %s (started %s) for %q", r.Name, ch.PreferredName, *p.EndsOn, p.StartsOn, p.EndReason)
				}
				if p.EndReasonCode == nil || !p.EndReasonCode.FitsPlan(p.Kind) {
					t.Errorf("%s: %s's %s ended with code %v, not one that fits", r.Name, ch.PreferredName, p.Kind, p.EndReasonCode)
				} else {
					codes[*p.EndReasonCode]++
				}
			case p.Kind == domain.CarePlan:
				if currentCare != nil {
					t.Errorf("%s: %s has two current care plans", r.Name, ch.PreferredName)
				}
				currentCare = p
			default:
				if currentCP != nil {
					t.Errorf("%s: %s has two current CP plans", r.Name, ch.PreferredName)
				}
				currentCP = p
				st.categories[*p.Category]++
				st.cpPlans++
			}
		}
		if cpPlans > 1 && currentCP != nil {
			st.repeatCP++
		}
		wantCare := ch.Status == domain.InCare || ch.Status == domain.Both
		wantCP := ch.Status == domain.CPPlan || ch.Status == domain.Both
		if (currentCare != nil) != wantCare || (currentCP != nil) != wantCP || (ch.Status == domain.Neither && ended == 0) {
			t.Errorf("%s: %s is %s with current care plan %v, CP plan %v, %d ended",
				r.Name, ch.PreferredName, ch.Status, currentCare != nil, currentCP != nil, ended)
		}
		if currentCare != nil && (ch.BecameLookedAfterOn == nil || *ch.BecameLookedAfterOn != currentCare.StartsOn) {
			t.Errorf("%s: %s came into care %v but the care plan started %s", r.Name, ch.PreferredName,
				deref(ch.BecameLookedAfterOn), currentCare.StartsOn)
		}
		switch ch.Status {
		case domain.InCare:
			st.inCare++
		case domain.CPPlan:
			st.cp++
		case domain.Both:
			st.both++
		case domain.Neither:
			st.neither++
		}
		if wantCP {
			st.cpChildren++
			if linked[ch.ID] {
				st.withParent++
			}
		}
		if ch.Status == domain.InCare {
			st.careChildren++
			if linked[ch.ID] {
				st.careWithParent++
			}
		}

		// Allocations: a current chair of each kind the child's plans need
		// and a current social worker; a child whose plan ended has had
		// both, now ended.
		current := map[domain.AllocationKind]int{}
		all := map[domain.AllocationKind]int{}
		for _, a := range allocsOf[ch.ID] {
			all[a.Kind]++
			if a.EndsOn == nil {
				current[a.Kind]++
			}
		}
		wantNow := map[domain.AllocationKind]int{}
		if wantCare {
			wantNow[domain.AllocIRO] = 1
		}
		if wantCP {
			wantNow[domain.AllocCPChair] = 1
		}
		if ch.Status != domain.Neither {
			wantNow[domain.AllocSocialWorker] = 1
		}
		for _, k := range []domain.AllocationKind{domain.AllocIRO, domain.AllocCPChair, domain.AllocSocialWorker} {
			if current[k] != wantNow[k] {
				t.Errorf("%s: %s (%s) has %d current %s allocations, want %d", r.Name, ch.PreferredName, ch.Status, current[k], k, wantNow[k])
			}
		}
		if all[domain.AllocSocialWorker] == 0 || all[domain.AllocIRO]+all[domain.AllocCPChair] == 0 {
			t.Errorf("%s: %s never had a chair and a social worker", r.Name, ch.PreferredName)
		}
		st.checkMeetings(t, r.Name, ch, plansOf[ch.ID], meetingsOf[ch.ID], today)
	}

	if want := st.iros / 4; st.partTimeIROs != want {
		t.Errorf("%s: %d of %d IROs part time, want every fourth (%d)", r.Name, st.partTimeIROs, st.iros, want)
	}
	// Caseloads, per full-time member of staff (a part-time IRO's children
	// ÷ their full-time equivalent): level, and at most a family (4
	// children, 4 ÷ the smallest full-time equivalent on this scale) over
	// the target.
	smallest := map[domain.AllocationKind]float64{}
	for staffID, n := range load {
		k, share := loadKind[staffID], 1.0
		if f := byID[staffID].FullTimeEquivalent; f != nil {
			share = *f
		}
		if smallest[k] == 0 || share < smallest[k] {
			smallest[k] = share
		}
		st.caseload[k] = append(st.caseload[k], int(math.Round(float64(n)/share)))
	}
	for k, loads := range st.caseload {
		lo, hi := slices.Min(loads), slices.Max(loads)
		if slack := int(math.Ceil(4 / smallest[k])); hi > Caseload+slack || hi-lo > slack {
			t.Errorf("%s: %s caseloads per full-time from %d to %d (target %d)", r.Name, k, lo, hi, Caseload)
		}
	}
	for _, role := range []domain.Role{domain.RoleIRO, domain.RoleCPChair, domain.RoleSocialWorker} {
		for _, u := range users {
			if u.Role == role && load[u.ID] == 0 {
				t.Errorf("%s: %s %v has no caseload", r.Name, role, deref(u.Username))
			}
		}
	}

	// Meetings: held mostly on time, each held review with a participation
	// code, records sent mostly within the default timescale.
	cal := timescales.EnglandAndWales()
	for _, m := range meetings {
		if m.ChairID == nil || m.PlanID == nil || m.ScheduledFor == nil {
			t.Errorf("%s: meeting %s lacks chair, plan or time", r.Name, m.ID)
		}
		switch m.Status {
		case domain.Held:
			st.held++
			if timescales.OnTime(*m.HeldOn, m.DueBy) {
				st.onTime++
			}
			if !m.HeldOn.Before(today) || m.OutcomeSummary == nil || len(m.Attendees) == 0 {
				t.Errorf("%s: held meeting %s on %v has no outcome or attendees, or is not past", r.Name, m.ID, deref(m.HeldOn))
			}
			review := m.Kind == domain.CICReview || m.Kind == domain.LightTouchReview
			if review != (m.ParticipationCode != nil) {
				t.Errorf("%s: %s %s has participation code %v", r.Name, m.Kind, m.ID, deref(m.ParticipationCode))
			}
			if m.ParticipationCode != nil {
				st.codes[*m.ParticipationCode]++
				id := childByID[m.ChildID].Edges.Identity
				under4 := id.DateOfBirth == nil || id.DateOfBirth.After(*m.HeldOn) || id.DateOfBirth.YearsOn(*m.HeldOn) < 4
				if under4 != (*m.ParticipationCode == domain.PN0) {
					t.Errorf("%s: review %s coded %s for a child under 4: %v", r.Name, m.ID, *m.ParticipationCode, under4)
				}
			}
			if m.RecordSentOn != nil {
				if m.RecordSentOn.After(today) || m.RecordSentOn.Before(*m.HeldOn) {
					t.Errorf("%s: record of %s sent %s", r.Name, m.ID, *m.RecordSentOn)
				}
				st.recordsSent++
				if cal.WorkingDaysBetween(*m.HeldOn, *m.RecordSentOn) <= timescales.DefaultFullRecordWorkingDays {
					st.recordsOnTime++
				}
			}
		case domain.Scheduled:
			if civil.InLondon(*m.ScheduledFor).Before(today) {
				t.Errorf("%s: scheduled meeting %s is in the past", r.Name, m.ID)
			}
		case domain.Postponed:
			if m.ChangeReason == "" {
				t.Errorf("%s: postponed meeting %s has no reason", r.Name, m.ID)
			}
		default:
			t.Errorf("%s: meeting %s is %s", r.Name, m.ID, m.Status)
		}
	}

	// Submissions: answers valid for their form version, checked here one
	// by one as the API would.
	keys := map[string]bool{}
	for _, s := range subs {
		st.submissions++
		ch := childByID[s.ChildID]
		if ch == nil || ch.Edges.User == nil {
			t.Errorf("%s: submission %s from a child without an account", r.Name, s.ID)
			continue
		}
		if s.CreatedAt.Before(ch.Edges.User.CreatedAt) {
			t.Errorf("%s: submission %s started before %s had an account", r.Name, s.ID, ch.PreferredName)
		}
		born := ch.Edges.Identity.DateOfBirth
		wantForm := forms.ChildOlderKey
		if born.YearsOn(civil.InLondon(s.CreatedAt)) <= 10 {
			wantForm = forms.ChildYoungerKey
		}
		if k := s.Edges.FormTemplate.Key; k != wantForm {
			t.Errorf("%s: a child of %d answered form %s", r.Name, born.YearsOn(civil.InLondon(s.CreatedAt)), k)
		}
		check := forms.Validate
		if s.Status == domain.Draft {
			check = forms.ValidateDraft
		}
		if err := check(formtemplates.FromRow(s.Edges.FormTemplate), s.Answers); err != nil {
			t.Errorf("%s: submission %s does not fit %s v%d: %v", r.Name, s.ID, s.Edges.FormTemplate.Key, s.Edges.FormTemplate.Version, err)
		}
		if s.NeedsToTalkToday {
			st.urgent++
		}
		switch s.Status {
		case domain.Draft:
			if s.SubmittedAt != nil || s.IdempotencyKey != nil || s.NeedsToTalkToday {
				t.Errorf("%s: draft %s looks sent", r.Name, s.ID)
			}
			continue
		case domain.Submitted:
			st.unread++
			if s.FirstReadAt != nil || len(s.Edges.ReadReceipts) != 0 {
				t.Errorf("%s: unread %s has been read", r.Name, s.ID)
			}
		case domain.Read, domain.Responded:
			if s.FirstReadAt == nil || len(s.Edges.ReadReceipts) == 0 || s.FirstReadAt.Before(*s.SubmittedAt) {
				t.Errorf("%s: read %s has no read receipt", r.Name, s.ID)
			}
			if (s.Status == domain.Responded) != (s.Reply != nil && s.RepliedByID != nil && s.RespondedAt != nil) {
				t.Errorf("%s: %s %s with reply %v", r.Name, s.Status, s.ID, deref(s.Reply))
			}
		}
		if s.SubmittedAt == nil || s.IdempotencyKey == nil || s.SubmittedAt.After(today.StartInLondon()) {
			t.Errorf("%s: sent %s has no sent time or key, or was sent after today", r.Name, s.ID)
			continue
		}
		k := string(s.ChildID) + "/" + *s.IdempotencyKey
		if keys[k] {
			t.Errorf("%s: idempotency key %s used twice", r.Name, k)
		}
		keys[k] = true
	}
	if n := c.ReadReceipt.Query().Where(readreceipt.AuthorityID(la)).CountX(ctx); st.submissions > 0 && n == 0 {
		t.Errorf("%s: no read receipts", r.Name)
	}
	st.checkSittings(t, c, r)
	return st
}

// checkSittings checks each sitting (brothers and sisters at one
// conference): two children or more, each once, of one family (a parent
// linked to them all, as generated), with one kind, time, venue, chair and
// status; and counts the held initial conferences as meetings and per
// child.
func (st *genStats) checkSittings(t *testing.T, c *ent.Client, r *Report) {
	t.Helper()
	ctx := system()
	parents := map[ident.ID]map[ident.ID]bool{}
	for _, l := range c.FamilyLink.Query().Where(familylink.AuthorityID(r.AuthorityID)).AllX(ctx) {
		if parents[l.ChildID] == nil {
			parents[l.ChildID] = map[ident.ID]bool{}
		}
		parents[l.ChildID][l.ParentID] = true
	}
	sittings := map[ident.ID][]*ent.Meeting{}
	seen := map[ident.ID]bool{}
	for _, m := range c.Meeting.Query().Where(entmeeting.AuthorityID(r.AuthorityID)).Order(entmeeting.ByID()).AllX(ctx) {
		if m.Kind == domain.InitialCPConference && m.Status == domain.Held {
			st.initialChildren++
			if m.SittingID == nil || !seen[*m.SittingID] {
				st.initialMeetings++
			}
		}
		if m.SittingID != nil {
			seen[*m.SittingID] = true
			sittings[*m.SittingID] = append(sittings[*m.SittingID], m)
		}
	}
	for id, ms := range sittings {
		first := ms[0]
		children := map[ident.ID]bool{}
		for _, m := range ms {
			if children[m.ChildID] {
				t.Errorf("%s: sitting %s has %s twice", r.Name, id, m.ChildID)
			}
			children[m.ChildID] = true
			if m.Kind != first.Kind || !m.ScheduledFor.Equal(*first.ScheduledFor) || deref(m.Venue) != deref(first.Venue) ||
				deref(m.ChairID) != deref(first.ChairID) || m.Status != first.Status {
				t.Errorf("%s: sitting %s: %s's meeting is not %s's (kind, time, venue, chair, status)", r.Name, id, m.ChildID, first.ChildID)
			}
			shared := false
			for p := range parents[first.ChildID] {
				shared = shared || parents[m.ChildID][p]
			}
			if !shared {
				t.Errorf("%s: sitting %s: %s and %s share no parent", r.Name, id, m.ChildID, first.ChildID)
			}
		}
		if len(ms) < 2 {
			t.Errorf("%s: sitting %s is for one child", r.Name, id)
		}
	}
}

// checkMeetings checks that each plan's meetings follow the statutory
// timescales from the plan's start: each due date is what the rule gives
// from the meeting before, and the booked next meeting is the one
// timescales.NextDue finds, due on the same day.
func (st *genStats) checkMeetings(t *testing.T, name string, ch *ent.Child, plans []*ent.Plan, all []*ent.Meeting, today civil.Date) {
	t.Helper()
	cal := timescales.EnglandAndWales()
	byPlan := map[ident.ID][]*ent.Meeting{}
	for _, m := range all {
		switch {
		case m.Status == domain.Postponed:
			st.postponed++
		case m.Kind == domain.LightTouchReview:
			st.lightTouch++
		}
		if m.Status != domain.Postponed {
			byPlan[*m.PlanID] = append(byPlan[*m.PlanID], m)
		}
	}
	track := func(ms []*ent.Meeting, kinds ...domain.MeetingKind) []*ent.Meeting {
		var out []*ent.Meeting
		for _, m := range ms {
			if slices.Contains(kinds, m.Kind) {
				out = append(out, m)
			}
		}
		slices.SortFunc(out, func(a, b *ent.Meeting) int { return a.ScheduledFor.Compare(*b.ScheduledFor) })
		return out
	}
	// walk checks a track: every meeting but a current plan's last is held,
	// and each is due when rule says.
	walk := func(p *ent.Plan, ms []*ent.Meeting, rule func(i int, prev []*ent.Meeting, m *ent.Meeting) civil.Date) {
		current := p.EndsOn == nil
		if current && (len(ms) == 0 || ms[len(ms)-1].Status != domain.Scheduled) {
			t.Errorf("%s: %s's current %s has no meeting booked", name, ch.PreferredName, p.Kind)
		}
		for i, m := range ms {
			last := i == len(ms)-1
			if (m.Status == domain.Held) == (current && last) {
				t.Errorf("%s: %s's %s %d of %d is %s", name, ch.PreferredName, m.Kind, i+1, len(ms), m.Status)
				return
			}
			if want := rule(i, ms[:i], m); m.DueBy != want {
				t.Errorf("%s: %s's %s %d due %s, want %s", name, ch.PreferredName, m.Kind, i+1, m.DueBy, want)
			}
		}
	}
	tc := timescales.Case{LighterTouch: ch.LighterTouch}
	for _, p := range plans {
		ms := byPlan[p.ID]
		if p.EndsOn == nil {
			for _, m := range ms {
				tm := timescales.Meeting{ID: string(m.ID), Kind: timescales.MeetingKind(m.Kind),
					Status: timescales.MeetingStatus(m.Status), Scheduled: civil.InLondon(*m.ScheduledFor)}
				if m.HeldOn != nil {
					tm.Held = *m.HeldOn
				}
				tc.Meetings = append(tc.Meetings, tm)
			}
		}
		if p.Kind == domain.CarePlan {
			if p.EndsOn == nil {
				tc.BecameLookedAfter = p.StartsOn
			}
			walk(p, track(ms, domain.CICReview, domain.LightTouchReview), func(i int, prev []*ent.Meeting, m *ent.Meeting) civil.Date {
				switch i {
				case 0:
					return timescales.FirstCICReviewDue(cal, p.StartsOn)
				case 1:
					return timescales.SecondCICReviewDue(*prev[0].HeldOn)
				}
				last := prev[len(prev)-1]
				if m.Kind == domain.LightTouchReview || last.Kind == domain.LightTouchReview {
					full := last
					for _, m := range prev {
						if m.Kind == domain.CICReview {
							full = m
						}
					}
					if m.Kind == domain.LightTouchReview {
						return timescales.LightTouchReviewDue(*full.HeldOn)
					}
					return timescales.LighterTouchFullReviewDue(*full.HeldOn)
				}
				return timescales.LaterCICReviewDue(*last.HeldOn)
			})
			continue
		}
		if p.EndsOn == nil {
			tc.StrategyDiscussion = *p.StrategyDiscussionOn
		}
		conferences := track(ms, domain.InitialCPConference, domain.ReviewCPConference)
		if len(conferences) == 0 || conferences[0].Kind != domain.InitialCPConference ||
			conferences[0].HeldOn == nil || *conferences[0].HeldOn != p.StartsOn {
			t.Errorf("%s: %s's CP plan did not start at a held initial conference", name, ch.PreferredName)
			continue
		}
		initial := *conferences[0].HeldOn
		walk(p, conferences, func(i int, prev []*ent.Meeting, m *ent.Meeting) civil.Date {
			switch i {
			case 0:
				return timescales.InitialConferenceDue(cal, *p.StrategyDiscussionOn)
			case 1:
				return timescales.FirstReviewConferenceDue(initial)
			}
			return timescales.LaterReviewConferenceDue(*prev[len(prev)-1].HeldOn)
		})
		walk(p, track(ms, domain.CoreGroup), func(i int, prev []*ent.Meeting, m *ent.Meeting) civil.Date {
			if i == 0 {
				return timescales.FirstCoreGroupDue(cal, initial)
			}
			return timescales.NextCoreGroupDue(*prev[len(prev)-1].HeldOn, timescales.Weeks(timescales.DefaultCoreGroupWeeks))
		})
	}
	// What the API will show as due is what the generator booked.
	dueBy := map[string]civil.Date{}
	for _, m := range all {
		dueBy[string(m.ID)] = m.DueBy
	}
	if ch.LighterTouch {
		st.lighterTouch++
	}
	for _, d := range timescales.NextDue(cal, tc, today) {
		st.nextDue++
		if d.Overdue {
			st.overdue++
		}
		if d.MeetingID == "" {
			t.Errorf("%s: %s's next %s (due %s) is not booked", name, ch.PreferredName, d.Kind, d.DueBy)
		} else if dueBy[d.MeetingID] != d.Statutory {
			t.Errorf("%s: %s's next %s is due %s, but the booked one says %s", name, ch.PreferredName, d.Kind, d.Statutory, dueBy[d.MeetingID])
		}
	}
}

// TestGenerate2000 makes a larger authority, checks its shares against the
// national picture the generator aims for, and logs how long it took
// (timings are only logged: machines are shared).
func TestGenerate2000(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	st := testdb.Open(t)
	r, err := Generate(context.Background(), st.Client, Options{Children: 2000, Seed: 42, Today: genToday, PasswordHash: testHash})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d children on %s: %d staff, %d parents, %d accounts, %d plans, %d meetings, %d submissions in %s",
		r.Children, st.Dialect, r.Staff, r.Parents, r.Accounts, r.Plans, r.Meetings, r.Submissions, r.Took.Round(time.Millisecond))
	s := checkGenerated(t, st.Client, r, genToday)
	checkAlerts(t, st.Client, r, genToday)

	share := func(what string, n, of int, lo, hi float64) {
		t.Helper()
		got := float64(n) / float64(of)
		t.Logf("%-40s %5.1f%%", what, 100*got)
		if got < lo || got > hi {
			t.Errorf("%s: %.1f%%, want %.0f–%.0f%%", what, 100*got, 100*lo, 100*hi)
		}
	}
	share("in care (including both)", s.inCare+s.both, s.children, 0.55, 0.66)
	share("on a CP plan (including both)", s.cp+s.both, s.children, 0.30, 0.40)
	share("both", s.both, s.children, 0.01, 0.06)
	share("plan ended", s.neither, s.children, 0.02, 0.10)
	share("unborn", s.unborn, s.children, 0.002, 0.03)
	share("CP plans: neglect", s.categories[domain.Neglect], s.cpPlans, 0.40, 0.60)
	share("CP plans: emotional", s.categories[domain.Emotional], s.cpPlans, 0.25, 0.45)
	share("CP plans: physical", s.categories[domain.Physical], s.cpPlans, 0.03, 0.14)
	share("CP plans: sexual", s.categories[domain.Sexual], s.cpPlans, 0.01, 0.08)
	share("CP plans: multiple", s.categories[domain.Multiple], s.cpPlans, 0.005, 0.07)
	share("CP children: a repeat plan", s.repeatCP, s.cpPlans, 0.05, 0.25)
	share("CP children with a parent account", s.withParent, s.cpChildren, 0.7, 0.95)
	share("children in care with a parent account", s.careWithParent, s.careChildren, 0.35, 0.65)
	share("meetings held on time", s.onTime, s.held, 0.85, 0.95)
	share("records sent within 15 working days", s.recordsOnTime, s.recordsSent, 0.8, 0.97)
	coded := 0
	for _, n := range s.codes {
		coded += n
	}
	share("reviews coded PN1", s.codes[domain.PN1], coded, 0.25, 0.55)
	share("reviews coded PN6", s.codes[domain.PN6], coded, 0.15, 0.45)
	share("reviews coded PN0", s.codes[domain.PN0], coded, 0.03, 0.25)
	share("reviews coded PN7", s.codes[domain.PN7], coded, 0.02, 0.15)
	share("submissions needing to talk today", s.urgent, s.submissions, 0.005, 0.04)
	share("submissions unread", s.unread, s.submissions, 0.03, 0.3)
	share("next statutory meetings overdue", s.overdue, s.nextDue, 0.005, 0.1)
	// The seed: 265 initial conferences for 478 children (55%).
	share("initial conferences as meetings, of children's", s.initialMeetings, s.initialChildren, 0.5, 0.85)
	t.Logf("%d children under the lighter-touch arrangement, %d light-touch reviews, %d postponed meetings",
		s.lighterTouch, s.lightTouch, s.postponed)
	t.Logf("%d initial conferences for %d children; %d of %d IROs part time", s.initialMeetings, s.initialChildren,
		s.partTimeIROs, s.iros)
	if s.partTimeIROs == 0 {
		t.Error("no IRO works part time")
	}
	for k, loads := range s.caseload {
		mean := 0
		for _, n := range loads {
			mean += n
		}
		t.Logf("%s: %d staff, caseloads per full-time %d–%d", k, len(loads), slices.Min(loads), slices.Max(loads))
		if mean /= len(loads); mean < Caseload-8 {
			t.Errorf("%s: mean caseload %d, want near %d", k, mean, Caseload)
		}
	}
}

func TestFreeAuthorityName(t *testing.T) {
	taken := []string{"Demo Borough", "Generated Borough 1", "Generated Borough 3"}
	for _, c := range []struct{ want, got string }{
		{"", "Generated Borough 2"},
		{"Demo Borough", "Generated Borough 2"},
		{"  Northwick ", "Northwick"},
	} {
		if got := freeAuthorityName(taken, c.want); got != c.got {
			t.Errorf("freeAuthorityName(%q) = %q, want %q", c.want, got, c.got)
		}
	}
}

func TestGenerateRefusesABadSize(t *testing.T) {
	st := testdb.Open(t)
	for _, n := range []int{-1, MaxChildren + 1} {
		if _, err := Generate(context.Background(), st.Client, Options{Children: n, PasswordHash: testHash}); err == nil {
			t.Errorf("%d children: no error", n)
		}
	}
	if n := st.Client.LocalAuthority.Query().CountX(system()); n != 0 {
		t.Errorf("%d authorities after refusals", n)
	}
}

// checkAlerts: the generated alerts are about a held meeting of their
// child, raised by its chair in the chair's role; their stages follow each
// other in order, dated by today, with CAFCASS only for a child in care;
// and some reached each formal stage, so the figures by stage are not all
// zero.
func checkAlerts(t *testing.T, c *ent.Client, r *Report, today civil.Date) {
	t.Helper()
	ctx := system()
	alerts := c.Alert.Query().Where(entalert.AuthorityID(r.AuthorityID)).WithMeeting().WithRaisedBy().AllX(ctx)
	if len(alerts) != r.Alerts || len(alerts) < 20 {
		t.Fatalf("%d alerts stored, %d reported; want at least 20", len(alerts), r.Alerts)
	}
	reached := map[domain.AlertStage]int{}
	for _, a := range alerts {
		m := a.Edges.Meeting
		if m == nil || m.ChildID != a.ChildID || m.Status != domain.Held || a.RaisedByID != deref(m.ChairID) ||
			a.RaisedByRole == nil || *a.RaisedByRole != a.Edges.RaisedBy.Role {
			t.Errorf("alert %s: not about a held meeting of its child by its chair, in their role", a.ID)
			continue
		}
		steps := a.StageHistory
		if len(steps) == 0 || steps[0].Stage != domain.StageForLevel(a.Level) && steps[0].Stage != domain.StageInformal ||
			steps[len(steps)-1].Stage != a.Stage || a.Level != a.Stage.Level() || a.ResponseDueBy != steps[len(steps)-1].RespondBy {
			t.Errorf("alert %s: stage %s, level %s, history %+v", a.ID, a.Stage, a.Level, steps)
			continue
		}
		for i, st := range steps {
			if civil.InLondon(st.ReachedAt).After(today) || (i > 0 && (!st.ReachedAt.After(steps[i-1].ReachedAt) ||
				func() bool { n, _ := steps[i-1].Stage.Next(); return n != st.Stage }())) {
				t.Errorf("alert %s: step %d out of order: %+v", a.ID, i, steps)
			}
			reached[st.Stage]++
		}
		if a.Stage == domain.StageCafcassReferral && *a.RaisedByRole != domain.RoleIRO {
			t.Errorf("alert %s: referred to CAFCASS by a %s", a.ID, *a.RaisedByRole)
		}
	}
	t.Logf("%d alerts; stages reached: %v", len(alerts), reached)
	for _, stage := range []domain.AlertStage{domain.StageInformal, domain.StageTeamManager, domain.StageHeadOfService} {
		if reached[stage] == 0 {
			t.Errorf("no alert reached %s", stage)
		}
	}
}
