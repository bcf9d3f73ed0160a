package dashboard

import (
	"context"

	"kite/ent"
	"kite/internal/civil"
	"kite/internal/duedates"
)

// NextDue is the child's next statutory meeting (duedates.Next), from the
// plans and meetings the viewer may see; nil when nothing is due.
//
// It reads only the meeting columns the timescales need (a caseload reads
// hundreds of meetings), unless whole is set: the caller knows the child's
// whole meetings are being read for this request anyway (a field of
// WholeMeetingFields is asked for), and they then serve both in one
// statement.
func NextDue(ctx context.Context, client *ent.Client, c *ent.Child, today civil.Date, whole bool) (*duedates.Due, error) {
	l := loadersOf(ctx, client)
	plans, err := l.plans.get(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	meetings := l.timelines
	if whole {
		meetings = l.meetings
	}
	ms, err := meetings.get(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	settings, err := l.settings(ctx, c)
	if err != nil {
		return nil, err
	}
	dues := duedates.Next(c, settings, plans, ms, today)
	if len(dues) == 0 {
		return nil, nil
	}
	return &dues[0], nil
}

// MeetingOf returns the whole scheduled meeting that will meet d, or nil.
func MeetingOf(ctx context.Context, client *ent.Client, d *duedates.Due) (*ent.Meeting, error) {
	if d.MeetingID == "" {
		return nil, nil
	}
	meetings, err := Meetings(ctx, client, d.ChildID)
	if err != nil {
		return nil, err
	}
	for _, m := range meetings {
		if m.ID == d.MeetingID {
			return m, nil
		}
	}
	return nil, nil
}
