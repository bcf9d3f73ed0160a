package graph

import (
	"context"

	"kite/ent"
	"kite/graph/model"
	"kite/internal/apierr"
	"kite/internal/domain"
	"kite/internal/meetings"
	"kite/internal/plans"
	"kite/internal/viewer"
)

// meetingPayload wraps a changed meeting with the participation code the
// records suggest.
func (r *Resolver) meetingPayload(ctx context.Context, m *ent.Meeting, err error) (*model.MeetingPayload, error) {
	if err != nil {
		return nil, err
	}
	return r.sittingPayload(ctx, m, nil)
}

// sittingPayload is the payload of a change to m; ms are the meetings of
// its sitting the change made, m first, or nil to read those the viewer
// may see, only when the client asks for them.
func (r *Resolver) sittingPayload(ctx context.Context, m *ent.Meeting, ms []*ent.Meeting) (*model.MeetingPayload, error) {
	code, err := r.Meetings.Suggested(ctx, m)
	if err != nil {
		return nil, err
	}
	if ms == nil {
		ms = []*ent.Meeting{m}
		if asks(ctx, "MeetingPayload", "meetings") {
			if ms, err = meetings.OfSitting(ctx, r.Client, m); err != nil {
				return nil, err
			}
		}
	}
	return &model.MeetingPayload{Meeting: m, Meetings: ms, SuggestedParticipationCode: code}, nil
}

func planVersion(in model.PublishPlanVersionInput) plans.Version {
	v := plans.Version{PlanID: in.PlanID,
		Worries:       plans.Wording{Formal: in.Worries, ForChild: deref(in.WorriesForChild), ForFamily: deref(in.WorriesForFamily)},
		GoingWell:     plans.Wording{Formal: in.GoingWell, ForChild: deref(in.GoingWellForChild), ForFamily: deref(in.GoingWellForFamily)},
		NeedsToChange: plans.Wording{Formal: in.NeedsToChange, ForChild: deref(in.NeedsToChangeForChild), ForFamily: deref(in.NeedsToChangeForFamily)},
	}
	for _, a := range in.Actions {
		v.Actions = append(v.Actions, plans.Action{What: a.What, WhatForChild: deref(a.WhatForChild), Who: a.Who,
			ByWhen: a.ByWhen, Status: deref(a.Status), ForParentID: a.ForParentID})
	}
	return v
}

func alertPayload(a *ent.Alert, err error) (*model.AlertPayload, error) {
	if err != nil {
		return nil, err
	}
	return &model.AlertPayload{Alert: a}, nil
}

// responseText is the response an input gives, as text or by its earlier
// name, response.
func responseText(in model.RespondToAlertInput) (string, error) {
	switch {
	case in.Text != nil && in.Response != nil && *in.Text != *in.Response:
		return "", apierr.BadInput("text", "Please give the response once, as text.")
	case in.Text != nil:
		return *in.Text, nil
	}
	return deref(in.Response), nil
}

func allocationPayload(a *ent.Allocation, err error) (*model.AllocationPayload, error) {
	if err != nil {
		return nil, err
	}
	return &model.AllocationPayload{Allocation: a}, nil
}

func familyLinkPayload(l *ent.FamilyLink, err error) (*model.FamilyLinkPayload, error) {
	if err != nil {
		return nil, err
	}
	return &model.FamilyLinkPayload{FamilyLink: l}, nil
}

func (r *Resolver) iroCaseloads(ctx context.Context) ([]*model.IroCaseload, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if v.Role != domain.RoleManager {
		return []*model.IroCaseload{}, nil
	}
	loads, err := r.CaseAdmin.IROCaseloads(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*model.IroCaseload, len(loads))
	for i, l := range loads {
		out[i] = &model.IroCaseload{Staff: l.Staff, Children: l.Load.Children, Band: l.Band, CaseloadBand: model.CaseloadBand(l.Load.Range),
			FullTimeEquivalent: l.Load.FullTimeEquivalent, RangeFrom: l.Load.RangeFrom, RangeTo: l.Load.RangeTo}
	}
	return out, nil
}

// alertSteps is an alert's stage history, oldest first: one step for an
// alert raised before stages were recorded.
func alertSteps(a *ent.Alert) []domain.AlertStageStep {
	return domain.StageSteps(a.StageHistory, a.Stage, a.RaisedAt, a.ResponseDueBy)
}
