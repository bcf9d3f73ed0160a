// Package graph is Kite's GraphQL layer: the hand-written schema (*.graphqls),
// the schema ent generates (ent.graphql), and thin resolvers that parse
// arguments, call ent with the viewer's context, and return. Access rules are
// never decided here: ent's privacy policies (internal/access) do that.
package graph

import (
	"kite/ent"
)

// Resolver holds what the resolvers need.
type Resolver struct {
	Client *ent.Client
}
