// Package meetings is the chair's and social worker's work on a child's
// meetings: scheduling (with the statutory due date worked out), moving,
// cancelling, bringing a review forward, recording it as held with how the
// child took part, and publishing its outcome. Who may do which is decided
// by the access rules; this package checks the input and derives.
package meetings

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/child"
	"kite/ent/familylink"
	"kite/ent/meeting"
	"kite/ent/notice"
	"kite/ent/privacy"
	"kite/ent/wishesandfeelings"
	"kite/internal/access"
	"kite/internal/apierr"
	"kite/internal/civil"
	"kite/internal/clock"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/duedates"
	"kite/internal/ident"
	"kite/internal/notify"
	"kite/internal/textinput"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// Service holds what meeting work needs.
type Service struct {
	// Plans and Meetings read a child's plans and meetings the viewer may
	// see, which a new meeting's due date is worked out from. The server
	// passes dashboard.Plans and dashboard.Meetings, the reads the API
	// answers with.
	Plans    func(ctx context.Context, client *ent.Client, childID ident.ID) ([]*ent.Plan, error)
	Meetings func(ctx context.Context, client *ent.Client, childID ident.ID) ([]*ent.Meeting, error)

	Client *ent.Client
	clock.Clock
}

// maxText bounds free text (reasons, outcomes).
const maxText = 4000

func text(field, value string, required bool) (string, error) {
	value = strings.TrimSpace(strings.ReplaceAll(value, "\r\n", "\n"))
	if required && value == "" {
		return "", apierr.BadInput(field, "Please fill this in.")
	}
	if utf8.RuneCountInString(value) > maxText {
		return "", apierr.BadInput(field, fmt.Sprintf("Please keep this under %d characters.", maxText))
	}
	return value, textinput.Check(field, value)
}

// Schedule is a new meeting.
type Schedule struct {
	ChildID ident.ID
	// WithChildIDs are brothers and sisters of the child who have the
	// meeting with them (a sitting): each gets a meeting of their own, at
	// the same time and place, with the same chair. Empty for a meeting
	// about one child.
	WithChildIDs  []ident.ID
	Kind          domain.MeetingKind
	ScheduledFor  time.Time
	Venue         *string
	VenueWithheld bool
	// WithheldReason is why the venue is kept from the family: required
	// to withhold it.
	WithheldReason *string
	PlanID         *ident.ID
	// LateReason is why the meeting is booked for a day after its
	// statutory due date: required then, not kept otherwise.
	LateReason *string
}

// MaxSitting is the most children one sitting may cover.
const MaxSitting = 12

// ScheduleMeeting books a meeting for a child. The kind must fit the
// child's case (duedates.Fits). Its due date is the one the statutory rules
// give for that kind of meeting now; a meeting booked for a later day needs
// a reason and stays due on the statutory day, so it counts as late. A
// meeting outside the rules (an extra core group, say) is due on the day it
// is booked for. With WithChildIDs it books a sitting (ScheduleSitting) and
// returns the child's own meeting.
func (s *Service) ScheduleMeeting(ctx context.Context, in Schedule) (*ent.Meeting, error) {
	ms, err := s.ScheduleSitting(ctx, in)
	if err != nil {
		return nil, err
	}
	return ms[0], nil
}

