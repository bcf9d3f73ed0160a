package graph_test

import (
	"strings"
	"testing"

	"kite/ent/plan"
	"kite/internal/apitest"
	"kite/internal/domain"
	"kite/internal/ident"
)

const (
	startPlanMutation = `mutation($in: StartPlanInput!) { startPlan(input: $in) { plan { id kind startsOn category } } }`
	endPlanMutation   = `mutation($in: EndPlanInput!) { endPlan(input: $in) { plan { id endsOn endReason endReasonCode endReasonLabel } } }`
)

// TestPlanMutationMatrix: every account starts a plan of each kind for every
// child, and ends every plan, and is allowed or refused as the oracle says
// (docs/access.md). An allowed try that the records refuse (a current plan
// of the kind already, a plan already ended) changes nothing either.
func TestPlanMutationMatrix(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	c, ctx := s.Client(), apitest.System()
	today := string(s.Today)
	current := func(childID ident.ID, kind domain.PlanKind) bool {
		for _, p := range w.Plans {
			if p.ChildID == childID && p.Kind == kind && p.EndsOn == nil {
				return true
			}
		}
		return false
	}
	started, ended := 0, 0
	for _, ch := range w.Children {
		for _, kind := range []domain.PlanKind{domain.CarePlan, domain.ChildProtectionPlan} {
			in := map[string]any{"childId": ch.ID, "kind": kind, "startsOn": today}
			if kind == domain.ChildProtectionPlan {
				in["category"] = "NEGLECT"
			}
			for _, name := range sortedNames(tokens) {
				v := viewerOf(w, name)
				before := c.Plan.Query().CountX(ctx)
				r := s.Query(tokens[name], startPlanMutation, map[string]any{"in": in})
				want := w.MayStartPlan(v, ch.ID, kind) && !current(ch.ID, kind)
				made := c.Plan.Query().CountX(ctx) - before
				if want != (len(r.Errors) == 0) || made != map[bool]int{true: 1, false: 0}[want] {
					t.Errorf("%s starts a %s for %s: %s (stored %d), docs/access.md says %v", who(name), kind, ch.PreferredName, r.Raw, made, want)
				}
				if want {
					started++
					id, _ := apitest.Path(r.Data, "startPlan", "plan", "id").(string)
					c.Plan.DeleteOneID(ident.ID(id)).ExecX(ctx)
					c.Child.UpdateOneID(ch.ID).SetStatus(ch.Status).ExecX(ctx)
				}
			}
		}
	}
	for _, p := range w.Plans {
		for _, name := range sortedNames(tokens) {
			v := viewerOf(w, name)
			r := s.Query(tokens[name], endPlanMutation, map[string]any{"in": map[string]any{"planId": p.ID, "endedOn": today, "reason": "TURNED_18"}})
			now := c.Plan.GetX(ctx, p.ID)
			changed := (now.EndsOn == nil) != (p.EndsOn == nil)
			want := w.MayEndPlan(v, p)
			if want != (len(r.Errors) == 0) || want != changed {
				t.Errorf("%s ends plan %s: %s, docs/access.md says %v", who(name), p.ID, r.Raw, want)
			}
			if changed {
				ended++
				c.Plan.UpdateOneID(p.ID).ClearEndsOn().ClearEndReasonCode().SetEndReason(p.EndReason).ExecX(ctx)
				for _, ch := range w.Children {
					if ch.ID == p.ChildID {
						c.Child.UpdateOneID(ch.ID).SetStatus(ch.Status).ExecX(ctx)
					}
				}
			}
		}
	}
	if started == 0 || ended == 0 {
		t.Fatalf("nothing allowed (%d started, %d ended): the data proves little", started, ended)
	}
}

