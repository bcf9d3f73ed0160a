package importer

import (
	"fmt"

	"kite/ent"
	"kite/ent/plan"
	"kite/internal/civil"
	"kite/internal/domain"
)

// planIn is a plans row: the plan as it will be after the import.
type planIn struct {
	row       int
	ext       string
	existing  *ent.Plan
	childExt  string
	childKey  string // "" when the reference is rejected
	kind      domain.PlanKind
	startsOn  civil.Date
	endsOn    civil.Date
	endReason string
	endCode   domain.PlanEndReason
	category  domain.AbuseCategory
	strategy  civil.Date
}

func (r *run) checkPlans(k *kindData) {
	for c, p := range named(k, r.plans, func(n int, ext string) *planIn { return &planIn{row: n, ext: ext} }) {
		if p.ext != "" {
			if ex := r.exPlans[p.ext]; ex != nil {
				p.existing = ex
				p.endsOn, p.endReason, p.strategy = dateOf(ex.EndsOn), ex.EndReason, dateOf(ex.StrategyDiscussionOn)
				if ex.Category != nil {
					p.category = *ex.Category
				}
				if ex.EndReasonCode != nil {
					p.endCode = *ex.EndReasonCode
				}
			}
		}
		p.childExt, p.childKey = r.childRef(c)
		if ex := p.existing; ex != nil {
			p.childKey = c.unmoved("child_ref", p.childKey, ex.ChildID,
				"this plan is for another child in Kite; a plan does not move to another child (give a new plan its own external_id)")
		}
		p.kind, _ = enumValue[domain.PlanKind](c, "kind", domain.PlanKind("").Values(), true)
		p.startsOn = c.requiredDate("starts_on")
		if d, present := c.date("ends_on"); present {
			p.endsOn = d
		}
		if v, present := c.optional("end_reason", maxEndReason, true); present {
			p.endReason = v
		}
		codeGiven := false
		if v, present := enumValue[domain.PlanEndReason](c, "end_reason_code", domain.PlanEndReason("").Values(), false); present {
			p.endCode, codeGiven = v, v != ""
		}
		if v, present := enumValue[domain.AbuseCategory](c, "category", domain.AbuseCategory("").Values(), false); present {
			p.category = v
		}
		if d, present := c.date("strategy_discussion_on"); present {
			p.strategy = d
		}

		if p.endsOn != "" && p.startsOn != "" && p.endsOn.Before(p.startsOn) {
			c.bad("ends_on", "%s is before starts_on (%s)", p.endsOn, p.startsOn)
		}
		if p.endReason != "" && p.endsOn == "" && c.ok("ends_on") {
			c.bad("end_reason", "is given but the plan has no ends_on: only an ended plan has an end reason")
		}
		r.checkEndCode(c, p, codeGiven)
		switch p.kind {
		case domain.ChildProtectionPlan:
			if p.category == "" && c.ok("category") {
				c.bad("category", "is required for a child protection plan (one of %s)", joinValues(domain.AbuseCategory("").Values()))
			}
			if p.strategy != "" && p.startsOn != "" && p.strategy.After(p.startsOn) {
				c.bad("strategy_discussion_on", "%s is after the plan's starts_on (%s): the strategy discussion comes first", p.strategy, p.startsOn)
			}
		case domain.CarePlan:
			if p.category != "" {
				c.bad("category", "is for child protection plans only: leave it empty for a care plan")
			}
			if p.strategy != "" {
				c.bad("strategy_discussion_on", "is for child protection plans only: leave it empty for a care plan")
			}
		}
		r.planRows = append(r.planRows, p)
	}
}

func (r *run) applyPlans(k *kindData) error {
	return applyRows(r, k, r.planRows, r.writePlan, func(b []*ent.PlanCreate, rows []*planIn) error {
		made, err := r.c.Plan.CreateBulk(b...).Save(r.ctx)
		if err != nil {
			return fmt.Errorf("importer: create plans (rows %d on): %w", rows[0].row, err)
		}
		for i, p := range made {
			r.planIDs[rows[i].ext] = p.ID
		}
		return nil
	})
}

// writePlan creates a new plan, or updates an existing one (see applyRows).
func (r *run) writePlan(p *planIn) (create *ent.PlanCreate, changed bool, err error) {
	ex := p.existing
	if ex == nil {
		cr := r.c.Plan.Create().
			SetAuthorityID(r.la).SetExternalID(p.ext).SetChildID(r.childIDs[p.childExt]).
			SetKind(p.kind).SetStartsOn(p.startsOn).SetNillableEndsOn(datePtr(p.endsOn)).
			SetEndReason(p.endReason).SetNillableStrategyDiscussionOn(datePtr(p.strategy))
		if p.endCode != "" {
			cr.SetEndReasonCode(p.endCode)
		}
		if p.category != "" {
			cr.SetCategory(p.category)
		}
		return cr, false, nil
	}
	var category domain.AbuseCategory
	if ex.Category != nil {
		category = *ex.Category
	}
	var code domain.PlanEndReason
	if ex.EndReasonCode != nil {
		code = *ex.EndReasonCode
	}
	if ex.Kind == p.kind && ex.StartsOn == p.startsOn && dateOf(ex.EndsOn) == p.endsOn &&
		ex.EndReason == p.endReason && code == p.endCode && category == p.category && dateOf(ex.StrategyDiscussionOn) == p.strategy {
		return nil, false, nil
	}
	u := r.c.Plan.UpdateOneID(ex.ID).Where(plan.AuthorityID(r.la)).
		SetKind(p.kind).SetStartsOn(p.startsOn).SetEndReason(p.endReason)
	setOrClear(p.endsOn, u.SetEndsOn, u.ClearEndsOn)
	setOrClear(p.category, u.SetCategory, u.ClearCategory)
	setOrClear(p.endCode, u.SetEndReasonCode, u.ClearEndReasonCode)
	setOrClear(p.strategy, u.SetStrategyDiscussionOn, u.ClearStrategyDiscussionOn)
	if err := u.Exec(r.ctx); err != nil {
		return nil, false, fmt.Errorf("importer: plans row %d: update: %w", p.row, err)
	}
	return nil, true, nil
}

// checkEndCode checks a plan's end reason code: given in end_reason_code,
// or, when that is not given, read from end_reason words that clearly say
// one (the code itself, or words such as "Adopted": domain.EndReasonFromText).
// A code is for an ended plan, must fit the kind of plan, and OTHER needs
// end_reason words saying why.
func (r *run) checkEndCode(c *cells, p *planIn, given bool) {
	if !given && p.endsOn != "" && p.endReason != "" {
		if code, ok := domain.EndReasonFromText(p.kind, p.endReason); ok {
			p.endCode = code
		}
	}
	switch {
	case p.endCode == "" || !c.ok("end_reason_code"):
	case p.endsOn == "":
		if c.ok("ends_on") {
			c.bad("end_reason_code", "is given but the plan has no ends_on: only an ended plan has an end reason")
		}
	case p.kind != "" && !p.endCode.FitsPlan(p.kind):
		c.bad("end_reason_code", "%s is not a reason a %s ends with (one of %s)", p.endCode, p.kind,
			joinValues(codes(domain.EndReasonsFor(p.kind))))
	case p.endCode == domain.EndOther && p.endReason == "":
		c.bad("end_reason", "is required when end_reason_code is OTHER: say why the plan ended")
	}
}

func codes(rs []domain.PlanEndReason) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}
