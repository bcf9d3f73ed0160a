// Package access holds every access rule of Kite, in one place: docs/access.md
// as code. The ent schema's policies call the functions here; nothing else
// decides who may see or change a record.
//
// Read rules narrow queries with predicates and never deny, so that lists,
// connections, counts, edges, eager loads and node(id) all see the same rows
// and a visible parent still loads when an edge to a hidden row is filtered
// away. Each relationship ("children this viewer may see") is built once and
// reused by every entity's rule, so the rules cannot drift apart. A few
// fields are masked after loading (masks.go) where docs/access.md hides part of a
// row: a withheld venue, the urgent flag from parents, unshared words from a
// social worker.
//
// Mutation rules decide, and deny by default. Updates and deletes are
// narrowed like reads, so a row the viewer may not change is "not found".
//
// System code (seeding, migrations, import, sign-in, internal lookups)
// bypasses the rules with privacy.DecisionContext(ctx, privacy.Allow); each
// such use says why where it is made. A test fails if a resolver does it.
package access

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"kite/ent/privacy"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/viewer"
)

// viewerOf returns the signed-in viewer, or nil.
func viewerOf(ctx context.Context) *viewer.Viewer { return viewer.FromContext(ctx) }

// isSystem reports whether ctx bypasses the rules (system code).
func isSystem(ctx context.Context) bool {
	d, ok := privacy.DecisionFromContext(ctx)
	return ok && d == privacy.Allow
}

// today is the calendar day in Europe/London, against which allocations and
// links are current.
func today() civil.Date { return civil.Today() }

// anyPredicate is any ent predicate: a function that adds to a WHERE clause.
type anyPredicate interface{ ~func(*sql.Selector) }

// nothing is a predicate that matches no row.
func nothing[P anyPredicate]() P {
	return P(func(s *sql.Selector) { s.Where(sql.False()) })
}

// isAllocatedRole reports whether the role works through allocations.
func isAllocatedRole(r domain.Role) bool {
	return r == domain.RoleIRO || r == domain.RoleCPChair || r == domain.RoleSocialWorker
}