// ScheduleSitting books one meeting for the child and one for each of
// WithChildIDs, in one transaction: the same kind, time, venue and chair,
// and one sitting id (none for a single child). Each child's meeting is
// checked and worked out as ScheduleMeeting does for one child (the kind
// fits their case; their own due date, late only if booked after it), and
// the access rules decide for each child whether the viewer may book it.
// The children must be of one family (linked by shared parents, as the
// viewer may see the links) and have the same chair for this kind of
// meeting. A reason given for lateness is kept for each child whose
// meeting is late. The child's own meeting comes first.
func (s *Service) ScheduleSitting(ctx context.Context, in Schedule) ([]*ent.Meeting, error) {
	ids, err := sittingChildren(in.ChildID, in.WithChildIDs)
	if err != nil {
		return nil, err
	}
	if len(ids) > 1 && in.PlanID != nil {
		return nil, apierr.BadInput("planId", "A meeting for brothers and sisters together reviews each child's own plan: please leave planId out.")
	}
	children := make([]*ent.Child, len(ids))
	for i, id := range ids {
		if children[i], err = s.Client.Child.Get(ctx, id); err != nil {
			return nil, dataerr.ToAPI(err, "schedule: child")
		}
		if children[i].AuthorityID != children[0].AuthorityID {
			return nil, apierr.BadInput("withChildIds", "Every child of a meeting together must be of the same authority.")
		}
	}
	if in.ScheduledFor.Before(s.Now().Add(-time.Hour)) {
		return nil, apierr.BadInput("scheduledFor", "A new meeting needs a time from now on.")
	}
	venue, err := optionalText("venue", in.Venue)
	if err != nil {
		return nil, err
	}
	withheldReason, err := venueWithheldReason(in.VenueWithheld, in.WithheldReason, nil)
	if err != nil {
		return nil, err
	}
	if len(ids) > 1 {
		if err := s.oneFamily(ctx, ids); err != nil {
			return nil, err
		}
	}
	day := civil.InLondon(in.ScheduledFor)
	var sitting *ident.ID
	if len(ids) > 1 {
		id := ident.New("sit")
		sitting = &id
	}
	creates := make([]func(*ent.Client) *ent.MeetingCreate, len(children))
	chairs := make([]ident.ID, len(children))
	for i, c := range children {
		plans, err := s.Plans(ctx, s.Client, c.ID)
		if err != nil {
			return nil, err
		}
		if why := duedates.Fits(c, plans, in.Kind, s.Today()); why != "" {
			return nil, forChildErr(len(ids), c, apierr.BadInput("kind", why))
		}
		due, err := s.dueFor(ctx, c, plans, in.Kind)
		if err != nil {
			return nil, err
		}
		lateReason, err := lateReasonFor(due, day, in.LateReason, nil)
		if err != nil {
			return nil, forChildErr(len(ids), c, err)
		}
		if due.IsZero() {
			due = day
		}
		if chairs[i], err = s.chairFor(ctx, c.ID, in.Kind); err != nil {
			return nil, err
		}
		if chairs[i] != chairs[0] {
			return nil, apierr.BadInput("withChildIds", "These children have different chairs for this kind of meeting. A meeting together needs the same chair for every child.")
		}
		chair := chairs[i]
		creates[i] = func(client *ent.Client) *ent.MeetingCreate {
			create := client.Meeting.Create().
				SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetKind(in.Kind).SetStatus(domain.Scheduled).
				SetScheduledFor(in.ScheduledFor.UTC()).SetNillableVenue(venue).SetVenueWithheldFromFamily(in.VenueWithheld).
				SetNillableVenueWithheldReason(withheldReason).SetDueBy(due).SetNillablePlanID(in.PlanID).
				SetNillableLateReason(lateReason).SetNillableSittingID(sitting)
			if chair != "" {
				create.SetChairID(chair)
			}
			return create
		}
	}
	if len(creates) == 1 { // one child: no transaction needed
		m, err := creates[0](s.Client).Save(ctx)
		return []*ent.Meeting{m}, dataerr.ToAPI(err, "schedule meeting")
	}
	out := make([]*ent.Meeting, len(creates))
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		for i, create := range creates {
			m, err := create(tx.Client()).Save(ctx)
			if err != nil {
				return dataerr.ToAPI(err, "schedule meeting")
			}
			out[i] = m.Unwrap()
		}
		return nil
	})
	return out, err
}

// sittingChildren is the child and the brothers and sisters booked with
// them, each once, the child first.
func sittingChildren(childID ident.ID, with []ident.ID) ([]ident.ID, error) {
	ids := []ident.ID{childID}
	seen := map[ident.ID]bool{childID: true}
	for _, id := range with {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids) > MaxSitting {
		return nil, apierr.BadInput("withChildIds", fmt.Sprintf("A meeting together can be for at most %d children.", MaxSitting))
	}
	return ids, nil
}

