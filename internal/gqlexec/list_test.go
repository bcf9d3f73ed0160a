package gqlexec

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// marshalList marshals a list field "meetings" of three ids through list
// (List or gqlgen's MarshalSliceConcurrently), the element named "boom"
// panicking, in a fresh response; cancelled: with the request cancelled.
func marshalList(t *testing.T, ids []string, cancelled bool,
	list func(context.Context, int, int64, bool, func(context.Context, int) graphql.Marshaler) graphql.Array,
) answer {
	t.Helper()
	ctx, cancel := context.WithCancel(graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
		func(ctx context.Context, err any) error { return fmt.Errorf("panic: %v", err) }))
	defer cancel()
	if cancelled {
		cancel()
	}
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: "Child",
		Field: graphql.CollectedField{Field: &ast.Field{Alias: "meetings", Name: "meetings"}}})
	out := list(ctx, len(ids), 4, false, func(ctx context.Context, i int) graphql.Marshaler {
		if ids[i] == "boom" {
			panic("boom")
		}
		return graphql.MarshalString(ids[i] + " at " + graphql.GetFieldContext(ctx).Path().String())
	})
	var b bytes.Buffer
	out.MarshalGQL(&b)
	var errs bytes.Buffer
	for _, e := range graphql.GetErrors(ctx) {
		fmt.Fprintf(&errs, "%s at %v; ", e.Message, e.Path)
	}
	return answer{b.String(), errs.String()}
}

// TestListAsMarshalSliceConcurrently: List answers a list as gqlgen's
// MarshalSliceConcurrently does — each element with its index in its path,
// a panicking element null with the error at its path, a cancelled
// request's elements null with the cancellation reported — one element
// after another.
func TestListAsMarshalSliceConcurrently(t *testing.T) {
	for _, tc := range []struct {
		name      string
		ids       []string
		cancelled bool
	}{
		{"three", []string{"m1", "m2", "m3"}, false},
		{"one", []string{"m1"}, false},
		{"none", nil, false},
		{"one panics", []string{"m1", "boom", "m3"}, false},
		{"cancelled", []string{"m1", "m2", "m3"}, true},
	} {
		got := marshalList(t, tc.ids, tc.cancelled, List)
		want := marshalList(t, tc.ids, tc.cancelled, graphql.MarshalSliceConcurrently)
		t.Logf("%s: %+v", tc.name, got)
		if got != want {
			t.Errorf("%s: List gave %+v, MarshalSliceConcurrently %+v", tc.name, got, want)
		}
	}
}
