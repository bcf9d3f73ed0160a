package graph_test

import (
	"testing"

	"kite/ent/plan"
	"kite/internal/apitest"
)

const (
	publishQ = `mutation($in: PublishPlanVersionInput!) { publishPlanVersion(input: $in) { version { id } } }`
	versionQ = `query($id: ID!) { node(id: $id) { ... on PlanVersion { worries goingWell needsToChange
		worriesForChild goingWellForChild needsToChangeForChild worriesForFamily goingWellForFamily needsToChangeForFamily
		actions { what whatForChild statusLabel } sections { heading text talkThrough } } } }`
)

// TestPlanWordsForEachReader: a child under 12 is never shown the formal
// or the family wording of their plan — through node(id) and through their
// dashboard — and is told who will talk it through with them when nothing
// was written for them; a parent reads the family's words; staff the formal
// ones; a child of 12 or over the formal ones when none were written for them.
func TestPlanWordsForEachReader(t *testing.T) {
	s := apitest.New(t)
	ava, jamie := childNamed(t, s, "Ava"), childNamed(t, s, "Jamie")
	avaPlan := s.Client().Plan.Query().Where(plan.ChildID(ava.ID)).OnlyX(apitest.System())
	chair, sw, parent, child := s.Login("chair.demo"), s.Login("sw.demo"), s.Login("parent.demo"), s.Login("child2.demo")

	// The chair writes no words for Ava, and words for her family about the worries only.
	r := s.Query(chair, publishQ, map[string]any{"in": map[string]any{"planId": avaPlan.ID,
		"worries": "Formal worries.", "goingWell": "Formal going well.", "needsToChange": "Formal needs to change.",
		"worriesForFamily": "Family worries.",
		"actions":          []map[string]any{{"what": "Formal action.", "who": "Sam"}}}})
	id := apitest.Path(r.Data, "publishPlanVersion", "version", "id")
	if id == nil {
		t.Fatalf("publish: %s", r.Raw)
	}
	v := s.Query(child, versionQ, map[string]any{"id": id}).Data["node"].(map[string]any)
	for _, f := range []string{"worries", "goingWell", "needsToChange", "worriesForFamily"} {
		if v[f] != nil {
			t.Errorf("Ava, 9, reads %s: %v", f, v[f])
		}
	}
	if apitest.Path(v, "actions", 0, "what") != nil || apitest.Path(v, "actions", 0, "statusLabel") != "Not started yet" {
		t.Errorf("Ava's view of the action: %v", v["actions"])
	}
	for _, sec := range v["sections"].([]any) {
		if apitest.Path(sec, "talkThrough") != true || apitest.Path(sec, "text") != "Daniel, your conference chair, will talk this through with you." {
			t.Errorf("Ava's section: %v", sec)
		}
	}
	// The same through her dashboard, whatever fields are asked for.
	r = s.Query(child, `query($id: ID!) { child(id: $id) { currentPlan { currentVersion { id worries actions { what } } } } }`, map[string]any{"id": ava.ID})
	if apitest.Path(r.Data, "child", "currentPlan", "currentVersion", "id") != id ||
		apitest.Path(r.Data, "child", "currentPlan", "currentVersion", "worries") != nil ||
		apitest.Path(r.Data, "child", "currentPlan", "currentVersion", "actions", 0, "what") != nil {
		t.Errorf("Ava's dashboard: %s", r.Raw)
	}
	// Her mum reads the family's words where written, the formal ones elsewhere.
	v = s.Query(parent, versionQ, map[string]any{"id": id}).Data["node"].(map[string]any)
	if apitest.Path(v, "sections", 0, "text") != "Family worries." || apitest.Path(v, "sections", 1, "text") != "Formal going well." ||
		v["worries"] != "Formal worries." {
		t.Errorf("the parent's view: %v", v)
	}
	// The chair reads the formal words.
	v = s.Query(chair, versionQ, map[string]any{"id": id}).Data["node"].(map[string]any)
	if apitest.Path(v, "sections", 0, "text") != "Formal worries." || v["worriesForFamily"] != "Family worries." {
		t.Errorf("the chair's view: %v", v)
	}

	// Her social worker writes the next version with words for her.
	r = s.Query(sw, publishQ, map[string]any{"in": map[string]any{"planId": avaPlan.ID,
		"worries": "Formal worries 2.", "goingWell": "Formal going well 2.", "needsToChange": "Formal needs to change 2.",
		"worriesForChild": "Your words.", "goingWellForChild": "You are doing well.", "needsToChangeForChild": "What will change.",
		"actions": []map[string]any{}}})
	id = apitest.Path(r.Data, "publishPlanVersion", "version", "id")
	if id == nil {
		t.Fatalf("the social worker publishes: %s", r.Raw)
	}
	v = s.Query(child, versionQ, map[string]any{"id": id}).Data["node"].(map[string]any)
	if apitest.Path(v, "sections", 0, "text") != "Your words." || apitest.Path(v, "sections", 0, "talkThrough") != false ||
		v["worriesForChild"] != "Your words." || v["worries"] != nil {
		t.Errorf("Ava with words of her own: %v", v)
	}

	// Jamie is 12: he reads the formal words.
	r = s.Query(s.Login("child.demo"), `query($id: ID!) { child(id: $id) { currentPlan { currentVersion { worries actions { what } sections { text talkThrough } } } } }`,
		map[string]any{"id": jamie.ID})
	cv := apitest.Path(r.Data, "child", "currentPlan", "currentVersion")
	if apitest.Path(cv, "worries") == nil || apitest.Path(cv, "actions", 0, "what") == nil || apitest.Path(cv, "sections", 0, "talkThrough") != false {
		t.Errorf("Jamie's plan: %s", r.Raw)
	}
}
