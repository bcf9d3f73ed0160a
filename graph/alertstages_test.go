package graph_test

import (
	"strings"
	"testing"
	"time"

	"kite/ent/alert"
	"kite/ent/meeting"
	"kite/ent/notification"
	"kite/internal/apitest"
	"kite/internal/civil"
	"kite/internal/duedates"
	"kite/internal/ident"
	"kite/internal/notify"
	"kite/internal/timescales"
)

const (
	alertFields = `id stage level status addressedTo respondBy responseDueBy escalations raisedByRole meeting { id }
		stageHistory { stage addressee reachedAt respondBy escalatedBy { id } escalatedByName reason }`
	raiseStagedQ   = `mutation($in: RaiseAlertInput!) { raiseAlert(input: $in) { alert { ` + alertFields + ` } } }`
	escalateAlertQ = `mutation($id: ID!, $r: String!) { escalateAlert(input: {alertId: $id, reason: $r}) { alert { ` + alertFields + ` } } }`
)

// raiseStaged has a chair raise an alert on a child's case and returns it.
func raiseStaged(t *testing.T, s *apitest.Server, chair, childName, level string, extra map[string]any) map[string]any {
	t.Helper()
	in := map[string]any{"childId": childNamed(t, s, childName).ID, "level": level, "reason": "CARE_PLANNING",
		"details": "The plan has not been updated since the review.", "addressedTo": "SOCIAL_WORKER"}
	for k, v := range extra {
		in[k] = v
	}
	r := s.Query(s.Login(chair), raiseStagedQ, map[string]any{"in": in})
	a, _ := apitest.Path(r.Data, "raiseAlert", "alert").(map[string]any)
	if a == nil {
		t.Fatalf("raise: %s", r.Raw)
	}
	return a
}