// forChildErr names the child an input error of a sitting is about, when
// there are several children.
func forChildErr(n int, c *ent.Child, err error) error {
	var e *apierr.Error
	if n < 2 || !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Message = fmt.Sprintf("For %s: %s", c.PreferredName, e.Message)
	return &out
}

// oneFamily checks that the children are one family: each linked to the
// others through parents they share (an active family link the viewer may
// see), so half-brothers and half-sisters count.
func (s *Service) oneFamily(ctx context.Context, ids []ident.ID) error {
	links, err := s.Client.FamilyLink.Query().
		Where(familylink.ChildIDIn(ids...), familylink.Active(true)).
		All(ctx)
	if err != nil {
		return dataerr.ToAPI(err, "schedule: family")
	}
	byParent := map[ident.ID][]ident.ID{}
	parentsOf := map[ident.ID][]ident.ID{}
	for _, l := range links {
		byParent[l.ParentID] = append(byParent[l.ParentID], l.ChildID)
		parentsOf[l.ChildID] = append(parentsOf[l.ChildID], l.ParentID)
	}
	reached := map[ident.ID]bool{ids[0]: true}
	for next := []ident.ID{ids[0]}; len(next) > 0; {
		c := next[0]
		next = next[1:]
		for _, p := range parentsOf[c] {
			for _, sib := range byParent[p] {
				if !reached[sib] {
					reached[sib] = true
					next = append(next, sib)
				}
			}
		}
	}
	for _, id := range ids {
		if !reached[id] {
			return apierr.BadInput("withChildIds", "A meeting together is for brothers and sisters: children who share a parent linked in Kite. Please book the others separately.")
		}
	}
	return nil
}

// lateReasonFor is the reason a meeting booked for day, due by due, is
// late: the one given, or else the one it had (had). A meeting booked after
// its due date needs one; one booked in time keeps none (a reason given
// for it is not kept). No due date is never late.
func lateReasonFor(due, day civil.Date, given, had *string) (*string, error) {
	reason, err := optionalText("lateReason", given)
	if err != nil {
		return nil, err
	}
	late := !due.IsZero() && day.After(due)
	switch {
	case late && reason == nil && had == nil:
		return nil, apierr.BadInput("lateReason", fmt.Sprintf(
			"This meeting is due by %s and is booked for a later day. Please say why it is late.", due))
	case late && reason == nil:
		return had, nil
	case !late:
		return nil, nil // a meeting in time keeps no late reason
	}
	return reason, nil
}

// venueWithheldReason is the reason a meeting's venue is kept from the
// family after a change: the one given, or else the one it had (had), while
// the venue stays withheld; none once it is not. A venue is never newly
// withheld without a reason, and a reason is never stored for a venue that
// is not withheld. (A venue withheld before reasons were asked for keeps
// no reason until someone changes it, and stays hidden from the family.)
func venueWithheldReason(withheld bool, given, had *string) (*string, error) {
	reason, err := optionalText("venueWithheldReason", given)
	switch {
	case err != nil:
		return nil, err
	case !withheld && reason != nil:
		return nil, apierr.BadInput("venueWithheldReason", "A reason goes with keeping the venue from the family, and this one is not kept from them.")
	case !withheld:
		return nil, nil
	case reason == nil:
		reason = had
	}
	if reason == nil || *reason == "" {
		return nil, apierr.BadInput("venueWithheldReason", "Please say why the venue is kept from the family.")
	}
	return reason, nil
}

func optionalText(field string, v *string) (*string, error) {
	if v == nil {
		return nil, nil
	}
	t, err := text(field, *v, false)
	if err != nil || t == "" {
		return nil, err
	}
	return &t, nil
}

// dueFor is when the rules make the next meeting of this kind due, or zero;
// plans are the child's.
func (s *Service) dueFor(ctx context.Context, c *ent.Child, plans []*ent.Plan, kind domain.MeetingKind) (civil.Date, error) {
	ms, err := s.Meetings(ctx, s.Client, c.ID)
	if err != nil {
		return "", err
	}
	la, err := c.QueryAuthority().Only(ctx)
	if err != nil {
		return "", dataerr.ToAPI(err, "schedule: authority")
	}
	return dueOfKind(duedates.Next(c, duedates.SettingsOf(la), plans, ms, s.Today()), kind), nil
}

