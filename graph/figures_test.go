package graph_test

import (
	"strings"
	"testing"

	"kite/graph/generated"
	"kite/internal/apitest"
	"kite/internal/figures"
)

func TestAuthorityFigures(t *testing.T) {
	s := apitest.New(t)
	q := `query($from: Date!, $to: Date!) { authorityFigures(from: $from, to: $to) {
		childProtection { initialConferences plansStarted onPlanAtEnd categories { key count } ageAtStart { key count }
		  initialConferencesInTime { numerator denominator percentage } }
		inCare { during atEnd reviews reviewsOnTime { percentage } participation { numerator denominator percentage } }
		caseloads { staffName children band } recordsOnTime { numerator denominator } alerts { total } } }`
	vars := map[string]any{"from": string(s.Today.AddYears(-3)), "to": string(s.Today)}
	manager := s.Query(s.Login("manager.demo"), q, vars)
	if len(manager.Errors) > 0 {
		t.Fatal(manager.Raw)
	}
	cp := apitest.Path(manager.Data, "authorityFigures", "childProtection").(map[string]any)
	inCare := apitest.Path(manager.Data, "authorityFigures", "inCare").(map[string]any)
	// Demo Borough: Ava, Mia and the unborn baby are on CP plans; Jamie, Leo and Mia are in care.
	if cp["onPlanAtEnd"] != float64(3) || inCare["atEnd"] != float64(3) {
		t.Errorf("manager figures: %s", manager.Raw)
	}
	if !strings.Contains(manager.Raw, `"key":"UNBORN","count":1`) {
		t.Errorf("the unborn baby's plan is not in the age bands: %s", manager.Raw)
	}
	// An IRO's figures are their own caseload's: Jamie, Leo and Mia.
	iro := s.Query(s.Login("iro.demo"), q, vars)
	if apitest.Path(iro.Data, "authorityFigures", "inCare", "atEnd") != float64(3) ||
		apitest.Path(iro.Data, "authorityFigures", "childProtection", "onPlanAtEnd") != float64(1) {
		t.Errorf("IRO figures: %s", iro.Raw)
	}
	// Other Shire's figures know nothing of Demo Borough, and a parent gets nothing.
	other := s.Query(s.Login("iro.other"), q, vars)
	if apitest.Path(other.Data, "authorityFigures", "childProtection", "onPlanAtEnd") != float64(0) {
		t.Errorf("Other Shire: %s", other.Raw)
	}
	parent := s.Query(s.Login("parent.demo"), q, vars)
	if apitest.Path(parent.Data, "authorityFigures", "inCare", "during") != float64(0) {
		t.Errorf("parent: %s", parent.Raw)
	}
	// docs/access.md: no figures for a child, a parent or an admin, though the
	// rules let a child and parent read their own plan and meetings.
	nothing := s.Query(s.Login("iro.other"), q, map[string]any{"from": "1900-01-01", "to": "1900-12-31"}).Raw
	for _, who := range []string{"parent.demo", "child.demo", "child2.demo", "admin.demo"} {
		if r := s.Query(s.Login(who), q, vars); r.Raw != nothing {
			t.Errorf("%s gets figures: %s", who, r.Raw)
		}
	}
	if r := s.Query(s.Login("manager.demo"), q, map[string]any{"from": string(s.Today), "to": string(s.Today.AddDays(-1))}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a backwards period: %s", r.Raw)
	}
}

// TestParticipationAndAlertGroupsInTheAPI: authorityFigures gives
// participation for each kind of conference and review, and alerts by
// stage broken down by reason, with every row listed.
func TestParticipationAndAlertGroupsInTheAPI(t *testing.T) {
	s := apitest.New(t)
	q := `query($from: Date!, $to: Date!) { authorityFigures(from: $from, to: $to) {
		participationByMeetingKind { kind label held attended sentViews tookPart { numerator denominator percentage } }
		alerts { total byStageReached { key count } byStageReachedAndReason { key label count counts { key count } } } } }`
	r := s.Query(s.Login("manager.demo"), q, map[string]any{"from": string(s.Today.AddYears(-3)), "to": string(s.Today)})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	var kinds []string
	for _, k := range apitest.Path(r.Data, "authorityFigures", "participationByMeetingKind").([]any) {
		row := k.(map[string]any)
		kinds = append(kinds, row["kind"].(string))
		took := row["tookPart"].(map[string]any)
		if took["denominator"] != row["held"] || took["numerator"].(float64) > row["held"].(float64) ||
			row["attended"].(float64) > took["numerator"].(float64) || row["sentViews"].(float64) > took["numerator"].(float64) {
			t.Errorf("participation row %v does not add up", row)
		}
	}
	if strings.Join(kinds, " ") != "INITIAL_CP_CONFERENCE REVIEW_CP_CONFERENCE CIC_REVIEW LIGHT_TOUCH_REVIEW" {
		t.Errorf("participation kinds: %v", kinds)
	}
	stages := apitest.Path(r.Data, "authorityFigures", "alerts", "byStageReached").([]any)
	groups := apitest.Path(r.Data, "authorityFigures", "alerts", "byStageReachedAndReason").([]any)
	if len(groups) != len(stages) {
		t.Fatalf("%d groups for %d stages", len(groups), len(stages))
	}
	for i, g := range groups {
		group, stage := g.(map[string]any), stages[i].(map[string]any)
		sum := 0.0
		for _, c := range group["counts"].([]any) {
			sum += c.(map[string]any)["count"].(float64)
		}
		if group["key"] != stage["key"] || group["count"] != stage["count"] || sum != stage["count"] || len(group["counts"].([]any)) != 5 {
			t.Errorf("group %v is not stage %v broken down by the 5 reasons", group, stage)
		}
	}
}

