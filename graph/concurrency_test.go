package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"kite/ent/user"
	"kite/ent/wishesandfeelings"
	"kite/internal/apitest"
	"kite/internal/civil"
	"kite/internal/demo"
	"kite/internal/domain"
	"kite/internal/ident"
)

// TestHundredConcurrentSubmissions: 100 children each send their views at
// the same moment. Every one succeeds — on SQLite, no "database is locked";
// on PostgreSQL (KITE_TEST_POSTGRES) no serialization or pool failure —
// and 100 are stored.
func TestHundredConcurrentSubmissions(t *testing.T) {
	const children = 100
	s := apitest.New(t)
	// System context: the test makes accounts below the access rules.
	sys := apitest.System()
	childDemo := s.Client().User.Query().Where(user.Username("child.demo")).OnlyX(sys)

	// 100 children of Demo Borough, 12 years old, each with a CHILD account
	// that signs in with the demo password (child.demo's stored hash).
	tx, err := s.Client().Tx(sys)
	if err != nil {
		t.Fatal(err)
	}
	born := civil.Today().AddYears(-12)
	childIDs := make([]ident.ID, children)
	for i := range children {
		u, err := tx.User.Create().SetAuthorityID(childDemo.AuthorityID).SetUsername(fmt.Sprintf("load.child.%d", i)).
			SetRole(domain.RoleChild).SetDisplayName(fmt.Sprintf("Child %d", i)).SetPasswordHash(childDemo.PasswordHash).
			SetActive(true).Save(sys)
		if err != nil {
			t.Fatal(err)
		}
		c, err := tx.Child.Create().SetAuthorityID(childDemo.AuthorityID).SetPreferredName(fmt.Sprintf("Child %d", i)).
			SetStatus(domain.InCare).SetBecameLookedAfterOn(born.AddYears(10)).SetUserID(u.ID).Save(sys)
		if err != nil {
			t.Fatal(err)
		}
		if err := tx.ChildIdentity.Create().SetAuthorityID(childDemo.AuthorityID).SetChildID(c.ID).
			SetLegalName(fmt.Sprintf("Child Number %d", i)).SetDateOfBirth(born).Exec(sys); err != nil {
			t.Fatal(err)
		}
		childIDs[i] = c.ID
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}

	// Each child signs in (logins run side by side too; hashing queues, one hash per two cores).
	tokens := make([]string, children)
	var wg sync.WaitGroup
	errs := make(chan string, 2*children)
	for i := range children {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data, err := post(s, "", `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { accessToken } }`,
				map[string]any{"u": fmt.Sprintf("load.child.%d", i), "p": demo.Password})
			if err != "" {
				errs <- fmt.Sprintf("login %d: %s", i, err)
				return
			}
			tokens[i], _ = apitest.Path(data, "login", "accessToken").(string)
		}()
	}
	wg.Wait()
	failIf(t, errs)

	// The burst: every request waits at the gate, then all go at once.
	gate := make(chan struct{})
	started := time.Now()
	for i := range children {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			data, err := post(s, tokens[i], submitMutation, map[string]any{"in": map[string]any{
				"childId": childIDs[i], "idempotencyKey": fmt.Sprintf("burst-%d", i), "shareWith": "CHAIR_AND_SOCIAL_WORKER",
				"answers": []map[string]any{{"questionKey": "going_well", "value": "School is going well."}},
			}})
			if err != "" {
				errs <- fmt.Sprintf("submit %d: %s", i, err)
				return
			}
			if status := apitest.Path(data, "submitWishesAndFeelings", "submission", "status"); status != "SUBMITTED" {
				errs <- fmt.Sprintf("submit %d: status %v", i, status)
			}
		}()
	}
	close(gate)
	wg.Wait()
	t.Logf("%d concurrent submissions on %s in %s", children, s.Store.Dialect, time.Since(started).Round(time.Millisecond))
	failIf(t, errs)

	n := s.Client().WishesAndFeelings.Query().
		Where(wishesandfeelings.ChildIDIn(childIDs...), wishesandfeelings.StatusEQ(domain.Submitted)).CountX(sys)
	if n != children {
		t.Fatalf("%d submissions stored, want %d", n, children)
	}
}

// post sends one GraphQL request through the in-process handler, safely
// from any goroutine (no t.Fatal), and returns the data or an error message.
func post(s *apitest.Server, token, query string, vars map[string]any) (map[string]any, string) {
	req := s.Request(token, query, vars)
	ctx, cancel := context.WithTimeout(req.Context(), 20*time.Second)
	defer cancel()
	rec := httptest.NewRecorder()
	s.Handler.ServeHTTP(rec, req.WithContext(ctx))
	var body struct {
		Data   map[string]any `json:"data"`
		Errors []any          `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != 200 || len(body.Errors) > 0 {
		return nil, fmt.Sprintf("%d %s", rec.Code, strings.TrimSpace(rec.Body.String()))
	}
	return body.Data, ""
}

// failIf fails the test with every message sent to errs so far.
func failIf(t *testing.T, errs chan string) {
	t.Helper()
	var all []string
	for {
		select {
		case e := <-errs:
			all = append(all, e)
		default:
			if len(all) > 0 {
				t.Fatalf("%d failed:\n%s", len(all), strings.Join(all, "\n"))
			}
			return
		}
	}
}
