package plans

import (
	"context"
	"strings"
	"unicode/utf8"

	"kite/ent"
	"kite/ent/child"
	"kite/ent/plan"
	"kite/ent/privacy"
	"kite/internal/apierr"
	"kite/internal/civil"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/txn"
)

// Starting and ending a plan (docs/domain.md, "Plans"). Who may is the
// rules' (internal/access: a manager of the authority, or the child's chair
// for the kind of plan); what makes sense is checked here.

// Start is a new plan.
type Start struct {
	ChildID  ident.ID
	Kind     domain.PlanKind
	StartsOn civil.Date
	// Category is required for a child protection plan, and not given for a
	// care plan; so is StrategyDiscussionOn, which is optional.
	Category             *domain.AbuseCategory
	StrategyDiscussionOn *civil.Date
}

// End is how a plan ended.
type End struct {
	PlanID  ident.ID
	EndedOn civil.Date
	Reason  domain.PlanEndReason
	// Note says more; required when Reason is OTHER.
	Note string
}

// maxEndNote matches the end_reason column.
const maxEndNote = 500

// StartPlan starts a plan for a child, who must not have a current plan of
// the same kind (one with no end, or ending on or after the new start).
func (s *Service) StartPlan(ctx context.Context, in Start) (*ent.Plan, error) {
	c, err := s.Client.Child.Get(ctx, in.ChildID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "start plan: child")
	}
	if err := s.checkStart(in); err != nil {
		return nil, err
	}
	var out *ent.Plan
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		if err := lockChild(ctx, tx.Client(), c.ID); err != nil {
			return err
		}
		// The rules decide first, so that someone who may not start a plan
		// learns nothing from the check below about the child's plans.
		var err error
		out, err = tx.Plan.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetKind(in.Kind).
			SetStartsOn(in.StartsOn).SetNillableCategory(in.Category).
			SetNillableStrategyDiscussionOn(in.StrategyDiscussionOn).Save(ctx)
		if err != nil {
			return dataerr.ToAPI(err, "start plan")
		}
		clash, err := tx.Plan.Query().Where(plan.ChildID(c.ID), plan.KindEQ(in.Kind), plan.IDNEQ(out.ID),
			plan.Or(plan.EndsOnIsNil(), plan.EndsOnGTE(in.StartsOn))).Exist(privacy.DecisionContext(ctx, privacy.Allow))
		if err != nil {
			return dataerr.ToAPI(err, "start plan: current plans")
		}
		if clash {
			return apierr.BadInput("childId", "This child already has a current "+strings.ToLower(kindWords(in.Kind))+
				" (or one that ends on or after this start). End it first.")
		}
		return s.updateStatus(ctx, tx.Client(), c.ID)
	})
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

func (s *Service) checkStart(in Start) error {
	switch {
	case in.StartsOn.IsZero():
		return apierr.BadInput("startsOn", "Please give the day the plan started.")
	case in.StartsOn.After(s.Today()):
		return apierr.BadInput("startsOn", "A plan is started on the day it was decided, not before: this day has not come yet.")
	}
	switch in.Kind {
	case domain.ChildProtectionPlan:
		if in.Category == nil {
			return apierr.BadInput("category", "A child protection plan needs its category of abuse.")
		}
		if in.StrategyDiscussionOn != nil && in.StrategyDiscussionOn.After(in.StartsOn) {
			return apierr.BadInput("strategyDiscussionOn", "The strategy discussion comes before the plan starts.")
		}
	case domain.CarePlan:
		if in.Category != nil {
			return apierr.BadInput("category", "A category of abuse is for child protection plans only.")
		}
		if in.StrategyDiscussionOn != nil {
			return apierr.BadInput("strategyDiscussionOn", "A strategy discussion is for child protection plans only.")
		}
	default:
		return apierr.BadInput("kind", "That is not a kind of plan.")
	}
	return nil
}

