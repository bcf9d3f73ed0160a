// Package alerts is the chair's dispute-resolution duty: raising an informal
// alert or a formal escalation on a child's case, escalating it a stage at a
// time (informal resolution, the team manager, the head of service, the
// Director, and for a child in care a referral to CAFCASS), the response at
// each stage (due within the stage's number of working days, an authority
// setting) and the resolution.
package alerts

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"kite/ent"
	"kite/ent/alert"
	"kite/ent/alertresponse"
	"kite/ent/child"
	"kite/ent/meeting"
	"kite/ent/plan"
	"kite/ent/privacy"
	"kite/internal/apierr"
	"kite/internal/civil"
	"kite/internal/clock"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/duedates"
	"kite/internal/ident"
	"kite/internal/notify"
	"kite/internal/timescales"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// Service holds what alerts need.
type Service struct {
	Client *ent.Client
	clock.Clock
}

// Raise is a new alert.
type Raise struct {
	ChildID     ident.ID
	Level       domain.AlertLevel
	Reason      domain.AlertReason
	Details     string
	AddressedTo domain.Role
	// MeetingID is the meeting of the child the alert arose from, if any.
	MeetingID ident.ID
}

// addressable are the roles an alert can be addressed to.
var addressable = map[domain.Role]bool{domain.RoleSocialWorker: true, domain.RoleManager: true, domain.RoleIRO: true, domain.RoleCPChair: true}

// MaxText is the most characters an alert's details, a response or a
// resolution may have.
const MaxText = 4000

// text trims a free-text value and checks its length.
func text(field, value string) (string, error) {
	value = strings.TrimSpace(value)
	if utf8.RuneCountInString(value) > MaxText {
		return "", apierr.BadInput(field, fmt.Sprintf("Please keep this to %d characters.", MaxText))
	}
	return value, nil
}

// RaiseAlert records an alert at the stage its level starts at (an informal
// alert at INFORMAL, a formal escalation at FORMAL_TEAM_MANAGER); its
// response is due the stage's number of working days (the authority's
// setting) after today. Whoever it is addressed to is told, in the same
// transaction, through the outbox.
func (s *Service) RaiseAlert(ctx context.Context, in Raise) (*ent.Alert, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.Client.Child.Query().Where(child.ID(in.ChildID)).WithAuthority().Only(ctx)
	if err != nil {
		return nil, dataerr.ToAPI(err, "raise alert: child")
	}
	if !addressable[in.AddressedTo] {
		return nil, apierr.BadInput("addressedTo", "An alert is addressed to a social worker, a manager, an IRO or a CP Chair.")
	}
	details, err := text("details", in.Details)
	if err != nil {
		return nil, err
	}
	if in.Reason == domain.OtherReason && details == "" {
		return nil, apierr.BadInput("details", "Please say what the concern is.")
	}
	if in.MeetingID != "" {
		ok, err := s.Client.Meeting.Query().Where(meeting.ID(in.MeetingID), meeting.ChildID(c.ID)).Exist(ctx)
		if err != nil {
			return nil, dataerr.ToAPI(err, "raise alert: meeting")
		}
		if !ok {
			return nil, apierr.BadInput("meetingId", "This is not one of this child's meetings.")
		}
	}
	stage := domain.StageForLevel(in.Level)
	now := s.Now()
	due := RespondBy(c.Edges.Authority, stage, s.Today())
	var a *ent.Alert
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		var err error
		create := tx.Alert.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetRaisedByID(v.UserID).
			SetRaisedByRole(v.Role).SetLevel(in.Level).SetStage(stage).SetReason(in.Reason).SetDetails(details).
			SetAddressedTo(in.AddressedTo).SetRaisedAt(now).SetResponseDueBy(due).
			SetStageHistory([]domain.AlertStageStep{{Stage: stage, ReachedAt: now, RespondBy: due}})
		if in.MeetingID != "" {
			create.SetMeetingID(in.MeetingID)
		}
		a, err = create.Save(ctx)
		if err != nil {
			return dataerr.ToAPI(err, "raise alert")
		}
		return tellAddressees(ctx, tx.Client(), a, notify.AlertRaised)
	})
	if err != nil {
		return nil, err
	}
	return a.Unwrap(), nil
}

