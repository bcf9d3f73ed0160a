package graph_test

import (
	"slices"
	"testing"

	"kite/ent/auditevent"
	"kite/internal/apitest"
)

// TestAuthoritySettings: a manager reads and changes the authority's
// settings; a value out of range names its field and changes nothing; the
// change is audited; nobody else reads or changes them.
func TestAuthoritySettings(t *testing.T) {
	s := apitest.New(t)
	manager, iro := s.Login("manager.demo"), s.Login("iro.demo")
	la := userID(t, s, "manager.demo").AuthorityID
	read := `query($id: ID!) { node(id: $id) { ... on LocalAuthority { settings { shortPasswordsUnder12 viewsReminderWorkingDays submissionDigestHour replyDueWorkingDays } } } }`
	vars := map[string]any{"id": la}
	update := `mutation($in: UpdateAuthoritySettingsInput!) { updateAuthoritySettings(input: $in) { settings { shortPasswordsUnder12 viewsReminderWorkingDays submissionDigestHour replyDueWorkingDays } } }`
	r := s.Query(manager, read, vars)
	if got := apitest.Path(r.Data, "node", "settings"); apitest.Path(got, "shortPasswordsUnder12") != false ||
		apitest.Path(got, "viewsReminderWorkingDays") != float64(10) || apitest.Path(got, "submissionDigestHour") != float64(8) ||
		apitest.Path(got, "replyDueWorkingDays") != float64(5) {
		t.Fatalf("the defaults: %s", r.Raw)
	}
	for _, tc := range []struct {
		in    map[string]any
		field string
	}{
		{map[string]any{"viewsReminderWorkingDays": 3}, "viewsReminderWorkingDays"},
		{map[string]any{"viewsReminderWorkingDays": 31}, "viewsReminderWorkingDays"},
		{map[string]any{"submissionDigestHour": 24}, "submissionDigestHour"},
		{map[string]any{"submissionDigestHour": 7, "noSubmissionDigest": true}, "submissionDigestHour"},
		{map[string]any{"replyDueWorkingDays": 0, "shortPasswordsUnder12": true}, "replyDueWorkingDays"},
	} {
		r := s.Query(manager, update, map[string]any{"in": tc.in})
		if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != tc.field {
			t.Errorf("%v: %s", tc.in, r.Raw)
		}
	}
	if got := s.Client().LocalAuthority.GetX(apitest.System(), la); got.ShortPasswordsUnder12 || got.ReplyDueWorkingDays != 5 {
		t.Fatalf("a refused change changed the settings: %+v", got)
	}
	r = s.Query(manager, update, map[string]any{"in": map[string]any{"shortPasswordsUnder12": true, "viewsReminderWorkingDays": 7,
		"noSubmissionDigest": true, "replyDueWorkingDays": 3}})
	if got := apitest.Path(r.Data, "updateAuthoritySettings", "settings"); apitest.Path(got, "shortPasswordsUnder12") != true ||
		apitest.Path(got, "viewsReminderWorkingDays") != float64(7) || apitest.Path(got, "submissionDigestHour") != nil ||
		apitest.Path(got, "replyDueWorkingDays") != float64(3) {
		t.Fatalf("the change: %s", r.Raw)
	}
	r = s.Query(manager, update, map[string]any{"in": map[string]any{"submissionDigestHour": 16}})
	if apitest.Path(r.Data, "updateAuthoritySettings", "settings", "submissionDigestHour") != float64(16) ||
		apitest.Path(r.Data, "updateAuthoritySettings", "settings", "replyDueWorkingDays") != float64(3) {
		t.Fatalf("a change of one setting: %s", r.Raw)
	}
	if n := s.Client().AuditEvent.Query().Where(auditevent.Action("authority.settings_changed")).CountX(apitest.System()); n != 2 {
		t.Errorf("%d audit events of settings changed, want 2", n)
	}
	if r := s.Query(iro, read, vars); apitest.Path(r.Data, "node", "settings") != nil || len(r.Errors) > 0 {
		t.Errorf("an IRO reads the settings: %s", r.Raw)
	}
}