// TestEscalateAlertThroughTheStages: Jamie's IRO raises an informal alert
// about one of Jamie's meetings and escalates it, stage by stage, to a
// referral to CAFCASS (Jamie is in care). Each step is dated with the
// chair's reason, restarts the clock with the stage's working days, opens
// the alert again for the authority's managers, and tells them through the
// outbox with ids only; past the last stage is refused.
func TestEscalateAlertThroughTheStages(t *testing.T) {
	s := apitest.New(t)
	jamie := childNamed(t, s, "Jamie")
	iro, manager := userID(t, s, "iro.demo"), userID(t, s, "manager.demo")
	m := s.Client().Meeting.Query().Where(meeting.ChildID(jamie.ID)).FirstX(apitest.System())
	a := raiseStaged(t, s, "iro.demo", "Jamie", "INFORMAL_ALERT", map[string]any{"meetingId": m.ID})
	id := a["id"].(string)
	cal := duedates.Calendar()
	today := civil.Today()
	if a["stage"] != "INFORMAL" || a["level"] != "INFORMAL_ALERT" || a["escalations"] != float64(0) || a["raisedByRole"] != "IRO" ||
		apitest.Path(a, "meeting", "id") != string(m.ID) || a["respondBy"] != string(cal.AddWorkingDays(today, 10)) ||
		a["respondBy"] != a["responseDueBy"] {
		t.Fatalf("raised: %v", a)
	}
	if h := a["stageHistory"].([]any); len(h) != 1 || apitest.Path(h[0], "stage") != "INFORMAL" ||
		apitest.Path(h[0], "escalatedBy") != nil || apitest.Path(h[0], "reason") != nil {
		t.Fatalf("history when raised: %v", h)
	}
	// The social worker responds; escalating opens it again.
	s.Query(s.Login("sw.demo"), respondAlertQ, map[string]any{"id": id, "t": "We will update it next month."})

	steps := []struct {
		stage string
		days  int
	}{{"FORMAL_TEAM_MANAGER", 5}, {"FORMAL_HEAD_OF_SERVICE", 10}, {"FORMAL_DIRECTOR", 10}, {"CAFCASS_REFERRAL", 20}}
	for i, step := range steps {
		why := "Still no updated plan: step " + step.stage
		r := s.Query(s.Login("iro.demo"), escalateAlertQ, map[string]any{"id": id, "r": why})
		got, _ := apitest.Path(r.Data, "escalateAlert", "alert").(map[string]any)
		if got == nil {
			t.Fatalf("escalate to %s: %s", step.stage, r.Raw)
		}
		if got["stage"] != step.stage || got["level"] != "FORMAL_ESCALATION" || got["status"] != "OPEN" ||
			got["addressedTo"] != "MANAGER" || got["escalations"] != float64(i+1) ||
			got["respondBy"] != string(cal.AddWorkingDays(today, step.days)) {
			t.Errorf("escalated to %s: %v", step.stage, got)
		}
		h := got["stageHistory"].([]any)
		last := h[len(h)-1].(map[string]any)
		if len(h) != i+2 || last["stage"] != step.stage || last["reason"] != why || last["escalatedByName"] != iro.DisplayName ||
			apitest.Path(last, "escalatedBy", "id") != string(iro.ID) || last["respondBy"] != got["respondBy"] ||
			last["addressee"] == "" || apitest.Path(h[0], "stage") != "INFORMAL" {
			t.Errorf("history after %s: %v", step.stage, h)
		}
		// The managers are told, once per escalation, with ids only.
		told := s.Client().Notification.Query().Where(notification.Kind(notify.AlertEscalated),
			notification.RecipientUserID(manager.ID)).AllX(apitest.System())
		if len(told) != i+1 || told[i].Payload["alertId"] != id || told[i].Payload["stage"] != step.stage {
			t.Fatalf("the manager was not told of the escalation to %s: %+v", step.stage, told)
		}
		msg := notify.Render(told[i])
		if strings.Contains(msg.Body, "Still no updated plan") || !strings.Contains(msg.Body, id) {
			t.Errorf("the email: %+v", msg)
		}
	}
	// A manager responds at the new stage, as the addressee.
	if r := s.Query(s.Login("manager.demo"), respondAlertQ, map[string]any{"id": id, "t": "CAFCASS have the referral."}); apitest.Path(r.Data, "respondToAlert", "alert", "status") != "RESPONDED" {
		t.Errorf("the manager responds at CAFCASS_REFERRAL: %s", r.Raw)
	}
	// Past the last stage: refused in plain words, nothing changes.
	r := s.Query(s.Login("iro.demo"), escalateAlertQ, map[string]any{"id": id, "r": "Further."})
	if r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Raw, "last stage") {
		t.Errorf("past the last stage: %s", r.Raw)
	}
	if got := s.Client().Alert.GetX(apitest.System(), ident.ID(id)); got.Stage != "CAFCASS_REFERRAL" || len(got.StageHistory) != 5 {
		t.Errorf("after the refusal: %s, %d steps", got.Stage, len(got.StageHistory))
	}
	// No reason, or one too long, is the client's to fix.
	other := raiseStaged(t, s, "iro.demo", "Jamie", "INFORMAL_ALERT", nil)["id"]
	for _, why := range []string{"  ", strings.Repeat("a", 4001)} {
		if r := s.Query(s.Login("iro.demo"), escalateAlertQ, map[string]any{"id": other, "r": why}); r.Code() != "BAD_USER_INPUT" {
			t.Errorf("reason %.10q: %s", why, r.Raw)
		}
	}
}

