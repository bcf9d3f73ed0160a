// Package gqlexec holds the two parts of executing a GraphQL answer that
// Kite does itself rather than through gqlgen's generic machinery, called
// from the executable schema gqlgen writes (graph/gqlgen.go rewrites the
// calls): the fields that only read a struct's own field (PlainField), and
// lists, marshalled in turn (List).
package gqlexec

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// PlainField is for the fields that only read a struct's own field (a
// child's preferredName, a meeting's kind).
//
// gqlgen sends every field through graphql.ResolveField: closures for the
// field's context, its resolver and its marshaller, the value boxed into an
// interface, the field middleware and gqlgen's own chain around it — about
// four in five of the fields of an answer, for a read that cannot fail or
// wait. PlainField keeps what such a field needs: its field context (so that an
// error while marshalling has the field's path), a recovered panic reported
// as gqlgen reports it, and gqlgen's handling of a nil interface; it runs no
// field middleware. Kite's one field middleware (graph's beforeEachField)
// acts only on mutations and connections, which are never plain fields; a
// middleware added later that must see every field would have to be called
// here too.
//
// PlainField marshals v, the value of the struct field that field reads, as
// graphql.ResolveField would for a resolver returning it: fieldContext
// makes the field's context, marshal writes the value with the field's
// selections, recoverFromPanic and nonNull are gqlgen's flags for the field.
func PlainField[T any](ctx context.Context, oc *graphql.OperationContext, field graphql.CollectedField,
	fieldContext func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error),
	v T, marshal func(context.Context, ast.SelectionSet, T) graphql.Marshaler,
	recoverFromPanic, nonNull bool,
) (ret graphql.Marshaler) {
	fc, err := fieldContext(ctx, field)
	if err != nil {
		return graphql.Null
	}
	ctx = graphql.WithFieldContext(ctx, fc)
	if recoverFromPanic {
		defer func() {
			if r := recover(); r != nil {
				oc.Error(ctx, oc.Recover(ctx, r))
				ret = graphql.Null
			}
		}()
	}
	// Only a field of an interface type can be nil here: a nil pointer is
	// still a value, which its marshaller answers (as in ResolveField).
	if any(v) == nil {
		if nonNull || fc.NonNull {
			graphql.AddInvalidNullError(ctx, "")
		}
		if fc.NonNull && !nonNull {
			return graphql.RequiredNull
		}
		return graphql.Null
	}
	return marshal(ctx, field.Selections, v)
}
