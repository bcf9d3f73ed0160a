package gen

import (
	"strconv"
	"time"

	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
)

// A child's submissions (wishes and feelings) for their meetings, or sent
// outside any, and who read them.

// canSend reports whether the child could send views on day d, having
// started them up to two days before: they have an account and had it by
// then.
func canSend(c *genChild, d civil.Date) bool {
	return c.account != nil && !atHM(d.AddDays(-2), 0, 0).Before(c.account.created)
}

// heldSubmission maybe adds the child's views for a held review or
// conference (about three in four, once the child has an account). Most
// were read and many answered. It reports whether one was added.
func (g *generator) heldSubmission(f *family, c *genChild, m *genMeeting, chair *genUser) bool {
	sentOn := m.held.AddDays(-g.between(1, 10))
	if !canSend(c, sentOn) || !g.chance(0.75) {
		return false
	}
	status := []domain.SubmissionStatus{domain.Responded, domain.Read, domain.Submitted}[g.weighted(55, 40, 5)]
	g.submission(f, c, m.id, sentOn, status, chair, atHM(m.held, 9, 0))
	return true
}

// upcomingSubmission maybe adds the child's views for the booked next
// meeting, when it is a few weeks away: mostly sent and not yet read, a
// few still drafts.
func (g *generator) upcomingSubmission(f *family, c *genChild, e *episode, m *genMeeting, chair *genUser) {
	on := civil.InLondon(m.scheduled)
	if g.today.DaysUntil(on) > 28 {
		return
	}
	sentOn := g.today.AddDays(-g.between(1, 10))
	if !canSend(c, sentOn) || !sentOn.After(civil.InLondon(m.created)) {
		return
	}
	switch x := g.r.Float64(); {
	case x < 0.45:
		g.submission(f, c, m.id, sentOn, domain.Submitted, chair, time.Time{})
	case x < 0.55:
		g.submission(f, c, m.id, sentOn, domain.Read, chair, atHM(g.today, 0, 0))
	case x < 0.63:
		g.submission(f, c, m.id, sentOn, domain.Draft, chair, time.Time{})
	}
}

// emitStandalone maybe adds views a child sent outside any meeting, in the
// last month, to their current chair.
func (g *generator) emitStandalone(f *family, c *genChild) {
	var chair *genUser
	for _, e := range f.episodes {
		if e.end.IsZero() {
			chair = e.chair
		}
	}
	sentOn := g.today.AddDays(-g.between(1, 30))
	if chair == nil || !canSend(c, sentOn) || !g.chance(0.1) {
		return
	}
	status := []domain.SubmissionStatus{domain.Submitted, domain.Read, domain.Responded}[g.weighted(40, 30, 30)]
	g.submission(f, c, "", sentOn, status, chair, atHM(g.today, 0, 0))
}

// submission adds one submission sent on sentOn, and its read receipts.
// before is when it must have been read by (zero: no limit).
func (g *generator) submission(f *family, c *genChild, meeting ident.ID, sentOn civil.Date, status domain.SubmissionStatus, chair *genUser, before time.Time) {
	s := genSubmission{
		id: ident.New("waf"), child: c.id, meeting: meeting, status: status,
		share:    []domain.ShareWith{domain.ChairOnly, domain.ChairAndSocialWorker, domain.EveryoneAtMeeting}[g.weighted(35, 40, 25)],
		helpedBy: []domain.HelpedBy{domain.HelpedByNobody, domain.HelpedByCarer, domain.HelpedByAdvocate, domain.HelpedBySocialWorker}[g.weighted(50, 25, 10, 15)],
	}
	s.sent = atHM(sentOn, g.between(15, 21), g.r.IntN(60))
	s.started = s.sent.Add(-time.Duration(g.between(10, 2880)) * time.Minute)
	// The form that suited the child's age when they opened it.
	form := g.older
	calm, worried := g.olderCalm, g.olderWorry
	if c.born.YearsOn(civil.InLondon(s.started)) <= 10 {
		form, calm, worried = g.younger, g.youngerCalm, g.youngerWorry
	}
	s.form, s.answers = form.ID, pick(g, calm)
	if status == domain.Draft {
		s.sent = time.Time{}
		g.subs = append(g.subs, s)
		return
	}
	c.keys++
	s.key = "gen-views-" + strconv.Itoa(c.keys)
	if g.chance(0.02) {
		s.urgent, s.answers = true, pick(g, worried)
	}
	if status == domain.Submitted {
		g.subs = append(g.subs, s)
		return
	}
	delay := time.Duration(g.between(60, 3*24*60)) * time.Minute
	if s.urgent {
		delay = time.Duration(g.between(10, 90)) * time.Minute
	}
	s.read = s.sent.Add(delay)
	if !before.IsZero() && s.read.After(before) {
		s.read = earlierOf(s.sent.Add(30*time.Minute), before)
	}
	g.receipts = append(g.receipts, genReceipt{
		id: ident.New("rdr"), submission: s.id, reader: chair.id, name: chair.name, role: chair.role, at: s.read,
	})
	if s.share != domain.ChairOnly && g.chance(0.4) {
		at := s.read.Add(time.Duration(g.between(30, 24*60)) * time.Minute)
		if !before.IsZero() && at.After(before) {
			at = before
		}
		g.receipts = append(g.receipts, genReceipt{
			id: ident.New("rdr"), submission: s.id, reader: f.sw.id, name: f.sw.name, role: f.sw.role, at: at,
		})
	}
	if status == domain.Responded {
		s.reply = fill(pick(g, replies), c.preferred)
		s.repliedBy = chair.id
		s.replyBy = chair
		s.rep = s.read.Add(time.Duration(g.between(5, 24*60)) * time.Minute)
		if !before.IsZero() && s.rep.After(before) {
			s.rep = before
		}
	}
	g.subs = append(g.subs, s)
}