// TestFigureDefinitionsAreInTheSchema: each figure's description in the
// schema is its definition in internal/figures, so the two cannot drift.
func TestFigureDefinitionsAreInTheSchema(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	types := map[string]string{"": "AuthorityFigures", "ChildProtection": "ChildProtectionFigures", "InCare": "InCareFigures", "Alerts": "AlertFigures", "Advocacy": "AdvocacyFigures"}
	for key, def := range figures.Definitions() {
		group, field := "", key
		if i := strings.Index(key, "."); i >= 0 {
			group, field = key[:i], key[i+1:]
		}
		typ := schema.Types[types[group]]
		name := strings.ToLower(field[:1]) + field[1:]
		if strings.HasPrefix(field, "ID") {
			name = field
		}
		f := typ.Fields.ForName(name)
		if f == nil {
			t.Errorf("%s: no field %s.%s", key, typ.Name, name)
			continue
		}
		if strings.TrimSpace(f.Description) != def {
			t.Errorf("%s: the schema says %q, figures says %q", key, f.Description, def)
		}
	}
}

// TestCaseloadBandsOneNaming: authorityFigures and iroCaseloads band each
// IRO's caseload in one naming (caseloadBand), from one function, and their
// older band fields say the same in their own first names.
func TestCaseloadBandsOneNaming(t *testing.T) {
	s := apitest.New(t)
	manager := s.Login("manager.demo")
	r := s.Query(manager, `query($to: Date!) {
		iroCaseloads { staff { id } children band caseloadBand }
		authorityFigures(from: $to, to: $to) { caseloads { staffId children band caseloadBand }
		  averageCaseload averageCaseloadPerFullTime caseloadsByMonth { on iros children average } } }`,
		map[string]any{"to": string(s.Today)})
	if len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	old := map[string][2]string{"BELOW_RANGE": {"UNDER_50", "UNDER_50"}, "WITHIN_RANGE": {"WITHIN_50_TO_70", "FROM_50_TO_70"}, "ABOVE_RANGE": {"OVER_70", "OVER_70"}}
	byStaff := map[string]map[string]any{}
	for _, c := range apitest.Path(r.Data, "iroCaseloads").([]any) {
		c := c.(map[string]any)
		if band := c["caseloadBand"].(string); old[band][0] != c["band"] {
			t.Errorf("iroCaseloads: band %v with caseloadBand %s", c["band"], band)
		}
		byStaff[apitest.Path(c, "staff", "id").(string)] = c
	}
	figs := apitest.Path(r.Data, "authorityFigures", "caseloads").([]any)
	if len(figs) == 0 {
		t.Fatalf("no caseloads in the figures: %s", r.Raw)
	}
	children := 0.0
	for _, f := range figs {
		f := f.(map[string]any)
		children += f["children"].(float64)
		band := f["caseloadBand"].(string)
		if old[band][1] != f["band"] {
			t.Errorf("authorityFigures: band %v with caseloadBand %s", f["band"], band)
		}
		now := byStaff[f["staffId"].(string)]
		if now == nil || now["children"] != f["children"] || now["caseloadBand"] != band {
			t.Errorf("today's figures for %v differ from iroCaseloads: %v, %v", f["staffId"], f, now)
		}
	}
	// One day: one month, that day; its average is the period's.
	months := apitest.Path(r.Data, "authorityFigures", "caseloadsByMonth").([]any)
	if len(months) != 1 || apitest.Path(months[0], "on") != string(s.Today) || apitest.Path(months[0], "children") != children ||
		apitest.Path(months[0], "average") != apitest.Path(r.Data, "authorityFigures", "averageCaseload") {
		t.Errorf("caseloads by month: %s", r.Raw)
	}
}
