package graph_test

import (
	"fmt"
	"math"
	"testing"

	"kite/ent/user"
	"kite/internal/accesstest"
	"kite/internal/apitest"
	"kite/internal/domain"
	"kite/internal/ident"
)

const setFTEQ = `mutation($in: SetFullTimeEquivalentInput!) { setFullTimeEquivalent(input: $in) { user { id fullTimeEquivalent } } }`

// TestFullTimeEquivalent: a member of staff records their own full-time
// equivalent and a manager records an IRO's; a value outside 0.1 to 1 is
// refused by name and changes nothing. The IRO's caseload range in
// iroCaseloads and authorityFigures scales with it: 40 children are below a
// full-time IRO's range (50 to 70) and above a half-time IRO's (25 to 35),
// and the average per full-time IRO divides by the full-time equivalents.
func TestFullTimeEquivalent(t *testing.T) {
	s := apitest.New(t)
	iro, manager := s.Login("iro.demo"), s.Login("manager.demo")
	iroID := string(userID(t, s, "iro.demo").ID)
	fteOf := func() any {
		r := s.Query(iro, `{ me { fullTimeEquivalent } }`, nil)
		return apitest.Path(r.Data, "me", "fullTimeEquivalent")
	}
	if got := fteOf(); got != nil {
		t.Fatalf("a full-time equivalent before any is recorded: %v", got)
	}
	// Staff do not set their own: it scales the range they are judged by.
	if r := s.Query(iro, setFTEQ, map[string]any{"in": map[string]any{"fullTimeEquivalent": 0.8}}); r.Code() != "FORBIDDEN" || fteOf() != nil {
		t.Fatalf("an IRO sets their own full-time equivalent: %s", r.Raw)
	}
	r := s.Query(manager, setFTEQ, map[string]any{"in": map[string]any{"staffId": iroID, "fullTimeEquivalent": 0.8}})
	if apitest.Path(r.Data, "setFullTimeEquivalent", "user", "fullTimeEquivalent") != 0.8 ||
		apitest.Path(r.Data, "setFullTimeEquivalent", "user", "id") != iroID {
		t.Fatalf("a manager sets the IRO's: %s", r.Raw)
	}
	if r := s.Query(manager, setFTEQ, map[string]any{"in": map[string]any{"fullTimeEquivalent": 0.9}}); apitest.Path(r.Data, "setFullTimeEquivalent", "user", "fullTimeEquivalent") != 0.9 {
		t.Fatalf("a manager sets their own: %s", r.Raw)
	}
	for _, bad := range []any{0.05, 0, -0.5, 1.01, 5} {
		r := s.Query(manager, setFTEQ, map[string]any{"in": map[string]any{"staffId": iroID, "fullTimeEquivalent": bad}})
		if r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "fullTimeEquivalent" {
			t.Errorf("%v: %s", bad, r.Raw)
		}
	}
	if got := fteOf(); got != 0.8 {
		t.Fatalf("a refused value changed the full-time equivalent to %v", got)
	}
	// The ends of the range are allowed.
	for _, ok := range []float64{0.1, 1} {
		r := s.Query(manager, setFTEQ, map[string]any{"in": map[string]any{"staffId": iroID, "fullTimeEquivalent": ok}})
		if apitest.Path(r.Data, "setFullTimeEquivalent", "user", "fullTimeEquivalent") != ok {
			t.Errorf("%v: %s", ok, r.Raw)
		}
	}
	// Null: not recorded again.
	if r := s.Query(manager, setFTEQ, map[string]any{"in": map[string]any{"staffId": iroID, "fullTimeEquivalent": nil}}); len(r.Errors) > 0 || fteOf() != nil {
		t.Fatalf("clearing: %s", r.Raw)
	}
	// Children and parents have no working pattern: the manager sees the
	// child's account but may not give it one.
	child := string(userID(t, s, "child.demo").ID)
	if r := s.Query(manager, setFTEQ, map[string]any{"in": map[string]any{"staffId": child, "fullTimeEquivalent": 0.5}}); r.Code() != "FORBIDDEN" {
		t.Errorf("a manager sets a child's full-time equivalent: %s", r.Raw)
	}

	// 40 children for iro.demo.
	const children = 40
	loadsQ := `query($to: Date!) {
		iroCaseloads { staff { id fullTimeEquivalent } children band caseloadBand fullTimeEquivalent rangeFrom rangeTo }
		authorityFigures(from: $to, to: $to) { caseloads { staffId children band caseloadBand fullTimeEquivalent rangeFrom rangeTo }
		  averageCaseload averageCaseloadPerFullTime caseloadsByMonth { iros fullTimeEquivalent children average averagePerFullTime } } }`
	vars := map[string]any{"to": string(s.Today)}
	have := 0
	for _, c := range apitest.Path(s.Query(manager, loadsQ, vars).Data, "iroCaseloads").([]any) {
		if apitest.Path(c, "staff", "id") == iroID {
			have = int(apitest.Path(c, "children").(float64))
		}
	}
	ctx, c := apitest.System(), s.Client()
	me := userID(t, s, "iro.demo")
	for i := have; i < children; i++ {
		ch := c.Child.Create().SetAuthorityID(me.AuthorityID).SetPreferredName(fmt.Sprintf("Caseload %d", i)).
			SetStatus(domain.InCare).SetBecameLookedAfterOn(s.Today.AddMonths(-3)).SaveX(ctx)
		c.Allocation.Create().SetAuthorityID(me.AuthorityID).SetChildID(ch.ID).SetStaffID(me.ID).
			SetKind(domain.AllocIRO).SetStartsOn(s.Today.AddMonths(-3)).ExecX(ctx)
	}

	for _, tc := range []struct {
		fte                any // as set; nil: not recorded
		band, old, oldFigs string
		counted, from, to  float64
		staffFTE           any
	}{
		{nil, "BELOW_RANGE", "UNDER_50", "UNDER_50", 1, 50, 70, nil},
		{0.5, "ABOVE_RANGE", "OVER_70", "OVER_70", 0.5, 25, 35, 0.5},
		{0.6, "WITHIN_RANGE", "WITHIN_50_TO_70", "FROM_50_TO_70", 0.6, 30, 42, 0.6},
	} {
		if r := s.Query(manager, setFTEQ, map[string]any{"in": map[string]any{"staffId": iroID, "fullTimeEquivalent": tc.fte}}); len(r.Errors) > 0 {
			t.Fatalf("%v: %s", tc.fte, r.Raw)
		}
		r := s.Query(manager, loadsQ, vars)
		if len(r.Errors) > 0 {
			t.Fatal(r.Raw)
		}
		var found bool
		for _, l := range apitest.Path(r.Data, "iroCaseloads").([]any) {
			if apitest.Path(l, "staff", "id") != iroID {
				continue
			}
			found = true
			if got := fmt.Sprint(apitest.Path(l, "children"), apitest.Path(l, "caseloadBand"), apitest.Path(l, "band"),
				apitest.Path(l, "fullTimeEquivalent"), apitest.Path(l, "rangeFrom"), apitest.Path(l, "rangeTo"),
				apitest.Path(l, "staff", "fullTimeEquivalent")); got != fmt.Sprint(children, tc.band, tc.old, tc.counted, tc.from, tc.to, tc.staffFTE) {
				t.Errorf("fte %v: iroCaseloads %s", tc.fte, got)
			}
		}
		if !found {
			t.Fatalf("iro.demo is not in iroCaseloads: %s", r.Raw)
		}
		// authorityFigures: the same caseload, and averages per full-time IRO
		// over every IRO's full-time equivalent.
		found = false
		var sum, fte float64
		for _, l := range apitest.Path(r.Data, "authorityFigures", "caseloads").([]any) {
			sum += apitest.Path(l, "children").(float64)
			fte += apitest.Path(l, "fullTimeEquivalent").(float64)
			if apitest.Path(l, "staffId") != iroID {
				continue
			}
			found = true
			if got := fmt.Sprint(apitest.Path(l, "children"), apitest.Path(l, "caseloadBand"), apitest.Path(l, "band"),
				apitest.Path(l, "fullTimeEquivalent"), apitest.Path(l, "rangeFrom"), apitest.Path(l, "rangeTo")); got != fmt.Sprint(children, tc.band, tc.oldFigs, tc.counted, tc.from, tc.to) {
				t.Errorf("fte %v: authorityFigures %s", tc.fte, got)
			}
		}
		if !found {
			t.Fatalf("iro.demo is not in the figures: %s", r.Raw)
		}
		perFTE := math.Round(sum/fte*10) / 10
		month := apitest.Path(r.Data, "authorityFigures", "caseloadsByMonth", 0)
		if apitest.Path(r.Data, "authorityFigures", "averageCaseloadPerFullTime") != perFTE ||
			apitest.Path(month, "averagePerFullTime") != perFTE || apitest.Path(month, "fullTimeEquivalent") != math.Round(fte*100)/100 ||
			apitest.Path(month, "children") != sum {
			t.Errorf("fte %v: %v children over %v full-time equivalents: %s", tc.fte, sum, fte, r.Raw)
		}
	}
}

