package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"kite/internal/app"
	"kite/internal/config"
	"kite/internal/demo"
	"kite/internal/gen"
	"kite/internal/store"
	"kite/internal/testdb"
)

// benchServer is the whole server in process on a generated authority: the
// database KITE_BENCH_DATABASE names (made with `kite gen`), or a fresh one
// of 2,000 children.
func benchServer(b *testing.B) (func(token, query string, vars map[string]any) []byte, func(username string) string) {
	b.Helper()
	ctx := context.Background()
	database := os.Getenv("KITE_BENCH_DATABASE")
	fresh := database == ""
	if fresh {
		database = testdb.URL(b)
	}
	st, err := store.Open(ctx, database)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if fresh {
		if _, err := gen.Generate(ctx, st.Client, gen.Options{Children: 2000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		if err := st.Analyze(ctx); err != nil {
			b.Fatal(err)
		}
	}
	cfg, _, err := config.Load("bench", nil, func(k string) string { return map[string]string{"KITE_RATE_LIMIT": "0"}[k] }, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	a, err := app.New(cfg, st, app.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	a.Ready.Store(true)
	post := func(token, query string, vars map[string]any) []byte {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		req := httptest.NewRequest("POST", "/query", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		rec := httptest.NewRecorder()
		a.Handler.ServeHTTP(rec, req)
		return rec.Body.Bytes()
	}
	login := func(username string) string {
		var out struct {
			Data struct {
				Login struct{ AccessToken string }
			}
		}
		_ = json.Unmarshal(post("", fmt.Sprintf(`mutation { login(input: {username: %q, password: %q}) { accessToken } }`,
			username, demo.Password), nil), &out)
		if out.Data.Login.AccessToken == "" {
			b.Fatalf("login %s failed", username)
		}
		return out.Data.Login.AccessToken
	}
	return post, login
}

// BenchmarkChildDashboard: docs/quality.md's dashboard query, as a child.
func BenchmarkChildDashboard(b *testing.B) {
	post, login := benchServer(b)
	token := login("gen-child-1")
	var me struct {
		Data struct {
			Me struct{ Child struct{ ID string } }
		}
	}
	_ = json.Unmarshal(post(token, `{ me { child { id } } }`, nil), &me)
	vars := map[string]any{"id": me.Data.Me.Child.ID}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if out := post(token, dashboardQuery, vars); strings.Contains(string(out), `"errors"`) {
				b.Fatal(string(out))
			}
		}
	})
}

// BenchmarkCaseload: myCaseload(first: 70) with due dates, chairs and
// counts, as an IRO.
func BenchmarkCaseload(b *testing.B) {
	post, login := benchServer(b)
	token := login("gen-iro-1")
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if out := post(token, caseload70, nil); strings.Contains(string(out), `"errors"`) {
				b.Fatal(string(out))
			}
		}
	})
}
