package gen

import (
	"fmt"
	"strings"

	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/timescales"
)

// Episodes: each family's plans, and the meetings of their statutory
// clocks, as days.

// makeEpisodes decides the family's plans and walks their meetings.
func (g *generator) makeEpisodes(f *family) {
	window := g.today.AddDays(-1090) // plans start within the last three years
	birth := f.youngestBirth()
	careFrom := laterOf(window, birth.AddDays(1))  // nobody comes into care before birth
	cpFrom := laterOf(window, birth.AddDays(-150)) // a pre-birth conference is possible
	careTo := g.today.AddDays(-3)
	switch f.status {
	case domain.InCare:
		lac := g.day(careFrom, careTo)
		if g.chance(sharePriorCP) && lac.DaysUntil(g.today) > 0 && cpFrom.DaysUntil(lac) >= 150 {
			s := g.day(laterOf(cpFrom, lac.AddDays(-540)), lac.AddDays(-130))
			f.episodes = append(f.episodes, g.endedCP(s, lac, "The child became looked after, so the child protection plan ended."))
		}
		f.episodes = append(f.episodes, g.careEpisode(f, lac, civil.Date("")))
	case domain.CPPlan:
		e := g.currentCP(f, cpFrom)
		if !f.unborn && g.chance(shareRepeat) && cpFrom.DaysUntil(e.strategy) >= 420 {
			s := g.day(laterOf(cpFrom, e.strategy.AddDays(-900)), e.strategy.AddDays(-420))
			prior := g.endedCPAtReview(s, e.strategy.AddDays(-60))
			f.episodes = append(f.episodes, prior)
		}
		f.episodes = append(f.episodes, e)
	case domain.Both:
		lac := g.day(laterOf(careFrom, g.today.AddDays(-730)), careTo)
		f.episodes = append(f.episodes, g.currentCP(f, laterOf(cpFrom, g.today.AddDays(-540))))
		f.episodes = append(f.episodes, g.careEpisode(f, lac, civil.Date("")))
	case domain.Neither:
		if g.chance(0.75) || !careFrom.Before(g.today.AddDays(-130)) {
			s := g.day(cpFrom, g.today.AddDays(-200))
			if g.chance(0.85) {
				f.episodes = append(f.episodes, g.endedCPAtReview(s, g.today.AddDays(-7)))
			} else {
				e := g.cpEpisode(s, g.today.AddDays(-7), false)
				end := g.day(e.start.AddDays(30), earlierOf(e.start.AddDays(400), g.today.AddDays(-7)))
				f.episodes = append(f.episodes, g.endCP(e, end, "The family moved to another local authority, which took over the plan."))
			}
		} else {
			lac := g.day(careFrom, g.today.AddDays(-130))
			end := g.day(lac.AddDays(60), earlierOf(lac.AddDays(700), g.today.AddDays(-7)))
			f.episodes = append(f.episodes, g.careEpisode(f, lac, end))
		}
	}
	last := f.episodes[len(f.episodes)-1]
	if f.status == domain.Neither {
		f.swEnd = earlierOf(last.end.AddDays(g.between(0, 28)), g.today.AddDays(-1))
	}
	for _, c := range f.children {
		for _, e := range f.episodes {
			if e.kind == domain.CarePlan && e.end.IsZero() {
				c.lookedAfter = e.start
				if !e.lighterAt.IsZero() {
					c.lighterTouch = true
					c.lighterAt = atHM(e.lighterAt, 16, 0)
				}
			}
		}
		c.created = atHM(f.firstDay(), 9, 0)
	}
}

// firstDay is the day the family's first plan's clock started.
func (f *family) firstDay() civil.Date {
	var d civil.Date
	for _, e := range f.episodes {
		s := e.start
		if !e.strategy.IsZero() {
			s = e.strategy
		}
		if d.IsZero() || s.Before(d) {
			d = s
		}
	}
	return d
}

// Meetings are held on time about nine times in ten.
const onTimeShare = 0.9

// holdOn is the day a meeting due on due is held (or booked for), some
// working days before its due date, or now and then late; always after
// after, the day the clock started. late reports a late one.
func (g *generator) holdOn(due, after civil.Date) (on civil.Date, late bool) {
	if g.chance(onTimeShare) {
		k := g.r.IntN(8)
		if k == 0 && !g.cal.IsWorkingDay(due) {
			k = 1
		}
		on = g.cal.AddWorkingDays(due, -k)
		if !on.After(after) {
			on = g.cal.AddWorkingDays(after, 1)
		}
		return on, on.After(due)
	}
	return g.cal.AddWorkingDays(due, g.between(1, 15)), true
}

