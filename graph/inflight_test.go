package graph

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestQueriesInTurn: no more than n queries run at once, the rest wait
// their turn and all are answered; a change never waits behind them; a
// client that gives up while waiting is let go.
func TestQueriesInTurn(t *testing.T) {
	of := func(kind ast.Operation) context.Context {
		return graphql.WithOperationContext(context.Background(),
			&graphql.OperationContext{Operation: &ast.OperationDefinition{Operation: kind}})
	}
	var running, most atomic.Int32
	release := make(chan struct{})
	slow := func(context.Context) *graphql.Response {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		<-release
		running.Add(-1)
		return &graphql.Response{}
	}
	inTurn := queriesInTurn(2)
	var wg sync.WaitGroup
	var answered atomic.Int32
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if inTurn(of(ast.Query), slow) != nil {
				answered.Add(1)
			}
		}()
	}
	for running.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	// A change (a login) does not wait behind the queries.
	if r := inTurn(of(ast.Mutation), func(context.Context) *graphql.Response { return &graphql.Response{} }); r == nil {
		t.Error("a mutation was not answered")
	}
	// A query whose client gives up while waiting is let go.
	ctx, cancel := context.WithTimeout(of(ast.Query), 50*time.Millisecond)
	defer cancel()
	gaveUp := make(chan struct{})
	go func() {
		inTurn(ctx, slow)
		close(gaveUp)
	}()
	select {
	case <-gaveUp:
	case <-time.After(5 * time.Second):
		t.Fatal("a query whose client gave up kept waiting")
	}
	close(release)
	wg.Wait()
	if most.Load() != 2 || answered.Load() != 6 {
		t.Errorf("ran %d at once (want 2) and answered %d of 6", most.Load(), answered.Load())
	}
}
