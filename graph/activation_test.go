package graph_test

import (
	"fmt"
	"testing"
	"time"

	"kite/ent/invitation"
	"kite/internal/apitest"
)

func inviteLeo(t *testing.T, s *apitest.Server) string {
	t.Helper()
	manager := mustLogin(t, s, "manager.demo")
	r := s.Query(manager.access, inviteMutation, map[string]any{"in": map[string]any{"childId": childNamed(t, s, "Leo").ID, "role": "CHILD", "displayName": "Leo"}})
	code, _ := apitest.Path(r.Data, "createInvitation", "code").(string)
	if code == "" {
		t.Fatalf("invite: %s", r.Raw)
	}
	return code
}

// TestActivationWithoutAValidCodeSaysNothingOfUsernames: a wrong code gets
// the same answer whether the username is taken or free, and each try
// counts towards the throttle.
func TestActivationWithoutAValidCodeSaysNothingOfUsernames(t *testing.T) {
	s := apitest.New(t)
	inviteLeo(t, s)
	answer := func(username string) string {
		r := s.QueryFrom("198.51.100.9:4000", "", activateMutation,
			map[string]any{"c": "AAAA-BBBB-CCCC-DDDD", "u": username, "p": "velvet harbour lantern"})
		if len(r.Errors) != 1 {
			t.Fatalf("%s: %s", username, r.Raw)
		}
		e := r.Errors[0]
		return fmt.Sprintf("%v %v %v", e.Extensions["code"], e.Extensions["field"], e.Message)
	}
	taken, free := answer("child.demo"), answer("nobody.has.this")
	if taken != free {
		t.Fatalf("a wrong code tells a taken username from a free one:\ntaken: %s\nfree:  %s", taken, free)
	}
	var last string
	for i := 0; i < 6; i++ {
		last = answer(fmt.Sprintf("name%d", i))
	}
	if last[:len("RATE_LIMITED")] != "RATE_LIMITED" {
		t.Fatalf("wrong codes are not counted: %s", last)
	}
}

// TestActivationCodeAllowsOnlyAFewTakenUsernames: the holder of a valid code
// hears "taken" a few times, then is held back — from one address or many —
// so one code cannot list the usernames in use; the code is not spent and
// still works afterwards.
func TestActivationCodeAllowsOnlyAFewTakenUsernames(t *testing.T) {
	taken := []string{"child.demo", "child2.demo", "parent.demo", "iro.demo", "chair.demo", "sw.demo"}
	for name, addr := range map[string]func(i int) string{
		"one address":    func(int) string { return "198.51.100.7:4000" },
		"many addresses": func(i int) string { return fmt.Sprintf("203.0.113.%d:4000", i+1) },
	} {
		t.Run(name, func(t *testing.T) {
			s := apitest.New(t)
			code := inviteLeo(t, s)
			try := func(i int, username string) *apitest.Response {
				return s.QueryFrom(addr(i), "", activateMutation, map[string]any{"c": code, "u": username, "p": "velvet harbour lantern"})
			}
			for i, u := range taken[:5] {
				if r := try(i, u); r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "username" {
					t.Fatalf("taken username %s: %s", u, r.Raw)
				}
			}
			if r := try(5, taken[5]); r.Code() != "RATE_LIMITED" {
				t.Fatalf("a sixth taken username in a row: %s", r.Raw)
			}
			if s.Client().Invitation.Query().Where(invitation.UsedAtNotNil()).ExistX(apitest.System()) {
				t.Fatal("trying taken usernames spent the code")
			}
			time.Sleep(1100 * time.Millisecond) // the first wait is a second
			if r := try(6, "leo.new"); len(r.Errors) > 0 {
				t.Fatalf("the code after the wait: %s", r.Raw)
			}
		})
	}
}