// TestStartingAndEndingPlans: a manager starts and ends plans; what does not
// make sense is refused with the field to fix; the child's status follows;
// the figures count where children went.
func TestStartingAndEndingPlans(t *testing.T) {
	s := apitest.New(t)
	manager := s.Login("manager.demo")
	leo := childNamed(t, s, "Leo")
	today, yesterday := string(s.Today), string(s.Today.AddDays(-1))
	start := func(token string, in map[string]any) *apitest.Response {
		return s.Query(token, startPlanMutation, map[string]any{"in": in})
	}
	end := func(token string, in map[string]any) *apitest.Response {
		return s.Query(token, endPlanMutation, map[string]any{"in": in})
	}
	bad := func(r *apitest.Response, field string) {
		t.Helper()
		if r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Raw, field) {
			t.Errorf("want BAD_USER_INPUT on %s: %s", field, r.Raw)
		}
	}
	// Leo is in care: a second current care plan is refused.
	bad(start(manager, map[string]any{"childId": leo.ID, "kind": "CARE_PLAN", "startsOn": today}), "childId")
	bad(start(manager, map[string]any{"childId": leo.ID, "kind": "CHILD_PROTECTION_PLAN", "startsOn": today}), "category")
	bad(start(manager, map[string]any{"childId": leo.ID, "kind": "CHILD_PROTECTION_PLAN", "startsOn": string(s.Today.AddDays(1)), "category": "NEGLECT"}), "startsOn")
	bad(start(manager, map[string]any{"childId": leo.ID, "kind": "CHILD_PROTECTION_PLAN", "startsOn": today, "category": "NEGLECT", "strategyDiscussionOn": string(s.Today.AddDays(1))}), "strategyDiscussionOn")

	care := s.Client().Plan.Query().Where(plan.ChildID(leo.ID), plan.KindEQ(domain.CarePlan), plan.EndsOnIsNil()).OnlyX(apitest.System())
	bad(end(manager, map[string]any{"planId": care.ID, "endedOn": today, "reason": "CAME_INTO_CARE"}), "reason")
	bad(end(manager, map[string]any{"planId": care.ID, "endedOn": today, "reason": "OTHER"}), "note")
	bad(end(manager, map[string]any{"planId": care.ID, "endedOn": string(care.StartsOn.AddDays(-1)), "reason": "ADOPTION"}), "endedOn")
	bad(end(manager, map[string]any{"planId": care.ID, "endedOn": string(s.Today.AddDays(1)), "reason": "ADOPTION"}), "endedOn")

	r := end(manager, map[string]any{"planId": care.ID, "endedOn": yesterday, "reason": "RETURNED_HOME"})
	if apitest.Path(r.Data, "endPlan", "plan", "endReasonCode") != "RETURNED_HOME" ||
		apitest.Path(r.Data, "endPlan", "plan", "endReason") != "Went back home" ||
		apitest.Path(r.Data, "endPlan", "plan", "endReasonLabel") != "Went back home" {
		t.Fatalf("end Leo's care plan: %s", r.Raw)
	}
	bad(end(manager, map[string]any{"planId": care.ID, "endedOn": today, "reason": "ADOPTION"}), "planId")
	if st := s.Client().Child.GetX(apitest.System(), leo.ID).Status; st != domain.Neither {
		t.Errorf("Leo's status after his care plan ended: %s", st)
	}

	// A CP plan from today: his status follows; the care plan that ended
	// yesterday does not clash with a new one from today.
	r = start(manager, map[string]any{"childId": leo.ID, "kind": "CHILD_PROTECTION_PLAN", "startsOn": today, "category": "EMOTIONAL"})
	if apitest.Path(r.Data, "startPlan", "plan", "category") != "EMOTIONAL" {
		t.Fatalf("start a CP plan: %s", r.Raw)
	}
	r = start(manager, map[string]any{"childId": leo.ID, "kind": "CARE_PLAN", "startsOn": today})
	if len(r.Errors) > 0 {
		t.Fatalf("start a new care plan the day after the last ended: %s", r.Raw)
	}
	if st := s.Client().Child.GetX(apitest.System(), leo.ID).Status; st != domain.Both {
		t.Errorf("Leo's status with both plans: %s", st)
	}
	cpID := apitest.Path(start(manager, map[string]any{"childId": leo.ID, "kind": "CHILD_PROTECTION_PLAN", "startsOn": today, "category": "EMOTIONAL"}).Data, "startPlan")
	if cpID != nil {
		t.Errorf("a second current CP plan was started")
	}

	// An OTHER end keeps the note as the words.
	cp := s.Client().Plan.Query().Where(plan.ChildID(leo.ID), plan.KindEQ(domain.ChildProtectionPlan), plan.EndsOnIsNil()).OnlyX(apitest.System())
	r = end(manager, map[string]any{"planId": cp.ID, "endedOn": today, "reason": "OTHER", "note": "The family moved abroad."})
	if apitest.Path(r.Data, "endPlan", "plan", "endReason") != "The family moved abroad." {
		t.Fatalf("end with a note: %s", r.Raw)
	}

	// The figures count where children went.
	q := `query($from: Date!, $to: Date!) { authorityFigures(from: $from, to: $to) {
		childProtection { endReasons { key count } } inCare { endReasons { key count } } } }`
	f := s.Query(manager, q, map[string]any{"from": yesterday, "to": today})
	if !strings.Contains(f.Raw, `{"key":"RETURNED_HOME","count":1}`) || !strings.Contains(f.Raw, `{"key":"OTHER","count":1}`) {
		t.Errorf("figures: %s", f.Raw)
	}
}
