// Package alerts is the chair's dispute-resolution duty: raising an informal
// alert or a formal escalation on a child's case, the response (due within a
// set number of working days) and the resolution.
package alerts

import (
	"context"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"kite/ent"
	"kite/ent/alert"
	"kite/ent/child"
	"kite/internal/apierr"
	"kite/internal/civil"
	"kite/internal/dashboard"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/timescales"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// Service holds what alerts need.
type Service struct {
	Client *ent.Client
	Now    func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Raise is a new alert.
type Raise struct {
	ChildID     ident.ID
	Level       domain.AlertLevel
	Reason      domain.AlertReason
	Details     string
	AddressedTo viewer.Role
}

// addressable are the roles an alert can be addressed to.
var addressable = map[viewer.Role]bool{viewer.SocialWorker: true, viewer.Manager: true, viewer.IRO: true, viewer.CPChair: true}

// RaiseAlert records an alert; its response is due a set number of working
// days (the authority's setting, 10 by default) after today.
func (s *Service) RaiseAlert(ctx context.Context, in Raise) (*ent.Alert, error) {
	v := viewer.FromContext(ctx)
	if v == nil {
		return nil, apierr.Unauthenticated()
	}
	c, err := s.Client.Child.Query().Where(child.ID(in.ChildID)).WithAuthority().Only(ctx)
	if err != nil {
		return nil, txn.Check(err, "raise alert: child")
	}
	if !addressable[in.AddressedTo] {
		return nil, apierr.BadInput("addressedTo", "An alert is addressed to a social worker, a manager, an IRO or a CP Chair.")
	}
	details := strings.TrimSpace(in.Details)
	if in.Reason == domain.OtherReason && details == "" {
		return nil, apierr.BadInput("details", "Please say what the concern is.")
	}
	today := civil.InLondon(s.now())
	due := timescales.DueAfterWorkingDays(dashboard.Calendar(), today, c.Edges.Authority.AlertResponseWorkingDays)
	a, err := s.Client.Alert.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetRaisedByID(v.UserID).
		SetLevel(in.Level).SetReason(in.Reason).SetDetails(details).SetAddressedTo(in.AddressedTo).
		SetRaisedAt(s.now()).SetResponseDueBy(due).Save(ctx)
	return a, txn.Check(err, "raise alert")
}

// Respond records the response to an alert.
func (s *Service) Respond(ctx context.Context, id ident.ID, response string) (*ent.Alert, error) {
	a, err := s.Client.Alert.Query().Where(alert.ID(id)).Only(ctx)
	if err != nil {
		return nil, txn.Check(err, "respond to alert")
	}
	if response = strings.TrimSpace(response); response == "" {
		return nil, apierr.BadInput("response", "Please write the response.")
	}
	if a.Status == domain.AlertResolved {
		return nil, errResolved
	}
	return s.saveUnresolved(ctx, a.ID, s.Client.Alert.UpdateOneID(a.ID).SetResponse(response).SetRespondedAt(s.now()).
		SetStatus(domain.AlertResponded), "respond to alert")
}

// Resolve records how an alert was resolved.
func (s *Service) Resolve(ctx context.Context, id ident.ID, resolution string) (*ent.Alert, error) {
	a, err := s.Client.Alert.Query().Where(alert.ID(id)).Only(ctx)
	if err != nil {
		return nil, txn.Check(err, "resolve alert")
	}
	if resolution = strings.TrimSpace(resolution); resolution == "" {
		return nil, apierr.BadInput("resolution", "Please say how it was resolved.")
	}
	if a.Status == domain.AlertResolved {
		return nil, errResolved
	}
	return s.saveUnresolved(ctx, a.ID, s.Client.Alert.UpdateOneID(a.ID).SetResolution(resolution).SetResolvedAt(s.now()).
		SetStatus(domain.AlertResolved), "resolve alert")
}

var errResolved = apierr.BadInput("alertId", "This alert is resolved.")

// saveUnresolved saves a change that is only for an alert not yet resolved,
// checking that in the same statement: a response racing the resolution
// cannot reopen it.
func (s *Service) saveUnresolved(ctx context.Context, id ident.ID, u *ent.AlertUpdateOne, what string) (*ent.Alert, error) {
	a, err := u.Where(alert.StatusNEQ(domain.AlertResolved)).Save(ctx)
	if ent.IsNotFound(err) {
		if now, rerr := s.Client.Alert.Get(ctx, id); rerr == nil && now.Status == domain.AlertResolved {
			return nil, errResolved
		}
	}
	return a, txn.CheckVisible(err, what)
}

// List returns the alerts the viewer may see (a chair's children's, or the
// whole authority's for a manager), open ones first, oldest due first.
func (s *Service) List(ctx context.Context, openOnly, withChild bool) ([]*ent.Alert, error) {
	q := s.Client.Alert.Query()
	if withChild {
		q.WithChild() // one query for the whole list's children
	}
	if openOnly {
		q.Where(alert.StatusNEQ(domain.AlertResolved))
	}
	list, err := q.Order(alert.ByStatus(), alert.ByResponseDueBy(), alert.ByRaisedAt(sql.OrderDesc())).Limit(500).All(ctx)
	return list, txn.Check(err, "alerts")
}

// Overdue reports whether an alert's response is late: not responded to
// (or resolved) and past its due day.
func Overdue(a *ent.Alert, today civil.Date) bool {
	return a.Status == domain.AlertOpen && a.ResponseDueBy.Before(today)
}
