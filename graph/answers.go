package graph

import (
	"time"

	"kite/graph/model"
	"kite/internal/childwords"
	"kite/internal/domain"
)

// Answers to a child, as internal/wishes and internal/plans work them out
// and internal/childwords words them.

// helpNow shows who to talk to now.
func helpNow(h childwords.Help, outOfHoursPhone string) *model.HelpNow {
	out := &model.HelpNow{Message: h.Message, OutOfHoursPhone: optional(outOfHoursPhone), ChildLine: childwords.ChildLine,
		Urgent: h.Urgent, SomeoneAtWorkNow: h.SomeoneAtWork, Told: make([]*model.PersonTold, 0, len(h.Told))}
	for _, t := range h.Told {
		p := &model.PersonTold{Name: optional(t.FirstName()), Role: role(t.Person), Description: t.Called(),
			HoursKnown: t.OwnHours, AtWorkNow: t.AtWorkNow}
		if t.HasShift {
			p.WorkStarts, p.WorkEnds = timeOf(t.Shift.Start), timeOf(t.Shift.End)
		}
		out.Told = append(out.Told, p)
	}
	return out
}

// whoWillSee shows who would see what a child sends with one choice.
func whoWillSee(share domain.ShareWith, w *childwords.WhoSees) *model.WhoWillSee {
	return &model.WhoWillSee{ShareWith: share, ShareLabel: share.Label(), Readers: readers(w.Readers),
		ToldIfUrgent: readers(w.Urgent), Message: w.Message, IfUrgent: w.IfUrgent}
}

func readers(rs []childwords.Reader) []*model.Reader {
	out := make([]*model.Reader, 0, len(rs))
	for _, r := range rs {
		out = append(out, &model.Reader{Name: optional(r.FirstName()), Role: role(r.Person), Description: r.Called(), ReadsWords: r.Words})
	}
	return out
}

// role is someone's role for the child; nil for the duty team.
func role(p childwords.Person) *domain.Role {
	if p.Role == "" {
		return nil
	}
	r := p.Role
	return &r
}

func timeOf(t time.Time) *time.Time { return &t }

// sections shows a plan's parts.
func sections(parts []childwords.PlanPart) []*model.PlanSection {
	out := make([]*model.PlanSection, len(parts))
	for i, p := range parts {
		out[i] = &model.PlanSection{Heading: p.Heading, Text: p.Text, TalkThrough: p.TalkThrough}
	}
	return out
}
