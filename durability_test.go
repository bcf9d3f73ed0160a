package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kite/ent/privacy"
	"kite/ent/wishesandfeelings"
	"kite/internal/demo"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/store"
	"kite/internal/testdb"
)

// client talks to a server process, never waiting long.
var client = &http.Client{Timeout: 10 * time.Second}

// gqlResult is a decoded GraphQL response.
type gqlResult struct {
	Data   map[string]any
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
}

// call posts a GraphQL operation, with a bearer token unless token is "".
func call(base, token, query string, vars map[string]any) (*gqlResult, error) {
	header := http.Header{}
	if token != "" {
		header.Set("Authorization", "Bearer "+token)
	}
	return post(base, header, query, vars)
}

// post posts a GraphQL operation with header.
func post(base string, header http.Header, query string, vars map[string]any) (*gqlResult, error) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, base+"/query", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header = header
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out gqlResult
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("status %d: %w", resp.StatusCode, err)
	}
	if len(out.Errors) > 0 {
		return &out, fmt.Errorf("graphql errors: %+v", out.Errors)
	}
	return &out, nil
}

// mustCall is call, failing the test on any error.
func mustCall(t *testing.T, base, token, query string, vars map[string]any) map[string]any {
	t.Helper()
	out, err := call(base, token, query, vars)
	if err != nil {
		t.Fatalf("%s: %v", strings.Fields(query)[0], err)
	}
	return out.Data
}

// loginChild signs in as a demo child and returns the access token and the
// child's id.
func loginChild(t *testing.T, base, username string) (token, childID string) {
	t.Helper()
	data := mustCall(t, base, "", `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { accessToken } }`,
		map[string]any{"u": username, "p": demo.Password})
	token = data["login"].(map[string]any)["accessToken"].(string)
	data = mustCall(t, base, token, `{ me { child { id } } }`, nil)
	return token, data["me"].(map[string]any)["child"].(map[string]any)["id"].(string)
}

const submitViews = `mutation($in: SubmitWishesAndFeelingsInput!) { submitWishesAndFeelings(input: $in) { submission { id status } } }`

// submitOnce sends one submission and returns its id once the server has
// answered that it was submitted.
func submitOnce(base, token, childID, key string) (string, error) {
	out, err := call(base, token, submitViews, map[string]any{"in": map[string]any{
		"childId": childID, "idempotencyKey": key, "shareWith": "CHAIR_AND_SOCIAL_WORKER",
		"answers": []map[string]any{{"questionKey": "going_well", "value": "Football went well (" + key + ")."}},
	}})
	if err != nil {
		return "", err
	}
	sub, _ := out.Data["submitWishesAndFeelings"].(map[string]any)["submission"].(map[string]any)
	if sub["status"] != "SUBMITTED" {
		return "", fmt.Errorf("submission answered %v", out.Data)
	}
	return sub["id"].(string), nil
}

