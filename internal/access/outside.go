package access

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"slices"
	"strings"

	entsql "entgo.io/ent/dialect/sql"

	kent "kite/ent"
	"kite/ent/privacy"
	"kite/internal/civil"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Reads outside ent (children_outside.go, contacts.go, meetings.go,
// plans_outside.go) apply the rules an ent read
// of the same rows applies, from the same functions, in the same cases:
//
//   - the entity's policy filter, unless ent's privacy layer would skip
//     every policy (a context decided Allow: bypass);
//   - the masks and the read audit, as afterQuery runs them: not past the
//     rules (system), and only for a viewer.
//
// Their statements are kept per shape (shapes.go); outsideRead holds what
// each needs for that.

// readRules are the rules a read runs under.
type readRules struct {
	bypass, system bool
	v              *viewer.Viewer
}

func rulesOf(ctx context.Context) readRules {
	return readRules{bypass: policyBypassed(ctx), system: isSystem(ctx), v: viewerOf(ctx)}
}

// policyBypassed reports whether ent's privacy layer would skip the
// policies for ctx: a decision of Allow in the context.
func policyBypassed(ctx context.Context) bool {
	d, ok := privacy.DecisionFromContext(ctx)
	return ok && d == nil
}

// seesNothing reports whether the policy filter would leave no rows: no
// viewer, and the policies not skipped.
func (r readRules) seesNothing() bool { return !r.bypass && r.v == nil }

// afterRead reports whether the masks and the read audit apply.
func (r readRules) afterRead() bool { return !r.system && r.v != nil }

// outsideRead is one read of the rows of children ids outside ent: the
// inputs of its kept statement (the viewer's ids, then the children's) and
// the part of its key that the rules decide.
type outsideRead struct {
	rules  readRules
	who    viewer.Viewer // the viewer, or none
	day    civil.Date
	inputs []string
}

func newOutsideRead(ctx context.Context, ids []ident.ID) *outsideRead {
	o := &outsideRead{rules: rulesOf(ctx), day: today()}
	if o.rules.v != nil {
		o.who = *o.rules.v
	}
	o.inputs = make([]string, 0, 3+len(ids))
	o.inputs = append(o.inputs, string(o.who.UserID), string(o.who.AuthorityID), string(o.who.ChildID))
	for _, id := range ids {
		o.inputs = append(o.inputs, string(id))
	}
	return o
}

// key is the statement's shape: the read, the dialect, which rules apply,
// the role and which of the viewer's ids are set (the rules branch on
// them), the day (written into the text as "current" bounds), how many
// children, and what the read itself adds (its columns).
func (o *outsideRead) key(read, dialect string, extra ...string) string {
	w := o.who
	return fmt.Sprintf("%s|%s|%t%t%t|%s|%t%t%t|%s|%d|%s", read, dialect, o.rules.bypass, o.rules.system, o.rules.v != nil,
		w.Role, w.UserID != "", w.AuthorityID != "", w.ChildID != "", o.day, len(o.inputs)-3, strings.Join(extra, ","))
}

// from is the viewer (nil for none) and the children a statement is built
// for, from its inputs: the marks while it is kept, the values otherwise.
// An id the viewer has not got stays empty: the rules branch on it.
func (o *outsideRead) from(in []string) (*viewer.Viewer, []ident.ID) {
	ids := make([]ident.ID, len(in)-3)
	for i, id := range in[3:] {
		ids[i] = ident.ID(id)
	}
	if o.rules.v == nil {
		return nil, ids
	}
	w := o.who
	for i, id := range []*ident.ID{&w.UserID, &w.AuthorityID, &w.ChildID} {
		if *id != "" {
			*id = ident.ID(in[i])
		}
	}
	return &w, ids
}

// kept holds the statements of every read outside ent, by shape.
var kept shapes

// statement is the read's statement, kept under key.
func (o *outsideRead) statement(key string, build func(in []string) (string, []any)) (string, []any) {
	query, args := kept.statement(o.day, key, o.inputs, build)
	if today() != o.day {
		// The day turned while the statement was kept: it may hold the new
		// day's bounds under the old day's key. Build it afresh.
		return build(o.inputs)
	}
	return query, args
}

// childRows says how to read the rows of one entity that belong to children
// outside ent: its table, the predicates its ent policy and a read of it
// apply, ent's own row scan, and what its interceptors do after a read.
type childRows[T any] struct {
	name    string
	table   string
	childIn func(ids []ident.ID) func(*entsql.Selector)                             // nil: every child's rows
	visible func(*viewer.Viewer) func(*entsql.Selector)                             // the policy's filter
	order   func(t *entsql.SelectTable) []string                                    // nil: no set order
	scan    func(c *kent.Client, rows *stdsql.Rows, columns []string) ([]*T, error) // ent's ScanAll
	after   func(ctx context.Context, v *viewer.Viewer, rows []*T)                  // masks, audit
	// modify adds to the statement what one read asks besides the rows (a
	// join, a column worked out in the database), under the same rules and
	// for the same viewer as the rest; extra names the columns it adds and
	// modification what else its text depends on.
	modify       func(r readRules, v *viewer.Viewer, s *entsql.Selector)
	extra        []string
	modification string
}

// read reads columns of the rows of children ids the viewer may see (of
// every child, for a read without childIn).
func (e *childRows[T]) read(ctx context.Context, client *kent.Client, ids []ident.ID, columns []string) ([]*T, error) {
	o := newOutsideRead(ctx, ids)
	if (e.childIn != nil && len(ids) == 0) || o.rules.seesNothing() {
		return nil, nil // no children asked for; no viewer: the policy gives no rows
	}
	dialect := client.Dialect()
	scanned := slices.Concat(columns, e.extra)
	query, args := o.statement(o.key(e.name+e.modification, dialect, scanned...), func(in []string) (string, []any) {
		v, ids := o.from(in)
		t := entsql.Table(e.table)
		s := entsql.Dialect(dialect).Select(t.Columns(columns...)...).From(t)
		if e.childIn != nil {
			e.childIn(ids)(s)
		}
		if !o.rules.bypass {
			e.visible(v)(s)
		}
		if e.order != nil {
			s.OrderBy(e.order(t)...)
		}
		if e.modify != nil {
			e.modify(o.rules, v, s)
		}
		return s.Query()
	})
	rows, err := client.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", e.name, err)
	}
	defer rows.Close()
	out, err := e.scan(client, rows, scanned)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", e.name, err)
	}
	if o.rules.afterRead() {
		e.after(ctx, o.rules.v, out)
	}
	return out, nil
}

// firstPage is e for the first page of its rows: up to limit of them in its
// order, each with the total count in kent.PageTotalColumn, as ent's
// PageWithTotal reads a first page. e adds nothing else to its statement.
func firstPage[T any](e childRows[T], limit int) childRows[T] {
	e.modification = fmt.Sprintf("first page of %d", limit) // the limit is in the text
	e.modify = func(_ readRules, _ *viewer.Viewer, s *entsql.Selector) {
		s.AppendSelectAs("COUNT(*) OVER ()", kent.PageTotalColumn)
		s.Limit(limit)
	}
	e.extra = []string{kent.PageTotalColumn}
	return e
}

// columnsWith are the columns a read outside ent selects: every column (all)
// when columns is nil, otherwise columns with what the entity's masks and
// read audit need.
func columnsWith(all, needs, columns []string) []string {
	if columns == nil {
		return all
	}
	cols := slices.Clone(needs)
	for _, c := range columns {
		if !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	return cols
}
