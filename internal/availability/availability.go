// Package availability is setting when staff work and when the office is
// open: a member of staff's working hours and full-time equivalent, and the
// authority's office hours.
// What a child who needs to talk to someone is told comes from them
// (internal/wishes). Every change runs through ent with the viewer's
// context, so internal/access decides who may make it; this package checks
// the hours.
package availability

import (
	"context"
	"errors"
	"fmt"
	"math"

	"kite/ent"
	"kite/internal/apierr"
	"kite/internal/dataerr"
	"kite/internal/figures"
	"kite/internal/ident"
	"kite/internal/viewer"
	"kite/internal/workhours"
)

// Service holds what setting hours needs.
type Service struct {
	Client *ent.Client
}

// SetWorkingHours sets a member of staff's working hours: the viewer's own
// when staffID is nil. An empty week means the hours are not known.
func (s *Service) SetWorkingHours(ctx context.Context, staffID *ident.ID, week workhours.Week) (*ent.User, error) {
	if err := check(week); err != nil {
		return nil, err
	}
	return s.updateStaff(ctx, staffID, "working hours", func(u *ent.UserUpdateOne) {
		if len(week) == 0 {
			u.ClearWorkingHours()
		} else {
			u.SetWorkingHours(week.Sorted())
		}
	})
}

// SetFullTimeEquivalent sets a member of staff's full-time equivalent, the
// share of a full-time week they work: the viewer's own when staffID is nil.
// nil means it is not recorded (counted as full time); otherwise it must be
// from figures.MinFullTimeEquivalent to figures.MaxFullTimeEquivalent.
func (s *Service) SetFullTimeEquivalent(ctx context.Context, staffID *ident.ID, fte *float64) (*ent.User, error) {
	if fte != nil && (math.IsNaN(*fte) || *fte < figures.MinFullTimeEquivalent || *fte > figures.MaxFullTimeEquivalent) {
		return nil, apierr.BadInput("fullTimeEquivalent", fmt.Sprintf("Please give a share of a full-time week from %g to %g "+
			"(0.6 for three days a week), or nothing if it is not known.", figures.MinFullTimeEquivalent, figures.MaxFullTimeEquivalent))
	}
	return s.updateStaff(ctx, staffID, "full-time equivalent", func(u *ent.UserUpdateOne) {
		if fte == nil {
			u.ClearFullTimeEquivalent()
		} else {
			u.SetFullTimeEquivalent(*fte)
		}
	})
}

// updateStaff changes a member of staff's account (the viewer's own when
// staffID is nil) as set says; what names the change in errors. The access
// rules decide whether the viewer may.
func (s *Service) updateStaff(ctx context.Context, staffID *ident.ID, what string, set func(*ent.UserUpdateOne)) (*ent.User, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	id := v.UserID
	if staffID != nil {
		id = *staffID
	}
	if _, err := s.Client.User.Get(ctx, id); err != nil {
		return nil, dataerr.ToAPI(err, what+": account")
	}
	u := s.Client.User.UpdateOneID(id)
	set(u)
	saved, err := u.Save(ctx)
	return saved, dataerr.ToAPIAfterRead(err, what)
}

// SetOfficeHours sets the office hours of the viewer's authority; at least
// one day.
func (s *Service) SetOfficeHours(ctx context.Context, week workhours.Week) (*ent.LocalAuthority, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if len(week) == 0 {
		return nil, apierr.BadInput("days", "Please give at least one day the office is open.")
	}
	if err := check(week); err != nil {
		return nil, err
	}
	if _, err := s.Client.LocalAuthority.Get(ctx, v.AuthorityID); err != nil {
		return nil, dataerr.ToAPI(err, "office hours: authority")
	}
	saved, err := s.Client.LocalAuthority.UpdateOneID(v.AuthorityID).SetOfficeHours(week.Sorted()).Save(ctx)
	return saved, dataerr.ToAPIAfterRead(err, "office hours")
}

// OfficeHours are an authority's office hours: its own, or Monday to
// Friday, 9am to 5pm, until it sets them.
func OfficeHours(la *ent.LocalAuthority) workhours.Week {
	if len(la.OfficeHours) == 0 {
		return workhours.Office()
	}
	return la.OfficeHours
}

// check refuses a week with a problem, naming the day at fault.
func check(week workhours.Week) error {
	var p *workhours.Problem
	if err := week.Check(); errors.As(err, &p) {
		return apierr.BadInput(fmt.Sprintf("days[%d].%s", p.Index, p.Field), p.Message)
	}
	return nil
}
