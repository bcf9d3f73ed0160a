package graph

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"kite/graph/generated"
	"kite/internal/apierr"
	"kite/internal/audit"
	"kite/internal/dashboard"
	"kite/internal/requestid"
	"kite/internal/session"
	"kite/internal/viewer"
)

// HandlerOptions configure the GraphQL handler.
type HandlerOptions struct {
	// Development allows introspection and field suggestions.
	Development bool
	// WebsocketInit authenticates a subscription connection.
	WebsocketInit transport.WebsocketInitFunc
	// Limits bound one request; zero values take DefaultLimits.
	Limits Limits
	// Pages cap connections; zero values take DefaultPageLimits.
	Pages PageLimits
	// Observe is told about every operation (metrics).
	Observe Observer
	// Budget is asked before each operation is read; an error (RATE_LIMITED)
	// refuses that operation. Nil allows all.
	Budget func(context.Context) error
	// MaxUploadBytes is the largest multipart request (a mutation with
	// pictures), read wholly into memory so that no picture is ever
	// written to a temporary file; zero takes no multipart requests.
	MaxUploadBytes int64
	// MaxQueriesInFlight is how many read operations (queries) run at
	// once; more wait their turn. Zero: no limit.
	MaxQueriesInFlight int
}

// NewHandler builds the GraphQL-over-HTTP handler for /query: POST for
// everything, GET for queries only (gqlgen's GET transport refuses
// mutations), parsed documents cached, every error masked by apierr.
func NewHandler(r *Resolver, o HandlerOptions) *handler.Server { return newHandler(r, r, o) }

// newHandler is NewHandler answering through root's resolvers (r's own, but
// for a benchmark's in-memory ones); r gives the handler its client and
// sessions.
func newHandler(root generated.ResolverRoot, r *Resolver, o HandlerOptions) *handler.Server {
	limits, pages := o.Limits, o.Pages
	if limits == (Limits{}) {
		limits = DefaultLimits
	}
	if pages == (PageLimits{}) {
		pages = DefaultPageLimits
	}
	if err := pages.valid(); err != nil {
		panic(err) // a programming error, as gqlgen's own for an extension that is not valid
	}
	srv := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: root, Complexity: complexity(pages)}))
	srv.AddTransport(capErrors{transport.Websocket{InitFunc: o.WebsocketInit, KeepAlivePingInterval: 15 * time.Second,
		InitTimeout: 10 * time.Second}})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(capErrors{transport.GET{}})
	srv.AddTransport(capErrors{post{}})
	if o.MaxUploadBytes > 0 {
		// MaxMemory above the body limit: files stay in memory, never on disk.
		srv.AddTransport(capErrors{uploads{transport.MultipartForm{MaxUploadSize: o.MaxUploadBytes, MaxMemory: o.MaxUploadBytes + 1}}})
	}
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(budget{o.Budget}) // first, so that every operation is counted
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(observe{o.Observe})
	srv.Use(checker{limits})
	srv.Use(newPricedOnce(limits.MaxComplexity, complexityIgnores()))
	srv.SetParserTokenLimit(limits.MaxTokens)
	srv.AroundFields(beforeEachField(pages))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		// Reads batch per-child data across a list; changes and
		// subscriptions always read afresh.
		if op := graphql.GetOperationContext(ctx).Operation; op != nil && op.Operation == ast.Query {
			ctx = withPages(withAboutLoader(dashboard.WithLoaders(ctx, r.Client, meetingColumns(op))), pages)
		}
		return next(ctx)
	})
	srv.AroundResponses(queriesInTurn(o.MaxQueriesInFlight))
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		// A subscription's event is answered under the viewer as they are
		// now (a changed role or ended allocation applies to every field of
		// it).
		if isSubscription(ctx) {
			if v := viewer.FromContext(ctx); v != nil {
				now, err := r.Sessions.Reload(ctx, v)
				if err != nil {
					if !session.IsNoViewer(err) {
						resubscribe(ctx) // the account could not be checked: this event is not sent
					}
					return nil // the subscription ends (the account is no longer valid, or see above)
				}
				ctx = viewer.NewContext(ctx, now)
			}
		}
		// Every answer's reads are audited as soon as it is made: a query
		// or mutation over HTTP or over a WebSocket, and each event of a
		// subscription — not when a connection closes, which may be never.
		ctx = audit.WithReads(ctx)
		defer audit.Flush(ctx, r.Client)
		return next(ctx)
	})
	if o.Development {
		srv.Use(extension.Introspection{})
	} else {
		srv.SetDisableSuggestion(true)
	}
	srv.SetErrorPresenter(apierr.Present)
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		slog.ErrorContext(ctx, "panic in resolver", "request_id", requestid.FromContext(ctx), "panic", p)
		return fmt.Errorf("panic in resolver: %v", p)
	})
	return srv
}

// isSubscription reports whether ctx answers a subscription's event (a
// request refused before it was parsed has no operation at all).
func isSubscription(ctx context.Context) bool {
	if !graphql.HasOperationContext(ctx) {
		return false
	}
	op := graphql.GetOperationContext(ctx).Operation
	return op != nil && op.Operation == ast.Subscription
}

// queriesInTurn runs at most n read operations (queries) at once (n > 0);
// the others wait until one ends or their client gives up. On a machine of
// a few cores a read gains nothing from starting before a core is free,
// while every one started holds its memory: with 32 clients, holding the
// others back keeps the process smaller and a caseload's p99 lower (README,
// "Performance"). Changes (a login's slow password check) and subscriptions
// never wait here: a burst of logins must not hold the reads back.
func queriesInTurn(n int) graphql.ResponseMiddleware {
	if n <= 0 {
		return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response { return next(ctx) }
	}
	turns := make(chan struct{}, n)
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		if !graphql.HasOperationContext(ctx) {
			return next(ctx) // a request refused before it was read (a batch)
		}
		if op := graphql.GetOperationContext(ctx).Operation; op == nil || op.Operation != ast.Query {
			return next(ctx)
		}
		select {
		case turns <- struct{}{}:
		case <-ctx.Done():
			// The client has gone (no one reads this; nothing to log).
			return &graphql.Response{Errors: gqlerror.List{{Message: "The request ended before it could be answered.",
				Extensions: map[string]any{"code": apierr.CodeInternal}}}}
		}
		defer func() { <-turns }()
		return next(ctx)
	}
}
