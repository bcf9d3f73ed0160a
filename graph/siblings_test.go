package graph_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"kite/ent"
	"kite/ent/meeting"
	"kite/ent/user"
	"kite/internal/apitest"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/duedates"
	"kite/internal/ident"
)

const sittingQuery = `mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) {
	meeting { id dueBy children { id } }
	meetings { id dueBy lateReason scheduledFor venue children { id } } } }`

// addSibling adds a brother or sister of of to the records: on the same
// plans, with the same staff, linked to parent (with parental
// responsibility or not), their initial conference held shift days before
// of's, so that their review conference falls due on another day.
func addSibling(t *testing.T, s *apitest.Server, of *ent.Child, name string, parent *ent.User, responsibility bool, shift int) *ent.Child {
	t.Helper()
	ctx, c := apitest.System(), s.Client()
	kid := c.Child.Create().SetAuthorityID(of.AuthorityID).SetPreferredName(name).SetStatus(of.Status).SaveX(ctx)
	for _, p := range of.QueryPlans().AllX(ctx) {
		c.Plan.Create().SetAuthorityID(of.AuthorityID).SetChildID(kid.ID).SetKind(p.Kind).SetStartsOn(p.StartsOn).
			SetNillableEndsOn(p.EndsOn).SetNillableCategory(p.Category).SetNillableStrategyDiscussionOn(p.StrategyDiscussionOn).
			ExecX(ctx)
	}
	for _, a := range of.QueryAllocations().AllX(ctx) {
		c.Allocation.Create().SetAuthorityID(of.AuthorityID).SetChildID(kid.ID).SetKind(a.Kind).SetStaffID(a.StaffID).
			SetStartsOn(a.StartsOn).SetNillableEndsOn(a.EndsOn).ExecX(ctx)
	}
	for _, m := range of.QueryMeetings().Where(meeting.KindEQ(domain.InitialCPConference), meeting.StatusEQ(domain.Held)).AllX(ctx) {
		held := m.HeldOn.AddDays(-shift)
		c.Meeting.Create().SetAuthorityID(of.AuthorityID).SetChildID(kid.ID).SetKind(m.Kind).SetStatus(domain.Held).
			SetHeldOn(held).SetDueBy(held).SetScheduledFor(held.StartInLondon().Add(10 * time.Hour)).
			SetNillableChairID(m.ChairID).ExecX(ctx)
	}
	c.FamilyLink.Create().SetAuthorityID(of.AuthorityID).SetChildID(kid.ID).SetParentID(parent.ID).
		SetRelationship("mother").SetParentalResponsibility(responsibility).ExecX(ctx)
	return kid
}

// dueOf is the day the statutory rules make a child's next meeting of kind
// due, read below the access rules, or "" when none is.
func dueOf(t *testing.T, s *apitest.Server, c *ent.Child, kind domain.MeetingKind) civil.Date {
	t.Helper()
	ctx := apitest.System()
	la := c.QueryAuthority().OnlyX(ctx)
	for _, d := range duedates.Next(c, duedates.SettingsOf(la), c.QueryPlans().AllX(ctx), c.QueryMeetings().AllX(ctx), s.Today) {
		if d.Kind == kind {
			return d.DueBy
		}
	}
	return ""
}

func ids(list any) []string {
	var out []string
	for _, x := range list.([]any) {
		out = append(out, x.(map[string]any)["id"].(string))
	}
	return out
}

