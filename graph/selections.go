package graph

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"kite/ent"
	"kite/ent/meeting"
	"kite/internal/dashboard"
)

// wholeReads says, inside Child.nextMeetingDue, whether this operation
// reads the same child's whole plans (wholePlansOf) and whole meetings
// (wholeMeetingsOf) anyway. Then the due date is worked out from them, one
// statement fewer each; otherwise from the few columns the timescales
// need. It looks only at the query's text, so the choice (and the number of
// statements) is the same on every run.
func wholeReads(ctx context.Context) dashboard.Whole {
	fields, ok := childFields(ctx)
	if !ok {
		return dashboard.Whole{}
	}
	return dashboard.Whole{Plans: wholePlansOf(fields), Meetings: wholeMeetingsOf(graphql.GetOperationContext(ctx), fields)}
}

// wholePlansOf reports whether a child's selected fields read the child's
// whole plans: a field of dashboard.WholePlanFields.
func wholePlansOf(childFields []graphql.CollectedField) bool {
	return slices.ContainsFunc(childFields, func(f graphql.CollectedField) bool {
		return slices.Contains(dashboard.WholePlanFields, f.Name)
	})
}

// chairsOnly reports, inside a Child field, whether the operation asks for
// the chairs of this child but not their social worker: the chairs are
// then read alone (dashboard.Chairs). From the query's text, as
// wholeReads.
func chairsOnly(ctx context.Context) bool {
	fields, ok := childFields(ctx)
	return ok && !asksSocialWorker(fields)
}

// asksSocialWorker reports whether a child's selected fields include their
// social worker.
func asksSocialWorker(childFields []graphql.CollectedField) bool {
	return slices.ContainsFunc(childFields, func(f graphql.CollectedField) bool { return f.Name == "socialWorker" })
}

// childFields are, inside a Child field, the fields selected on that child
// (its own field is the nearest one above with a selection: a list
// element's context has none); false outside one.
func childFields(ctx context.Context) ([]graphql.CollectedField, bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return nil, false
	}
	parent := fc.Parent
	for parent != nil && parent.Field.Field == nil {
		parent = parent.Parent
	}
	if parent == nil {
		return nil, false
	}
	op := graphql.GetOperationContext(ctx)
	return graphql.CollectFields(op, parent.Field.Selections, []string{"Child"}), true
}

// wholeMeetingsOf reports whether a child's selected fields read the
// child's whole meetings: a field of dashboard.WholeMeetingFields, or the
// due meeting itself (nextMeetingDue { meeting }, dashboard.MeetingOf).
func wholeMeetingsOf(op *graphql.OperationContext, childFields []graphql.CollectedField) bool {
	for _, f := range childFields {
		if slices.Contains(dashboard.WholeMeetingFields, f.Name) {
			return true
		}
		if f.Name == "nextMeetingDue" {
			for _, g := range graphql.CollectFields(op, f.Selections, []string{"DueMeeting"}) {
				if g.Name == "meeting" {
					return true
				}
			}
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

// meetingColumns are the meeting columns a read operation shows, from its
// text: the fields it selects on a child's meetings (Child.upcomingMeetings,
// Child.meetings) and on a due meeting (DueMeeting.meeting), where each is a
// column of its own (scheduledFor is scheduled_for); the dashboard reads
// only those (with what its own work needs). Nil — read whole rows — when
// any of them is not (a label, an edge, a resolver's field), or when the
// operation shows no meeting.
func meetingColumns(op *ast.OperationDefinition) []string {
	var cols []string
	whole := false
	var showMeeting func(ast.SelectionSet)
	showMeeting = func(set ast.SelectionSet) {
		eachField(set, func(f *ast.Field) {
			if f.Name == "__typename" {
				return
			}
			col := snakeCase(f.Name)
			if !slices.Contains(meeting.Columns, col) {
				whole = true
			} else if !slices.Contains(cols, col) {
				cols = append(cols, col)
			}
		})
	}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		eachField(set, func(f *ast.Field) {
			if f.ObjectDefinition != nil && (f.ObjectDefinition.Name == "Child" && (f.Name == "upcomingMeetings" || f.Name == "meetings") ||
				f.ObjectDefinition.Name == "DueMeeting" && f.Name == "meeting") {
				showMeeting(f.SelectionSet)
			}
			walk(f.SelectionSet)
		})
	}
	if op != nil {
		walk(op.SelectionSet)
	}
	if whole {
		return nil
	}
	return cols
}

// eachField calls fn for each field of a selection set, through fragments.
func eachField(set ast.SelectionSet, fn func(*ast.Field)) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			fn(s)
		case *ast.InlineFragment:
			eachField(s.SelectionSet, fn)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				eachField(s.Definition.SelectionSet, fn)
			}
		}
	}
}

