package graph_test

import (
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
