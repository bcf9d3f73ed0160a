package dashboard

import (
	"context"

	"kite/ent"
	"kite/internal/civil"
	"kite/internal/duedates"
)

// Whole says which of a child's whole rows an operation reads anyway: its
// plans (a field of WholePlanFields is asked for) and its meetings (one of
// WholeMeetingFields).
type Whole struct {
	Plans, Meetings bool
}

// NextDue is the child's next statutory meeting (duedates.Next), from the
// plans and meetings the viewer may see; nil when nothing is due.
//
// It reads only the plan and meeting columns the timescales need (a
// caseload reads hundreds of meetings), unless whole says the caller knows
// the child's whole plans or meetings are being read for this request
// anyway: they then serve both in one statement.
func NextDue(ctx context.Context, client *ent.Client, c *ent.Child, today civil.Date, whole Whole) (*duedates.Due, error) {
	l := loadersOf(ctx, client)
	planRows := l.planLines
	if whole.Plans {
		planRows = l.plans
	}
	plans, err := planRows.get(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	meetings := l.timelines
	if whole.Meetings {
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
