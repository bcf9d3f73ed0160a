package access

import (
	"context"
	"strings"
	"testing"

	"entgo.io/ent/dialect/sql"

	"kite/ent/privacy"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/viewer"
)

func TestAllocationKindsAndRoles(t *testing.T) {
	tests := []struct {
		kind domain.AllocationKind
		role domain.Role
	}{
		{domain.AllocIRO, domain.RoleIRO},
		{domain.AllocCPChair, domain.RoleCPChair},
		{domain.AllocSocialWorker, domain.RoleSocialWorker},
	}
	for _, tt := range tests {
		if got := RoleFor(tt.kind); got != tt.role {
			t.Errorf("RoleFor(%s) = %s, want %s", tt.kind, got, tt.role)
		}
		if got := kindFor(tt.role); got != tt.kind {
			t.Errorf("kindFor(%s) = %s, want %s", tt.role, got, tt.kind)
		}
	}
	for _, r := range allRoles {
		want := r == domain.RoleIRO || r == domain.RoleCPChair || r == domain.RoleSocialWorker
		if got := isAllocatedRole(r); got != want {
			t.Errorf("isAllocatedRole(%s) = %v, want %v", r, got, want)
		}
	}
}

func TestMayReadFigures(t *testing.T) {
	want := map[domain.Role]bool{domain.RoleManager: true, domain.RoleIRO: true, domain.RoleCPChair: true, domain.RoleSocialWorker: true}
	for _, r := range allRoles {
		if got := MayReadFigures(&viewer.Viewer{Role: r}); got != want[r] {
			t.Errorf("MayReadFigures(%s) = %v, want %v", r, got, want[r])
		}
	}
	if MayReadFigures(nil) {
		t.Error("an anonymous request may read the figures")
	}
}

func TestImporters(t *testing.T) {
	// Who may import each kind (docs/access.md): accounts and case records
	// are the admin's; what gives access to a child is the manager's.
	owner := map[string]domain.Role{
		"users": domain.RoleAdmin, "children": domain.RoleAdmin, "plans": domain.RoleAdmin, "meetings": domain.RoleAdmin,
		"allocations": domain.RoleManager, "family_links": domain.RoleManager,
	}
	kinds := []string{"users", "children", "plans", "meetings", "allocations", "family_links", "submissions", ""}
	for _, kind := range kinds {
		want, listed := owner[kind]
		if got, ok := Importer(kind); got != want || ok != listed {
			t.Errorf("Importer(%q) = %s, %v; want %s, %v", kind, got, ok, want, listed)
		}
		for _, r := range allRoles {
			ctx := viewer.NewContext(context.Background(), &viewer.Viewer{Role: r})
			if got := MayImportKind(ctx, kind); got != (listed && r == want) {
				t.Errorf("MayImportKind(%s, %q) = %v", r, kind, got)
			}
		}
		// The operator's `kite import` runs as system code and may import
		// every kind; a request with neither viewer nor decision may not.
		if !MayImportKind(privacy.DecisionContext(context.Background(), privacy.Allow), kind) {
			t.Errorf("system code may not import %q", kind)
		}
		for name, ctx := range map[string]context.Context{
			"no viewer": context.Background(),
			"denied":    privacy.DecisionContext(context.Background(), privacy.Deny),
		} {
			if MayImportKind(ctx, kind) {
				t.Errorf("%s: may import %q", name, kind)
			}
		}
	}
	for _, r := range allRoles {
		want := r == domain.RoleAdmin || r == domain.RoleManager
		if got := MayImport(&viewer.Viewer{Role: r}); got != want {
			t.Errorf("MayImport(%s) = %v, want %v", r, got, want)
		}
	}
	if MayImport(nil) {
		t.Error("an anonymous request may import")
	}
}

// TestChildScope: the relationship each role reaches children through
// (docs/access.md, "child's profile"), read from the SQL it writes.
func TestChildScope(t *testing.T) {
	const me, myChild = ident.ID("usr_me"), ident.ID("chd_mine")
	allocated := []string{"allocations", "staff_id", "starts_on", "ends_on"}
	allKinds := []any{string(me), "IRO", "CP_CHAIR", "SOCIAL_WORKER"}
	tests := []struct {
		name string
		v    *viewer.Viewer
		// all: every child of the authority (no scope). Otherwise the
		// scope's SQL has each of has, lacks each of lacks, and binds args.
		all        bool
		has, lacks []string
		args       []any
	}{
		{name: "anonymous", v: nil, has: []string{"FALSE"}},
		{name: "a child", v: &viewer.Viewer{Role: domain.RoleChild, UserID: me, ChildID: myChild},
			has: []string{"WHERE `id` = ?"}, lacks: []string{"SELECT `child_id`"}, args: []any{string(myChild)}},
		{name: "a child account without a record", v: &viewer.Viewer{Role: domain.RoleChild, UserID: me}, has: []string{"FALSE"}},
		{name: "a parent", v: &viewer.Viewer{Role: domain.RoleParent, UserID: me},
			has: []string{"family_links", "parent_id", "`active`", "parental_responsibility"}, lacks: []string{"may_view_care_plan"},
			args: []any{string(me)}},
		{name: "an IRO", v: &viewer.Viewer{Role: domain.RoleIRO, UserID: me}, has: allocated, args: allKinds},
		{name: "a CP Chair", v: &viewer.Viewer{Role: domain.RoleCPChair, UserID: me}, has: allocated, args: allKinds},
		{name: "a social worker", v: &viewer.Viewer{Role: domain.RoleSocialWorker, UserID: me}, has: allocated, args: allKinds},
		{name: "a manager", v: &viewer.Viewer{Role: domain.RoleManager, UserID: me}, all: true},
		{name: "an admin", v: &viewer.Viewer{Role: domain.RoleAdmin, UserID: me}, has: []string{"FALSE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, all := childScope(tt.v)
			if all != tt.all {
				t.Fatalf("all = %v, want %v", all, tt.all)
			}
			if all {
				if sc != nil {
					t.Error("a manager's scope should be the authority alone")
				}
				return
			}
			query, args := sql.Select("id").From(sql.Table("children")).Where(sc("id")).Query()
			for _, want := range tt.has {
				if !strings.Contains(query, want) {
					t.Errorf("the scope lacks %s: %s", want, query)
				}
			}
			for _, unwanted := range tt.lacks {
				if strings.Contains(query, unwanted) {
					t.Errorf("the scope has %s: %s", unwanted, query)
				}
			}
			for _, want := range tt.args {
				if !contains(args, want) {
					t.Errorf("the scope does not bind %v: %s %v", want, query, args)
				}
			}
		})
	}
}

func contains(args []any, want any) bool {
	for _, a := range args {
		if a == want {
			return true
		}
	}
	return false
}