// RespondBy is the day a response to an alert that reached stage on day is
// due: the stage's number of working days (the authority's setting), not
// counting weekends and bank holidays.
func RespondBy(la *ent.LocalAuthority, stage domain.AlertStage, day civil.Date) civil.Date {
	return timescales.DueAfterWorkingDays(duedates.Calendar(), day, StageWorkingDays(la, stage))
}

// StageWorkingDays is the authority's number of working days for a
// response at a stage (the defaults when la is nil).
func StageWorkingDays(la *ent.LocalAuthority, stage domain.AlertStage) int {
	if la == nil {
		return domain.DefaultAlertStageWorkingDays[stage]
	}
	switch stage {
	case domain.StageTeamManager:
		return la.AlertTeamManagerWorkingDays
	case domain.StageHeadOfService:
		return la.AlertHeadOfServiceWorkingDays
	case domain.StageDirector:
		return la.AlertDirectorWorkingDays
	case domain.StageCafcassReferral:
		return la.AlertCafcassWorkingDays
	}
	return la.AlertResponseWorkingDays
}

// Escalate moves an alert to the next stage, at the request of the chair
// who raised it (the rules in internal/access refuse anyone else): the day
// is recorded with the chair's reason, the response clock starts again at
// the new stage's number of working days, the alert is open again and
// addressed to the new stage's addressee, who is told through the outbox,
// all in one transaction. A resolved alert, one at its last stage, and a
// referral to CAFCASS for a child not in care are refused.
func (s *Service) Escalate(ctx context.Context, id ident.ID, reason string) (*ent.Alert, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if reason, err = text("reason", reason); err != nil {
		return nil, err
	}
	if reason == "" {
		return nil, apierr.BadInput("reason", "Please say why it needs to go further.")
	}
	a, err := s.Client.Alert.Query().Where(alert.ID(id)).WithChild(func(q *ent.ChildQuery) { q.WithAuthority() }).Only(ctx)
	if err != nil {
		return nil, dataerr.ToAPI(err, "escalate alert")
	}
	if a.Status == domain.AlertResolved {
		return nil, errResolved
	}
	next, ok := a.Stage.Next()
	if !ok {
		return nil, apierr.BadInput("alertId", "This alert is at the last stage: it cannot go any further.")
	}
	today := s.Today()
	if next == domain.StageCafcassReferral {
		inCare, err := s.Client.Plan.Query().Where(plan.ChildID(a.ChildID), plan.KindEQ(domain.CarePlan),
			plan.StartsOnLTE(today), plan.Or(plan.EndsOnIsNil(), plan.EndsOnGTE(today))).
			Exist(privacy.DecisionContext(ctx, privacy.Allow))
		if err != nil {
			return nil, dataerr.ToAPI(err, "escalate alert: care plan")
		}
		if !inCare {
			return nil, apierr.BadInput("alertId", "Only a child in care can be referred to CAFCASS, and this child has no care plan. "+
				"The Director's stage is the last one for this child.")
		}
	}
	var la *ent.LocalAuthority
	if a.Edges.Child != nil {
		la = a.Edges.Child.Edges.Authority
	}
	now := s.Now()
	due := RespondBy(la, next, today)
	var out *ent.Alert
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		c := tx.Client()
		me, err := c.User.Get(ctx, v.UserID)
		if err != nil {
			return dataerr.ToAPI(err, "escalate alert: chair")
		}
		steps := append(domain.StageSteps(a.StageHistory, a.Stage, a.RaisedAt, a.ResponseDueBy), domain.AlertStageStep{
			Stage: next, ReachedAt: now, RespondBy: due, EscalatedByID: v.UserID, EscalatedByName: me.DisplayName, Reason: reason})
		out, err = c.Alert.UpdateOneID(a.ID).Where(alert.StatusNEQ(domain.AlertResolved), alert.StageEQ(a.Stage)).
			SetStage(next).SetLevel(next.Level()).SetAddressedTo(next.Addressee()).SetResponseDueBy(due).
			SetStatus(domain.AlertOpen).SetStageHistory(steps).Save(ctx)
		if ent.IsNotFound(err) {
			if cur, rerr := c.Alert.Get(ctx, a.ID); rerr == nil {
				switch {
				case cur.Status == domain.AlertResolved:
					return errResolved
				case cur.Stage != a.Stage:
					return apierr.BadInput("alertId", "This alert has just been escalated by someone else. Please look at it again.")
				}
			}
		}
		if err != nil {
			return dataerr.ToAPIAfterRead(err, "escalate alert")
		}
		return tellAddressees(ctx, c, out, notify.AlertEscalated)
	})
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