// TestKill9KeepsAcknowledgedSubmissions: each round signs in as child.demo,
// has a few submissions in flight at once, and kills the server with
// SIGKILL the moment the first is acknowledged. After a restart on the same
// database, every submission the server ever answered "submitted" is
// stored, sent, and visible to the child.
func TestKill9KeepsAcknowledgedSubmissions(t *testing.T) {
	database := testdb.URL(t)
	env := append(demoEnv(database), "KITE_RATE_LIMIT=0")
	const rounds, inFlight = 5, 3
	var acknowledged []string
	p := start(t, env...)
	for round := range rounds {
		token, childID := loginChild(t, p.base, "child.demo")
		// Everything acknowledged before the last kill is visible to the child.
		for _, id := range acknowledged {
			data := mustCall(t, p.base, token, `query($id: ID!) { node(id: $id) { ... on WishesAndFeelings { id status } } }`,
				map[string]any{"id": id})
			if node, _ := data["node"].(map[string]any); node == nil || node["status"] != "SUBMITTED" {
				t.Errorf("round %d: acknowledged submission %s is gone: %v", round, id, data)
			}
		}

		acks := make(chan string, 100)
		first := make(chan struct{})
		var once sync.Once
		var wg sync.WaitGroup
		for w := range inFlight {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := 0; n < 50; n++ {
					id, err := submitOnce(p.base, token, childID, fmt.Sprintf("kill9-%d-%d-%d", round, w, n))
					if err != nil {
						return // the server is gone (or refused: counted below)
					}
					acks <- id
					once.Do(func() { close(first) })
				}
			}()
		}
		select {
		case <-first:
		case <-time.After(15 * time.Second):
			t.Fatalf("round %d: no submission acknowledged\n%s", round, p.logs)
		}
		if err := p.cmd.Process.Kill(); err != nil { // SIGKILL: no shutdown at all
			t.Fatal(err)
		}
		p.wait(t, 10*time.Second)
		wg.Wait()
		close(acks)
		got := 0
		for id := range acks {
			acknowledged = append(acknowledged, id)
			got++
		}
		t.Logf("round %d: %d acknowledged before kill -9", round, got)
		p = start(t, env...)
	}

	// Below the API too: every acknowledged row is stored as sent.
	st, err := store.Open(context.Background(), database)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids := make([]ident.ID, len(acknowledged))
	for i, id := range acknowledged {
		ids[i] = ident.ID(id)
	}
	// System context: the test counts stored rows below the access rules.
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	n, err := st.Client.WishesAndFeelings.Query().
		Where(wishesandfeelings.IDIn(ids...), wishesandfeelings.StatusEQ(domain.Submitted)).Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(acknowledged) {
		t.Fatalf("%d of %d acknowledged submissions stored after %d kill -9s", n, len(acknowledged), rounds)
	}
	t.Logf("all %d acknowledged submissions survived %d kill -9s", n, rounds)
}

// TestBackupCommandWhileServing backs up the database of a running server
// (with a child sending submissions meanwhile) with the real binary, then
// serves the copy and signs in to it.
func TestBackupCommandWhileServing(t *testing.T) {
	database := testdb.URL(t)
	dest := filepath.Join(t.TempDir(), "kite-backup.db")
	if store.IsPostgres(database) {
		code, out := runCommand(t, []string{"backup", dest}, "KITE_DATABASE="+database)
		if code == 0 || !strings.Contains(out, "pg_dump") {
			t.Fatalf("backup of PostgreSQL: exit %d\n%s", code, out)
		}
		return
	}
	p := start(t, "KITE_DATABASE="+database, "KITE_RATE_LIMIT=0")
	token, childID := loginChild(t, p.base, "child.demo")
	before, err := submitOnce(p.base, token, childID, "before-backup")
	if err != nil {
		t.Fatal(err)
	}

	// Load while the backup runs.
	stop := make(chan struct{})
	sent := make(chan int, 1)
	go func() {
		n := 0
		defer func() { sent <- n }()
		for ; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := submitOnce(p.base, token, childID, fmt.Sprintf("during-backup-%d", n)); err != nil {
				t.Errorf("submission during the backup: %v", err)
				return
			}
		}
	}()
	code, out := runCommand(t, []string{"backup", dest}, "KITE_DATABASE="+database)
	close(stop)
	t.Logf("%d submissions sent while the backup ran", <-sent)
	if code != 0 || !strings.Contains(out, "backup written") {
		t.Fatalf("backup: exit %d\n%s", code, out)
	}
	// Never over an existing file; never a missing database.
	if code, out := runCommand(t, []string{"backup", dest}, "KITE_DATABASE="+database); code == 0 || !strings.Contains(out, "already exists") {
		t.Errorf("backup over an existing file: exit %d\n%s", code, out)
	}
	missing := filepath.Join(t.TempDir(), "nothing.db")
	if code, out := runCommand(t, []string{"backup", filepath.Join(t.TempDir(), "x.db")}, "KITE_DATABASE="+missing); code == 0 {
		t.Errorf("backup of a missing database: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("backup of a missing database created it")
	}
	if code, out := runCommand(t, []string{"backup"}, "KITE_DATABASE="+database); code == 0 || !strings.Contains(out, "usage") {
		t.Errorf("backup with no file: exit %d\n%s", code, out)
	}

	// Restore: a second server on the copy, and the child signs in to it.
	restored := start(t, "KITE_DATABASE="+dest, "KITE_RATE_LIMIT=0")
	token, _ = loginChild(t, restored.base, "child.demo")
	data := mustCall(t, restored.base, token, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": before})
	if data["node"] == nil {
		t.Errorf("the backup lacks the submission sent before it began")
	}
}
