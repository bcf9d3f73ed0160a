package gen

import (
	"strings"

	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/timescales"
)

// Meetings: one row per review, conference or core group (and per
// postponed booking), with what the chair recorded at a held one.

// emitMeeting makes one meeting of a child, and maybe the child's
// submission for it. place is the meeting's place among the episode's
// reviews or conferences (-1 for a core group), for its sitting.
func (g *generator) emitMeeting(f *family, c *genChild, e *episode, p genPlan, s slot, chair *genUser, chairRole string, place int) {
	m := genMeeting{
		id: ident.New("mtg"), child: c.id, plan: p.id, chair: chair.id, kind: s.kind,
		due: s.due, scheduled: atHM(s.on, s.hour, 0), sitting: e.sittingFor(f, s.kind, place, false),
	}
	switch s.kind {
	case domain.CICReview, domain.LightTouchReview:
		m.venue, m.withheld, m.withheldWhy = e.venue.review, e.venue.reviewWithheld, e.venue.reviewWhy
	case domain.CoreGroup:
		m.venue, m.withheld, m.withheldWhy = e.venue.coreGroup, e.venue.groupWithheld, e.venue.groupWhy
	default:
		m.venue = e.venue.conference
	}
	booked := earlierOf(s.on.AddDays(-g.between(14, 42)), g.today.AddDays(-1))
	if !s.postponed.IsZero() {
		booked = earlierOf(booked, s.postponed.AddDays(-g.between(14, 28)))
		g.meetings = append(g.meetings, genMeeting{
			id: ident.New("mtg"), child: c.id, plan: p.id, chair: chair.id, kind: s.kind,
			status: domain.Postponed, due: s.due, scheduled: atHM(s.postponed, s.hour, 0),
			venue: m.venue, withheld: m.withheld, withheldWhy: m.withheldWhy, changeReason: pick(g, postponeReasons),
			created: atHM(booked, 9, 30), modified: atHM(s.postponed.AddDays(-g.between(1, 5)), 12, 0),
			sitting: e.sittingFor(f, s.kind, place, true),
		})
	}
	m.created, m.modified = atHM(booked, 9, 30), atHM(booked, 9, 30)
	if !s.held {
		m.status = domain.Scheduled
		g.meetings = append(g.meetings, m)
		if s.kind != domain.CoreGroup {
			g.upcomingSubmission(f, c, e, &m, chair)
		}
		return
	}
	m.status, m.held = domain.Held, s.on
	sub := s.kind != domain.CoreGroup && g.heldSubmission(f, c, &m, chair)
	g.record(f, c, e, &m, chair, chairRole, sub)
	g.meetings = append(g.meetings, m)
}

// sittingFor is the sitting of a family's conference (slot of episode e),
// when its children have it together: brothers and sisters share their
// conferences (the same day, hour and chair, as every child of a family
// has the episode's slots) in 9 families' episodes in 10, as annual
// reports find (265 initial conferences for 478 children). Empty for one
// child, a review or a core group, and for a family with no parent in
// Kite (a sitting is for children linked to a parent they share, as
// scheduleMeeting asks). The choice follows the episode's wording number,
// so that it draws nothing from the random stream.
func (e *episode) sittingFor(f *family, kind domain.MeetingKind, slot int, postponed bool) ident.ID {
	if len(f.children) < 2 || len(f.parents) == 0 || slot < 0 || e.text%10 == 0 ||
		(kind != domain.InitialCPConference && kind != domain.ReviewCPConference) {
		return ""
	}
	key := sittingKey{slot, postponed}
	if e.sittings == nil {
		e.sittings = map[sittingKey]ident.ID{}
	}
	if e.sittings[key] == "" {
		e.sittings[key] = ident.New("sit")
	}
	return e.sittings[key]
}