// Respond adds the viewer's response to an alert addressed to them (the
// rules in internal/access refuse anyone else), makes it the alert's
// response, and tells the chair who raised it, all in one transaction.
func (s *Service) Respond(ctx context.Context, id ident.ID, response string) (*ent.Alert, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	response, err = text("text", response)
	if err != nil {
		return nil, err
	}
	if response == "" {
		return nil, apierr.BadInput("text", "Please write the response.")
	}
	var out *ent.Alert
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		c := tx.Client()
		a, err := c.Alert.Get(ctx, id)
		if err != nil {
			return dataerr.ToAPI(err, "respond to alert")
		}
		if a.Status == domain.AlertResolved {
			return errResolved
		}
		me, err := c.User.Get(ctx, v.UserID)
		if err != nil {
			return dataerr.ToAPI(err, "respond to alert: author")
		}
		at := s.Now()
		r, err := c.AlertResponse.Create().SetAuthorityID(a.AuthorityID).SetAlertID(a.ID).SetAuthorID(v.UserID).
			SetAuthorName(me.DisplayName).SetAuthorRole(v.Role).SetText(response).SetRespondedAt(at).Save(ctx)
		if err != nil {
			return dataerr.ToAPI(err, "respond to alert")
		}
		out, err = saveUnresolved(ctx, c, a.ID, c.Alert.UpdateOneID(a.ID).SetResponse(response).SetRespondedAt(at).
			SetStatus(domain.AlertResponded), "respond to alert")
		if err != nil {
			return err
		}
		return tellRaiser(ctx, c, a, r)
	})
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

// Resolve records how an alert was resolved.
func (s *Service) Resolve(ctx context.Context, id ident.ID, resolution string) (*ent.Alert, error) {
	a, err := s.Client.Alert.Get(ctx, id)
	if err != nil {
		return nil, dataerr.ToAPI(err, "resolve alert")
	}
	if resolution, err = text("resolution", resolution); err != nil {
		return nil, err
	}
	if resolution == "" {
		return nil, apierr.BadInput("resolution", "Please say how it was resolved.")
	}
	if a.Status == domain.AlertResolved {
		return nil, errResolved
	}
	return saveUnresolved(ctx, s.Client, a.ID, s.Client.Alert.UpdateOneID(a.ID).SetResolution(resolution).SetResolvedAt(s.Now()).
		SetStatus(domain.AlertResolved), "resolve alert")
}

var errResolved = apierr.BadInput("alertId", "This alert is resolved.")

// saveUnresolved saves a change that is only for an alert not yet resolved,
// checking that in the same statement: a response racing the resolution
// cannot reopen it.
func saveUnresolved(ctx context.Context, c *ent.Client, id ident.ID, u *ent.AlertUpdateOne, what string) (*ent.Alert, error) {
	a, err := u.Where(alert.StatusNEQ(domain.AlertResolved)).Save(ctx)
	if ent.IsNotFound(err) {
		if now, rerr := c.Alert.Get(ctx, id); rerr == nil && now.Status == domain.AlertResolved {
			return nil, errResolved
		}
	}
	return a, dataerr.ToAPIAfterRead(err, what)
}

// List returns the alerts the viewer may see (a chair's children's, or the
// whole authority's for a manager), open ones first, oldest due first.
func (s *Service) List(ctx context.Context, openOnly, withChild, withResponses bool) ([]*ent.Alert, error) {
	q := s.Client.Alert.Query()
	if withChild {
		q.WithChild() // one query for the whole list's children
	}
	if withResponses {
		q.WithResponses(func(rq *ent.AlertResponseQuery) { // and one for their responses
			rq.Order(alertresponse.ByRespondedAt(), alertresponse.ByID())
		})
	}
	if openOnly {
		q.Where(alert.StatusNEQ(domain.AlertResolved))
	}
	list, err := q.Order(alert.ByStatus(), alert.ByResponseDueBy(), alert.ByRaisedAt(sql.OrderDesc())).Limit(500).All(ctx)
	return list, dataerr.ToAPI(err, "alerts")
}

// Overdue reports whether an alert's response is late: not responded to
// (or resolved) and past its due day.
func Overdue(a *ent.Alert, today civil.Date) bool {
	return a.Status == domain.AlertOpen && a.ResponseDueBy.Before(today)
}
