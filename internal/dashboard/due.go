package dashboard

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/timescales"
)

// Due is the next statutory meeting of a child.
type Due struct {
	Kind    domain.MeetingKind
	DueBy   civil.Date
	Overdue bool
	// ChildID is whose meeting is due; MeetingID is the scheduled meeting
	// that will meet it, if any (see MeetingOf).
	ChildID, MeetingID ident.ID
}

// NextDue works out the next statutory meeting from the child's current
// plans and the meetings on record (docs/domain.md: clocks run from the day the
// previous meeting was held; an unheld due meeting stays next and becomes
// overdue). Nil when nothing is due.
//
// It reads only the meeting columns the timescales need (a caseload reads
// hundreds of meetings), unless whole is set: the caller knows the child's
// whole meetings are being read for this request anyway, and they then serve
// both in one statement.
func NextDue(ctx context.Context, client *ent.Client, c *ent.Child, today civil.Date, whole bool) (*Due, error) {
	plans, err := CurrentPlans(ctx, client, c.ID, today)
	if err != nil {
		return nil, err
	}
	meetings, err := timeline(ctx, client, c.ID, whole)
	if err != nil {
		return nil, err
	}
	la, err := authority(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("next due: %w", err)
	}
	dues := timescales.NextDue(calendar, CaseOf(c, la, plans, meetings), today)
	if len(dues) == 0 {
		return nil, nil
	}
	d := dues[0]
	return &Due{Kind: domain.MeetingKind(d.Kind), DueBy: d.DueBy, Overdue: d.Overdue,
		ChildID: c.ID, MeetingID: ident.ID(d.MeetingID)}, nil
}

// MeetingOf returns the whole scheduled meeting that will meet d, or nil.
func MeetingOf(ctx context.Context, client *ent.Client, d *Due) (*ent.Meeting, error) {
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

// CaseOf gathers what the timescales rules need about a child.
func CaseOf(c *ent.Child, la *ent.LocalAuthority, current []*ent.Plan, meetings []*ent.Meeting) timescales.Case {
	tc := timescales.Case{LighterTouch: c.LighterTouch, CoreGroupInterval: CoreGroupInterval(la)}
	for _, p := range current {
		switch p.Kind {
		case domain.CarePlan:
			if c.BecameLookedAfterOn != nil {
				tc.BecameLookedAfter = *c.BecameLookedAfterOn
			} else {
				tc.BecameLookedAfter = p.StartsOn
			}
		case domain.ChildProtectionPlan:
			if p.StrategyDiscussionOn != nil {
				tc.StrategyDiscussion = *p.StrategyDiscussionOn
			} else {
				tc.StrategyDiscussion = p.StartsOn
			}
		}
	}
	for _, m := range meetings {
		tm := timescales.Meeting{ID: string(m.ID), Kind: timescales.MeetingKind(m.Kind), Status: timescales.MeetingStatus(m.Status)}
		if m.HeldOn != nil {
			tm.Held = *m.HeldOn
		}
		if m.ScheduledFor != nil {
			tm.Scheduled = civil.InLondon(*m.ScheduledFor)
		}
		if m.BroughtForward {
			tm.BroughtForwardTo = m.DueBy
		}
		tc.Meetings = append(tc.Meetings, tm)
	}
	return tc
}

// CoreGroupInterval is the authority's setting: a number of weeks, or 0 for
// once a calendar month.
func CoreGroupInterval(la *ent.LocalAuthority) timescales.Interval {
	if la.CoreGroupIntervalWeeks == 0 {
		return timescales.Monthly()
	}
	return timescales.Weeks(la.CoreGroupIntervalWeeks)
}
