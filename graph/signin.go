package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"kite/internal/viewer"
)

// publicMutations are the changes anyone may ask for without signing in.
var publicMutations = map[string]bool{"login": true, "refreshSession": true, "logout": true, "activateAccount": true,
	"completeStaffSignIn": true}

// requireSignIn answers UNAUTHENTICATED to any other mutation without a
// signed-in viewer, before its resolver runs. (The access rules would refuse
// the change anyway; this says why in the one way clients expect.)
func requireSignIn(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc != nil && fc.Object == "Mutation" && !publicMutations[fc.Field.Name] && viewer.FromContext(ctx) == nil {
		return nil, unauthenticated()
	}
	return next(ctx)
}