// dueOfKind is the due date of the next meeting of kind among a child's
// next ones (duedates.Next), or zero when none of that kind is due.
func dueOfKind(dues []duedates.Due, kind domain.MeetingKind) civil.Date {
	for _, d := range dues {
		if d.Kind == kind {
			return d.DueBy
		}
	}
	return ""
}

// chairKind is who chairs a kind of meeting: the IRO for reviews, the CP
// Chair for conferences, the social worker for core groups.
func chairKind(kind domain.MeetingKind) domain.AllocationKind {
	switch kind {
	case domain.CICReview, domain.LightTouchReview:
		return domain.AllocIRO
	case domain.InitialCPConference, domain.ReviewCPConference:
		return domain.AllocCPChair
	}
	return domain.AllocSocialWorker
}

// chairFor is the member of staff who chairs a kind of meeting for the
// child (chairKind), or none.
func (s *Service) chairFor(ctx context.Context, childID ident.ID, kind domain.MeetingKind) (ident.ID, error) {
	a, err := s.Client.Allocation.Query().
		Where(allocation.ChildID(childID), allocation.KindEQ(chairKind(kind)), access.CurrentAllocations()).
		First(ctx)
	if ent.IsNotFound(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("chair for meeting: %w", err)
	}
	return a.StaffID, nil
}

// meeting loads a meeting the viewer may see, or NOT_FOUND.
func (s *Service) meeting(ctx context.Context, id ident.ID) (*ent.Meeting, error) {
	m, err := s.Client.Meeting.Get(ctx, id)
	return m, dataerr.ToAPI(err, "meeting")
}

// open loads a meeting the viewer may see that is not yet held or
// cancelled: NOT_FOUND, or BAD_USER_INPUT when it is over.
func (s *Service) open(ctx context.Context, id ident.ID) (*ent.Meeting, error) {
	m, err := s.meeting(ctx, id)
	if err != nil {
		return nil, err
	}
	return m, notHeld(m)
}

func notHeld(m *ent.Meeting) error {
	if m.Status == domain.Held || m.Status == domain.Cancelled {
		return apierr.BadInput("meetingId", "This meeting has already been held or cancelled.")
	}
	return nil
}

// saveOpen saves a change that is only for a meeting not yet held or
// cancelled. The status is checked in the same statement, so a change that
// raced this one (the meeting recorded as held, say) is not undone. client
// is the one u was made from (a transaction's, maybe).
func (s *Service) saveOpen(ctx context.Context, client *ent.Client, id ident.ID, u *ent.MeetingUpdateOne, what string) (*ent.Meeting, error) {
	m, err := u.Where(meeting.StatusNotIn(domain.Held, domain.Cancelled)).Save(ctx)
	if ent.IsNotFound(err) {
		if now, rerr := client.Meeting.Get(ctx, id); rerr == nil && notHeld(now) != nil {
			return nil, notHeld(now)
		}
	}
	return m, dataerr.ToAPIAfterRead(err, what)
}