// TestChildPopulationAndSmallCounts: the child population (for rates per
// 10,000) and the annual report's suppression of small counts are settings
// a manager changes through updateAuthoritySettings: not set and on until
// then; a population out of range, or given and cleared at once, names
// childPopulation and changes nothing; each change is audited with its new
// value; authorityFigures' rates per 10,000 follow the population.
func TestChildPopulationAndSmallCounts(t *testing.T) {
	s := apitest.New(t)
	manager := s.Login("manager.demo")
	la := userID(t, s, "manager.demo").AuthorityID
	read := `query($id: ID!) { node(id: $id) { ... on LocalAuthority { settings { childPopulation suppressSmallCounts } } } }`
	update := `mutation($in: UpdateAuthoritySettingsInput!) { updateAuthoritySettings(input: $in) { settings { childPopulation suppressSmallCounts replyDueWorkingDays } } }`
	figuresQ := `query($to: Date!) { authorityFigures(from: $to, to: $to) { inCare { atEnd atEndPer10000 } childProtection { onPlanAtEnd onPlanAtEndPer10000 } } }`
	r := s.Query(manager, read, map[string]any{"id": la})
	if apitest.Path(r.Data, "node", "settings", "childPopulation") != nil || apitest.Path(r.Data, "node", "settings", "suppressSmallCounts") != true {
		t.Fatalf("the defaults: %s", r.Raw)
	}
	audited := func() int {
		return s.Client().AuditEvent.Query().Where(auditevent.Action("authority.settings_changed")).CountX(apitest.System())
	}
	for _, in := range []map[string]any{
		{"childPopulation": 0},
		{"childPopulation": -5, "suppressSmallCounts": false},
		{"childPopulation": 10_000_001},
		{"childPopulation": 52_000, "noChildPopulation": true},
	} {
		r := s.Query(manager, update, map[string]any{"in": in})
		if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "childPopulation" {
			t.Errorf("%v: %s", in, r.Raw)
		}
	}
	if got := s.Client().LocalAuthority.GetX(apitest.System(), la); got.ChildPopulation != nil || !got.SuppressSmallCounts || audited() != 0 {
		t.Fatalf("a refused change changed the settings: %+v", got)
	}
	r = s.Query(manager, update, map[string]any{"in": map[string]any{"childPopulation": 52_000, "suppressSmallCounts": false}})
	if got := apitest.Path(r.Data, "updateAuthoritySettings", "settings"); apitest.Path(got, "childPopulation") != float64(52_000) ||
		apitest.Path(got, "suppressSmallCounts") != false || apitest.Path(got, "replyDueWorkingDays") != float64(5) {
		t.Fatalf("the change: %s", r.Raw)
	}
	// Demo Borough: 3 children in care and 3 on a plan at the end; 52,000
	// children is 5.2 ten-thousands, so 3 ÷ 5.2 = 0.6 (one decimal place).
	r = s.Query(manager, figuresQ, map[string]any{"to": string(s.Today)})
	if apitest.Path(r.Data, "authorityFigures", "inCare", "atEnd") != float64(3) ||
		apitest.Path(r.Data, "authorityFigures", "inCare", "atEndPer10000") != 0.6 ||
		apitest.Path(r.Data, "authorityFigures", "childProtection", "onPlanAtEndPer10000") != 0.6 {
		t.Errorf("rates per 10,000 of 52,000 children: %s", r.Raw)
	}
	// The largest population there may be, and the suppression on again.
	r = s.Query(manager, update, map[string]any{"in": map[string]any{"childPopulation": 10_000_000, "suppressSmallCounts": true}})
	if apitest.Path(r.Data, "updateAuthoritySettings", "settings", "childPopulation") != float64(10_000_000) ||
		apitest.Path(r.Data, "updateAuthoritySettings", "settings", "suppressSmallCounts") != true {
		t.Fatalf("the largest population: %s", r.Raw)
	}
	// Cleared: the rates are empty again.
	r = s.Query(manager, update, map[string]any{"in": map[string]any{"noChildPopulation": true}})
	if got := apitest.Path(r.Data, "updateAuthoritySettings", "settings"); apitest.Path(got, "childPopulation") != nil || apitest.Path(got, "suppressSmallCounts") != true {
		t.Fatalf("clearing the population: %s", r.Raw)
	}
	r = s.Query(manager, figuresQ, map[string]any{"to": string(s.Today)})
	if apitest.Path(r.Data, "authorityFigures", "inCare", "atEndPer10000") != nil || len(r.Errors) > 0 {
		t.Errorf("rates with no population: %s", r.Raw)
	}
	var reasons []string
	for _, e := range s.Client().AuditEvent.Query().Where(auditevent.Action("authority.settings_changed")).
		Order(auditevent.ByAt()).AllX(apitest.System()) {
		reasons = append(reasons, e.Reason)
	}
	if want := []string{"childPopulation=52000, suppressSmallCounts=false", "childPopulation=10000000, suppressSmallCounts=true",
		"childPopulation=none"}; !slices.Equal(reasons, want) {
		t.Errorf("audited %q, want %q", reasons, want)
	}
	// Nobody else reads or changes them: an IRO, and another authority's
	// manager, who changes their own authority's.
	if r := s.Query(s.Login("iro.demo"), update, map[string]any{"in": map[string]any{"childPopulation": 1}}); r.Code() != "FORBIDDEN" && r.Code() != "NOT_FOUND" {
		t.Errorf("an IRO sets the child population: %s", r.Raw)
	}
	if got := s.Client().LocalAuthority.GetX(apitest.System(), la); got.ChildPopulation != nil {
		t.Errorf("the child population after an IRO's try: %v", *got.ChildPopulation)
	}
}
