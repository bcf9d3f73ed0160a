package dashboard

import (
	"reflect"
	"testing"
	"time"

	"kite/ent"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
)

func TestCurrent(t *testing.T) {
	today := civil.MustParse("2025-03-10")
	care := &ent.Plan{ID: "pln_care", Kind: domain.CarePlan, StartsOn: "2025-01-06"}
	cp := &ent.Plan{ID: "pln_cp", Kind: domain.ChildProtectionPlan, StartsOn: "2025-02-03"}
	ended := &ent.Plan{ID: "pln_old", Kind: domain.ChildProtectionPlan, StartsOn: "2024-01-08", EndsOn: new(civil.Date("2024-12-31"))}
	future := &ent.Plan{ID: "pln_next", Kind: domain.CarePlan, StartsOn: "2025-04-01"}
	for _, tc := range []struct {
		name  string
		plans []*ent.Plan
		want  []*ent.Plan
	}{
		{"none", nil, nil},
		{"the CP plan first", []*ent.Plan{care, future, cp, ended}, []*ent.Plan{cp, care}},
		{"only plans in force", []*ent.Plan{ended, future}, nil},
	} {
		if got := current(tc.plans, today); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: current = %v, want %v", tc.name, ids(got), ids(tc.want))
		}
	}
}

func ids[T interface{ *ent.Plan | *ent.Meeting }](rows []T) []ident.ID {
	out := make([]ident.ID, len(rows))
	for i, r := range rows {
		switch r := any(r).(type) {
		case *ent.Plan:
			out[i] = r.ID
		case *ent.Meeting:
			out[i] = r.ID
		}
	}
	return out
}

func TestContactsOf(t *testing.T) {
	staff := func(name string, role domain.Role) *ent.User { return &ent.User{DisplayName: name, Role: role} }
	alloc := func(kind domain.AllocationKind, u *ent.User) *ent.Allocation {
		return &ent.Allocation{Kind: kind, Edges: ent.AllocationEdges{Staff: u}}
	}
	contact := func(name string, role domain.Role, kind domain.AllocationKind) Contact {
		return Contact{Name: name, Role: role, Kind: kind}
	}
	for _, tc := range []struct {
		name   string
		allocs []*ent.Allocation // newest first
		chairs []Contact
		sw     *Contact
	}{
		{"nobody", nil, nil, nil},
		{"the newest of each kind, the CP Chair first", []*ent.Allocation{
			alloc(domain.AllocSocialWorker, staff("Sam New", domain.RoleSocialWorker)),
			alloc(domain.AllocIRO, staff("Ira", domain.RoleIRO)),
			alloc(domain.AllocSocialWorker, staff("Sam Old", domain.RoleSocialWorker)),
			alloc(domain.AllocCPChair, staff("Cass", domain.RoleCPChair)),
			alloc(domain.AllocIRO, staff("Ira Old", domain.RoleIRO)),
		}, []Contact{
			contact("Cass", domain.RoleCPChair, domain.AllocCPChair),
			contact("Ira", domain.RoleIRO, domain.AllocIRO),
		}, new(contact("Sam New", domain.RoleSocialWorker, domain.AllocSocialWorker))},
		{"staff the viewer may not see are left out", []*ent.Allocation{
			alloc(domain.AllocIRO, nil),
			alloc(domain.AllocSocialWorker, nil),
			alloc(domain.AllocIRO, staff("Ira Old", domain.RoleIRO)),
		}, []Contact{contact("Ira Old", domain.RoleIRO, domain.AllocIRO)}, nil},
	} {
		chairs, sw := contactsOf(tc.allocs)
		if !reflect.DeepEqual(chairs, tc.chairs) || !reflect.DeepEqual(sw, tc.sw) {
			t.Errorf("%s: contactsOf = %v, %v; want %v, %v", tc.name, chairs, sw, tc.chairs, tc.sw)
		}
	}
}

func TestUpcoming(t *testing.T) {
	today := civil.MustParse("2025-03-31")
	at := func(d civil.Date) *time.Time { return new(d.StartInLondon()) }
	scheduled := func(id ident.ID, when *time.Time) *ent.Meeting {
		return &ent.Meeting{ID: id, Status: domain.Scheduled, ScheduledFor: when}
	}
	all := []*ent.Meeting{
		scheduled("mtg_later", at(today.AddDays(10))),
		scheduled("mtg_b", at(today.AddDays(2))),
		scheduled("mtg_a", at(today.AddDays(2))),
		scheduled("mtg_midnight", at(today)), // the first moment of today in London
		scheduled("mtg_yesterday", at(today.AddDays(-1))),
		scheduled("mtg_no_time", nil),
		{ID: "mtg_held", Status: domain.Held, ScheduledFor: at(today.AddDays(2))},
		{ID: "mtg_off", Status: domain.Cancelled, ScheduledFor: at(today.AddDays(2))},
	}
	want := []ident.ID{"mtg_midnight", "mtg_a", "mtg_b", "mtg_later"}
	if got := ids(upcoming(all, today)); !reflect.DeepEqual(got, want) {
		t.Errorf("upcoming = %v, want %v", got, want)
	}
	if got := upcoming(nil, today); got != nil {
		t.Errorf("no meetings: upcoming = %v", got)
	}
}

func TestLastReviewCode(t *testing.T) {
	review := func(kind domain.MeetingKind, status domain.MeetingStatus, heldOn string, code domain.ParticipationCode) *ent.Meeting {
		m := &ent.Meeting{Kind: kind, Status: status, ParticipationCode: &code}
		if heldOn != "" {
			m.HeldOn = new(civil.Date(heldOn))
		}
		return m
	}
	for _, tc := range []struct {
		name     string
		meetings []*ent.Meeting
		want     *domain.ParticipationCode
	}{
		{"no meetings", nil, nil},
		{"the latest held review, full or light-touch", []*ent.Meeting{
			review(domain.LightTouchReview, domain.Held, "2025-07-31", domain.PN3),
			review(domain.CICReview, domain.Held, "2025-01-31", domain.PN1),
		}, new(domain.PN3)},
		{"only held reviews with a day count", []*ent.Meeting{
			review(domain.CICReview, domain.Held, "2025-01-31", domain.PN1),
			review(domain.ReviewCPConference, domain.Held, "2025-06-01", domain.PN5),
			review(domain.CICReview, domain.Scheduled, "", domain.PN2),
			review(domain.CICReview, domain.Held, "", domain.PN4),
			review(domain.CICReview, domain.Cancelled, "2025-08-01", domain.PN6),
		}, new(domain.PN1)},
		{"no review held", []*ent.Meeting{review(domain.CoreGroup, domain.Held, "2025-01-31", domain.PN1)}, nil},
	} {
		if got := lastReviewCode(tc.meetings); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: lastReviewCode = %v, want %v", tc.name, got, tc.want)
		}
	}
}