// TestEscalateAlertRefusals: only the chair who raised an alert escalates
// it; a resolved alert is not escalated; a child on a child protection
// plan only is never referred to CAFCASS; a formal escalation starts at the
// team manager's stage; the meeting must be the child's.
func TestEscalateAlertRefusals(t *testing.T) {
	s := apitest.New(t)
	// chair.demo raises a formal escalation on Ava's case (a child
	// protection plan only): it starts at the team manager's stage.
	a := raiseStaged(t, s, "chair.demo", "Ava", "FORMAL_ESCALATION", nil)
	id := a["id"].(string)
	if a["stage"] != "FORMAL_TEAM_MANAGER" || a["respondBy"] != string(duedates.Calendar().AddWorkingDays(civil.Today(), 5)) ||
		a["raisedByRole"] != "CP_CHAIR" {
		t.Fatalf("a formal escalation: %v", a)
	}
	// Not the chair who raised it: the addressee, a manager, an IRO not
	// allocated to Ava, a parent.
	for name, code := range map[string]string{"sw.demo": "FORBIDDEN", "manager.demo": "FORBIDDEN", "iro.demo": "NOT_FOUND",
		"parent.demo": "NOT_FOUND", "iro.other": "NOT_FOUND", "admin.demo": "NOT_FOUND"} {
		if r := s.Query(s.Login(name), escalateAlertQ, map[string]any{"id": id, "r": "Not mine to escalate."}); r.Code() != code {
			t.Errorf("%s escalates: %s", name, r.Raw)
		}
	}
	if got := s.Client().Alert.GetX(apitest.System(), ident.ID(id)); got.Stage != "FORMAL_TEAM_MANAGER" ||
		s.Client().Notification.Query().Where(notification.Kind(notify.AlertEscalated)).CountX(apitest.System()) != 0 {
		t.Fatalf("a refused escalation left a trace: %s", got.Stage)
	}
	// The chair takes it to the Director; CAFCASS is for children in care.
	for _, stage := range []string{"FORMAL_HEAD_OF_SERVICE", "FORMAL_DIRECTOR"} {
		r := s.Query(s.Login("chair.demo"), escalateAlertQ, map[string]any{"id": id, "r": "No progress."})
		if apitest.Path(r.Data, "escalateAlert", "alert", "stage") != stage {
			t.Fatalf("to %s: %s", stage, r.Raw)
		}
	}
	r := s.Query(s.Login("chair.demo"), escalateAlertQ, map[string]any{"id": id, "r": "Refer it."})
	if r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Raw, "CAFCASS") {
		t.Errorf("CAFCASS for a child on a child protection plan only: %s", r.Raw)
	}
	if got := s.Client().Alert.GetX(apitest.System(), ident.ID(id)); got.Stage != "FORMAL_DIRECTOR" {
		t.Errorf("after the CAFCASS refusal: %s", got.Stage)
	}
	// Resolved: not escalated.
	s.Query(s.Login("chair.demo"), resolveAlertQ, map[string]any{"id": id, "r": "The plan moved on."})
	if r := s.Query(s.Login("chair.demo"), escalateAlertQ, map[string]any{"id": id, "r": "Again."}); r.Code() != "BAD_USER_INPUT" ||
		!strings.Contains(r.Raw, "resolved") {
		t.Errorf("escalating a resolved alert: %s", r.Raw)
	}
	// A meeting of another child is not this alert's.
	jamie := childNamed(t, s, "Jamie")
	m := s.Client().Meeting.Query().Where(meeting.ChildID(jamie.ID)).FirstX(apitest.System())
	in := map[string]any{"childId": childNamed(t, s, "Ava").ID, "level": "INFORMAL_ALERT", "reason": "DRIFT_OR_DELAY",
		"addressedTo": "SOCIAL_WORKER", "meetingId": m.ID}
	if r := s.Query(s.Login("chair.demo"), raiseStagedQ, map[string]any{"in": in}); r.Code() != "BAD_USER_INPUT" ||
		!strings.Contains(r.Raw, "meetingId") {
		t.Errorf("an alert about another child's meeting: %s", r.Raw)
	}
	if n := s.Client().Alert.Query().Where(alert.ChildID(childNamed(t, s, "Ava").ID), alert.MeetingIDNotNil()).CountX(apitest.System()); n != 0 {
		t.Errorf("%d alerts on Ava's case stored with a meeting", n)
	}
}

// TestAlertRespondByBankHoliday: raised on Friday 19 December 2025 at the
// team manager's stage (5 working days), a response is due on Tuesday 30
// December: Christmas Day, Boxing Day and the weekend do not count.
// Escalated the same day to the head of service (10 working days): due
// Wednesday 7 January 2026, New Year's Day left out. A manager's settings
// change the clock for what is raised or escalated from then on.
func TestAlertRespondByBankHoliday(t *testing.T) {
	s := apitest.New(t)
	friday := time.Date(2025, 12, 19, 10, 0, 0, 0, time.UTC)
	s.App.Alerts.Clock = func() time.Time { return friday }
	a := raiseStaged(t, s, "chair.demo", "Ava", "FORMAL_ESCALATION", nil)
	if a["respondBy"] != "2025-12-30" {
		t.Errorf("team manager's stage from 19 Dec: due %v, want 2025-12-30", a["respondBy"])
	}
	r := s.Query(s.Login("chair.demo"), escalateAlertQ, map[string]any{"id": a["id"], "r": "No answer before Christmas."})
	if got := apitest.Path(r.Data, "escalateAlert", "alert", "respondBy"); got != "2026-01-07" {
		t.Errorf("head of service from 19 Dec: due %v, want 2026-01-07: %s", got, r.Raw)
	}
	// Worked by the calendar Kite uses.
	if d := timescales.DueAfterWorkingDays(duedates.Calendar(), civil.MustParse("2025-12-19"), 5); d != "2025-12-30" {
		t.Errorf("the calendar says %s", d)
	}

	// The manager gives the Director 3 working days.
	manager := s.Login("manager.demo")
	set := `mutation($in: UpdateAuthoritySettingsInput!) { updateAuthoritySettings(input: $in) { settings {
		alertInformalWorkingDays alertTeamManagerWorkingDays alertHeadOfServiceWorkingDays alertDirectorWorkingDays alertCafcassWorkingDays } } }`
	r = s.Query(manager, set, map[string]any{"in": map[string]any{"alertDirectorWorkingDays": 3}})
	if got := apitest.Path(r.Data, "updateAuthoritySettings", "settings").(map[string]any); got["alertDirectorWorkingDays"] != float64(3) ||
		got["alertInformalWorkingDays"] != float64(10) || got["alertTeamManagerWorkingDays"] != float64(5) ||
		got["alertHeadOfServiceWorkingDays"] != float64(10) || got["alertCafcassWorkingDays"] != float64(20) {
		t.Errorf("settings: %s", r.Raw)
	}
	for field, n := range map[string]int{"alertInformalWorkingDays": 0, "alertCafcassWorkingDays": 61} {
		r := s.Query(manager, set, map[string]any{"in": map[string]any{field: n}})
		if r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Raw, field) {
			t.Errorf("%s = %d: %s", field, n, r.Raw)
		}
	}
	if r := s.Query(s.Login("chair.demo"), set, map[string]any{"in": map[string]any{"alertDirectorWorkingDays": 1}}); r.Code() != "FORBIDDEN" {
		t.Errorf("a chair changes the settings: %s", r.Raw)
	}
	// Mon 22 (1), Tue 23 (2), Wed 24 (3).
	r = s.Query(s.Login("chair.demo"), escalateAlertQ, map[string]any{"id": a["id"], "r": "Still nothing."})
	if got := apitest.Path(r.Data, "escalateAlert", "alert", "respondBy"); got != "2025-12-24" {
		t.Errorf("the Director's stage with 3 working days: due %v: %s", got, r.Raw)
	}
}