// EndPlan ends a current plan on a day from its start to today, with the
// reason (one that fits the kind of plan) and, for OTHER, a note. The
// plan's endReason words are the note, or the reason's plain words.
func (s *Service) EndPlan(ctx context.Context, in End) (*ent.Plan, error) {
	p, err := s.Client.Plan.Get(ctx, in.PlanID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "end plan: plan")
	}
	note := strings.TrimSpace(in.Note)
	switch {
	case p.EndsOn != nil:
		return nil, apierr.BadInput("planId", "This plan has already ended.")
	case in.EndedOn.IsZero():
		return nil, apierr.BadInput("endedOn", "Please give the day the plan ended.")
	case in.EndedOn.Before(p.StartsOn):
		return nil, apierr.BadInput("endedOn", "A plan cannot end before the day it started ("+p.StartsOn.String()+").")
	case in.EndedOn.After(s.Today()):
		return nil, apierr.BadInput("endedOn", "A plan is ended once it has ended: this day has not come yet.")
	case !in.Reason.FitsPlan(p.Kind):
		return nil, apierr.BadInput("reason", "That is not a reason a "+strings.ToLower(kindWords(p.Kind))+" ends with.")
	case in.Reason == domain.EndOther && note == "":
		return nil, apierr.BadInput("note", "Please say why the plan ended.")
	case utf8.RuneCountInString(note) > maxEndNote:
		return nil, apierr.BadInput("note", "Please keep this to 500 characters.")
	}
	words := note
	if words == "" {
		words = in.Reason.Label()
	}
	var out *ent.Plan
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		var err error
		out, err = tx.Plan.UpdateOneID(p.ID).Where(plan.EndsOnIsNil()).SetEndsOn(in.EndedOn).
			SetEndReasonCode(in.Reason).SetEndReason(words).Save(ctx)
		if ent.IsNotFound(err) {
			if now, rerr := tx.Plan.Get(ctx, p.ID); rerr == nil && now.EndsOn != nil {
				return apierr.BadInput("planId", "This plan has already ended.")
			}
		}
		if err != nil {
			return dataerr.ToAPIAfterRead(err, "end plan")
		}
		return s.updateStatus(ctx, tx.Client(), p.ChildID)
	})
	if err != nil {
		return nil, err
	}
	return out.Unwrap(), nil
}

func kindWords(k domain.PlanKind) string {
	if k == domain.CarePlan {
		return "Care plan"
	}
	return "Child protection plan"
}

// lockChild takes the child's row for the rest of the transaction, so that
// two plans started for one child at once are checked one after the other.
// System code: the child's status follows from their plans (updateStatus);
// nobody decides it through this change.
func lockChild(ctx context.Context, c *ent.Client, id ident.ID) error {
	return dataerr.ToAPI(c.Child.UpdateOneID(id).Exec(privacy.DecisionContext(ctx, privacy.Allow)), "plan: child")
}

// updateStatus sets the child's status from the plans open today: in care,
// on a child protection plan, both or neither (a plan that ends today has
// ended). System code, as lockChild.
func (s *Service) updateStatus(ctx context.Context, c *ent.Client, id ident.ID) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	today := s.Today()
	open, err := c.Plan.Query().Where(plan.ChildID(id), plan.StartsOnLTE(today),
		plan.Or(plan.EndsOnIsNil(), plan.EndsOnGT(today))).All(sys)
	if err != nil {
		return dataerr.ToAPI(err, "plan: child status")
	}
	care, cp := false, false
	for _, p := range open {
		care = care || p.Kind == domain.CarePlan
		cp = cp || p.Kind == domain.ChildProtectionPlan
	}
	status := domain.Neither
	switch {
	case care && cp:
		status = domain.Both
	case care:
		status = domain.InCare
	case cp:
		status = domain.CPPlan
	}
	return dataerr.ToAPI(c.Child.Update().Where(child.ID(id)).SetStatus(status).Exec(sys), "plan: child status")
}
