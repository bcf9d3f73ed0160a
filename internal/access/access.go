// Package access holds every access rule of Kite, in one place. The ent
// schema's policies call the functions here; nothing else decides who may
// see or change a record.
//
// Read rules narrow queries with filters and never deny, so that lists,
// connections, counts, edges, eager loads and node(id) all see the same rows
// and a visible parent still loads when an edge to a hidden row is filtered
// away. Mutation rules decide, and deny by default.
//
// System code (seeding, migrations, import, internal lookups) bypasses the
// rules with privacy.DecisionContext(ctx, privacy.Allow); each such use says
// why where it is made.
package access

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"

	"kite/ent/privacy"
	"kite/internal/viewer"
)

// TenantOwned is the policy of every record that belongs to a local
// authority, until its relationship rules are written: reads see nothing and
// writes are refused. Deny by default.
func TenantOwned() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{seeNothing, privacy.AlwaysAllowRule()},
		Mutation: privacy.MutationPolicy{privacy.AlwaysDenyRule()},
	}
}

// ReferenceData is the policy of global reference data with per-authority
// overrides (glossary, form templates): the global rows are public, an
// authority's own rows are seen by its own users, and only system code
// writes them.
func ReferenceData() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{globalOrOwnAuthority, privacy.AlwaysAllowRule()},
		Mutation: privacy.MutationPolicy{privacy.AlwaysDenyRule()},
	}
}

// seeNothing filters every row away. An id is never null, so the condition
// matches no row on any table.
var seeNothing = privacy.FilterFunc(func(_ context.Context, f privacy.Filter) error {
	f.Where(entql.FieldNil("id"))
	return privacy.Skip
})

// globalOrOwnAuthority keeps the global rows, and the rows of the viewer's
// own authority when someone is signed in.
var globalOrOwnAuthority = privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
	global := entql.FieldNil("authority_id")
	if v := viewer.FromContext(ctx); v != nil {
		f.Where(entql.Or(global, entql.FieldEQ("authority_id", string(v.AuthorityID))))
	} else {
		f.Where(global)
	}
	return privacy.Skip
})