// TestAlertFiguresByStage: authorityFigures counts alerts by the furthest
// stage reached and by who raised them, and the escalations by stage, from
// what the chairs did through the API (and the demo's alert on Jamie's
// case, escalated once to the team manager).
func TestAlertFiguresByStage(t *testing.T) {
	s := apitest.New(t)
	a := raiseStaged(t, s, "chair.demo", "Ava", "INFORMAL_ALERT", nil)
	for range 2 {
		s.Query(s.Login("chair.demo"), escalateAlertQ, map[string]any{"id": a["id"], "r": "No progress."})
	}
	raiseStaged(t, s, "iro.demo", "Jamie", "FORMAL_ESCALATION", nil)
	q := `query($from: Date!, $to: Date!) { authorityFigures(from: $from, to: $to) { alerts {
		total escalations byStageReached { key count } byRaiserRole { key count } byReasonFromCPChairs { key count }
		escalationsByStage { key count } escalationsByRaiserRole { key count } } } }`
	r := s.Query(s.Login("manager.demo"), q, map[string]any{"from": string(s.Today.AddYears(-2)), "to": string(s.Today)})
	got := map[string]float64{}
	for _, list := range []string{"byStageReached", "byRaiserRole", "byReasonFromCPChairs", "escalationsByStage", "escalationsByRaiserRole"} {
		rows, _ := apitest.Path(r.Data, "authorityFigures", "alerts", list).([]any)
		for _, row := range rows {
			got[list+"."+apitest.Path(row, "key").(string)] = apitest.Path(row, "count").(float64)
		}
	}
	for key, want := range map[string]float64{
		// Ava's at the head of service; Jamie's new one at the team manager, and the demo's too.
		"byStageReached.INFORMAL": 0, "byStageReached.FORMAL_TEAM_MANAGER": 2, "byStageReached.FORMAL_HEAD_OF_SERVICE": 1,
		"byRaiserRole.IRO": 2, "byRaiserRole.CP_CHAIR": 1, "byReasonFromCPChairs.CARE_PLANNING": 1,
		// Ava's twice, the demo's once.
		"escalationsByStage.FORMAL_TEAM_MANAGER": 2, "escalationsByStage.FORMAL_HEAD_OF_SERVICE": 1,
		"escalationsByRaiserRole.CP_CHAIR": 2, "escalationsByRaiserRole.IRO": 1,
	} {
		if got[key] != want {
			t.Errorf("%s = %v, want %v: %s", key, got[key], want, r.Raw)
		}
	}
	if apitest.Path(r.Data, "authorityFigures", "alerts", "total") != float64(3) ||
		apitest.Path(r.Data, "authorityFigures", "alerts", "escalations") != float64(3) {
		t.Errorf("totals: %s", r.Raw)
	}
}