// TestSiblingConference: the chair books one review conference for Ava,
// her sister Bea and her half-brother Cal (whose mum has no parental
// responsibility for him): each child gets a meeting of their own, due on
// their own day, at the one time and place. A child of another family, or
// one the chair may not see, is refused and nothing is booked. Each
// viewer sees only the children they may: Ava herself, her mum Ava and
// Bea, staff all three. Moving the meeting moves it for every child.
func TestSiblingConference(t *testing.T) {
	s := apitest.New(t)
	ava, leo := childNamed(t, s, "Ava"), childNamed(t, s, "Leo")
	mum := s.Client().User.Query().Where(user.Username("parent.demo")).OnlyX(apitest.System())
	bea := addSibling(t, s, ava, "Bea", mum, true, 7)
	cal := addSibling(t, s, ava, "Cal", mum, false, 14)
	// A child on a plan with the same chair, of another family.
	other := s.Client().Child.Create().SetAuthorityID(ava.AuthorityID).SetPreferredName("Zac").SetStatus(domain.CPPlan).SaveX(apitest.System())
	for _, a := range ava.QueryAllocations().AllX(apitest.System()) {
		s.Client().Allocation.Create().SetAuthorityID(ava.AuthorityID).SetChildID(other.ID).SetKind(a.Kind).SetStaffID(a.StaffID).
			SetStartsOn(a.StartsOn).SetNillableEndsOn(a.EndsOn).ExecX(apitest.System())
	}
	chair := s.Login("chair.demo")
	when := time.Now().AddDate(0, 0, 5).UTC().Truncate(time.Minute)
	in := func(with ...ident.ID) map[string]any {
		return map[string]any{"in": map[string]any{"childId": ava.ID, "withChildIds": with, "kind": "REVIEW_CP_CONFERENCE",
			"scheduledFor": when.Format(time.RFC3339), "venue": "Civic Centre, Room 2", "lateReason": "The family's only free day."}}
	}
	before := s.Client().Meeting.Query().CountX(apitest.System())
	if r := s.Query(chair, sittingQuery, in(bea.ID, other.ID)); r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "withChildIds" {
		t.Errorf("a child of another family: %s", r.Raw)
	}
	if r := s.Query(chair, sittingQuery, in(bea.ID, leo.ID)); r.Code() != "NOT_FOUND" {
		t.Errorf("a child the chair may not see: %s", r.Raw)
	}
	if r := s.Query(s.Login("iro.demo"), sittingQuery, in(bea.ID)); r.Code() != "NOT_FOUND" && r.Code() != "FORBIDDEN" {
		t.Errorf("an IRO who works with neither child: %s", r.Raw)
	}
	if after := s.Client().Meeting.Query().CountX(apitest.System()); after != before {
		t.Fatalf("refused sittings stored meetings: %d → %d", before, after)
	}

	want := map[string]civil.Date{}
	for _, c := range []*ent.Child{ava, bea, cal} {
		due := dueOf(t, s, c, domain.ReviewCPConference)
		if due == "" {
			due = civil.InLondon(when)
		}
		want[string(c.ID)] = due
	}
	if want[string(ava.ID)] == want[string(bea.ID)] || want[string(bea.ID)] == want[string(cal.ID)] {
		t.Fatalf("the test needs different due dates: %v", want)
	}
	r := s.Query(chair, sittingQuery, in(bea.ID, cal.ID, bea.ID))
	ms, _ := apitest.Path(r.Data, "scheduleMeeting", "meetings").([]any)
	if len(ms) != 3 {
		t.Fatalf("a sitting for three children: %s", r.Raw)
	}
	var booked []ident.ID
	byChild := map[ident.ID]ident.ID{}
	for i, x := range ms {
		m := x.(map[string]any)
		child := ids(m["children"])[0] // the meeting's own child comes first
		if i == 0 && child != string(ava.ID) {
			t.Errorf("the first meeting is not Ava's: %s", r.Raw)
		}
		if m["dueBy"] != string(want[child]) || m["venue"] != "Civic Centre, Room 2" || m["scheduledFor"] != when.Format(time.RFC3339) {
			t.Errorf("%s's meeting: %v, want due by %s at the one time and place", child, m, want[child])
		}
		if late := civil.InLondon(when).After(want[child]); (m["lateReason"] != nil) != late {
			t.Errorf("%s's meeting keeps a late reason only when it is late: %v", child, m)
		}
		booked = append(booked, ident.ID(m["id"].(string)))
		byChild[ident.ID(child)] = ident.ID(m["id"].(string))
	}
	if !slices.Equal(booked, []ident.ID{byChild[ava.ID], byChild[bea.ID], byChild[cal.ID]}) {
		t.Errorf("the meetings are not in the order the children were given: %s", r.Raw)
	}
	rows := s.Client().Meeting.Query().Where(meeting.IDIn(booked...)).AllX(apitest.System())
	if len(rows) != 3 || rows[0].SittingID == nil || *rows[0].SittingID != *rows[1].SittingID || *rows[1].SittingID != *rows[2].SittingID {
		t.Fatalf("the three meetings share one sitting: %v", rows)
	}
	all := []string{string(ava.ID), string(bea.ID), string(cal.ID)}
	slices.Sort(all[1:])
	if got := ids(apitest.Path(r.Data, "scheduleMeeting", "meeting", "children")); !slices.Equal(got, all) {
		t.Errorf("the chair sees every child of the sitting, Ava first: %v, want %v", got, all)
	}

	childrenQuery := `query($id: ID!) { node(id: $id) { ... on Meeting { children { id preferredName } } } }`
	for _, tc := range []struct {
		who  string
		of   ident.ID
		want []string
	}{
		{"child2.demo", booked[0], []string{string(ava.ID)}},
		{"parent.demo", booked[0], []string{string(ava.ID), string(bea.ID)}},
		{"parent.demo", booked[1], []string{string(bea.ID), string(ava.ID)}},
		{"sw.demo", booked[2], []string{string(cal.ID), string(ava.ID), string(bea.ID)}},
	} {
		r := s.Query(s.Login(tc.who), childrenQuery, map[string]any{"id": tc.of})
		list, ok := apitest.Path(r.Data, "node", "children").([]any)
		if !ok {
			t.Errorf("%s: %s", tc.who, r.Raw)
			continue
		}
		got := ids(list)
		if len(tc.want) > 1 {
			slices.Sort(tc.want[1:])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s sees the children %v of the sitting, want %v", tc.who, got, tc.want)
		}
	}
	// Moved to a day after Bea's due date, the sitting needs a late reason
	// for her meeting, and the error says it is hers; nothing moves.
	sys := apitest.System()
	s.Client().Meeting.Update().Where(meeting.IDIn(booked...)).SetDueBy(civil.InLondon(when).AddDays(60)).ClearLateReason().ExecX(sys)
	s.Client().Meeting.UpdateOneID(byChild[bea.ID]).SetDueBy(civil.InLondon(when)).ExecX(sys)
	r = s.Query(chair, `mutation($in: RescheduleMeetingInput!) { rescheduleMeeting(input: $in) { meeting { id } } }`,
		map[string]any{"in": map[string]any{"meetingId": booked[0], "scheduledFor": when.Add(72 * time.Hour).Format(time.RFC3339),
			"reason": "The chair is on leave."}})
	if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "lateReason" || !strings.HasPrefix(r.Errors[0].Message, "For Bea: ") {
		t.Errorf("a sitting moved after one child's due date: %s", r.Raw)
	}
	if n := s.Client().Meeting.Query().Where(meeting.IDIn(booked...), meeting.ScheduledFor(when)).CountX(sys); n != 3 {
		t.Errorf("a refused move moved %d meetings", 3-n)
	}
	// Ava's mum has no account of Cal's meeting at all.
	if r := s.Query(s.Login("parent.demo"), childrenQuery, map[string]any{"id": booked[2]}); apitest.Path(r.Data, "node") != nil {
		t.Errorf("the parent sees the meeting of a child she may not see: %s", r.Raw)
	}

	// Moving Bea's meeting moves the sitting: every child's, with the reason.
	later := when.Add(48 * time.Hour)
	move := `mutation($in: RescheduleMeetingInput!) { rescheduleMeeting(input: $in) { meeting { id scheduledFor } meetings { id scheduledFor } } }`
	r = s.Query(chair, move, map[string]any{"in": map[string]any{"meetingId": booked[1], "scheduledFor": later.Format(time.RFC3339),
		"reason": "The room is needed for a court hearing.", "lateReason": "The family's only free day."}})
	if len(r.Errors) > 0 || apitest.Path(r.Data, "rescheduleMeeting", "meeting", "id") != string(booked[1]) {
		t.Fatalf("reschedule a sitting: %s", r.Raw)
	}
	if got, _ := apitest.Path(r.Data, "rescheduleMeeting", "meetings").([]any); len(got) != 3 {
		t.Errorf("the payload lists the sitting's meetings: %s", r.Raw)
	}
	for _, m := range s.Client().Meeting.Query().Where(meeting.IDIn(booked...)).AllX(apitest.System()) {
		if !m.ScheduledFor.Equal(later) || m.ChangeReason != "The room is needed for a court hearing." {
			t.Errorf("%s's meeting did not move with the sitting: %v %q", m.ChildID, m.ScheduledFor, m.ChangeReason)
		}
	}
	// Each child's meeting is recorded as held on its own.
	held := `mutation($id: ID!, $d: Date!) { recordMeetingHeld(input: {meetingId: $id, heldOn: $d}) { meeting { status } } }`
	if r := s.Query(chair, held, map[string]any{"id": booked[0], "d": string(s.Today)}); apitest.Path(r.Data, "recordMeetingHeld", "meeting", "status") != "HELD" {
		t.Fatalf("record Ava's meeting held: %s", r.Raw)
	}
	if n := s.Client().Meeting.Query().Where(meeting.IDIn(booked...), meeting.StatusEQ(domain.Held)).CountX(apitest.System()); n != 1 {
		t.Errorf("recording one child's meeting held recorded %d", n)
	}
	// Calling it off calls off the others, not the one held.
	cancel := `mutation($id: ID!) { cancelMeeting(input: {meetingId: $id, reason: "The family moved away."}) { meeting { status } } }`
	if r := s.Query(chair, cancel, map[string]any{"id": booked[2]}); apitest.Path(r.Data, "cancelMeeting", "meeting", "status") != "CANCELLED" {
		t.Fatalf("cancel a sitting: %s", r.Raw)
	}
	if n := s.Client().Meeting.Query().Where(meeting.IDIn(booked...), meeting.StatusEQ(domain.Cancelled)).CountX(apitest.System()); n != 2 {
		t.Errorf("cancelling the sitting cancelled %d meetings, want Bea's and Cal's", n)
	}
}

