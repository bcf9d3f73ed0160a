package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"kite/graph/model"
	"kite/internal/apierr"
	"kite/internal/session"
)

// soleRootField refuses an operation that does anything besides this one
// field, so that one request cannot try many passwords under aliases.
func soleRootField(ctx context.Context) error {
	op := graphql.GetOperationContext(ctx).Operation
	if len(op.SelectionSet) == 1 {
		if _, ok := op.SelectionSet[0].(*ast.Field); ok {
			return nil
		}
	}
	return apierr.BadInput("", "Sign in on its own: login must be the only field of its request.")
}

func loginPayload(t *session.Tokens) *model.LoginPayload {
	return &model.LoginPayload{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, ExpiresAt: t.ExpiresAt, User: t.User}
}

// values copies a list of GraphQL input objects (pointers) into values.
func values[T any](in []*T) []T {
	out := make([]T, 0, len(in))
	for _, p := range in {
		out = append(out, *p)
	}
	return out
}
