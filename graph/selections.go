package graph

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"kite/internal/dashboard"
)

// readsWholeMeetings reports, inside Child.nextMeetingDue, whether this
// operation reads the same child's whole meetings anyway: through a sibling
// field (dashboard.WholeMeetingFields), or through the due meeting itself
// (dashboard.MeetingOf). Then the due date is worked out from them, one
// statement fewer; otherwise from the few columns the timescales need. It
// looks only at the query's text, so the choice (and the number of
// statements) is the same on every run.
func readsWholeMeetings(ctx context.Context) bool {
	op := graphql.GetOperationContext(ctx)
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"DueMeeting"}) {
		if f.Name == "meeting" {
			return true
		}
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return false
	}
	// The child's own field: the nearest one above with a selection (a
	// list element's context has none).
	parent := fc.Parent
	for parent != nil && parent.Field.Field == nil {
		parent = parent.Parent
	}
	if parent == nil {
		return false
	}
	for _, f := range graphql.CollectFields(op, parent.Field.Selections, []string{"Child"}) {
		if slices.Contains(dashboard.WholeMeetingFields, f.Name) {
			return true
		}
	}
	return false
}

// asks reports whether the client selected field on the objects (of type
// typ) this field returns: a list then loads that edge for all its rows at
// once, and only when it is shown.
func asks(ctx context.Context, typ, field string) bool {
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{typ}) {
		if f.Name == field {
			return true
		}
	}
	return false
}
