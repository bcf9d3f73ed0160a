package importer

import (
	"fmt"
	"time"

	"kite/ent"
	"kite/ent/meeting"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
)

// meetingIn is a meetings row: the meeting as it will be after the import.
type meetingIn struct {
	row      int
	ext      string
	existing *ent.Meeting
	childExt string
	childKey string
	// planGiven is false when the row leaves plan_ref out (the stored plan
	// stays); planExt is "" for no plan.
	planGiven bool
	planExt   string
	kind      domain.MeetingKind
	status    domain.MeetingStatus
	scheduled *time.Time
	venue     string
	dueBy     civil.Date
	heldOn    civil.Date
	code      domain.ParticipationCode
}

// planKindFor is the kind of plan each kind of meeting belongs with.
var planKindFor = map[domain.MeetingKind]domain.PlanKind{
	domain.CICReview:           domain.CarePlan,
	domain.LightTouchReview:    domain.CarePlan,
	domain.InitialCPConference: domain.ChildProtectionPlan,
	domain.ReviewCPConference:  domain.ChildProtectionPlan,
	domain.CoreGroup:           domain.ChildProtectionPlan,
}

func (r *run) checkMeetings(k *kindData) {
	for c, ext := range rowsToCheck(k, nil) {
		m := &meetingIn{row: c.row.n, ext: ext, status: domain.Scheduled}
		if m.ext != "" {
			if ex := r.exMeetings[m.ext]; ex != nil {
				m.existing = ex
				m.status, m.scheduled, m.dueBy, m.heldOn = ex.Status, ex.ScheduledFor, ex.DueBy, dateOf(ex.HeldOn)
				if ex.Venue != nil {
					m.venue = *ex.Venue
				}
				if ex.ParticipationCode != nil {
					m.code = *ex.ParticipationCode
				}
			}
		}
		m.childExt, m.childKey = r.childRef(c)
		if ex := m.existing; ex != nil {
			m.childKey = c.unmoved("child_ref", m.childKey, ex.ChildID,
				"this meeting is about another child in Kite; a meeting does not move to another child (give a new meeting its own external_id)")
		}
		m.kind, _ = enumValue[domain.MeetingKind](c, "kind", domain.MeetingKind("").Values(), true)
		if v, present := enumValue[domain.MeetingStatus](c, "status", domain.MeetingStatus("").Values(), false); present {
			m.status = v
			if v == "" && c.ok("status") {
				m.status = domain.Scheduled
			}
		}
		if t, present := c.timestamp("scheduled_for"); present {
			m.scheduled = t
		}
		if v, present := c.optional("venue", maxVenue, false); present {
			m.venue = v
		}
		m.dueBy = c.requiredDate("due_by")
		if d, present := c.date("held_on"); present {
			m.heldOn = d
		}
		if v, present := enumValue[domain.ParticipationCode](c, "participation_code", domain.ParticipationCode("").Values(), false); present {
			m.code = v
		}
		if v, present := c.get("plan_ref"); present && !c.failed["plan_ref"] {
			m.planGiven = true
			if v != "" && c.checkText("plan_ref", v, maxExternalID, false) {
				m.planExt = v
				r.checkMeetingPlan(c, m)
			}
		}

		held := m.status == domain.Held
		switch {
		case held && m.heldOn == "" && c.ok("held_on"):
			c.bad("held_on", "is required when the status is HELD")
		case !held && m.heldOn != "" && c.ok("status"):
			c.bad("held_on", "is given but the status is %s: a meeting with a held_on date has the status HELD", m.status)
		case m.heldOn.After(r.today):
			c.bad("held_on", "%s is in the future", m.heldOn)
		}
		if m.code != "" {
			switch {
			case m.kind != "" && m.kind != domain.CICReview && m.kind != domain.LightTouchReview:
				c.bad("participation_code", "is for child-in-care reviews only, not a %s", m.kind)
			case !held && c.ok("status"):
				c.bad("participation_code", "is recorded for a held review only (the status is %s)", m.status)
			}
		}
		r.meetingRows = append(r.meetingRows, m)
	}
}

