package graph_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"kite/ent"
	"kite/ent/attachment"
	"kite/ent/auditevent"
	"kite/ent/identitylink"
	"kite/ent/localauthority"
	"kite/ent/meeting"
	"kite/ent/parentviews"
	"kite/ent/plan"
	"kite/ent/readreceipt"
	"kite/ent/signinprovider"
	"kite/ent/user"
	"kite/ent/wishesandfeelings"
	"kite/internal/accesstest"
	"kite/internal/apitest"
	"kite/internal/demo"
	"kite/internal/domain"
	"kite/internal/httpserver"
	"kite/internal/ident"
	"kite/internal/importer"
	"kite/internal/pictures/picturetest"
	"kite/internal/viewer"
)

// matrixServer is the demo data plus the hard cases of docs/access.md.
func matrixServer(t *testing.T) (*apitest.Server, *accesstest.World) {
	t.Helper()
	s := apitest.New(t)
	accesstest.Fixtures(t, s.Client())
	return s, accesstest.Load(s.Client())
}

// everyone is every account, each signed in, plus anonymous ("").
func everyone(t *testing.T, s *apitest.Server, w *accesstest.World) map[string]string {
	t.Helper()
	tokens := map[string]string{"": ""}
	for _, u := range w.Users {
		if u.Username != nil {
			tokens[*u.Username] = s.Login(*u.Username)
		}
	}
	return tokens
}

