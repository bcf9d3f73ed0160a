package graph_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"kite/ent/user"
	"kite/internal/accesstest"
	"kite/internal/apitest"
	"kite/internal/ident"
)

const (
	setHoursQ  = `mutation($in: SetWorkingHoursInput!) { setWorkingHours(input: $in) { user { id workingHours { day starts ends } } } }`
	officeQ    = `mutation($in: SetOfficeHoursInput!) { setOfficeHours(input: $in) { authority { id officeHours { day starts ends } } } }`
	monToThuIn = `[{"day":"MONDAY","starts":"09:00","ends":"17:00"},{"day":"TUESDAY","starts":"09:00","ends":"17:00"},` +
		`{"day":"WEDNESDAY","starts":"09:00","ends":"17:00"},{"day":"THURSDAY","starts":"09:00","ends":"17:00"}]`
)

// TestWorkingHours: a member of staff sets their own hours; the child they
// work with sees them; the authority's office hours are Monday to Friday,
// 9am to 5pm until a manager sets them; bad hours are refused by name.
func TestWorkingHours(t *testing.T) {
	s := apitest.New(t)
	iro := s.Login("iro.demo")
	days := []map[string]any{{"day": "THURSDAY", "starts": "09:30", "ends": "16:00"}, {"day": "MONDAY", "starts": "09:00", "ends": "17:00"}}
	r := s.Query(iro, setHoursQ, map[string]any{"in": map[string]any{"days": days}})
	got := apitest.Path(r.Data, "setWorkingHours", "user", "workingHours")
	if fmt.Sprint(got) != "[map[day:MONDAY ends:17:00 starts:09:00] map[day:THURSDAY ends:16:00 starts:09:30]]" {
		t.Fatalf("set own hours: %s", r.Raw)
	}
	if r := s.Query(iro, `{ me { workingHours { day } } }`, nil); len(apitest.Path(r.Data, "me", "workingHours").([]any)) != 2 {
		t.Errorf("me: %s", r.Raw)
	}
	child := s.Login("child.demo")
	jamie := childNamed(t, s, "Jamie")
	r = s.Query(child, `query($id: ID!) { child(id: $id) { chair { name roleLabel workingPattern workingHours { day starts ends } }
		authority { officeHours { day starts ends } } } }`, map[string]any{"id": jamie.ID})
	if apitest.Path(r.Data, "child", "chair", "workingHours", 1, "starts") != "09:30" ||
		apitest.Path(r.Data, "child", "chair", "roleLabel") != "IRO (Independent Reviewing Officer)" ||
		apitest.Path(r.Data, "child", "chair", "workingPattern") == nil {
		t.Errorf("the child's view of their IRO: %s", r.Raw)
	}
	office := apitest.Path(r.Data, "child", "authority", "officeHours").([]any)
	if len(office) != 5 || apitest.Path(office[0], "day") != "MONDAY" || apitest.Path(office[4], "ends") != "17:00" {
		t.Errorf("default office hours: %v", office)
	}
	// Unknown again: an empty list.
	if r := s.Query(iro, setHoursQ, map[string]any{"in": map[string]any{"days": []any{}}}); apitest.Path(r.Data, "setWorkingHours", "user", "workingHours") != nil {
		t.Errorf("clearing: %s", r.Raw)
	}
	// A manager sets the office hours.
	r = s.Query(s.Login("manager.demo"), officeQ, map[string]any{"in": map[string]any{"days": []map[string]any{{"day": "SATURDAY", "starts": "10:00", "ends": "12:00"}}}})
	if apitest.Path(r.Data, "setOfficeHours", "authority", "officeHours", 0, "day") != "SATURDAY" {
		t.Errorf("office hours: %s", r.Raw)
	}
	bad := []struct {
		days  any
		field string
	}{
		{[]map[string]any{{"day": "MONDAY", "starts": "9am", "ends": "17:00"}}, "days[0].starts"},
		{[]map[string]any{{"day": "MONDAY", "starts": "09:00", "ends": "08:00"}}, "days[0].ends"},
		{[]map[string]any{{"day": "MONDAY", "starts": "09:00", "ends": "17:00"}, {"day": "MONDAY", "starts": "18:00", "ends": "19:00"}}, "days[1].day"},
		{[]map[string]any{{"day": "MONDAY", "starts": "09:00", "ends": "25:00"}}, "days[0].ends"},
	}
	for _, b := range bad {
		r := s.Query(iro, setHoursQ, map[string]any{"in": map[string]any{"days": b.days}})
		if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != b.field {
			t.Errorf("%v: %s", b.days, r.Raw)
		}
	}
	if r := s.Query(s.Login("manager.demo"), officeQ, map[string]any{"in": map[string]any{"days": []any{}}}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("no office hours at all: %s", r.Raw)
	}
}

// TestWorkingHoursMatrix: every account sets the working hours of every
// account (and its own), and the office hours of its authority; what is
// allowed is compared with the oracle, and a refused change stores nothing.
func TestWorkingHoursMatrix(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	names := slices.Sorted(maps.Keys(tokens))
	ctx := apitest.System()
	hoursOf := func(id any) string {
		return fmt.Sprint(s.Client().User.Query().Where(user.ID(ident.ID(id.(string)))).OnlyX(ctx).WorkingHours)
	}
	n := 0
	try := func(name string, staffID any, want bool) {
		t.Helper()
		n++
		in := map[string]any{"days": []map[string]any{{"day": "FRIDAY", "starts": fmt.Sprintf("%02d:%02d", n/60%24, n%60), "ends": "23:30"}}}
		target := staffID
		if staffID != nil {
			in["staffId"] = staffID
		} else if v := viewerOf(w, name); v != nil {
			target = string(v.UserID)
		}
		before := ""
		if target != nil {
			before = hoursOf(target)
		}
		r := s.Query(tokens[name], setHoursQ, map[string]any{"in": in})
		changed := target != nil && hoursOf(target) != before
		refusal := r.Code() == "FORBIDDEN" || r.Code() == "NOT_FOUND" || (name == "" && r.Code() == "UNAUTHENTICATED")
		switch {
		case want && (len(r.Errors) > 0 || !changed):
			t.Errorf("%s sets the hours of %v: docs/access.md allows it: %s", who(name), target, r.Raw)
		case !want && (!refusal || changed):
			t.Errorf("%s sets the hours of %v: docs/access.md refuses it: %s", who(name), target, r.Raw)
		}
	}
	for _, name := range names {
		v := viewerOf(w, name)
		for _, u := range w.Users {
			try(name, string(u.ID), accesstest.MaySetWorkingHours(v, u))
		}
		if v != nil {
			self := worldUsers(w.Users).byName(name)
			try(name, nil, accesstest.MaySetWorkingHours(v, self))
		}
		// Office hours: the viewer's own authority (there is no way to name another).
		before := fmt.Sprint(s.Client().LocalAuthority.Query().AllX(ctx))
		n++
		r := s.Query(tokens[name], officeQ, map[string]any{"in": map[string]any{"days": []map[string]any{
			{"day": "MONDAY", "starts": fmt.Sprintf("%02d:%02d", n/60%24, n%60), "ends": "23:30"}}}})
		changed := fmt.Sprint(s.Client().LocalAuthority.Query().AllX(ctx)) != before
		want := v != nil && accesstest.MaySetOfficeHours(v, v.AuthorityID)
		if want != (len(r.Errors) == 0 && changed) || (!want && changed) {
			t.Errorf("%s sets the office hours: allowed %v, want %v: %s", who(name), len(r.Errors) == 0, want, r.Raw)
		}
	}
}
