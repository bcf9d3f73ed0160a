// Package plans is the work on a child's plan: publishing a new version
// (the chair or social worker: formal wording, and optionally wording for
// the child and for the family, and who does what by when; earlier versions
// are kept), a plan's parts in the words meant for the reader, and the
// lighter-touch review arrangement.
package plans

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"kite/ent"
	"kite/ent/plan"
	"kite/ent/planversion"
	"kite/internal/access"
	"kite/internal/apierr"
	"kite/internal/civil"
	"kite/internal/clock"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// Service holds what plan work needs.
type Service struct {
	Client *ent.Client
	clock.Clock
}

// Wording is one part of a plan: formal (required), and, if written, for
// the child and for the family.
type Wording struct{ Formal, ForChild, ForFamily string }

// Action is who does what by when.
type Action struct {
	What, WhatForChild, Who string
	ByWhen                  *civil.Date
	Status                  domain.ActionStatus
	// ForParentID is the parent or carer who does it, if any: they may mark
	// it done. They must be one who may see the plan.
	ForParentID *ident.ID
}

// Version is a new version of a plan.
type Version struct {
	PlanID                            ident.ID
	Worries, GoingWell, NeedsToChange Wording
	Actions                           []Action
}

const maxWords = 8000

func need(field, v string) (string, error) {
	v, err := may(field, v)
	if err == nil && v == "" {
		return "", apierr.BadInput(field, "Please fill this in.")
	}
	return v, err
}

// may checks wording that may be left out (empty).
func may(field, v string) (string, error) {
	v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
	if utf8.RuneCountInString(v) > maxWords {
		return "", apierr.BadInput(field, "This is too long.")
	}
	return v, nil
}

// orNil is nil for wording left out.
func orNil(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}

// Publish adds a new version to a plan; the new version is what people read
// from now on, and earlier ones stay.
func (s *Service) Publish(ctx context.Context, in Version) (*ent.PlanVersion, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.Client.Plan.Get(ctx, in.PlanID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "publish plan: plan")
	}
	if p.EndsOn != nil && p.EndsOn.Before(s.Today()) {
		return nil, apierr.BadInput("planId", "This plan has ended.")
	}
	required := map[string]*string{"worries": &in.Worries.Formal, "goingWell": &in.GoingWell.Formal, "needsToChange": &in.NeedsToChange.Formal}
	for name, f := range required {
		if *f, err = need(name, *f); err != nil {
			return nil, err
		}
	}
	optional := map[string]*string{
		"worriesForChild": &in.Worries.ForChild, "goingWellForChild": &in.GoingWell.ForChild,
		"needsToChangeForChild": &in.NeedsToChange.ForChild, "worriesForFamily": &in.Worries.ForFamily,
		"goingWellForFamily": &in.GoingWell.ForFamily, "needsToChangeForFamily": &in.NeedsToChange.ForFamily,
	}
	for name, f := range optional {
		if *f, err = may(name, *f); err != nil {
			return nil, err
		}
	}
	for i, a := range in.Actions {
		if _, err := need(fmtField(i, "what"), a.What); err != nil {
			return nil, err
		}
		if _, err := need(fmtField(i, "who"), a.Who); err != nil {
			return nil, err
		}
		if a.ForParentID != nil && !access.ParentMaySeePlan(ctx, s.Client, p.AuthorityID, *a.ForParentID, plan.ID(p.ID)) {
			return nil, apierr.BadInput(fmtField(i, "forParentId"),
				"This is not a parent or carer who can see this plan, so they could not mark the action done.")
		}
	}
	var out *ent.PlanVersion
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		latest := 0
		prev, err := tx.PlanVersion.Query().Where(planversion.PlanID(p.ID)).Order(planversion.ByVersion(sql.OrderDesc())).First(ctx)
		switch {
		case err == nil:
			latest = prev.Version
		case !ent.IsNotFound(err):
			return dataerr.ToAPI(err, "publish plan: latest version")
		}
		out, err = tx.PlanVersion.Create().SetAuthorityID(p.AuthorityID).SetPlanID(p.ID).SetVersion(latest + 1).
			SetPublishedAt(s.Now()).SetPublishedByID(v.UserID).
			SetWorries(in.Worries.Formal).SetNillableWorriesForChild(orNil(in.Worries.ForChild)).
			SetGoingWell(in.GoingWell.Formal).SetNillableGoingWellForChild(orNil(in.GoingWell.ForChild)).
			SetNeedsToChange(in.NeedsToChange.Formal).SetNillableNeedsToChangeForChild(orNil(in.NeedsToChange.ForChild)).
			SetNillableWorriesForFamily(orNil(in.Worries.ForFamily)).SetNillableGoingWellForFamily(orNil(in.GoingWell.ForFamily)).
			SetNillableNeedsToChangeForFamily(orNil(in.NeedsToChange.ForFamily)).
			Save(ctx)
		if err != nil {
			return dataerr.ToAPIAfterRead(err, "publish plan")
		}
		for i, a := range in.Actions {
			st := a.Status
			if st == "" {
				st = domain.ActionNotStarted
			}
			err := tx.PlanAction.Create().SetAuthorityID(p.AuthorityID).SetPlanVersionID(out.ID).SetPosition(i).
				SetWhat(strings.TrimSpace(a.What)).SetWhatForChild(strings.TrimSpace(a.WhatForChild)).
				SetWho(strings.TrimSpace(a.Who)).SetNillableByWhen(a.ByWhen).SetStatus(st).
				SetNillableForParentID(a.ForParentID).Exec(ctx)
			if err != nil {
				return dataerr.ToAPIAfterRead(err, "publish plan action")
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Detach from the finished transaction, so edges load afterwards.
	return out.Unwrap(), nil
}

func fmtField(i int, name string) string {
	return fmt.Sprintf("actions[%d].%s", i, name)
}

// lighterTouchAge is the youngest age for the lighter-touch arrangement.
const lighterTouchAge = 12

// SetLighterTouch turns the lighter-touch review arrangement on (for a child
// of 12 or over who has agreed, recording when) or off.
func (s *Service) SetLighterTouch(ctx context.Context, childID ident.ID, on, childAgreed bool) (*ent.Child, error) {
	c, err := s.Client.Child.Get(ctx, childID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "lighter touch: child")
	}
	u := s.Client.Child.UpdateOneID(c.ID).SetLighterTouch(on)
	if on {
		ages, err := access.Ages(ctx, s.Client, []ident.ID{c.ID}, s.Today())
		if err != nil {
			return nil, err
		}
		if age, ok := ages[c.ID]; !ok || age < lighterTouchAge {
			return nil, apierr.BadInput("childId", "The lighter-touch arrangement is for children aged 12 or over.")
		}
		if !childAgreed {
			return nil, apierr.BadInput("childAgreed", "The child must agree to the lighter-touch arrangement.")
		}
		u.SetLighterTouchAgreedAt(s.Now())
	} else {
		u.ClearLighterTouchAgreedAt()
	}
	c, err = u.Save(ctx)
	return c, dataerr.ToAPIAfterRead(err, "lighter touch")
}