// sortedNames are the usernames of everyone's tokens, in order, so that a
// matrix runs the same way each time.
func sortedNames(tokens map[string]string) []string {
	names := make([]string, 0, len(tokens))
	for n := range tokens {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (w worldUsers) byName(name string) *ent.User {
	for _, u := range w {
		if u.Username != nil && *u.Username == name {
			return u
		}
	}
	return nil
}

type worldUsers []*ent.User

func viewerOf(w *accesstest.World, name string) *viewer.Viewer {
	if name == "" {
		return nil
	}
	return w.ViewerFor(worldUsers(w.Users).byName(name))
}

// nodesSeen asks node(id) for every id (in batches, through nodes) and
// returns the ids that came back non-null.
func nodesSeen(t *testing.T, s *apitest.Server, token string, ids []ident.ID) map[ident.ID]bool {
	t.Helper()
	seen := map[ident.ID]bool{}
	for start := 0; start < len(ids); start += 100 {
		batch := ids[start:min(start+100, len(ids))]
		r := s.Query(token, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": batch})
		if len(r.Errors) > 0 {
			t.Fatalf("nodes: %s", r.Raw)
		}
		for i, n := range r.Data["nodes"].([]any) {
			if n != nil {
				if got := ident.ID(n.(map[string]any)["id"].(string)); got != batch[i] {
					t.Fatalf("nodes answered %s for %s", got, batch[i])
				}
				seen[batch[i]] = true
			}
		}
	}
	return seen
}

// TestPermissionMatrix runs every role (every account, and nobody) against
// every record of every entity through node(id), and compares the answer
// with the oracle — docs/access.md written out independently of internal/access.
// It also compares what each viewer can list and count of every entity.
func TestPermissionMatrix(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	var ids []ident.ID
	for rec := range w.Visible(nil) {
		ids = append(ids, rec.ID)
	}
	slices.Sort(ids)
	names := sortedNames(tokens)
	for _, name := range names {
		v := viewerOf(w, name)
		want := w.Visible(v)
		seen := nodesSeen(t, s, tokens[name], ids)
		perEntity := map[string]int{}
		for rec, ok := range want {
			if ok {
				perEntity[rec.Entity]++
			}
			if seen[rec.ID] != ok {
				t.Errorf("%s: node(%s %s) visible=%v, docs/access.md says %v", who(name), rec.Entity, rec.ID, seen[rec.ID], ok)
			}
		}
		if v != nil {
			compareCounts(t, s, name, v, perEntity)
		}
	}
}

func who(name string) string {
	if name == "" {
		return "anonymous"
	}
	return name
}

// compareCounts checks that lists and counts at the data layer (what every
// connection, totalCount and edge is built on) see exactly what node(id) does.
func compareCounts(t *testing.T, s *apitest.Server, name string, v *viewer.Viewer, want map[string]int) {
	t.Helper()
	ctx := viewer.NewContext(context.Background(), v)
	c := s.Client()
	got := map[string]int{
		"LocalAuthority":    c.LocalAuthority.Query().CountX(ctx),
		"User":              c.User.Query().CountX(ctx),
		"Child":             c.Child.Query().CountX(ctx),
		"ChildIdentity":     c.ChildIdentity.Query().CountX(ctx),
		"Allocation":        c.Allocation.Query().CountX(ctx),
		"FamilyLink":        c.FamilyLink.Query().CountX(ctx),
		"Plan":              c.Plan.Query().CountX(ctx),
		"PlanVersion":       c.PlanVersion.Query().CountX(ctx),
		"PlanAction":        c.PlanAction.Query().CountX(ctx),
		"Meeting":           c.Meeting.Query().CountX(ctx),
		"WishesAndFeelings": c.WishesAndFeelings.Query().CountX(ctx),
		"Attachment":        c.Attachment.Query().CountX(ctx),
		"ReadReceipt":       c.ReadReceipt.Query().CountX(ctx),
		"ParentViews":       c.ParentViews.Query().CountX(ctx),
		"Reply":             c.Reply.Query().CountX(ctx),
		"Letter":            c.Letter.Query().CountX(ctx),
		"Alert":             c.Alert.Query().CountX(ctx),
		"AlertResponse":     c.AlertResponse.Query().CountX(ctx),
		"BreakGlassGrant":   c.BreakGlassGrant.Query().CountX(ctx),
		"AuditEvent":        c.AuditEvent.Query().CountX(ctx),
		"Invitation":        c.Invitation.Query().CountX(ctx),
		"GlossaryEntry":     c.GlossaryEntry.Query().CountX(ctx),
		"FormTemplate":      c.FormTemplate.Query().CountX(ctx),
		"Notice":            c.Notice.Query().CountX(ctx),
		"SignInProvider":    c.SignInProvider.Query().CountX(ctx),
		"HelpContact":       c.HelpContact.Query().CountX(ctx),
		"AdvocacyRequest":   c.AdvocacyRequest.Query().CountX(ctx),
	}
	for entity, n := range got {
		if entity == "AuditEvent" {
			continue // the audit log grows as the test reads; node(id) covered it
		}
		if n != want[entity] {
			t.Errorf("%s: counts %d %s rows, docs/access.md says %d", name, n, entity, want[entity])
		}
	}
	if n := c.Notification.Query().CountX(ctx) + c.RefreshToken.Query().CountX(ctx) +
		c.IdentityLink.Query().CountX(ctx) + c.PendingSignIn.Query().CountX(ctx); n != 0 {
		t.Errorf("%s: reads %d outbox, refresh-token, identity-link or pending sign-in rows", name, n)
	}
}

// TestChildListsMatchTheRules: through the GraphQL fields a client uses —
// child(id) and its lists and connections — each viewer sees the rows the
// oracle allows, for every child, and null for a child they may not see.
func TestChildListsMatchTheRules(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	q := `query($id: ID!) { child(id: $id) { id identity { id } plans { id currentVersion { id actions { id } } }
		meetings { id } submissions(first: 100) { totalCount edges { node { id readReceipts { id } replies { id } } } } } }`
	for name, token := range tokens {
		v := viewerOf(w, name)
		for _, c := range w.Children {
			r := s.Query(token, q, map[string]any{"id": c.ID})
			if len(r.Errors) > 0 {
				t.Fatalf("%s: %s", who(name), r.Raw)
			}
			got := r.Data["child"]
			if !w.SeesChild(v, c.ID) {
				if got != nil {
					t.Errorf("%s sees child %s", who(name), c.PreferredName)
				}
				continue
			}
			checkChildLists(t, w, who(name), v, c, got.(map[string]any))
		}
	}
}

func checkChildLists(t *testing.T, w *accesstest.World, name string, v *viewer.Viewer, c *ent.Child, got map[string]any) {
	t.Helper()
	var wantPlans, wantMeetings, wantSubs []string
	for _, p := range w.Plans {
		if p.ChildID == c.ID && w.SeesPlan(v, p) {
			wantPlans = append(wantPlans, string(p.ID))
		}
	}
	for _, m := range w.Meetings {
		if m.ChildID == c.ID && w.SeesMeeting(v, m) {
			wantMeetings = append(wantMeetings, string(m.ID))
		}
	}
	for _, sub := range w.Submissions {
		if sub.ChildID == c.ID && w.SeesSubmission(v, sub) {
			wantSubs = append(wantSubs, string(sub.ID))
		}
	}
	sameIDs(t, name+" "+c.PreferredName+" plans", wantPlans, idsAt(got["plans"]))
	sameIDs(t, name+" "+c.PreferredName+" meetings", wantMeetings, idsAt(got["meetings"]))
	conn := got["submissions"].(map[string]any)
	var subs []string
	for _, e := range conn["edges"].([]any) {
		node := e.(map[string]any)["node"].(map[string]any)
		subs = append(subs, node["id"].(string))
		var wantReplies []string
		for _, r := range w.Replies {
			if r.SubmissionID != nil && string(*r.SubmissionID) == node["id"] && w.SeesReply(v, r) {
				wantReplies = append(wantReplies, string(r.ID))
			}
		}
		sameIDs(t, name+" "+c.PreferredName+" replies to "+node["id"].(string), wantReplies, idsAt(node["replies"]))
	}
	sameIDs(t, name+" "+c.PreferredName+" submissions", wantSubs, subs)
	if int(conn["totalCount"].(float64)) != len(wantSubs) {
		t.Errorf("%s %s: submissions totalCount %v, want %d", name, c.PreferredName, conn["totalCount"], len(wantSubs))
	}
	if (got["identity"] != nil) != (v.Role != domain.RoleChild) {
		t.Errorf("%s %s: identity %v", name, c.PreferredName, got["identity"])
	}
}

func idsAt(list any) []string {
	var out []string
	for _, x := range list.([]any) {
		out = append(out, x.(map[string]any)["id"].(string))
	}
	return out
}

func sameIDs(t *testing.T, what string, want, got []string) {
	t.Helper()
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

// --- docs/access.md's "rules that are easy to get wrong", one named test each ---

func TestForbiddenAndMissingLookTheSame(t *testing.T) {
	s, w := matrixServer(t)
	parent := s.Login("parent.demo")
	jamie := childNamed(t, s, "Jamie") // exists, but not parent.demo's child
	missing := ident.New("chd")
	for _, q := range []string{`query($id: ID!) { node(id: $id) { id } }`, `query($id: ID!) { child(id: $id) { id } }`} {
		forbidden := s.Query(parent, q, map[string]any{"id": jamie.ID})
		absent := s.Query(parent, q, map[string]any{"id": missing})
		if forbidden.Raw != absent.Raw {
			t.Errorf("forbidden %s\nmissing   %s", forbidden.Raw, absent.Raw)
		}
	}
	// In a mutation both are NOT_FOUND, with the same words.
	manager := s.Login("manager.demo")
	noah := childNamed(t, s, "Noah") // Other Shire
	bg := `mutation($id: ID!) { breakGlass(childId: $id, reason: "Checking something important.") { grant { id } } }`
	forbidden := s.Query(manager, bg, map[string]any{"id": noah.ID})
	absent := s.Query(manager, bg, map[string]any{"id": missing})
	if forbidden.Code() != "NOT_FOUND" || forbidden.Raw != absent.Raw {
		t.Errorf("mutation: forbidden %s\nmissing %s", forbidden.Raw, absent.Raw)
	}
	_ = w
}

func TestIDsAreNotGuessable(t *testing.T) {
	s, w := matrixServer(t)
	seenRandom := map[string]bool{}
	for rec := range w.Visible(nil) {
		if !rec.ID.Valid() {
			t.Fatalf("%s id %q is not a prefixed random id", rec.Entity, rec.ID)
		}
		random := string(rec.ID)[len(rec.ID)-16:] // the 80 random bits of the ULID
		if seenRandom[random] {
			t.Fatalf("repeated random part %s", random)
		}
		seenRandom[random] = true
	}
	// A guessed id of the right shape finds nothing.
	tok := s.Login("manager.demo")
	for i := 0; i < 20; i++ {
		r := s.Query(tok, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": ident.New("chd")})
		if r.Data["node"] != nil {
			t.Fatal("a guessed id found a record")
		}
	}
}

func TestParentNeverSeesHiddenSubmissionsOrTheUrgentFlag(t *testing.T) {
	s, w := matrixServer(t)
	parent := s.Login("parent.demo")
	ava := childNamed(t, s, "Ava")
	r := s.Query(parent, `query($id: ID!) { child(id: $id) { submissions(first: 100) { totalCount
		edges { node { id status shareWith needsToTalkToday withheldFromFamily reply } } } } }`, map[string]any{"id": ava.ID})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	conn := apitest.Path(r.Data, "child", "submissions").(map[string]any)
	edges := conn["edges"].([]any)
	if len(edges) == 0 {
		t.Fatal("the parent sees none of Ava's shared submissions, so this test proves nothing")
	}
	for _, e := range edges {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["shareWith"] != "EVERYONE_AT_MEETING" || n["withheldFromFamily"] != false || n["status"] == "DRAFT" {
			t.Errorf("parent sees %v", n)
		}
		if n["needsToTalkToday"] != false || n["reply"] != nil {
			t.Errorf("parent sees the urgent flag or the reply: %v", n)
		}
	}
	if int(conn["totalCount"].(float64)) != len(edges) {
		t.Errorf("the count tells more than the list: %v vs %d", conn["totalCount"], len(edges))
	}
	// Direct probes of hidden ones: null, like a missing id.
	pv := w.ViewerFor(worldUsers(w.Users).byName("parent.demo"))
	for _, sub := range w.Submissions {
		if sub.ChildID == ava.ID && !w.SeesSubmission(pv, sub) {
			if r := s.Query(parent, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": sub.ID}); r.Data["node"] != nil {
				t.Errorf("parent reaches hidden submission %s (%s)", sub.ID, sub.ShareWith)
			}
		}
	}
}

func TestSocialWorkerSeesTheUrgentFlagNotTheWords(t *testing.T) {
	s, _ := matrixServer(t)
	sw := s.Login("sw.demo")
	jamie := childNamed(t, s, "Jamie")
	r := s.Query(sw, `query($id: ID!) { child(id: $id) { submissions(first: 100) { edges { node {
		shareWith needsToTalkToday answers { value } reply } } } } }`, map[string]any{"id": jamie.ID})
	found := false
	for _, e := range apitest.Path(r.Data, "child", "submissions", "edges").([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["shareWith"] == "CHAIR_ONLY" {
			found = true
			if n["needsToTalkToday"] != true || n["answers"] != nil || n["reply"] != nil {
				t.Errorf("social worker, chair-only submission: %v", n)
			}
		}
	}
	if !found {
		t.Fatalf("the social worker does not see Jamie's urgent flag: %s", r.Raw)
	}
	// The mask must not depend on the client asking for the share setting.
	r = s.Query(sw, `query($id: ID!) { child(id: $id) { submissions(first: 100) { edges { node { id answers { value } } } } } }`, map[string]any{"id": jamie.ID})
	for _, e := range apitest.Path(r.Data, "child", "submissions", "edges").([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		for _, sub := range s.Client().WishesAndFeelings.Query().AllX(apitest.System()) {
			if string(sub.ID) == n["id"] && sub.ShareWith == "CHAIR_ONLY" && n["answers"] != nil {
				t.Errorf("social worker reads chair-only words when not asking for shareWith: %v", n)
			}
		}
	}
	// The IRO sees the words.
	iro := s.Login("iro.demo")
	r = s.Query(iro, `query($id: ID!) { child(id: $id) { submissions(first: 100) { edges { node { shareWith answers { value } } } } } }`, map[string]any{"id": jamie.ID})
	for _, e := range apitest.Path(r.Data, "child", "submissions", "edges").([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["shareWith"] == "CHAIR_ONLY" && n["answers"] == nil {
			t.Errorf("IRO cannot read a chair-only submission: %v", n)
		}
	}
}

// TestMasksHoldInEagerLoadsWithTotals: a child's submissions loaded with the
// child by ent (node(id): field collection narrows the columns to those
// asked for, and an edge's totalCount is a grouping of the same query) keep
// the social worker's mask without the share setting being asked for, and
// the total is the number of rows the viewer sees. The mask's column was
// once added to the grouping as well, and every such total failed.
func TestMasksHoldInEagerLoadsWithTotals(t *testing.T) {
	s, _ := matrixServer(t)
	jamie := childNamed(t, s, "Jamie")
	chairOnly := map[string]bool{}
	for _, sub := range s.Client().WishesAndFeelings.Query().AllX(apitest.System()) {
		chairOnly[string(sub.ID)] = sub.ShareWith == "CHAIR_ONLY"
	}
	for _, who := range []string{"sw.demo", "iro.demo", "child.demo"} {
		tok := s.Login(who)
		seen := s.Query(tok, `query($id: ID!) { child(id: $id) { submissions(first: 100) { totalCount } } }`,
			map[string]any{"id": jamie.ID})
		want := apitest.Path(seen.Data, "child", "submissions", "totalCount")
		for _, page := range []string{`(first: 100)`, `(first: 2)`, ``} {
			r := s.Query(tok, `query($id: ID!) { node(id: $id) { ... on Child { submissions`+page+` {
				totalCount edges { node { id answers { value } } } } } } }`, map[string]any{"id": jamie.ID})
			if len(r.Errors) > 0 || want == nil {
				t.Fatalf("%s: submissions%s: %s", who, page, r.Raw)
			}
			if got := apitest.Path(r.Data, "node", "submissions", "totalCount"); got != want {
				t.Errorf("%s: submissions%s: total %v, child(id) says %v", who, page, got, want)
			}
			for _, e := range apitest.Path(r.Data, "node", "submissions", "edges").([]any) {
				n := e.(map[string]any)["node"].(map[string]any)
				if masked := n["answers"] == nil; masked != (who == "sw.demo" && chairOnly[n["id"].(string)]) {
					t.Errorf("%s: submissions%s: %v", who, page, n)
				}
			}
		}
	}
}

func TestParentNeverSeesTheOtherParentOrAWithheldVenue(t *testing.T) {
	s, w := matrixServer(t)
	parent := s.Login("parent.demo")
	for _, name := range []string{"fixture.gran", "fixture.dad"} {
		other := worldUsers(w.Users).byName(name)
		if r := s.Query(parent, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": other.ID}); r.Data["node"] != nil {
			t.Errorf("parent sees %s's account", name)
		}
	}
	for _, l := range w.Links {
		if l.ParentID != worldUsers(w.Users).byName("parent.demo").ID {
			if r := s.Query(parent, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": l.ID}); r.Data["node"] != nil {
				t.Errorf("parent sees another parent's link %s", l.Relationship)
			}
		}
	}
	ava := childNamed(t, s, "Ava")
	r := s.Query(parent, `query($id: ID!) { child(id: $id) { meetings { id venue venueWithheldFromFamily attendees } } }`, map[string]any{"id": ava.ID})
	withheld := 0
	for _, m := range apitest.Path(r.Data, "child", "meetings").([]any) {
		m := m.(map[string]any)
		if m["attendees"] != nil {
			t.Errorf("parent sees who attended: %v", m)
		}
		if m["venueWithheldFromFamily"] == true {
			withheld++
			if m["venue"] != nil {
				t.Errorf("parent sees a withheld venue: %v", m)
			}
		}
	}
	if withheld == 0 {
		t.Fatal("no withheld venue in the data, so this test proves nothing")
	}
	// The mask must not depend on the client asking whether the venue is withheld.
	r = s.Query(parent, `query($id: ID!) { child(id: $id) { meetings { id venue } } }`, map[string]any{"id": ava.ID})
	for _, m := range apitest.Path(r.Data, "child", "meetings").([]any) {
		m := m.(map[string]any)
		for _, stored := range s.Client().Meeting.Query().AllX(apitest.System()) {
			if string(stored.ID) == m["id"] && stored.VenueWithheldFromFamily && m["venue"] != nil {
				t.Errorf("parent sees a withheld venue when not asking whether it is withheld: %v", m)
			}
		}
	}
	// Without parental responsibility a link gives nothing.
	dad := s.Login("fixture.dad")
	if r := s.Query(dad, `query($id: ID!) { child(id: $id) { id } }`, map[string]any{"id": ava.ID}); r.Data["child"] != nil {
		t.Error("a parent without parental responsibility sees the child")
	}
}

func TestOtherAuthorityReadsNothing(t *testing.T) {
	s, w := matrixServer(t)
	// National reference data (glossary, form templates, national help
	// contacts such as Childline) belongs to no authority and is everyone's.
	national := map[ident.ID]bool{}
	for _, h := range w.Help {
		if h.AuthorityID == nil {
			national[h.ID] = true
		}
	}
	other := map[string]string{"iro.other": s.Login("iro.other"), "child.other": s.Login("child.other")}
	demoLA := worldUsers(w.Users).byName("iro.demo").AuthorityID
	var demoIDs []ident.ID
	for rec, ok := range w.Visible(w.ViewerFor(worldUsers(w.Users).byName("manager.demo"))) {
		if ok && rec.Entity != "GlossaryEntry" && rec.Entity != "FormTemplate" && !national[rec.ID] {
			demoIDs = append(demoIDs, rec.ID)
		}
	}
	for name, tok := range other {
		if seen := nodesSeen(t, s, tok, demoIDs); len(seen) > 0 {
			t.Errorf("%s reads %d Demo Borough records", name, len(seen))
		}
	}
	// And the other way: every Demo Borough account reads nothing of Other Shire.
	otherLA := worldUsers(w.Users).byName("iro.other").AuthorityID
	var otherIDs []ident.ID
	for rec, ok := range w.Visible(w.ViewerFor(worldUsers(w.Users).byName("iro.other"))) {
		if ok && rec.Entity != "GlossaryEntry" && rec.Entity != "FormTemplate" && !national[rec.ID] {
			otherIDs = append(otherIDs, rec.ID)
		}
	}
	for _, u := range w.Users {
		if u.AuthorityID != demoLA || u.Username == nil {
			continue
		}
		if seen := nodesSeen(t, s, s.Login(*u.Username), otherIDs); len(seen) > 0 {
			t.Errorf("%s reads %d Other Shire records", *u.Username, len(seen))
		}
	}
	_ = otherLA
}

func TestEndedAllocationAndLinkTakeEffectNextRequest(t *testing.T) {
	s, w := matrixServer(t)
	iro := s.Login("iro.demo")
	parent := s.Login("parent.demo")
	jamie, ava := childNamed(t, s, "Jamie"), childNamed(t, s, "Ava")
	q := `query($id: ID!) { child(id: $id) { id } }`
	if r := s.Query(iro, q, map[string]any{"id": jamie.ID}); r.Data["child"] == nil {
		t.Fatal("iro.demo cannot see Jamie to begin with")
	}
	yesterday := s.Today.AddDays(-1)
	for _, a := range w.Allocations {
		if a.ChildID == jamie.ID && a.StaffID == worldUsers(w.Users).byName("iro.demo").ID {
			s.Client().Allocation.UpdateOneID(a.ID).SetEndsOn(yesterday).ExecX(apitest.System())
		}
	}
	if r := s.Query(iro, q, map[string]any{"id": jamie.ID}); r.Data["child"] != nil {
		t.Error("an ended allocation still gives access")
	}
	for _, l := range w.Links {
		if l.ChildID == ava.ID && l.ParentID == worldUsers(w.Users).byName("parent.demo").ID {
			s.Client().FamilyLink.UpdateOneID(l.ID).SetActive(false).ExecX(apitest.System())
		}
	}
	if r := s.Query(parent, q, map[string]any{"id": ava.ID}); r.Data["child"] != nil {
		t.Error("an ended family link still gives access")
	}
}

func TestStaffReadsAreAuditedOncePerChildPerRequest(t *testing.T) {
	s, _ := matrixServer(t)
	iro := s.Login("iro.demo")
	jamie := childNamed(t, s, "Jamie")
	iroID := userID(t, s, "iro.demo").ID
	count := func(action string) int {
		return s.Client().AuditEvent.Query().Where(auditevent.Action(action), auditevent.ActorID(iroID)).CountX(apitest.System())
	}
	dashboard := `query($id: ID!) { child(id: $id) { id preferredName age chair { name } plans { id }
		submissions(first: 10) { edges { node { id answers { value } } } } } }`
	s.Query(iro, dashboard, map[string]any{"id": jamie.ID})
	if got := count("child.submissions.read"); got != 1 {
		t.Errorf("one dashboard read wrote %d submission events, want 1", got)
	}
	if got := count("child.read"); got != 0 {
		t.Errorf("a child read and its submissions should be one event, got %d more", got)
	}
	s.Query(iro, `query($id: ID!) { child(id: $id) { id } }`, map[string]any{"id": jamie.ID})
	if got := count("child.read"); got != 1 {
		t.Errorf("second request wrote %d child.read events, want 1", got)
	}
	s.Query(iro, `{ myCaseload(first: 50) { edges { node { id preferredName } } } }`, nil)
	if got := count("caseload.read"); got != 1 {
		t.Errorf("caseload wrote %d caseload events, want 1", got)
	}
	if got := count("child.read"); got != 1 {
		t.Errorf("caseload wrote per-child events: %d", got)
	}
	// Children and parents reading their own records are not audited.
	s.Query(s.Login("child.demo"), dashboard, map[string]any{"id": jamie.ID})
	if n := s.Client().AuditEvent.Query().Where(auditevent.ActionHasPrefix("child."), auditevent.ActorRole("CHILD")).CountX(apitest.System()); n != 0 {
		t.Errorf("a child's own read was audited %d times", n)
	}
}

func TestBreakGlass(t *testing.T) {
	s := apitest.New(t)
	manager := s.Login("manager.demo")
	jamie := childNamed(t, s, "Jamie")
	subs := `query($id: ID!) { child(id: $id) { submissions(first: 10) { totalCount edges { node { id } } } } }`
	if r := s.Query(manager, subs, map[string]any{"id": jamie.ID}); apitest.Path(r.Data, "child", "submissions", "totalCount") != float64(0) {
		t.Fatalf("manager sees submissions without break-glass: %s", r.Raw)
	}
	bg := `mutation($id: ID!, $reason: String!) { breakGlass(childId: $id, reason: $reason) { grant { id reason expiresAt } } }`
	if r := s.Query(manager, bg, map[string]any{"id": jamie.ID, "reason": "why"}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("short reason: %s", r.Raw)
	}
	if r := s.Query(s.Login("iro.demo"), bg, map[string]any{"id": jamie.ID, "reason": "I would like to read these."}); r.Code() != "FORBIDDEN" {
		t.Fatalf("an IRO breaking glass: %s", r.Raw)
	}
	r := s.Query(manager, bg, map[string]any{"id": jamie.ID, "reason": "A complaint about Jamie's review needs checking."})
	if len(r.Errors) > 0 {
		t.Fatalf("break glass: %s", r.Raw)
	}
	if r := s.Query(manager, subs, map[string]any{"id": jamie.ID}); apitest.Path(r.Data, "child", "submissions", "totalCount") != float64(1) {
		t.Fatalf("after break-glass: %s", r.Raw)
	}
	granted := s.Client().AuditEvent.Query().Where(auditevent.Action("breakglass.granted")).OnlyX(apitest.System())
	if !strings.Contains(granted.Reason, "complaint") {
		t.Errorf("grant audit event without the reason: %+v", granted)
	}
	if n := s.Client().AuditEvent.Query().Where(auditevent.Action("breakglass.used")).CountX(apitest.System()); n != 1 {
		t.Errorf("break-glass reads audited %d times, want 1", n)
	}
}

func TestAuditLogIsForManagersAndAdmins(t *testing.T) {
	s := apitest.New(t)
	s.Login("iro.demo")
	q := `{ auditEvents(first: 100, action: "login.succeeded") { totalCount edges { node { action actorId } } } }`
	for name, want := range map[string]bool{"manager.demo": true, "admin.demo": true, "iro.demo": false, "child.demo": false, "iro.other": false} {
		r := s.Query(s.Login(name), q, nil)
		total, ok := apitest.Path(r.Data, "auditEvents", "totalCount").(float64)
		if !ok {
			t.Fatalf("%s: %s", name, r.Raw)
		}
		n := int(total)
		if (n > 0) != want {
			t.Errorf("%s sees %d login events of Demo Borough: %s", name, n, r.Raw)
		}
	}
	// Filters narrow it.
	r := s.Query(s.Login("manager.demo"), fmt.Sprintf(`{ auditEvents(first: 100, actorId: "%s") { edges { node { actorId } } } }`, userID(t, s, "iro.demo").ID), nil)
	for _, e := range apitest.Path(r.Data, "auditEvents", "edges").([]any) {
		if apitest.Path(e, "node", "actorId") != string(userID(t, s, "iro.demo").ID) {
			t.Errorf("filter by actor let through %v", e)
		}
	}
}

func TestChildSeesWhoReadTheirSubmission(t *testing.T) {
	s := apitest.New(t)
	child := s.Login("child.demo")
	jamie := childNamed(t, s, "Jamie")
	r := s.Query(child, `query($id: ID!) { child(id: $id) { submissions(first: 10) { edges { node { status readReceipts { readerName readerRole readAt } } } } } }`, map[string]any{"id": jamie.ID})
	found := false
	for _, e := range apitest.Path(r.Data, "child", "submissions", "edges").([]any) {
		n := e.(map[string]any)["node"].(map[string]any)
		if n["status"] == "RESPONDED" {
			rr := n["readReceipts"].([]any)
			found = len(rr) == 1 && apitest.Path(rr[0], "readerRole") == "IRO" && apitest.Path(rr[0], "readAt") != nil
		}
	}
	if !found {
		t.Fatalf("the child cannot see who read their submission: %s", r.Raw)
	}
}

func TestMutationMatrix(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	leo, jamie, ava := childNamed(t, s, "Leo"), childNamed(t, s, "Jamie"), childNamed(t, s, "Ava")
	// Ava and Mia share parents (the fixtures' gran and parent.demo) and
	// their CP Chair: a review conference for them together (a sitting),
	// booked by the chair.
	mia := childNamed(t, s, "Mia")
	sitting := bookSitting(t, s, s.Login("chair.demo"), ava.ID, mia.ID)
	// The account to disable is one nobody in the matrix signs in with.
	oldIRO := userID(t, s, "fixture.oldiro").ID
	jamiePlan := s.Client().Plan.Query().Where(plan.ChildID(jamie.ID)).OnlyX(apitest.System())
	jamieReview := s.Client().Meeting.Query().Where(meeting.ChildID(jamie.ID), meeting.StatusEQ(domain.Scheduled)).OnlyX(apitest.System())
	later := time.Now().AddDate(0, 2, 0).UTC().Format(time.RFC3339)
	// A submission of Jamie's, sent to everyone and not yet read: only
	// Jamie may narrow who sees it.
	toNarrow := s.Client().WishesAndFeelings.Create().SetAuthorityID(jamie.AuthorityID).SetChildID(jamie.ID).
		SetFormTemplateID(s.Client().FormTemplate.Query().FirstIDX(apitest.System())).
		SetShareWith(domain.EveryoneAtMeeting).SetStatus(domain.Submitted).SetSubmittedAt(time.Now()).
		SaveX(apitest.System())
	// The grandmother's sent views, which nobody has read yet.
	granViews := s.Client().ParentViews.Query().Where(parentviews.ParentID(userID(t, s, "fixture.gran").ID),
		parentviews.StatusEQ(domain.Submitted)).OnlyX(apitest.System())
	count := func(q interface{ CountX(context.Context) int }) func() int {
		return func() int { return q.CountX(apitest.System()) }
	}
	// changes counts the times what read gives has changed since the last call.
	changes := func(read func() any) func() int {
		last, n := fmt.Sprint(read()), 0
		return func() int {
			if now := fmt.Sprint(read()); now != last {
				last, n = now, n+1
			}
			return n
		}
	}
	cases := []struct {
		name    string
		query   string
		vars    map[string]any
		allowed []string
		stored  func() int
	}{
		{"createInvitation", inviteMutation, map[string]any{"in": map[string]any{"childId": leo.ID, "role": "CHILD", "displayName": "Leo"}},
			[]string{"manager.demo"}, count(s.Client().Invitation.Query())},
		{"createStaffAccount", `mutation { createStaffAccount(input: {displayName: "New Person", role: SOCIAL_WORKER}) { code } }`, nil,
			[]string{"admin.demo"}, count(s.Client().User.Query())},
		{"setAccountActive", `mutation($id: ID!) { setAccountActive(input: {userId: $id, active: false}) { user { id } } }`, map[string]any{"id": oldIRO},
			[]string{"admin.demo"}, count(s.Client().User.Query().Where(user.Active(false)))},
		{"breakGlass", `mutation($id: ID!) { breakGlass(childId: $id, reason: "Checking a complaint about this case.") { grant { id } } }`, map[string]any{"id": jamie.ID},
			[]string{"manager.demo"}, count(s.Client().BreakGlassGrant.Query())},
		{"submitWishesAndFeelings", submitMutation, map[string]any{"in": map[string]any{"childId": jamie.ID, "shareWith": "CHAIR_ONLY",
			"idempotencyKey": "matrix", "answers": []map[string]any{{"questionKey": "going_well", "value": "ok"}}}},
			[]string{"child.demo"}, count(s.Client().WishesAndFeelings.Query())},
		{"scheduleMeeting", `mutation($id: ID!, $at: Time!) { scheduleMeeting(input: {childId: $id, kind: CIC_REVIEW, scheduledFor: $at, lateReason: "Kept if it is late."}) { meeting { id } } }`,
			map[string]any{"id": jamie.ID, "at": later}, []string{"iro.demo", "sw.demo"}, count(s.Client().Meeting.Query())},
		// A sitting is booked by staff who may book for every child of it:
		// iro.demo works with Mia, not Ava.
		{"scheduleMeeting (brothers and sisters together)", `mutation($id: ID!, $with: [ID!], $at: Time!) { scheduleMeeting(input: {childId: $id, withChildIds: $with, kind: REVIEW_CP_CONFERENCE, scheduledFor: $at, lateReason: "Kept if it is late."}) { meetings { id } } }`,
			map[string]any{"id": ava.ID, "with": []ident.ID{mia.ID}, "at": later}, []string{"chair.demo", "sw.demo"},
			count(s.Client().Meeting.Query().Where(meeting.SittingIDNotNil()))},
		// A sitting is put off, for every child, by someone who may put off
		// each child's meeting: Mia's IRO may not put off Ava's.
		{"postponeMeeting (brothers and sisters together)", `mutation($id: ID!) { postponeMeeting(input: {meetingId: $id, reason: "The chair is ill."}) { meeting { id } } }`,
			map[string]any{"id": sitting[1]}, []string{"chair.demo", "manager.demo"},
			changes(func() any {
				return s.Client().Meeting.Query().Where(meeting.IDIn(sitting...), meeting.PostponedAtNotNil()).
					Select(meeting.FieldPostponedAt).StringsX(apitest.System())
			})},
		{"postponeMeeting", `mutation($id: ID!) { postponeMeeting(input: {meetingId: $id, reason: "The carer is in hospital."}) { meeting { id } } }`,
			map[string]any{"id": jamieReview.ID}, []string{"iro.demo", "manager.demo"},
			changes(func() any {
				return s.Client().Meeting.Query().Where(meeting.PostponedAtNotNil()).Select(meeting.FieldPostponedAt).StringsX(apitest.System())
			})},
		{"bringReviewForward", `mutation($id: ID!, $d: Date!) { bringReviewForward(input: {meetingId: $id, dueBy: $d, reason: "A change of placement."}) { meeting { id } } }`,
			map[string]any{"id": jamieReview.ID, "d": string(s.Today.AddDays(10))}, []string{"iro.demo"},
			count(s.Client().Meeting.Query().Where(meeting.BroughtForward(true)))},
		{"publishPlanVersion", `mutation($id: ID!) { publishPlanVersion(input: {planId: $id, worries: "w", worriesForChild: "w", goingWell: "g", goingWellForChild: "g", needsToChange: "n", needsToChangeForChild: "n", actions: []}) { version { id } } }`,
			map[string]any{"id": jamiePlan.ID}, []string{"iro.demo", "sw.demo"}, count(s.Client().PlanVersion.Query())},
		{"setOfficeHours", `mutation { setOfficeHours(input: {days: [{day: MONDAY, starts: "08:00", ends: "18:00"}]}) { authority { id } } }`, nil,
			// Another authority's manager sets their own authority's hours.
			[]string{"manager.demo", "fixture.othermanager"}, changes(func() any { return s.Client().LocalAuthority.Query().Select("updated_at").StringsX(apitest.System()) })},
		{"updateAuthoritySettings", `mutation { updateAuthoritySettings(input: {replyDueWorkingDays: 7}) { settings { replyDueWorkingDays } } }`, nil,
			[]string{"manager.demo", "fixture.othermanager"}, changes(func() any { return s.Client().LocalAuthority.Query().Select("updated_at").StringsX(apitest.System()) })},
		{"updateAuthoritySettings (child population, small counts)", `mutation { updateAuthoritySettings(input: {childPopulation: 40000, suppressSmallCounts: false}) { settings { childPopulation suppressSmallCounts } } }`, nil,
			[]string{"manager.demo", "fixture.othermanager"}, changes(func() any {
				var out []string
				for _, la := range s.Client().LocalAuthority.Query().Order(localauthority.ByID()).AllX(apitest.System()) {
					population := "none"
					if la.ChildPopulation != nil {
						population = fmt.Sprint(*la.ChildPopulation)
					}
					out = append(out, fmt.Sprint(la.ID, population, la.SuppressSmallCounts))
				}
				return out
			})},
		{"raiseAlert", `mutation($id: ID!) { raiseAlert(input: {childId: $id, level: INFORMAL_ALERT, reason: DRIFT_OR_DELAY, addressedTo: MANAGER}) { alert { id } } }`,
			map[string]any{"id": ava.ID}, []string{"chair.demo"}, count(s.Client().Alert.Query())},
		{"allocateStaff", `mutation($c: ID!, $s: ID!, $d: Date!) { allocateStaff(input: {childId: $c, staffId: $s, kind: SOCIAL_WORKER, startsOn: $d}) { allocation { id } } }`,
			map[string]any{"c": leo.ID, "s": userID(t, s, "sw.demo").ID, "d": string(s.Today.AddDays(3))}, []string{"manager.demo"}, count(s.Client().Allocation.Query())},
		{"linkParent", `mutation($c: ID!, $p: ID!) { linkParent(input: {childId: $c, parentId: $p, relationship: "uncle", parentalResponsibility: false}) { familyLink { id } } }`,
			map[string]any{"c": leo.ID, "p": userID(t, s, "fixture.dad").ID}, []string{"manager.demo"}, count(s.Client().FamilyLink.Query())},
		{"narrowSubmissionSharing", narrowMutation, map[string]any{"id": toNarrow.ID, "to": "CHAIR_ONLY"}, []string{"child.demo"},
			count(s.Client().WishesAndFeelings.Query().Where(wishesandfeelings.ID(toNarrow.ID), wishesandfeelings.ShareWithEQ(domain.ChairOnly)))},
		{"setSignInProvider", `mutation { setSignInProvider(input: {issuer: "https://login.example.org/matrix", clientId: "kite", allowedEmailDomains: ["example.org"], requiredForStaff: true}) { signInProvider { id } } }`, nil,
			[]string{"admin.demo"}, count(s.Client().SignInProvider.Query().Where(signinprovider.Issuer("https://login.example.org/matrix")))},
		{"removeSignInLink", `mutation($id: ID!) { removeSignInLink(userId: $id) }`, map[string]any{"id": oldIRO},
			[]string{"admin.demo"}, count(s.Client().IdentityLink.Query().Where(identitylink.UserID(oldIRO)))},
		{"submitParentViews", `mutation($c: ID!) { submitParentViews(input: {childId: $c, idempotencyKey: "matrix", answers: [{questionKey: "can_attend", value: "yes"}]}) { parentViews { id } } }`,
			map[string]any{"c": ava.ID}, []string{"parent.demo", "fixture.gran"}, count(s.Client().ParentViews.Query())},
		{"markParentViewsRead", `mutation($id: ID!) { markParentViewsRead(id: $id) { id } }`, map[string]any{"id": granViews.ID},
			[]string{"chair.demo", "sw.demo"}, count(s.Client().ReadReceipt.Query().Where(readreceipt.ParentViewsID(granViews.ID)))},
	}
	for _, tc := range cases {
		for name, token := range tokens {
			if slices.Contains(tc.allowed, name) {
				continue
			}
			before := tc.stored()
			r := s.Query(token, tc.query, tc.vars)
			disabled := name != "" && !s.Client().User.Query().Where(user.Username(name)).OnlyX(apitest.System()).Active
			switch {
			case (name == "" || disabled) && r.Code() != "UNAUTHENTICATED":
				t.Errorf("%s by anonymous: %s", tc.name, r.Raw)
			case name != "" && !disabled && r.Code() != "FORBIDDEN" && r.Code() != "NOT_FOUND" && r.Code() != "BAD_USER_INPUT":
				t.Errorf("%s by %s: %s", tc.name, name, r.Raw)
			}
			if tc.stored() != before {
				t.Errorf("%s by %s changed the data", tc.name, who(name))
			}
		}
		for _, name := range tc.allowed {
			before := tc.stored()
			if r := s.Query(tokens[name], tc.query, tc.vars); len(r.Errors) > 0 {
				t.Errorf("%s by %s: %s", tc.name, name, r.Raw)
			}
			if tc.stored() == before && tc.name != "submitParentViews" {
				t.Errorf("%s by %s stored nothing", tc.name, name)
			}
		}
	}
}

// bookSitting books, as token, a review conference for children together
// and returns their meetings' ids, the first child's first.
func bookSitting(t *testing.T, s *apitest.Server, token string, children ...ident.ID) []ident.ID {
	t.Helper()
	r := s.Query(token, `mutation($id: ID!, $with: [ID!], $at: Time!) { scheduleMeeting(input: {childId: $id, withChildIds: $with,
		kind: REVIEW_CP_CONFERENCE, scheduledFor: $at, lateReason: "Kept if it is late."}) { meetings { id } } }`,
		map[string]any{"id": children[0], "with": children[1:], "at": time.Now().AddDate(0, 0, 20).UTC().Format(time.RFC3339)})
	list, _ := apitest.Path(r.Data, "scheduleMeeting", "meetings").([]any)
	if len(list) != len(children) {
		t.Fatalf("book a sitting: %s", r.Raw)
	}
	out := make([]ident.ID, len(list))
	for i, m := range list {
		out[i] = ident.ID(m.(map[string]any)["id"].(string))
	}
	return out
}

// TestMeetingChildrenMatchTheRules: Meeting.children of a sitting lists,
// for every viewer who may see the meeting, exactly the children of the
// sitting the oracle lets them see, the meeting's own child first; a
// viewer who may not see the meeting gets null, never a count or a name.
func TestMeetingChildrenMatchTheRules(t *testing.T) {
	s, _ := matrixServer(t)
	ava, mia := childNamed(t, s, "Ava"), childNamed(t, s, "Mia")
	bookSitting(t, s, s.Login("chair.demo"), ava.ID, mia.ID)
	w := accesstest.Load(s.Client())
	tokens := everyone(t, s, w)
	var sitting []*ent.Meeting
	for _, m := range w.Meetings {
		if m.SittingID != nil {
			sitting = append(sitting, m)
		}
	}
	if len(sitting) != 2 {
		t.Fatalf("%d meetings in sittings, want Ava's and Mia's", len(sitting))
	}
	q := `query($id: ID!) { node(id: $id) { ... on Meeting { children { id } } } }`
	for _, name := range sortedNames(tokens) {
		v := viewerOf(w, name)
		for _, m := range sitting {
			r := s.Query(tokens[name], q, map[string]any{"id": m.ID})
			if !w.SeesMeeting(v, m) {
				if apitest.Path(r.Data, "node") != nil {
					t.Errorf("%s sees %s's meeting: %s", who(name), m.ChildID, r.Raw)
				}
				continue
			}
			want := []string{string(m.ChildID)}
			var others []string
			for _, o := range sitting {
				if o.ChildID != m.ChildID && w.SeesChild(v, o.ChildID) {
					others = append(others, string(o.ChildID))
				}
			}
			slices.Sort(others)
			want = append(want, others...)
			list, ok := apitest.Path(r.Data, "node", "children").([]any)
			var got []string
			for _, c := range list {
				got = append(got, c.(map[string]any)["id"].(string))
			}
			if !ok || !slices.Equal(got, want) {
				t.Errorf("%s: children of %s's meeting %v, docs/access.md says %v (%s)", who(name), m.ChildID, got, want, r.Raw)
			}
		}
	}
}

func TestNoResolverBypassesTheRules(t *testing.T) {
	files, err := filepathGlob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		if b := readFile(t, f); strings.Contains(b, "DecisionContext") {
			t.Errorf("%s uses privacy.DecisionContext: resolvers must run under the viewer's rules", f)
		}
	}
}

var _ = demo.Password

// TestSocialWorkerCannotMarkAFlagOnlySubmissionRead: a social worker sees a
// chair-only submission only for its "needs to talk today" flag; marking it
// read would take it off the chair's unread list and show the child a
// reader they did not share with.
func TestSocialWorkerCannotMarkAFlagOnlySubmissionRead(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	r := submit(t, s, s.Login("child.demo"), jamie.ID, "chair-only-urgent", true, map[string]any{"shareWith": "CHAIR_ONLY"})
	id, _ := apitest.Path(r.Data, "submitWishesAndFeelings", "submission", "id").(string)
	if id == "" {
		t.Fatalf("submit: %s", r.Raw)
	}
	mark := `mutation($id: ID!) { markSubmissionRead(id: $id) { id status } }`
	if r := s.Query(s.Login("sw.demo"), mark, map[string]any{"id": id}); r.Code() != "FORBIDDEN" {
		t.Fatalf("social worker marks a chair-only submission read: %s", r.Raw)
	}
	sub := s.Client().WishesAndFeelings.GetX(apitest.System(), ident.ID(id))
	if sub.Status != "SUBMITTED" || sub.FirstReadAt != nil || sub.QueryReadReceipts().CountX(apitest.System()) != 0 {
		t.Fatalf("the refused read left a trace: %+v", sub)
	}
	if r := s.Query(s.Login("iro.demo"), mark, map[string]any{"id": id}); apitest.Path(r.Data, "markSubmissionRead", "status") != "READ" {
		t.Fatalf("the chair marks it read: %s", r.Raw)
	}
}

// TestImportMatrix runs importRecords for every account and every kind of
// record, one row at a time, and compares what is applied with the oracle:
// an allowed row is written, a refused one is reported and nothing of it is.
func TestImportMatrix(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	names := sortedNames(tokens)
	// What the rows refer to: a child, an IRO, and a parent per account.
	var parents []string
	for i := range names {
		parents = append(parents, fmt.Sprintf(`{"external_id":"MX-P%d","role":"PARENT","display_name":"Matrix Parent %d"}`, i, i))
	}
	base := `{"users":[{"external_id":"MX-IRO","role":"IRO","display_name":"Matrix IRO"},` + strings.Join(parents, ",") + `],
	  "children":[{"external_id":"MX-C","preferred_name":"Matrix","legal_name":"Matrix Child","date_of_birth":"2016-01-01","status":"IN_CARE","became_looked_after_on":"2025-01-10"}]}`
	// Each authority with a manager in the matrix holds the records its rows
	// refer to, so a manager's import of another authority's rows is tested
	// against their own authority's records.
	for _, manager := range []string{"manager.demo", "fixture.othermanager"} {
		la := worldUsers(w.Users).byName(manager).AuthorityID
		if rep, err := importer.Import(apitest.System(), s.Client(), la, importer.JSON, []importer.File{{Data: []byte(base)}}); err != nil || !rep.Applied {
			t.Fatalf("setting up for %s: %v %v", manager, err, rep.Problems())
		}
	}
	rows := map[string]string{
		"users":        `{"external_id":"MX-U%d","role":"SOCIAL_WORKER","display_name":"Matrix Worker"}`,
		"children":     `{"external_id":"MX-C%d","preferred_name":"Matrix","legal_name":"Matrix Other","date_of_birth":"2016-01-01","status":"IN_CARE","became_looked_after_on":"2025-01-10"}`,
		"plans":        `{"external_id":"MX-PL%d","child_ref":"MX-C","kind":"CARE_PLAN","starts_on":"2024-01-01","ends_on":"2024-02-01","end_reason":"replaced"}`,
		"allocations":  `{"external_id":"MX-A%d","child_ref":"MX-C","staff_ref":"MX-IRO","kind":"IRO","starts_on":"2024-01-01","ends_on":"2024-02-01"}`,
		"family_links": `{"external_id":"MX-L%[1]d","child_ref":"MX-C","parent_ref":"MX-P%[1]d","relationship":"aunt"}`,
		"meetings":     `{"external_id":"MX-M%d","child_ref":"MX-C","kind":"CIC_REVIEW","due_by":"2027-01-04"}`,
	}
	c := s.Client()
	stored := func() int {
		ctx := apitest.System()
		return c.User.Query().CountX(ctx) + c.Child.Query().CountX(ctx) + c.Plan.Query().CountX(ctx) +
			c.Allocation.Query().CountX(ctx) + c.FamilyLink.Query().CountX(ctx) + c.Meeting.Query().CountX(ctx)
	}
	q := `mutation($in: ImportRecordsInput!) { importRecords(input: $in) { applied kinds { kind created rejected problems { row message } } } }`
	for i, name := range names {
		v := viewerOf(w, name)
		for _, kind := range accesstest.ImportKinds {
			doc := `{"` + kind + `":[` + fmt.Sprintf(rows[kind], i) + `]}`
			before := stored()
			r := s.Query(tokens[name], q, map[string]any{"in": map[string]any{"format": "JSON", "files": []map[string]any{{"content": doc}}}})
			applied := apitest.Path(r.Data, "importRecords", "applied") == true
			if want := accesstest.MayImport(v, kind); applied != want {
				t.Errorf("%s imports %s: applied %v, docs/access.md says %v: %s", who(name), kind, applied, want, r.Raw)
				continue
			}
			switch {
			case applied && stored() != before+1:
				t.Errorf("%s imports %s: %d records written, want 1", who(name), kind, stored()-before)
			case !applied && stored() != before:
				t.Errorf("%s's refused import of %s wrote records", who(name), kind)
			case !applied && r.Code() == "" && (apitest.Path(r.Data, "importRecords", "kinds", 0, "rejected") != float64(1) ||
				apitest.Path(r.Data, "importRecords", "kinds", 0, "problems", 0, "row") != float64(1)):
				t.Errorf("%s's refused import of %s does not say which row: %s", who(name), kind, r.Raw)
			case !applied && r.Code() != "" && r.Code() != "FORBIDDEN" && !(name == "" && r.Code() == "UNAUTHENTICATED"):
				t.Errorf("%s imports %s: %s", who(name), kind, r.Raw)
			}
		}
	}
}

// TestAlertMutationMatrix: every account responds to, resolves and
// escalates alerts on two children's cases, addressed to each role, and
// what is allowed is compared with the oracle: the addressee responds, only
// the raiser or a manager resolves, only the raiser escalates.
func TestAlertMutationMatrix(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	names := sortedNames(tokens)
	c := s.Client()
	ctx := apitest.System()
	ava, jamie := childNamed(t, s, "Ava"), childNamed(t, s, "Jamie")
	raisers := []struct {
		child *ent.Child
		by    ident.ID
	}{{ava, userID(t, s, "chair.demo").ID}, {jamie, userID(t, s, "iro.demo").ID}}
	raise := func() []ident.ID {
		var ids []ident.ID
		for _, r := range raisers {
			for _, to := range []domain.Role{domain.RoleSocialWorker, domain.RoleManager, domain.RoleIRO, domain.RoleCPChair} {
				a := c.Alert.Create().SetAuthorityID(r.child.AuthorityID).SetChildID(r.child.ID).SetRaisedByID(r.by).
					SetLevel(domain.InformalAlert).SetReason(domain.DriftOrDelay).SetAddressedTo(to).
					SetResponseDueBy(s.Today.AddDays(14)).SaveX(ctx)
				ids = append(ids, a.ID)
			}
		}
		return ids
	}
	shared := raise()
	toResolve, toEscalate := map[string][]ident.ID{}, map[string][]ident.ID{}
	for _, name := range names {
		toResolve[name] = raise()
		toEscalate[name] = raise()
	}
	w = accesstest.Load(c)
	alertOf := func(id ident.ID) *ent.Alert {
		for _, a := range w.Alerts {
			if a.ID == id {
				return a
			}
		}
		t.Fatalf("no alert %s", id)
		return nil
	}
	check := func(what, name string, want bool, r *apitest.Response, changed bool) {
		t.Helper()
		refusal := r.Code() == "FORBIDDEN" || r.Code() == "NOT_FOUND" || (name == "" && r.Code() == "UNAUTHENTICATED")
		switch {
		case want && (len(r.Errors) > 0 || !changed):
			t.Errorf("%s by %s: docs/access.md allows it: %s", what, who(name), r.Raw)
		case !want && (!refusal || changed):
			t.Errorf("%s by %s: docs/access.md refuses it: %s", what, who(name), r.Raw)
		}
	}
	for _, name := range names {
		v := viewerOf(w, name)
		for _, id := range shared {
			a := alertOf(id)
			before := c.AlertResponse.Query().CountX(ctx)
			r := s.Query(tokens[name], respondAlertQ, map[string]any{"id": id, "t": "Looking into it."})
			check(fmt.Sprintf("respond to %s's alert to %s", a.ChildID, a.AddressedTo), name, w.MayRespond(v, a), r,
				c.AlertResponse.Query().CountX(ctx) != before)
		}
		for _, id := range toResolve[name] {
			a := alertOf(id)
			r := s.Query(tokens[name], resolveAlertQ, map[string]any{"id": id, "r": "Agreed."})
			check(fmt.Sprintf("resolve %s's alert to %s", a.ChildID, a.AddressedTo), name, w.MayResolve(v, a), r,
				c.Alert.GetX(ctx, id).Status == domain.AlertResolved)
		}
		for _, id := range toEscalate[name] {
			a := alertOf(id)
			r := s.Query(tokens[name], escalateAlertQ, map[string]any{"id": id, "r": "No progress since the review."})
			check(fmt.Sprintf("escalate %s's alert to %s", a.ChildID, a.AddressedTo), name, w.MayEscalate(v, a), r,
				c.Alert.GetX(ctx, id).Stage != domain.StageInformal)
		}
	}
}

// TestAttachmentMatrix: every account downloads every picture, and the
// answer matches the oracle (200 for those who may read the submission's
// words; 404 for everyone else, exactly as for a picture that does not
// exist; 401 without a token). Then every account tries to add a picture to
// every submission, and to remove every picture: only the child, on their
// own draft.
func TestAttachmentMatrix(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	names := sortedNames(tokens)
	missing := s.Download(tokens["iro.demo"], httpserver.AttachmentPath+string(ident.New("att")))
	for _, name := range names {
		v := viewerOf(w, name)
		for _, a := range w.Attachments {
			rec := s.Download(tokens[name], httpserver.AttachmentPath+string(a.ID))
			want := http.StatusNotFound
			switch {
			case name == "":
				want = http.StatusUnauthorized
			case w.SeesAttachment(v, a):
				want = http.StatusOK
			}
			if rec.Code != want {
				t.Errorf("%s downloads %s: %d, docs/access.md says %d", who(name), a.ID, rec.Code, want)
			}
			if want == http.StatusNotFound && rec.Body.String() != missing.Body.String() {
				t.Errorf("%s: a picture they may not see answers differently from a missing one: %s", who(name), rec.Body)
			}
		}
	}

	c := s.Client()
	pictures := func(sub ident.ID) int {
		return c.Attachment.Query().Where(attachment.SubmissionID(sub)).CountX(apitest.System())
	}
	png := picturetest.PNG(picturetest.Halves(8, 8))
	for _, name := range names {
		v := viewerOf(w, name)
		for _, sub := range w.Submissions {
			before := pictures(sub.ID)
			r := s.Upload(tokens[name], addAttachmentMutation, map[string]any{"in": map[string]any{"submissionId": sub.ID, "file": nil}},
				apitest.File{Path: "variables.in.file", Name: "drawing.png", Data: png})
			added := pictures(sub.ID) - before
			if want := w.MayAttach(v, sub); (added == 1) != want || (want && len(r.Errors) > 0) {
				t.Errorf("%s adds a picture to %s (%s): added %d, docs/access.md says %v: %s", who(name), sub.ID, sub.Status, added, want, r.Raw)
			}
		}
	}
	for _, a := range w.Attachments {
		sub := c.WishesAndFeelings.GetX(apitest.System(), a.SubmissionID)
		var owner string
		for _, name := range names { // everyone else first, then the child
			if v := viewerOf(w, name); w.MayAttach(v, sub) {
				owner = name
				continue
			}
			r := s.Query(tokens[name], removeAttachmentMutation, map[string]any{"id": a.ID})
			if c.Attachment.Query().Where(attachment.ID(a.ID)).ExistX(apitest.System()) == false || r.Code() == "" {
				t.Fatalf("%s removes a picture of %s's (%s): %s", who(name), a.ChildID, sub.Status, r.Raw)
			}
		}
		if owner == "" {
			continue
		}
		if r := s.Query(tokens[owner], removeAttachmentMutation, map[string]any{"id": a.ID}); len(r.Errors) > 0 ||
			c.Attachment.Query().Where(attachment.ID(a.ID)).ExistX(apitest.System()) {
			t.Errorf("%s cannot remove a picture from their draft: %s", owner, r.Raw)
		}
	}
}

// TestAttendeeNeedsMatchTheRules: every account asks every meeting for the
// parents' needs; the views they come from are exactly those the oracle lets
// the account see needs from (each parent's latest sent views for the
// meeting; staff only), so the child and the parents get none.
func TestAttendeeNeedsMatchTheRules(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	q := `query($id: ID!) { node(id: $id) { ... on Meeting { attendeeNeeds { parentViews { id } } } } }`
	seenByChair := 0
	for _, m := range w.Meetings {
		latest := map[ident.ID]*ent.ParentViews{}
		for _, pv := range w.ParentViews {
			if pv.MeetingID == nil || *pv.MeetingID != m.ID || pv.Status == domain.Draft {
				continue
			}
			if prev := latest[pv.ParentID]; prev == nil || pv.SubmittedAt.After(*prev.SubmittedAt) {
				latest[pv.ParentID] = pv
			}
		}
		for name, token := range tokens {
			v := viewerOf(w, name)
			want := map[string]bool{}
			for _, pv := range latest {
				if w.SeesAttendeeNeeds(v, pv) {
					want[string(pv.ID)] = true
				}
			}
			r := s.Query(token, q, map[string]any{"id": m.ID})
			got := map[string]bool{}
			needs, _ := apitest.Path(r.Data, "node", "attendeeNeeds").([]any)
			for _, n := range needs {
				got[apitest.Path(n, "parentViews", "id").(string)] = true
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s: attendee needs of meeting %s come from %v, docs/access.md says %v", who(name), m.ID, got, want)
			}
			if name == "chair.demo" && len(got) >= 2 {
				seenByChair++
			}
		}
	}
	if seenByChair == 0 {
		t.Fatal("no meeting has two parents' needs in the data, so this test proves little")
	}
}

// TestActionNotesMatchTheRules: the notes on an action a parent marks done
// are seen by that parent and the child's staff, never by the child or
// another parent, who still see that it was marked done.
func TestActionNotesMatchTheRules(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	q := `query($id: ID!) { node(id: $id) { ... on PlanAction { doneMarkedAt doneNote } } }`
	noted := 0
	for _, a := range w.Actions {
		if a.DoneNote == nil {
			continue
		}
		noted++
		for name, token := range tokens {
			v := viewerOf(w, name)
			r := s.Query(token, q, map[string]any{"id": a.ID})
			switch {
			case !w.SeesAction(v, a):
				if r.Data["node"] != nil {
					t.Errorf("%s sees action %s", who(name), a.ID)
				}
			case (apitest.Path(r.Data, "node", "doneNote") != nil) != w.SeesActionNotes(v, a):
				t.Errorf("%s: the note on action %s: %s, docs/access.md says %v", who(name), a.ID, r.Raw, w.SeesActionNotes(v, a))
			case apitest.Path(r.Data, "node", "doneMarkedAt") == nil:
				t.Errorf("%s does not see that action %s was marked done: %s", who(name), a.ID, r.Raw)
			}
		}
	}
	if noted == 0 {
		t.Fatal("no action with a parent's note in the data")
	}
}

// TestPlanActionMutationMatrix: every account marks every action done, and
// answers a parent's "done" on every action; what is allowed is compared
// with the oracle: the parent an action names marks it, the child's social
// worker checks it.
func TestPlanActionMutationMatrix(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	c, ctx := s.Client(), apitest.System()
	mark := `mutation($id: ID!) { markPlanActionDone(input: {actionId: $id, note: "Done."}) { action { id } } }`
	check := `mutation($id: ID!) { checkPlanActionDone(input: {actionId: $id, confirmed: false, note: "Not yet."}) { action { id } } }`
	// Each try starts from the action as loaded, and, if it names a
	// parent, marked done by them and waiting for the social worker.
	waiting := func(a *ent.PlanAction) *ent.PlanAction {
		u := c.PlanAction.UpdateOneID(a.ID).ClearSentBackAt().ClearSentBackNote().ClearDoneConfirmedAt().
			ClearDoneConfirmedByID().SetStatus(a.Status)
		if a.ForParentID != nil {
			u.SetDoneMarkedAt(time.Now().Add(-time.Hour).Truncate(time.Second))
		}
		return u.SaveX(ctx)
	}
	for _, a := range w.Actions {
		waiting(a)
	}
	w = accesstest.Load(c)
	allowedMarks, allowedChecks := 0, 0
	for _, a := range w.Actions {
		for name, token := range tokens {
			v := viewerOf(w, name)
			before := waiting(a)
			r := s.Query(token, mark, map[string]any{"id": a.ID})
			marked := !sameTime(c.PlanAction.GetX(ctx, a.ID).DoneMarkedAt, before.DoneMarkedAt)
			if want := w.MayMarkActionDone(v, a); want != (len(r.Errors) == 0) || want != marked {
				t.Errorf("%s marks action %s done: %s, docs/access.md says %v", who(name), a.ID, r.Raw, want)
			} else if want {
				allowedMarks++
			}
			waiting(a)
			r = s.Query(token, check, map[string]any{"id": a.ID})
			sentBack := c.PlanAction.GetX(ctx, a.ID).SentBackAt != nil
			if want := w.MayCheckActionDone(v, a); want != (len(r.Errors) == 0) || want != sentBack {
				t.Errorf("%s checks action %s: %s, docs/access.md says %v", who(name), a.ID, r.Raw, want)
			} else if want {
				allowedChecks++
			}
		}
	}
	if allowedMarks == 0 || allowedChecks == 0 {
		t.Fatalf("nothing allowed (%d marks, %d checks): the data proves little", allowedMarks, allowedChecks)
	}
}

func sameTime(a, b *time.Time) bool {
	return (a == nil) == (b == nil) && (a == nil || a.Equal(*b))
}