// TestSittingRules: a sitting names no plan (each child's meeting is about
// their own), and every child must fit the kind of meeting.
func TestSittingRules(t *testing.T) {
	s := apitest.New(t)
	ava, jamie := childNamed(t, s, "Ava"), childNamed(t, s, "Jamie")
	mum := s.Client().User.Query().Where(user.Username("parent.demo")).OnlyX(apitest.System())
	bea := addSibling(t, s, ava, "Bea", mum, true, 7)
	plan := ava.QueryPlans().FirstX(apitest.System())
	when := time.Now().AddDate(0, 0, 5).UTC().Truncate(time.Minute).Format(time.RFC3339)
	r := s.Query(s.Login("chair.demo"), sittingQuery, map[string]any{"in": map[string]any{"childId": ava.ID, "withChildIds": []ident.ID{bea.ID},
		"kind": "REVIEW_CP_CONFERENCE", "scheduledFor": when, "planId": plan.ID, "lateReason": "x"}})
	if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "planId" {
		t.Errorf("a sitting with one plan: %s", r.Raw)
	}
	// Jamie's social worker is also Ava's; Jamie is in care with no child
	// protection enquiry, so no review conference fits him.
	s.Client().FamilyLink.Create().SetAuthorityID(jamie.AuthorityID).SetChildID(jamie.ID).SetParentID(mum.ID).
		SetRelationship("mother").SetParentalResponsibility(true).ExecX(apitest.System())
	r = s.Query(s.Login("sw.demo"), sittingQuery, map[string]any{"in": map[string]any{"childId": ava.ID, "withChildIds": []ident.ID{jamie.ID},
		"kind": "REVIEW_CP_CONFERENCE", "scheduledFor": when, "lateReason": "x"}})
	if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "kind" {
		t.Errorf("a sitting of a kind that does not fit one child: %s", r.Raw)
	}
}
