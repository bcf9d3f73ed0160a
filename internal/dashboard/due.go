package dashboard

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"kite/ent"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/timescales"
)

func sqlDesc() sql.OrderTermOption { return sql.OrderDesc() }

// Due is the next statutory meeting of a child.
type Due struct {
	Kind    domain.MeetingKind
	DueBy   civil.Date
	Overdue bool
	// Meeting is the scheduled meeting that will meet it, if any.
	Meeting *ent.Meeting
}

// NextDue works out the next statutory meeting from the child's current
// plans and the meetings on record (domain.md: clocks run from the day the
// previous meeting was held; an unheld due meeting stays next and becomes
// overdue). Nil when nothing is due.
func NextDue(ctx context.Context, client *ent.Client, c *ent.Child, today civil.Date) (*Due, error) {
	plans, err := CurrentPlans(ctx, client, c.ID, today)
	if err != nil {
		return nil, err
	}
	meetings, err := Meetings(ctx, client, c.ID)
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
	out := &Due{Kind: domain.MeetingKind(d.Kind), DueBy: d.DueBy, Overdue: d.Overdue}
	for _, m := range meetings {
		if string(m.ID) == d.MeetingID {
			out.Meeting = m
		}
	}
	return out, nil
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