// sitting is the meetings that move with m: m first, then the other
// meetings of its sitting not yet held or cancelled, each as the viewer may
// see it (NOT_FOUND when the viewer may not see one of them: the sitting is
// moved by someone who may move every child's meeting, or not at all).
// Just m when it is about one child alone.
func (s *Service) sitting(ctx context.Context, m *ent.Meeting) ([]*ent.Meeting, error) {
	out := []*ent.Meeting{m}
	if m.SittingID == nil {
		return out, nil
	}
	// Which meetings are in the sitting is found whoever asks; each is
	// then read, and changed, as the viewer.
	ids, err := s.Client.Meeting.Query().
		Where(meeting.SittingID(*m.SittingID), meeting.IDNEQ(m.ID), meeting.StatusNotIn(domain.Held, domain.Cancelled)).
		Order(meeting.ByID()).IDs(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return nil, fmt.Errorf("sitting: %w", err)
	}
	for _, id := range ids {
		o, err := s.meeting(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

// eachOfSitting makes change to m and to the other meetings of its sitting
// (sitting), all in one transaction: each change is checked by the access
// rules, and one refused or wrong undoes them all. It returns m as changed.
func (s *Service) eachOfSitting(ctx context.Context, m *ent.Meeting, change func(tx *ent.Client, m *ent.Meeting) (*ent.Meeting, error)) (*ent.Meeting, error) {
	ms, err := s.sitting(ctx, m)
	if err != nil {
		return nil, err
	}
	// An input error about one child's meeting (a late reason it needs)
	// names the child, when there are several.
	children := map[ident.ID]*ent.Child{}
	if len(ms) > 1 {
		ids := make([]ident.ID, len(ms))
		for i, x := range ms {
			ids[i] = x.ChildID
		}
		cs, err := s.Client.Child.Query().Where(child.IDIn(ids...)).All(ctx)
		if err != nil {
			return nil, dataerr.ToAPI(err, "sitting: children")
		}
		for _, c := range cs {
			children[c.ID] = c
		}
	}
	var out *ent.Meeting
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		for i, x := range ms {
			got, err := change(tx.Client(), x)
			if c := children[x.ChildID]; err != nil && c != nil {
				return forChildErr(len(ms), c, err)
			}
			if err != nil {
				return err
			}
			if i == 0 {
				out = got
			}
		}
		return nil
	})
	return out, err
}

// Move is a meeting's new time and place.
type Move struct {
	At             time.Time
	Venue          *string
	Withheld       *bool
	WithheldReason *string
	// Reason is why it moved.
	Reason string
	// LateReason is why it is now booked after its due date: required when
	// it is and it had none, else it keeps the one it had.
	LateReason *string
}

// Reschedule moves a meeting, with the reason, and with it the other
// meetings of its sitting (eachOfSitting). A venue newly kept from the
// family needs withheldReason; a venue already kept keeps its reason unless
// a new one is given. A meeting moved to a day after its due date needs a
// late reason, unless it has one; moved back in time, it keeps none (each
// child's meeting by its own due date).
func (s *Service) Reschedule(ctx context.Context, id ident.ID, mv Move) (*ent.Meeting, error) {
	at, venue, withheld, withheldReason, reason := mv.At, mv.Venue, mv.Withheld, mv.WithheldReason, mv.Reason
	m, err := s.open(ctx, id)
	if err != nil {
		return nil, err
	}
	if reason, err = text("reason", reason, true); err != nil {
		return nil, err
	}
	if at.Before(s.Now().Add(-time.Hour)) {
		return nil, apierr.BadInput("scheduledFor", "Please choose a time from now on.")
	}
	v, err := optionalText("venue", venue)
	if err != nil {
		return nil, err
	}
	return s.eachOfSitting(ctx, m, func(client *ent.Client, m *ent.Meeting) (*ent.Meeting, error) {
		u := client.Meeting.UpdateOneID(m.ID).SetScheduledFor(at.UTC()).SetStatus(domain.Scheduled).SetChangeReason(reason)
		if err := setLateReason(u, m, civil.InLondon(at), mv.LateReason); err != nil {
			return nil, err
		}
		if v != nil {
			u.SetVenue(*v)
		}
		if withheld != nil || withheldReason != nil {
			keep := m.VenueWithheldFromFamily
			if withheld != nil {
				keep = *withheld
			}
			why, err := venueWithheldReason(keep, withheldReason, m.VenueWithheldReason)
			if err != nil {
				return nil, err
			}
			u.SetVenueWithheldFromFamily(keep).SetNillableVenueWithheldReason(why)
			if why == nil {
				u.ClearVenueWithheldReason()
			}
		}
		return s.saveOpen(ctx, client, m.ID, u, "reschedule")
	})
}

// setLateReason sets on u the late reason of m moved to day: the one given,
// the one it had, or none once it is in time again.
func setLateReason(u *ent.MeetingUpdateOne, m *ent.Meeting, day civil.Date, given *string) error {
	late, err := lateReasonFor(m.DueBy, day, given, m.LateReason)
	if err != nil {
		return err
	}
	if late == nil {
		u.ClearLateReason()
	} else {
		u.SetLateReason(*late)
	}
	return nil
}

// Cancel calls a meeting off, with the reason, and with it the other
// meetings of its sitting (eachOfSitting).
func (s *Service) Cancel(ctx context.Context, id ident.ID, reason string) (*ent.Meeting, error) {
	m, err := s.open(ctx, id)
	if err != nil {
		return nil, err
	}
	if reason, err = text("reason", reason, true); err != nil {
		return nil, err
	}
	return s.eachOfSitting(ctx, m, func(client *ent.Client, m *ent.Meeting) (*ent.Meeting, error) {
		return s.saveOpen(ctx, client, m.ID, client.Meeting.UpdateOneID(m.ID).SetStatus(domain.Cancelled).SetChangeReason(reason), "cancel")
	})
}

// BringForward sets an earlier due date for a review (e.g. after a
// significant change to the plan); it replaces the statutory date.
func (s *Service) BringForward(ctx context.Context, id ident.ID, dueBy civil.Date, reason string) (*ent.Meeting, error) {
	m, err := s.open(ctx, id)
	if err != nil {
		return nil, err
	}
	if m.Kind == domain.InitialCPConference || m.Kind == domain.CoreGroup {
		return nil, apierr.BadInput("meetingId", "Only a review or review conference can be brought forward.")
	}
	if !dueBy.Before(m.DueBy) || dueBy.Before(s.Today()) {
		return nil, apierr.BadInput("dueBy", "Bringing a review forward needs a date from today on, earlier than it is due now.")
	}
	if reason, err = text("reason", reason, true); err != nil {
		return nil, err
	}
	return s.saveOpen(ctx, s.Client, m.ID, s.Client.Meeting.UpdateOneID(m.ID).SetDueBy(dueBy).SetBroughtForward(true).SetChangeReason(reason), "bring forward")
}

// Held is what the chair records about a meeting that took place.
type Held struct {
	HeldOn            civil.Date
	Attendees         []string
	ChildAttended     *bool
	ParticipationCode *domain.ParticipationCode
}

// isReview reports whether a meeting kind is a child-in-care review (which
// records how the child took part).
func isReview(k domain.MeetingKind) bool {
	return k == domain.CICReview || k == domain.LightTouchReview
}

// RecordHeld records a meeting as held. A child-in-care review needs the
// child's participation code; Suggested gives the chair a starting point.
func (s *Service) RecordHeld(ctx context.Context, id ident.ID, h Held) (*ent.Meeting, error) {
	m, err := s.open(ctx, id)
	if err != nil {
		return nil, err
	}
	if h.HeldOn.After(s.Today()) {
		return nil, apierr.BadInput("heldOn", "A meeting cannot be recorded as held on a day still to come.")
	}
	if isReview(m.Kind) && h.ParticipationCode == nil {
		return nil, apierr.BadInput("participationCode", "Please record how the child took part (PN0 to PN7).")
	}
	if !isReview(m.Kind) && h.ParticipationCode != nil {
		return nil, apierr.BadInput("participationCode", "Participation codes are for child-in-care reviews.")
	}
	attendees := make([]string, 0, len(h.Attendees))
	for _, a := range h.Attendees {
		if a, err = text("attendees", a, false); err != nil {
			return nil, err
		}
		if a != "" {
			attendees = append(attendees, a)
		}
	}
	return s.saveOpen(ctx, s.Client, m.ID, s.Client.Meeting.UpdateOneID(m.ID).SetStatus(domain.Held).SetHeldOn(h.HeldOn).
		SetAttendees(attendees).SetNillableChildAttended(h.ChildAttended).
		SetNillableParticipationCode(h.ParticipationCode), "record meeting")
}

// Suggested is the participation code to suggest for a review: PN6 when the
// child sent their views for it (or in the month before it) and did not
// attend. Nil when there is nothing to suggest.
func (s *Service) Suggested(ctx context.Context, m *ent.Meeting) (*domain.ParticipationCode, error) {
	if !isReview(m.Kind) || (m.ChildAttended != nil && *m.ChildAttended) {
		return nil, nil
	}
	on := s.Today()
	if m.HeldOn != nil {
		on = *m.HeldOn
	} else if m.ScheduledFor != nil {
		on = civil.InLondon(*m.ScheduledFor)
	}
	from := on.AddMonths(-1).StartInLondon()
	until := on.AddDays(1).StartInLondon()
	sent, err := s.Client.WishesAndFeelings.Query().Where(
		wishesandfeelings.ChildID(m.ChildID), wishesandfeelings.StatusNEQ(domain.Draft),
		wishesandfeelings.Or(wishesandfeelings.MeetingID(m.ID),
			wishesandfeelings.And(wishesandfeelings.SubmittedAtGTE(from), wishesandfeelings.SubmittedAtLT(until))),
	).Exist(ctx)
	if err != nil || !sent {
		return nil, err
	}
	code := domain.PN6
	return &code, nil
}

// PublishOutcome publishes what was decided, in plain words for the child and
// family, with the days the outline plan and the full record went out.
func (s *Service) PublishOutcome(ctx context.Context, id ident.ID, summary string, outlineSent, recordSent *civil.Date) (*ent.Meeting, error) {
	m, err := s.meeting(ctx, id)
	if err != nil {
		return nil, err
	}
	if m.Status != domain.Held {
		return nil, apierr.BadInput("meetingId", "Record the meeting as held before publishing its outcome.")
	}
	if summary, err = text("outcomeSummary", summary, true); err != nil {
		return nil, err
	}
	for field, d := range map[string]*civil.Date{"outlineSentOn": outlineSent, "recordSentOn": recordSent} {
		if d != nil && (d.Before(*m.HeldOn) || d.After(s.Today())) {
			return nil, apierr.BadInput(field, "The day it was sent must be between the meeting and today.")
		}
	}
	m, err = s.Client.Meeting.UpdateOneID(m.ID).SetOutcomeSummary(summary).SetOutcomePublishedAt(s.Now()).
		SetNillableOutlineSentOn(outlineSent).SetNillableRecordSentOn(recordSent).Save(ctx)
	return m, dataerr.ToAPIAfterRead(err, "publish outcome")
}

// Postpone puts a meeting off, with the reason. Without a new time it is
// POSTPONED, keeping the time it had, until someone reschedules it (it may
// be postponed again meanwhile, with a new reason); with one
// it is SCHEDULED at the new time. Either way the time it had and when it
// was postponed are kept (postponedFrom, postponedAt). A new time after the
// meeting's due date makes it late: the postponement's reason is then its
// late reason unless it has one. Everyone told of the meeting is told it
// was put off (tellPostponed), in the same transaction. The other meetings
// of its sitting are put off with it (eachOfSitting), each child's people
// told of their own.
func (s *Service) Postpone(ctx context.Context, id ident.ID, reason string, newTime *time.Time) (*ent.Meeting, error) {
	m, err := s.open(ctx, id)
	if err != nil {
		return nil, err
	}
	if reason, err = text("reason", reason, true); err != nil {
		return nil, err
	}
	now := s.Now()
	switch {
	case newTime != nil && newTime.Before(now.Add(-time.Hour)):
		return nil, apierr.BadInput("newDate", "Please choose a time from now on.")
	case newTime != nil && m.ScheduledFor != nil && !newTime.After(*m.ScheduledFor):
		return nil, apierr.BadInput("newDate", "Postponing puts a meeting later. To move it earlier, reschedule it.")
	}
	return s.eachOfSitting(ctx, m, func(client *ent.Client, m *ent.Meeting) (*ent.Meeting, error) {
		u := client.Meeting.UpdateOneID(m.ID).SetChangeReason(reason).SetPostponedAt(now).
			SetNillablePostponedFrom(m.ScheduledFor)
		if newTime == nil {
			u.SetStatus(domain.Postponed)
		} else {
			u.SetStatus(domain.Scheduled).SetScheduledFor(newTime.UTC())
			if !m.DueBy.IsZero() && civil.InLondon(*newTime).After(m.DueBy) && m.LateReason == nil {
				u.SetLateReason(reason)
			}
		}
		out, err := s.saveOpen(ctx, client, m.ID, u, "postpone")
		if err != nil {
			return nil, err
		}
		return out, tellPostponed(ctx, client, out, now)
	})
}

// tellPostponed tells of a postponed meeting everyone who was told of it
// (every account with a notice about it: the child and parents reminded of
// it) and the child's current allocated staff, except whoever postponed it.
// Once per person and postponement.
func tellPostponed(ctx context.Context, client *ent.Client, m *ent.Meeting, at time.Time) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow) // whoever acted may not read the others' notices or allocations
	told, err := client.Notice.Query().Where(notice.AboutID(m.ID)).Select(notice.FieldUserID).Strings(sys)
	if err != nil {
		return fmt.Errorf("postpone: who was told: %w", err)
	}
	staff, err := client.Allocation.Query().Where(allocation.ChildID(m.ChildID), access.CurrentAllocations()).
		Select(allocation.FieldStaffID).Strings(sys)
	if err != nil {
		return fmt.Errorf("postpone: staff: %w", err)
	}
	me := ""
	if v := viewer.FromContext(ctx); v != nil {
		me = string(v.UserID)
	}
	seen := map[string]bool{me: true}
	for _, who := range append(told, staff...) {
		if seen[who] {
			continue
		}
		seen[who] = true
		if err := notify.Tell(ctx, client, notify.Tiding{AuthorityID: m.AuthorityID, UserID: ident.ID(who),
			Kind: domain.NoticeMeetingPostponed, AboutID: m.ID,
			DedupeKey: fmt.Sprintf("postponed:%s:%d", m.ID, at.UnixMilli())}); err != nil {
			return err
		}
	}
	return nil
}

