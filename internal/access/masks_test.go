package access

import (
	"testing"

	kent "kite/ent"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/ident"
	"kite/internal/viewer"
)

var allRoles = []domain.Role{domain.RoleChild, domain.RoleParent, domain.RoleIRO, domain.RoleCPChair, domain.RoleSocialWorker, domain.RoleManager, domain.RoleAdmin}

func TestMaskMeeting(t *testing.T) {
	// What each role still sees of a meeting: a venue withheld from the
	// family (every role sees a venue that is not), and the chair's record
	// (who attended, the participation code, whether the child attended).
	type sees struct{ withheldVenue, record bool }
	want := map[domain.Role]sees{
		domain.RoleChild:        {withheldVenue: true, record: false},
		domain.RoleParent:       {withheldVenue: false, record: false},
		domain.RoleIRO:          {withheldVenue: true, record: true},
		domain.RoleCPChair:      {withheldVenue: true, record: true},
		domain.RoleSocialWorker: {withheldVenue: true, record: true},
		domain.RoleManager:      {withheldVenue: true, record: true},
		domain.RoleAdmin:        {withheldVenue: true, record: true},
	}
	for _, role := range allRoles {
		for _, withheld := range []bool{true, false} {
			venue, attended, code, why := "Room 4", true, domain.PN1, "The placement's address is kept private."
			m := &kent.Meeting{Venue: &venue, VenueWithheldFromFamily: withheld, VenueWithheldReason: &why,
				Attendees: []string{"Sam (mum)"}, ChildAttended: &attended, ParticipationCode: &code}
			maskMeeting(&viewer.Viewer{Role: role}, m)
			w := want[role]
			if wantVenue := !withheld || w.withheldVenue; (m.Venue != nil) != wantVenue {
				t.Errorf("%s, withheld %v: venue shown = %v, want %v", role, withheld, m.Venue != nil, wantVenue)
			}
			// Why a venue is withheld is the staff's: the chair's record.
			if (m.VenueWithheldReason != nil) != w.record {
				t.Errorf("%s: the reason shown = %v, want %v", role, m.VenueWithheldReason != nil, w.record)
			}
			some := m.Attendees != nil || m.ChildAttended != nil || m.ParticipationCode != nil
			all := m.Attendees != nil && m.ChildAttended != nil && m.ParticipationCode != nil
			if w.record && !all || !w.record && some {
				t.Errorf("%s: the chair's record is %v %v %v, want shown = %v", role, m.Attendees, m.ChildAttended, m.ParticipationCode, w.record)
			}
		}
	}
}

func TestMaskSubmission(t *testing.T) {
	// What each role still sees of a submission the rules let them read:
	// the child's words, the chair's reply and the urgent flag.
	type sees struct{ words, reply, urgent bool }
	tests := []struct {
		role  domain.Role
		share domain.ShareWith
		want  sees
	}{
		{domain.RoleChild, domain.ChairOnly, sees{true, true, true}},
		{domain.RoleIRO, domain.ChairOnly, sees{true, true, true}},
		{domain.RoleCPChair, domain.ChairOnly, sees{true, true, true}},
		// A social worker sees a chair-only submission for its urgent flag
		// alone.
		{domain.RoleSocialWorker, domain.ChairOnly, sees{false, false, true}},
		{domain.RoleSocialWorker, domain.ChairAndSocialWorker, sees{true, true, true}},
		{domain.RoleSocialWorker, domain.EveryoneAtMeeting, sees{true, true, true}},
		// A parent never learns of the urgent flag or the chair's reply.
		{domain.RoleParent, domain.EveryoneAtMeeting, sees{true, false, false}},
		{domain.RoleManager, domain.ChairOnly, sees{true, true, true}},
	}
	for _, tt := range tests {
		reply := "Thank you for telling me."
		s := &kent.WishesAndFeelings{ShareWith: tt.share, NeedsToTalkToday: true, Reply: &reply,
			Answers: []forms.Answer{{QuestionKey: "worries", Value: "school"}}}
		maskSubmission(&viewer.Viewer{Role: tt.role}, s)
		got := sees{words: s.Answers != nil, reply: s.Reply != nil, urgent: s.NeedsToTalkToday}
		if got != tt.want {
			t.Errorf("%s, shared %s: sees %+v, want %+v", tt.role, tt.share, got, tt.want)
		}
	}
}

func TestMaskPlanAction(t *testing.T) {
	// Who sees the notes on an action a parent marks done: that parent and
	// everyone who sees the plan but the child and other parents.
	const mum, gran = "usr_mum", "usr_gran"
	type seer struct {
		v     viewer.Viewer
		notes bool
	}
	tests := []seer{
		{viewer.Viewer{Role: domain.RoleParent, UserID: mum}, true},
		{viewer.Viewer{Role: domain.RoleParent, UserID: gran}, false},
		{viewer.Viewer{Role: domain.RoleChild, UserID: "usr_child"}, false},
	}
	for _, r := range []domain.Role{domain.RoleIRO, domain.RoleCPChair, domain.RoleSocialWorker, domain.RoleManager} {
		tests = append(tests, seer{viewer.Viewer{Role: r, UserID: "usr_staff"}, true})
	}
	for _, tt := range tests {
		for _, named := range []bool{true, false} {
			note, back := "Booked for Tuesday.", "Please bring the letter."
			a := &kent.PlanAction{DoneNote: &note, SentBackNote: &back}
			if named {
				id := ident.ID(mum)
				a.ForParentID = &id
			}
			maskPlanAction(&tt.v, a)
			want := tt.notes && (named || tt.v.Role != domain.RoleParent)
			if (a.DoneNote != nil) != want || (a.SentBackNote != nil) != want {
				t.Errorf("%s %s, action for mum %v: notes %v %v, want shown = %v", tt.v.Role, tt.v.UserID, named, a.DoneNote, a.SentBackNote, want)
			}
		}
	}
}

func TestMaskPlanVersion(t *testing.T) {
	w := func(s string) *string { return &s }
	pv := &kent.PlanVersion{Worries: w("f"), GoingWell: w("f"), NeedsToChange: w("f"),
		WorriesForChild: w("c"), GoingWellForChild: w("c"), NeedsToChangeForChild: w("c"),
		WorriesForFamily: w("p"), GoingWellForFamily: w("p"), NeedsToChangeForFamily: w("p")}
	maskPlanVersion(pv)
	if pv.Worries != nil || pv.GoingWell != nil || pv.NeedsToChange != nil ||
		pv.WorriesForFamily != nil || pv.GoingWellForFamily != nil || pv.NeedsToChangeForFamily != nil {
		t.Errorf("formal or family words left: %+v", pv)
	}
	if pv.WorriesForChild == nil || pv.GoingWellForChild == nil || pv.NeedsToChangeForChild == nil {
		t.Errorf("the child's own words were taken: %+v", pv)
	}
}