// walk follows one statutory clock from start, the day it started: the
// first meeting is of kind, due on due, and next gives the kind and due
// date of each later one from those held so far (at least one). Meetings
// before stop are held; for a current plan the first one on or after stop
// is the booked next meeting, and for an ended plan there is none.
func (g *generator) walk(start, stop civil.Date, current bool, kind domain.MeetingKind, due civil.Date, next func(held []slot) (domain.MeetingKind, civil.Date)) []slot {
	var out []slot
	prev := start
	for {
		on, late := g.holdOn(due, prev)
		s := slot{kind: kind, due: due, on: on, hour: pick(g, meetingHours)}
		if !on.Before(stop) {
			if current {
				out = append(out, s)
			}
			return out
		}
		s.held = true
		if late && g.chance(0.4) {
			// A late meeting was often booked in time and then postponed.
			if first := g.cal.AddWorkingDays(due, -g.between(1, 5)); first.After(prev) && first.Before(on) {
				s.postponed = first
			}
		}
		out = append(out, s)
		prev = on
		kind, due = next(out)
	}
}

var meetingHours = []int{9, 10, 10, 11, 13, 14, 14, 15}

// careEpisode is a time in care from lac: reviews 20 working days after,
// then 3 months after the first, then every 6 months (or, under the
// lighter-touch arrangement, a light-touch review at 6 months and a full
// one yearly). A zero end means the child is still in care.
func (g *generator) careEpisode(f *family, lac, end civil.Date) *episode {
	e := &episode{kind: domain.CarePlan, start: lac, end: end, text: g.r.IntN(1000)}
	current := end.IsZero()
	stop := g.today
	if !current {
		stop = end
		e.endReason = pick(g, careEndReasons)
	}
	// The lighter-touch arrangement: a child of 12 or over in a settled
	// placement who agrees, from the review after the second or third.
	lighterFrom := 0
	if current && f.status == domain.InCare && g.chance(0.12) && lac.DaysUntil(g.today) > 400 {
		old := true
		for _, c := range f.children {
			if c.born.IsZero() || c.born.YearsOn(lac) < 12 {
				old = false
			}
		}
		if old {
			lighterFrom = g.between(2, 3)
		}
	}
	first := timescales.FirstCICReviewDue(g.cal, lac)
	e.reviews = g.walk(lac, stop, current, domain.CICReview, first, func(held []slot) (domain.MeetingKind, civil.Date) {
		last := held[len(held)-1]
		if len(held) == 1 {
			return domain.CICReview, timescales.SecondCICReviewDue(last.on)
		}
		if lighterFrom > 0 && len(held) >= lighterFrom {
			full := last
			for i := len(held) - 1; i >= 0; i-- {
				if held[i].kind == domain.CICReview {
					full = held[i]
					break
				}
			}
			if last.kind == domain.CICReview {
				return domain.LightTouchReview, timescales.LightTouchReviewDue(full.on)
			}
			return domain.CICReview, timescales.LighterTouchFullReviewDue(full.on)
		}
		return domain.CICReview, timescales.LaterCICReviewDue(last.on)
	})
	if lighterFrom > 0 && heldCount(e.reviews) >= lighterFrom {
		e.lighterAt = e.reviews[lighterFrom-1].on
	}
	e.venue = g.venues(f)
	return e
}

func heldCount(ss []slot) int {
	n := 0
	for _, s := range ss {
		if s.held {
			n++
		}
	}
	return n
}

// cpEpisode is a child protection episode from the strategy discussion s:
// the initial conference within 15 working days, review conferences 3 and
// then every 6 months after, and core groups 10 working days after the
// initial conference and then every 4 weeks. The plan starts on the day of
// the initial conference.
func (g *generator) cpEpisode(s, stop civil.Date, current bool) *episode {
	e := &episode{kind: domain.ChildProtectionPlan, strategy: s, category: g.category(), text: g.r.IntN(1000)}
	initial := timescales.InitialConferenceDue(g.cal, s)
	e.reviews = g.walk(s, stop, current, domain.InitialCPConference, initial, func(held []slot) (domain.MeetingKind, civil.Date) {
		last := held[len(held)-1]
		if last.kind == domain.InitialCPConference {
			return domain.ReviewCPConference, timescales.FirstReviewConferenceDue(last.on)
		}
		return domain.ReviewCPConference, timescales.LaterReviewConferenceDue(last.on)
	})
	if len(e.reviews) == 0 || !e.reviews[0].held {
		return e // no conference yet: the caller starts earlier
	}
	e.start = e.reviews[0].on
	every := timescales.Weeks(timescales.DefaultCoreGroupWeeks)
	first := timescales.FirstCoreGroupDue(g.cal, e.start)
	e.coreGroups = g.walk(e.start, stop, current, domain.CoreGroup, first, func(held []slot) (domain.MeetingKind, civil.Date) {
		return domain.CoreGroup, timescales.NextCoreGroupDue(held[len(held)-1].on, every)
	})
	return e
}