// BookedLate reports whether a meeting is booked (or was held) on a day
// after its due date, so that it counts as late.
func BookedLate(m *ent.Meeting) bool {
	if m.DueBy.IsZero() {
		return false
	}
	switch {
	case m.HeldOn != nil:
		return m.HeldOn.After(m.DueBy)
	case m.ScheduledFor != nil:
		return civil.InLondon(*m.ScheduledFor).After(m.DueBy)
	}
	return false
}

// Children are the children of m's sitting the viewer may see, m's own
// child first; for a meeting about one child, that child. The access rules
// on children do the hiding: a brother or sister the viewer may not see is
// not listed, and nothing tells that there was one.
func Children(ctx context.Context, client *ent.Client, m *ent.Meeting) ([]*ent.Child, error) {
	q := client.Child.Query()
	if m.SittingID == nil {
		q.Where(child.ID(m.ChildID))
	} else {
		q.Where(child.HasMeetingsWith(meeting.SittingID(*m.SittingID)))
	}
	cs, err := q.Order(child.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("meeting children: %w", err)
	}
	slices.SortStableFunc(cs, func(a, b *ent.Child) int {
		return cmp.Compare(own(b, m), own(a, m))
	})
	return cs, nil
}

// own is 1 for m's own child, 0 for another.
func own(c *ent.Child, m *ent.Meeting) int {
	if c.ID == m.ChildID {
		return 1
	}
	return 0
}

// OfSitting is m and the other meetings of its sitting the viewer may see,
// m first; just m for a meeting about one child.
func OfSitting(ctx context.Context, client *ent.Client, m *ent.Meeting) ([]*ent.Meeting, error) {
	out := []*ent.Meeting{m}
	if m.SittingID == nil {
		return out, nil
	}
	others, err := client.Meeting.Query().Where(meeting.SittingID(*m.SittingID), meeting.IDNEQ(m.ID)).
		Order(meeting.ByID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("meetings of a sitting: %w", err)
	}
	return append(out, others...), nil
}