// record fills in what the chair recorded at a held meeting: who came, the
// child's participation, the outcome, and when the plan and record went
// out (within the default timescales about nine times in ten).
func (g *generator) record(f *family, c *genChild, e *episode, m *genMeeting, chair *genUser, chairRole string, sent bool) {
	age := -1
	if !c.born.IsZero() && !c.born.After(m.held) {
		age = c.born.YearsOn(m.held)
	}
	attended := false
	switch m.kind {
	case domain.CICReview, domain.LightTouchReview:
		m.code = g.participation(age, sent)
		switch m.code {
		case domain.PN0:
		case domain.PN1, domain.PN2, domain.PN3, domain.PN4:
			attended = true
			m.attended = new(true)
		default:
			m.attended = new(false)
		}
	case domain.InitialCPConference, domain.ReviewCPConference:
		if age >= 7 {
			attended = g.chance(0.35)
			m.attended = new(attended)
		}
	}
	var people []string
	if attended {
		people = append(people, c.preferred)
	}
	if m.kind != domain.CICReview && m.kind != domain.LightTouchReview || g.chance(0.5) {
		for _, p := range f.parents {
			people = append(people, p.u.name+" ("+parentWord(p.relationship)+")")
		}
	}
	if e.kind == domain.CarePlan {
		people = append(people, "Foster carer")
	}
	if m.kind != domain.CoreGroup {
		people = append(people, chair.name+" ("+chairRole+")")
	}
	people = append(people, f.sw.name+" (social worker)")
	if age >= 4 && g.chance(0.6) {
		people = append(people, pick(g, []string{"Designated teacher", "Head of year", "School nurse", "Teaching assistant"}))
	} else if age < 4 && g.chance(0.6) {
		people = append(people, pick(g, []string{"Health visitor", "Community midwife", "Nursery key worker"}))
	}
	m.attendees = people
	m.outcome = g.outcome(c, e, m)
	m.published = atHM(m.held, 17, 0)
	m.modified = m.published
	if d := g.cal.AddWorkingDays(m.held, g.sendAfter(timescales.DefaultOutlinePlanWorkingDays, 1)); !d.After(g.today) {
		m.outline = d
	}
	if d := g.cal.AddWorkingDays(m.held, g.sendAfter(timescales.DefaultFullRecordWorkingDays, 5)); !d.After(g.today) {
		m.record = d
		m.modified = atHM(d, 12, 0)
	}
}

// sendAfter is how many working days after a meeting something went out:
// within limit about nine times in ten.
func (g *generator) sendAfter(limit, least int) int {
	if g.chance(0.9) {
		return g.between(least, limit)
	}
	return g.between(limit+1, limit+12)
}

// participation is the child's participation code at a review: PN0 under
// 4; otherwise mostly PN1 (attended and spoke) or PN6 (views sent another
// way, such as a submission), some PN7. A child who sent a submission
// either came (PN1) or had it speak for them (PN6).
func (g *generator) participation(age int, sent bool) domain.ParticipationCode {
	switch {
	case age < 4:
		return domain.PN0
	case sent:
		return []domain.ParticipationCode{domain.PN1, domain.PN6}[g.weighted(55, 45)]
	case age < 8:
		return []domain.ParticipationCode{domain.PN1, domain.PN2, domain.PN3, domain.PN4, domain.PN5, domain.PN6, domain.PN7}[g.weighted(25, 4, 20, 5, 4, 30, 14)]
	}
	return []domain.ParticipationCode{domain.PN1, domain.PN2, domain.PN3, domain.PN4, domain.PN5, domain.PN6, domain.PN7}[g.weighted(42, 6, 1, 4, 5, 26, 16)]
}

// outcome is the plain-words summary of a held meeting.
func (g *generator) outcome(c *genChild, e *episode, m *genMeeting) string {
	switch m.kind {
	case domain.CICReview:
		return fill(pick(g, reviewOutcomes), c.preferred)
	case domain.LightTouchReview:
		return fill(pick(g, lightTouchOutcomes), c.preferred)
	case domain.InitialCPConference:
		return strings.ReplaceAll(fill(pick(g, initialOutcomes), c.preferred), "{category}", categoryWords[e.category])
	case domain.ReviewCPConference:
		if !e.end.IsZero() && m.held == e.end {
			return fill(endOutcome, c.preferred)
		}
		return fill(pick(g, reviewConferenceOutcomes), c.preferred)
	}
	return pick(g, coreGroupOutcomes)
}
