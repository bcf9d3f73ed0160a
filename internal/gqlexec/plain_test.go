package gqlexec

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// answer is what a field answered: its JSON and the errors it added.
type answer struct {
	json   string
	errors string
}

// resolve answers one field, named "name" on a "Child", through resolve
// (PlainField or gqlgen's ResolveField), with a fresh response.
func resolve(t *testing.T, resolve func(context.Context, *graphql.OperationContext, graphql.CollectedField) graphql.Marshaler) answer {
	t.Helper()
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
		func(ctx context.Context, err any) error { return fmt.Errorf("panic: %v", err) })
	oc := &graphql.OperationContext{
		RecoverFunc:        func(ctx context.Context, err any) error { return fmt.Errorf("panic: %v", err) },
		ResolverMiddleware: func(ctx context.Context, next graphql.Resolver) (any, error) { return next(ctx) },
	}
	ctx = graphql.WithOperationContext(ctx, oc)
	parent := &graphql.FieldContext{Object: "Query", Field: graphql.CollectedField{Field: &ast.Field{Alias: "child", Name: "child"}}}
	ctx = graphql.WithFieldContext(ctx, parent)
	field := graphql.CollectedField{Field: &ast.Field{Alias: "name", Name: "name"}}
	var out bytes.Buffer
	resolve(ctx, oc, field).MarshalGQL(&out)
	var errs bytes.Buffer
	for _, e := range graphql.GetErrors(ctx) {
		fmt.Fprintf(&errs, "%s at %v; ", e.Message, e.Path)
	}
	return answer{out.String(), errs.String()}
}

// fieldContext makes the field's context as gqlgen's generated code does;
// nonNull is the field's declared type's.
func fieldContext(nonNull bool) func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error) {
	return func(_ context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
		fc, err := graphql.NewScalarFieldContext("Child", field, false, false, "String")
		fc.NonNull = nonNull
		return fc, err
	}
}

// marshal writes a value as a JSON string; an error marshalling (a
// non-null value answered as null) is reported at the field's path.
func marshal[T any](ctx context.Context, _ ast.SelectionSet, v T) graphql.Marshaler {
	if p, ok := any(v).(*string); ok && p == nil {
		graphql.AddErrorf(ctx, "the requested element is null which the schema does not allow")
		return graphql.Null
	}
	if s, ok := any(v).(fmt.Stringer); ok && s.String() == "boom" {
		panic("boom")
	}
	return graphql.MarshalString(fmt.Sprint(v))
}

type named string

func (n named) String() string { return string(n) }

// TestPlainFieldAsResolveField: PlainField gives what gqlgen's ResolveField gives
// for a resolver returning the same value — the value, a nil interface as
// null with gqlgen's error where the type is non-null, a marshaller's error
// and a panic at the field's own path, a field context that fails as null.
func TestPlainFieldAsResolveField(t *testing.T) {
	var nilPointer *string
	var nilInterface fmt.Stringer
	for _, tc := range []struct {
		name    string
		nonNull bool
		run     func(nonNull bool) (plain, gqlgen func(context.Context, *graphql.OperationContext, graphql.CollectedField) graphql.Marshaler)
	}{
		{"a string", true, cases("Jamie", marshal[string])},
		{"a named type", false, cases(named("Ava"), marshal[named])},
		{"a nil pointer the marshaller refuses", true, cases(nilPointer, marshal[*string])},
		{"a nil interface, non-null", true, cases(nilInterface, marshal[fmt.Stringer])},
		{"a nil interface, nullable", false, cases(nilInterface, marshal[fmt.Stringer])},
		{"a panic while marshalling", true, cases(fmt.Stringer(named("boom")), marshal[fmt.Stringer])},
	} {
		plain, gqlgen := tc.run(tc.nonNull)
		got, want := resolve(t, plain), resolve(t, gqlgen)
		t.Logf("%s: %+v", tc.name, got)
		if got != want {
			t.Errorf("%s: PlainField gave %+v, ResolveField %+v", tc.name, got, want)
		}
		if tc.name == "a string" && got.json != `"Jamie"` {
			t.Errorf("%s: answered %s", tc.name, got.json)
		}
		if tc.name == "a panic while marshalling" && got.errors != "panic: boom at child.name; " {
			t.Errorf("%s: errors %q", tc.name, got.errors)
		}
	}

	failing := func(context.Context, graphql.CollectedField) (*graphql.FieldContext, error) {
		return nil, errors.New("bad arguments")
	}
	got := resolve(t, func(ctx context.Context, oc *graphql.OperationContext, f graphql.CollectedField) graphql.Marshaler {
		return PlainField(ctx, oc, f, failing, "Jamie", marshal[string], true, true)
	})
	if got.json != "null" {
		t.Errorf("a failing field context: answered %s", got.json)
	}
}

// cases returns the field v resolved by PlainField and by gqlgen's ResolveField.
func cases[T any](v T, m func(context.Context, ast.SelectionSet, T) graphql.Marshaler) func(bool) (
	func(context.Context, *graphql.OperationContext, graphql.CollectedField) graphql.Marshaler,
	func(context.Context, *graphql.OperationContext, graphql.CollectedField) graphql.Marshaler,
) {
	return func(nonNull bool) (plain, gqlgen func(context.Context, *graphql.OperationContext, graphql.CollectedField) graphql.Marshaler) {
		plain = func(ctx context.Context, oc *graphql.OperationContext, f graphql.CollectedField) graphql.Marshaler {
			return PlainField(ctx, oc, f, fieldContext(nonNull), v, m, true, nonNull)
		}
		gqlgen = func(ctx context.Context, oc *graphql.OperationContext, f graphql.CollectedField) graphql.Marshaler {
			return graphql.ResolveField(ctx, oc, f, fieldContext(nonNull),
				func(context.Context) (any, error) { return v, nil }, nil, m, true, nonNull)
		}
		return plain, gqlgen
	}
}
