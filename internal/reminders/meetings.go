package reminders

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/ent/familylink"
	"kite/ent/meeting"
	"kite/ent/wishesandfeelings"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/notify"
)

// viewsKinds are the meetings a child is reminded of: reviews and
// conferences, the meetings their views are asked for. Core groups are not.
var viewsKinds = []domain.MeetingKind{domain.CICReview, domain.LightTouchReview,
	domain.InitialCPConference, domain.ReviewCPConference}

// conferenceKinds are the meetings each parent is reminded of.
var conferenceKinds = map[domain.MeetingKind]bool{domain.InitialCPConference: true, domain.ReviewCPConference: true}

// youngestReminded is the age from which a child is reminded: younger
// children give their views through the adults around them.
const youngestReminded = 4

// meetings is the reminders due to children and parents of the authority's
// scheduled reviews and conferences whose reminder points have come (and
// whose day has not).
func (r *round) meetings(ctx context.Context, la *ent.LocalAuthority) ([]notify.Tiding, error) {
	lead := la.ViewsReminderWorkingDays
	// The first point is lead working days before the meeting; a meeting
	// more than twice as many calendar days away, plus two weeks of bank
	// holidays, is certainly not there yet.
	until := r.today.AddDays(2*lead + 14)
	ms, err := r.s.Client.Meeting.Query().
		Where(meeting.AuthorityID(la.ID), meeting.StatusEQ(domain.Scheduled), meeting.KindIn(viewsKinds...),
			meeting.ScheduledForGTE(r.today.AddDays(1).StartInLondon()), meeting.ScheduledForLT(until.StartInLondon())).
		WithChild(func(q *ent.ChildQuery) {
			q.WithIdentity().WithUser().WithFamilyLinks(func(q *ent.FamilyLinkQuery) {
				q.Where(familylink.Active(true), familylink.ParentalResponsibility(true)).WithParent()
			})
		}).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	sent, err := r.viewsSent(ctx, ms)
	if err != nil {
		return nil, err
	}
	var due []notify.Tiding
	for _, m := range ms {
		due = append(due, r.remindersOf(m, lead, sent[m.ID])...)
	}
	return due, nil
}

// remindersOf is the reminders of one meeting due to the child, and for a
// conference to each parent, at the point that has come: from the first
// point until the last, the first reminder; from the last point, the last
// reminder, if the child has sent nothing for the meeting (a child whose
// meeting was arranged too late for the first point gets the last one only).
func (r *round) remindersOf(m *ent.Meeting, lead int, viewsSent bool) []notify.Tiding {
	day := civil.InLondon(*m.ScheduledFor)
	first := calendar.AddWorkingDays(day, -lead)
	last := calendar.AddWorkingDays(day, -LastReminderWorkingDays)
	if r.today.Before(first) && r.today.Before(last) {
		return nil
	}
	var due []notify.Tiding
	c := m.Edges.Child
	key := func(what, point string) string { return fmt.Sprintf("%s:%s:%s:%s", what, m.ID, day, point) }
	if u := c.Edges.User; u != nil && u.Username != nil && r.oldEnough(c) {
		td := notify.Tiding{AuthorityID: m.AuthorityID, UserID: u.ID, AboutID: m.ID,
			Kind: domain.NoticeViewsReminder, DedupeKey: key("views", "first")}
		if !r.today.Before(last) {
			td.Kind, td.DedupeKey = domain.NoticeViewsLastReminder, key("views", "last")
		}
		if td.Kind == domain.NoticeViewsReminder || !viewsSent {
			due = append(due, td)
		}
	}
	if !conferenceKinds[m.Kind] || r.today.Before(first) {
		return due
	}
	for _, l := range c.Edges.FamilyLinks {
		if p := l.Edges.Parent; p != nil && p.Username != nil {
			due = append(due, notify.Tiding{AuthorityID: m.AuthorityID, UserID: p.ID, AboutID: m.ID,
				Kind: domain.NoticeConferenceReminder, DedupeKey: key("conference", "first")})
		}
	}
	return due
}

// oldEnough reports whether the child is at least youngestReminded today;
// an unborn baby (no date of birth) is not.
func (r *round) oldEnough(c *ent.Child) bool {
	id := c.Edges.Identity
	return id != nil && id.DateOfBirth != nil && id.DateOfBirth.YearsOn(r.today) >= youngestReminded
}

// viewsSent says which of the meetings a child has sent views for.
func (r *round) viewsSent(ctx context.Context, ms []*ent.Meeting) (map[ident.ID]bool, error) {
	out := map[ident.ID]bool{}
	if len(ms) == 0 {
		return out, nil
	}
	ids := make([]ident.ID, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	subs, err := r.s.Client.WishesAndFeelings.Query().
		Where(wishesandfeelings.MeetingIDIn(ids...), wishesandfeelings.StatusNEQ(domain.Draft)).
		Select(wishesandfeelings.FieldMeetingID).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("views sent: %w", err)
	}
	for _, s := range subs {
		if s.MeetingID != nil {
			out[*s.MeetingID] = true
		}
	}
	return out, nil
}