// TestFullTimeEquivalentMatrix: every account sets the full-time equivalent
// of every account (and its own); what is allowed is compared with the
// oracle (the same people as working hours), and a refused change stores
// nothing.
func TestFullTimeEquivalentMatrix(t *testing.T) {
	s, w := matrixServer(t)
	tokens := everyone(t, s, w)
	ctx := apitest.System()
	fteOf := func(id string) string {
		if f := s.Client().User.Query().Where(user.ID(ident.ID(id))).OnlyX(ctx).FullTimeEquivalent; f != nil {
			return fmt.Sprint(*f)
		}
		return "not recorded"
	}
	n := 0
	try := func(name string, staffID *string, want bool) {
		t.Helper()
		n++
		// A value no account has yet, so that a change shows.
		in := map[string]any{"fullTimeEquivalent": 0.1 + float64(n%90)/100}
		target := ""
		if staffID != nil {
			in["staffId"], target = *staffID, *staffID
		} else if v := viewerOf(w, name); v != nil {
			target = string(v.UserID)
		}
		before := ""
		if target != "" {
			before = fteOf(target)
		}
		r := s.Query(tokens[name], setFTEQ, map[string]any{"in": in})
		changed := target != "" && fteOf(target) != before
		refusal := r.Code() == "FORBIDDEN" || r.Code() == "NOT_FOUND" || (name == "" && r.Code() == "UNAUTHENTICATED")
		switch {
		case want && (len(r.Errors) > 0 || !changed):
			t.Errorf("%s sets the full-time equivalent of %v: docs/access.md allows it: %s", who(name), target, r.Raw)
		case !want && (!refusal || changed):
			t.Errorf("%s sets the full-time equivalent of %v: docs/access.md refuses it: %s", who(name), target, r.Raw)
		}
	}
	for _, name := range sortedNames(tokens) {
		v := viewerOf(w, name)
		for _, u := range w.Users {
			id := string(u.ID)
			try(name, &id, accesstest.MaySetFullTimeEquivalent(v, u))
		}
		if v != nil {
			try(name, nil, accesstest.MaySetFullTimeEquivalent(v, worldUsers(w.Users).byName(name)))
		}
	}
}