// Child protection categories (national shares).
func (g *generator) category() domain.AbuseCategory {
	return []domain.AbuseCategory{domain.Neglect, domain.Emotional, domain.Physical, domain.Sexual, domain.Multiple}[g.weighted(50, 35, 8, 4, 3)]
}

// currentCP is a plan still in force, started by a strategy discussion
// from `from` on: most plans are under a year old, a few over two.
func (g *generator) currentCP(f *family, from civil.Date) *episode {
	var ago int
	switch g.weighted(40, 35, 18, 7) {
	case 0:
		ago = g.between(25, 180)
	case 1:
		ago = g.between(181, 365)
	case 2:
		ago = g.between(366, 730)
	default:
		ago = g.between(731, 1060)
	}
	if f.unborn {
		ago = g.between(25, 120)
	}
	s := laterOf(g.today.AddDays(-ago), from)
	s = earlierOf(s, g.today.AddDays(-25))
	for {
		e := g.cpEpisode(s, g.today, true)
		if !e.start.IsZero() {
			e.venue = g.venues(f)
			return e
		}
		s = s.AddDays(-14) // the initial conference is still to come: start earlier
	}
}

// endedCPAtReview is a plan that a review conference ended, before limit.
func (g *generator) endedCPAtReview(s, limit civil.Date) *episode {
	e := g.cpEpisode(s, limit, false)
	var reviews []int
	for i, m := range e.reviews {
		if i > 0 && m.held {
			reviews = append(reviews, i)
		}
	}
	if len(reviews) == 0 {
		end := earlierOf(e.start.AddDays(g.between(20, 60)), limit)
		return g.endCP(e, end, "The family moved to another local authority, which took over the plan.")
	}
	last := reviews[min(len(reviews), 1+g.weighted(45, 30, 15, 10))-1]
	return g.endCP(e, e.reviews[last].on, pick(g, cpClosedReasons))
}

// endedCP is a plan that ended on end for reason (its meetings stop there).
func (g *generator) endedCP(s, end civil.Date, reason string) *episode {
	return g.endCP(g.cpEpisode(s, end, false), end, reason)
}

// endCP cuts an episode's meetings at end: those held after it go.
func (g *generator) endCP(e *episode, end civil.Date, reason string) *episode {
	e.end, e.endReason = end, reason
	keep := func(ss []slot, upTo civil.Date, inclusive bool) []slot {
		out := ss[:0]
		for _, m := range ss {
			if m.on.Before(upTo) || (inclusive && m.on == upTo) {
				out = append(out, m)
			}
		}
		return out
	}
	e.reviews = keep(e.reviews, end, true)
	e.coreGroups = keep(e.coreGroups, end, false)
	return e
}

// venues are where the family's meetings usually happen.
func (g *generator) venues(f *family) venueChoice {
	name := f.children[0].preferred
	if len(f.children) > 1 {
		name = "The " + f.surname + " children"
	}
	room := fmt.Sprintf("%s Civic Centre, Room %d", g.laName, g.between(1, 8))
	v := venueChoice{conference: room}
	switch g.weighted(40, 30, 20, 10) {
	case 0:
		v.review, v.reviewWithheld = possessive(name)+" foster home", true
		v.reviewWhy = "The review is at the foster home, whose address the family does not have."
	case 1:
		v.review = "Online"
	case 2:
		v.review = possessive(name) + " school"
	default:
		v.review = room
	}
	if g.chance(0.3) {
		v.conference = "Online"
	}
	switch g.weighted(40, 30, 20, 10) {
	case 0:
		v.coreGroup = "Online"
	case 1:
		v.coreGroup, v.groupWithheld = possessive(name)+" school, meeting room", g.chance(0.3)
		v.groupWhy = "A parent must not learn which school the children go to."
	case 2:
		v.coreGroup = g.laName + " Family Centre"
	default:
		v.coreGroup = "Family home"
	}
	return v
}

func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}
