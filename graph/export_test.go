package graph

import (
	"github.com/99designs/gqlgen/graphql/handler"

	"kite/graph/generated"
)

// NewHandlerWith is NewHandler answering through other resolvers than r's
// own: the in-memory ones of BenchmarkDashboardGraphQLOnly.
func NewHandlerWith(root generated.ResolverRoot, r *Resolver, o HandlerOptions) *handler.Server {
	return newHandler(root, r, o)
}
