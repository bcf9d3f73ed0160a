package wishes

import (
	"context"
	"slices"

	"kite/ent"
	"kite/internal/access"
	"kite/internal/apierr"
	"kite/internal/availability"
	"kite/internal/childwords"
	"kite/internal/dashboard"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/duedates"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// What a child is told about what they send must be true, so it is worked
// out from what Kite does: who an urgent message tells (currentStaff and
// staffToTell, as notifyUrgent tells them), who may read it
// (access.SubmissionReaders), when those people work (their hours, the
// authority's office hours, bank holidays) and the service's clock.
// internal/childwords puts it into words.

// Answer is what to tell a child who has just sent sub: what happens next,
// and who to talk to now.
func (s *Service) Answer(ctx context.Context, sent *Sent) (childwords.Answer, error) {
	sub, la := sent.Submission, sent.Authority
	c, err := s.Client.Child.Get(ctx, sub.ChildID)
	if err != nil {
		return childwords.Answer{}, dataerr.ToAPI(err, "wishes: answer: child")
	}
	circle, err := s.circle(ctx, c, sub.ShareWith)
	if err != nil {
		return childwords.Answer{}, err
	}
	var told []childwords.Person
	if sub.NeedsToTalkToday {
		if told, err = s.told(ctx, c, la); err != nil {
			return childwords.Answer{}, err
		}
	}
	m, err := s.meetingOf(ctx, sub)
	if err != nil {
		return childwords.Answer{}, err
	}
	readers := access.SubmissionReaders(sub.ShareWith, sub.NeedsToTalkToday)
	return childwords.AfterSending(childwords.Sending{
		Now: s.Now(), Calendar: duedates.Calendar(), Office: availability.OfficeHours(la),
		Urgent: sub.NeedsToTalkToday, Reach: reach(readers), Circle: circle, Meeting: m, Told: told,
		OutOfHoursPhone: la.OutOfHoursPhone, ServicePhone: la.ServicePhone,
	}), nil
}

// WhoWillSee answers the child asking, before they send, who would see
// what they send with share. Only the child themself may ask.
func (s *Service) WhoWillSee(ctx context.Context, childID ident.ID, share domain.ShareWith) (*childwords.WhoSees, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !access.MayAskWhoWillSee(v, childID) {
		return nil, apierr.Forbidden()
	}
	c, err := s.Client.Child.Get(ctx, childID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "wishes: who will see: child")
	}
	la, err := s.Client.LocalAuthority.Get(ctx, c.AuthorityID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "wishes: who will see: authority")
	}
	circle, err := s.circle(ctx, c, share)
	if err != nil {
		return nil, err
	}
	told, err := s.told(ctx, c, la)
	if err != nil {
		return nil, err
	}
	choice := childwords.Choice{Normal: reach(access.SubmissionReaders(share, false)),
		Urgent: reach(access.SubmissionReaders(share, true))}
	w := childwords.WouldSee(circle, choice, told, la.OutOfHoursPhone)
	return &w, nil
}

// circle is the people around the child who could read what they send:
// their current chairs and social worker as the child sees them, and, when
// the choice shares it with the family, how many parents could read it.
func (s *Service) circle(ctx context.Context, c *ent.Child, share domain.ShareWith) (childwords.Circle, error) {
	chairs, sw, err := dashboard.Contacts(ctx, s.Client, c.ID)
	if err != nil {
		return childwords.Circle{}, err
	}
	out := childwords.Circle{Status: c.Status}
	for _, ch := range chairs {
		out.Chairs = append(out.Chairs, person(ch))
	}
	if sw != nil {
		p := person(*sw)
		out.SocialWorker = &p
	}
	if access.SubmissionReaders(share, false).Family == access.SeesWords {
		if out.Parents, err = access.FamilyReaders(ctx, s.Client, c.ID); err != nil {
			return childwords.Circle{}, err
		}
	}
	return out, nil
}

// person is a member of staff as the child knows them.
func person(c dashboard.Contact) childwords.Person {
	return childwords.Person{Name: c.Name, Role: access.RoleFor(c.Kind), Hours: c.Hours}
}

// told are the people an urgent message about the child tells: the staff
// notifyUrgent tells (the chairs first), or else the duty team when it has
// an address; nobody when neither.
func (s *Service) told(ctx context.Context, c *ent.Child, la *ent.LocalAuthority) ([]childwords.Person, error) {
	allocs, err := currentStaff(ctx, s.Client, c.ID)
	if err != nil {
		return nil, err
	}
	kinds := map[ident.ID]domain.AllocationKind{}
	for _, a := range allocs {
		kinds[a.StaffID] = a.Kind
	}
	var told []childwords.Person
	for _, u := range staffToTell(allocs) {
		told = append(told, childwords.Person{Name: u.DisplayName, Role: access.RoleFor(kinds[u.ID]), Hours: u.WorkingHours})
	}
	if len(told) == 0 && la.DutyTeamEmail != "" {
		return []childwords.Person{childwords.DutyTeam(availability.OfficeHours(la))}, nil
	}
	slices.SortStableFunc(told, func(a, b childwords.Person) int { return tellOrder(a.Role) - tellOrder(b.Role) })
	return told, nil
}

// tellOrder names the chairs before the social worker.
func tellOrder(r domain.Role) int {
	switch r {
	case domain.RoleCPChair:
		return 0
	case domain.RoleIRO:
		return 1
	}
	return 2
}

// meetingOf is the meeting the child chose, if any.
func (s *Service) meetingOf(ctx context.Context, sub *ent.WishesAndFeelings) (*childwords.Meeting, error) {
	if sub.MeetingID == nil {
		return nil, nil
	}
	m, err := s.Client.Meeting.Get(ctx, *sub.MeetingID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "wishes: answer: meeting")
	}
	return &childwords.Meeting{Kind: m.Kind, At: m.ScheduledFor}, nil
}

// reach turns the access rules' answer into what childwords says.
func reach(r access.Readers) childwords.Reach {
	return childwords.Reach{SocialWorker: sight(r.SocialWorker), Family: r.Family == access.SeesWords}
}

func sight(s access.Sight) childwords.Sight {
	switch s {
	case access.SeesWords:
		return childwords.Words
	case access.SeesFlagOnly:
		return childwords.FlagOnly
	}
	return childwords.Nothing
}