// snakeCase is the column name of a field name: scheduledFor → scheduled_for.
func snakeCase(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// childWants is what the Child fields this child field selects will read
// (dashboard.ChildWith): it must name exactly what their resolvers load, or
// a statement would be added — TestDashboardStatementCount counts them.
func childWants(ctx context.Context, client *ent.Client) dashboard.Wants {
	fields := graphql.CollectFieldsCtx(ctx, []string{"Child"})
	w := wantsOf(graphql.GetOperationContext(ctx), fields)
	w.Submissions = firstSubmissions(ctx, client, fields)
	return w
}

// caseloadWants is what the Child fields of a caseload page's nodes will
// read (dashboard.Prefetch), inside myCaseload; nothing when the page's
// edges or nodes are asked for more than once (each then reads for itself).
// TestCaseloadStatementCount counts the statements.
func caseloadWants(ctx context.Context) dashboard.Wants {
	op := graphql.GetOperationContext(ctx)
	fields := graphql.CollectFieldsCtx(ctx, []string{"ChildConnection"})
	for _, step := range []struct{ name, typ string }{{"edges", "ChildEdge"}, {"node", "Child"}} {
		var next []graphql.CollectedField
		for _, f := range fields {
			if f.Name == step.name {
				if next != nil {
					return dashboard.Wants{}
				}
				next = graphql.CollectFields(op, f.Selections, []string{step.typ})
			}
		}
		fields = next
	}
	return wantsOf(op, fields)
}

// wantsOf is what a child's selected fields will read.
func wantsOf(op *graphql.OperationContext, fields []graphql.CollectedField) dashboard.Wants {
	var w dashboard.Wants
	due := false
	for _, f := range fields {
		switch f.Name {
		case "chair", "chairs", "socialWorker":
			w.Contacts = true
		case "nextMeetingDue":
			due = true
		case "unreadSubmissionCount":
			w.Counts = true
		}
	}
	w.Plans = wholePlansOf(fields)
	w.PlanTimelines = due && !w.Plans
	w.Meetings = wholeMeetingsOf(op, fields)
	w.Timelines = due && !w.Meetings
	w.ChairsOnly = !asksSocialWorker(fields)
	return w
}

// firstSubmissions is the first page of submissions an operation shows
// with a child (a child's dashboard), when the child's reads can bring it
// with them: one submissions field, asking for a first page in the default
// order that Child.submissions would read from the submissions' own
// columns (dashboard.Submissions), within the page limits. nil otherwise:
// the field reads for itself. Its arguments are read as the field's will
// be (the page limits' own adjustment); the field uses the page only when
// its arguments come out the same (dashboard.Submissions).
func firstSubmissions(ctx context.Context, client *ent.Client, childFields []graphql.CollectedField) *dashboard.FirstPage {
	var field *graphql.CollectedField
	for i := range childFields {
		if childFields[i].Name == "submissions" {
			if field != nil {
				return nil // asked for twice: each reads for itself
			}
			field = &childFields[i]
		}
	}
	pages, ok := pagesOf(ctx)
	if field == nil || !ok {
		return nil
	}
	raw := field.ArgumentMap(graphql.GetOperationContext(ctx).Variables)
	for _, name := range []string{"after", "before", "last", "orderBy"} {
		if raw[name] != nil {
			return nil
		}
	}
	args := map[string]any{"first": (*int)(nil), "last": (*int)(nil)}
	if v := raw["first"]; v != nil {
		n, err := graphql.UnmarshalInt(v)
		if err != nil {
			return nil
		}
		args["first"] = &n
	}
	fc := &graphql.FieldContext{Parent: graphql.GetFieldContext(ctx), Object: "Child", Field: *field, Args: args,
		IsMethod: true, IsResolver: true}
	if pages.limit(fc) != nil {
		return nil // the field itself says what is wrong
	}
	first, _ := args["first"].(*int)
	columns, ok, err := client.WishesAndFeelings.Query().FirstPageColumns(graphql.WithFieldContext(ctx, fc), nil, first, nil, nil)
	if err != nil || !ok {
		return nil
	}
	return &dashboard.FirstPage{Field: field.Field, First: *first, Columns: columns}
}

// thisField is the operation's field a resolver answers: a key that tells
// two fields asking for the same thing apart (dashboard.FirstPage).
func thisField(ctx context.Context) any { return graphql.GetFieldContext(ctx).Field.Field }
