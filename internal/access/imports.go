package access

import (
	"context"

	"kite/ent/privacy"
	"kite/internal/domain"
	"kite/internal/viewer"
)

// importers is who may import each kind of record from the authority's
// case-management system (internal/importer's kinds), by docs/access.md's rows:
// accounts are the admin's; allocations and family links, which give a
// member of staff or a parent access to a child, are the manager's.
// Children, plans and meetings have no row of their own there: they are the
// authority's case records, imported by its admin as they always were. A
// kind not listed is nobody's.
var importers = map[string]domain.Role{
	"users":        domain.RoleAdmin,
	"children":     domain.RoleAdmin,
	"plans":        domain.RoleAdmin,
	"meetings":     domain.RoleAdmin,
	"allocations":  domain.RoleManager,
	"family_links": domain.RoleManager,
}

// Importer is the role that may import records of a kind through the API.
func Importer(kind string) (domain.Role, bool) {
	r, ok := importers[kind]
	return r, ok
}

// MayImportKind says whether ctx may import records of a kind: a viewer by
// their role (the import runs in their own authority); without a viewer,
// only system code (the `kite import` command, run by an operator) may, and
// it may import every kind.
func MayImportKind(ctx context.Context, kind string) bool {
	if v := viewerOf(ctx); v != nil {
		r, ok := importers[kind]
		return ok && r == v.Role
	}
	// ent reports an Allow decision as a nil error.
	d, ok := privacy.DecisionFromContext(ctx)
	return ok && d == nil
}

// MayImport says whether the viewer may import any kind of record at all,
// and so call importRecords; which rows they may import is MayImportKind's.
func MayImport(v *viewer.Viewer) bool {
	if v == nil {
		return false
	}
	for _, r := range importers {
		if r == v.Role {
			return true
		}
	}
	return false
}