// checkMeetingPlan checks a meeting's plan: it must be the same child's, and
// of the kind the meeting belongs with.
func (r *run) checkMeetingPlan(c *cells, m *meetingIn) {
	var childKey string
	var kind domain.PlanKind
	in, ex := r.plans[m.planExt], r.exPlans[m.planExt]
	switch {
	case in != nil: // the plan as the import leaves it
		childKey, kind = in.childKey, in.kind
	case ex != nil:
		childKey, kind = existingKey(ex.ChildID), ex.Kind
	default:
		c.bad("plan_ref", "there is no plan with external_id %s, in this import or in Kite", quoteValue(m.planExt))
		return
	}
	if childKey != "" && m.childKey != "" && childKey != m.childKey {
		c.bad("plan_ref", "%s is a plan for another child", quoteValue(m.planExt))
		return
	}
	if want, ok := planKindFor[m.kind]; ok && kind != "" && kind != want {
		c.bad("plan_ref", "%s is a %s; a %s belongs with a %s", quoteValue(m.planExt), kind, m.kind, want)
	}
}

func (r *run) applyMeetings(k *kindData) error {
	return applyRows(r, k, r.meetingRows, r.writeMeeting, execBulk[*meetingIn](r, "meetings", r.c.Meeting.CreateBulk))
}

// writeMeeting creates a new meeting, or updates an existing one (see
// applyRows).
func (r *run) writeMeeting(m *meetingIn) (create *ent.MeetingCreate, changed bool, err error) {
	var planID *ident.ID
	if m.planExt != "" {
		id := r.planIDs[m.planExt]
		planID = &id
	}
	ex := m.existing
	if ex == nil {
		cr := r.c.Meeting.Create().
			SetAuthorityID(r.la).SetExternalID(m.ext).SetChildID(r.childIDs[m.childExt]).
			SetNillablePlanID(planID).SetKind(m.kind).SetStatus(m.status).
			SetNillableScheduledFor(m.scheduled).SetDueBy(m.dueBy).SetNillableHeldOn(datePtr(m.heldOn))
		if m.venue != "" {
			cr.SetVenue(m.venue)
		}
		if m.code != "" {
			cr.SetParticipationCode(m.code)
		}
		return cr, false, nil
	}
	if meetingUnchanged(ex, m, planID) {
		return nil, false, nil
	}
	u := r.c.Meeting.UpdateOneID(ex.ID).Where(meeting.AuthorityID(r.la)).
		SetKind(m.kind).SetStatus(m.status).SetDueBy(m.dueBy)
	if m.planGiven {
		if planID == nil {
			u.ClearPlanID()
		} else {
			u.SetPlanID(*planID)
		}
	}
	if m.scheduled == nil {
		u.ClearScheduledFor()
	} else {
		u.SetScheduledFor(*m.scheduled)
	}
	setOrClear(m.venue, u.SetVenue, u.ClearVenue)
	setOrClear(m.heldOn, u.SetHeldOn, u.ClearHeldOn)
	setOrClear(m.code, u.SetParticipationCode, u.ClearParticipationCode)
	if err := u.Exec(r.ctx); err != nil {
		return nil, false, fmt.Errorf("importer: meetings row %d: update: %w", m.row, err)
	}
	return nil, true, nil
}

// meetingUnchanged reports whether the import leaves a meeting as it is.
func meetingUnchanged(ex *ent.Meeting, m *meetingIn, planID *ident.ID) bool {
	var venue string
	if ex.Venue != nil {
		venue = *ex.Venue
	}
	var code domain.ParticipationCode
	if ex.ParticipationCode != nil {
		code = *ex.ParticipationCode
	}
	samePlan := !m.planGiven || (planID == nil && ex.PlanID == nil) ||
		(planID != nil && ex.PlanID != nil && *planID == *ex.PlanID)
	sameTime := (m.scheduled == nil && ex.ScheduledFor == nil) ||
		(m.scheduled != nil && ex.ScheduledFor != nil && m.scheduled.Equal(*ex.ScheduledFor))
	return samePlan && sameTime && ex.Kind == m.kind && ex.Status == m.status && venue == m.venue &&
		ex.DueBy == m.dueBy && dateOf(ex.HeldOn) == m.heldOn && code == m.code
}
