// Package duedates works out a child's statutory due dates from their
// records: it turns ent's children, plans, meetings and authority settings
// into what internal/timescales reads, and counts with England and Wales's
// working days. It reads nothing itself: callers pass the rows they have read
// with the viewer's context, so the access rules decide what counts.
//
// It sits below the packages that show or use due dates (dashboard,
// meetings, alerts, reports) and above internal/timescales, which stays pure.
package duedates

import (
	"kite/ent"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/timescales"
)

// calendar is England and Wales's working days, made once.
var calendar = timescales.EnglandAndWales()

// Calendar is the working-day calendar Kite counts with.
func Calendar() *timescales.Calendar { return calendar }

// Due is the next statutory meeting of a child on one track.
type Due struct {
	Kind    domain.MeetingKind
	DueBy   civil.Date
	Overdue bool
	// ChildID is whose meeting is due; MeetingID is the scheduled meeting
	// that will meet it, if any.
	ChildID, MeetingID ident.ID
}

// Next lists the child's next statutory meetings, one for each track that
// applies (reviews, conferences, core groups), soonest first: the first is
// the child's next statutory meeting, and none means nothing is due. plans
// are the child's plans (only those in force today count) and meetings the
// meetings on record; a meeting needs only the columns CaseOf reads. See
// timescales.NextDue for the rules (docs/domain.md).
func Next(c *ent.Child, settings domain.AuthoritySettings, plans []*ent.Plan, meetings []*ent.Meeting, today civil.Date) []Due {
	var current []*ent.Plan
	for _, p := range plans {
		if IsCurrent(p, today) {
			current = append(current, p)
		}
	}
	dues := timescales.NextDue(calendar, CaseOf(c, settings, current, meetings), today)
	out := make([]Due, len(dues))
	for i, d := range dues {
		out[i] = Due{Kind: domain.MeetingKind(d.Kind), DueBy: d.DueBy, Overdue: d.Overdue,
			ChildID: c.ID, MeetingID: ident.ID(d.MeetingID)}
	}
	return out
}

// IsCurrent reports whether a plan is in force on day.
func IsCurrent(p *ent.Plan, day civil.Date) bool {
	return !p.StartsOn.After(day) && (p.EndsOn == nil || !p.EndsOn.Before(day))
}

// CaseOf gathers what the timescales rules need about a child: the current
// plans start the review and conference clocks, the meetings move them on.
func CaseOf(c *ent.Child, settings domain.AuthoritySettings, current []*ent.Plan, meetings []*ent.Meeting) timescales.Case {
	tc := timescales.Case{LighterTouch: c.LighterTouch, CoreGroupInterval: CoreGroupInterval(settings)}
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
	if len(meetings) > 0 {
		tc.Meetings = make([]timescales.Meeting, 0, len(meetings))
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
func CoreGroupInterval(s domain.AuthoritySettings) timescales.Interval {
	if s.CoreGroupIntervalWeeks == 0 {
		return timescales.Monthly()
	}
	return timescales.Weeks(s.CoreGroupIntervalWeeks)
}

// SettingsOf are the settings in an authority's row that the timescales
// read.
func SettingsOf(la *ent.LocalAuthority) domain.AuthoritySettings {
	return domain.AuthoritySettings{CoreGroupIntervalWeeks: la.CoreGroupIntervalWeeks}
}

// Fits says whether a kind of meeting fits the child's case on day, the one
// place that rule is kept (docs/domain.md, "Which meetings fit a child's
// case"): "" when it does, else a plain sentence saying why not. plans are
// the child's plans; only those in force on day count.
//
//   - a child-in-care review: a care plan in force (the child is looked after);
//   - a light-touch review: the same, and the lighter-touch arrangement on;
//   - an initial or review child protection conference, or a core group: a
//     child protection plan in force — the record of the child protection
//     enquiry (its strategy discussion) the conferences follow.
func Fits(c *ent.Child, plans []*ent.Plan, kind domain.MeetingKind, day civil.Date) string {
	var inCare, protection bool
	for _, p := range plans {
		if !IsCurrent(p, day) {
			continue
		}
		switch p.Kind {
		case domain.CarePlan:
			inCare = true
		case domain.ChildProtectionPlan:
			protection = true
		}
	}
	switch kind {
	case domain.CICReview:
		if !inCare {
			return "A child-in-care review is for a child in care, and this child has no care plan now."
		}
	case domain.LightTouchReview:
		if !inCare {
			return "A light-touch review is for a child in care, and this child has no care plan now."
		}
		if !c.LighterTouch {
			return "A light-touch review needs the lighter-touch arrangement, and it is not on for this child."
		}
	case domain.InitialCPConference:
		if !protection {
			return "An initial child protection conference follows a child protection enquiry, and this child has none on record (no child protection plan with its strategy discussion)."
		}
	case domain.ReviewCPConference:
		if !protection {
			return "A review child protection conference is for a child on a child protection plan, and this child is not on one now."
		}
	case domain.CoreGroup:
		if !protection {
			return "A core group is for a child on a child protection plan, and this child is not on one now."
		}
	default:
		return "This is not a kind of meeting Kite knows."
	}
	return ""
}
