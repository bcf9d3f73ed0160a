package reminders

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/ent/meeting"
	"kite/ent/parentviews"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/notify"
	"kite/internal/parents"
)

// NeedsReminderWorkingDays is how many working days before a meeting its
// chairs are first told what parents need to take part: time to book an
// interpreter.
const NeedsReminderWorkingDays = 5

// attendeeNeeds is the reminders due to the chairs of the authority's
// scheduled meetings, from NeedsReminderWorkingDays working days before
// each until the day before, when parents said in their views for it that
// they need something to take part. Each chair is told once per meeting,
// meeting day and number of needs (needs:<meeting>:<day>:<n>): told again
// when more needs are sent, never twice for the same ones.
func (r *round) attendeeNeeds(ctx context.Context, la *ent.LocalAuthority) ([]notify.Tiding, error) {
	until := r.today.AddDays(2*NeedsReminderWorkingDays + 14)
	ms, err := r.s.Client.Meeting.Query().
		Where(meeting.AuthorityID(la.ID), meeting.StatusEQ(domain.Scheduled),
			meeting.ScheduledForGTE(r.today.AddDays(1).StartInLondon()), meeting.ScheduledForLT(until.StartInLondon())).
		All(ctx)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	ids := make([]ident.ID, len(ms))
	children := make([]ident.ID, len(ms))
	for i, m := range ms {
		ids[i], children[i] = m.ID, m.ChildID
	}
	views, err := r.s.Client.ParentViews.Query().
		Where(parentviews.MeetingIDIn(ids...), parentviews.StatusNEQ(domain.Draft)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("attendee needs: %w", err)
	}
	byMeeting := map[ident.ID][]*ent.ParentViews{}
	for _, pv := range views {
		byMeeting[*pv.MeetingID] = append(byMeeting[*pv.MeetingID], pv)
	}
	chairs, err := r.chairsOfChildren(ctx, children)
	if err != nil {
		return nil, err
	}
	var due []notify.Tiding
	for _, m := range ms {
		day := civil.InLondon(*m.ScheduledFor)
		n := parents.CountNeeds(byMeeting[m.ID])
		if n == 0 || r.today.Before(calendar.AddWorkingDays(day, -NeedsReminderWorkingDays)) {
			continue
		}
		for _, chair := range chairsOf(m, chairs[m.ChildID]) {
			due = append(due, notify.Tiding{AuthorityID: m.AuthorityID, UserID: chair, AboutID: m.ID,
				Kind: domain.NoticeAttendeeNeeds, Count: n, DedupeKey: fmt.Sprintf("needs:%s:%s:%d", m.ID, day, n)})
		}
	}
	return due, nil
}

// chairsOf is a meeting's chair, when it names one, else the child's
// current chairs.
func chairsOf(m *ent.Meeting, current []ident.ID) []ident.ID {
	if m.ChairID != nil {
		return []ident.ID{*m.ChairID}
	}
	return current
}
