package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Access rules have one source, internal/access (docs/architecture.md). A
// read that writes its own SQL beside ent — a join, a column worked out in
// the database — must take its conditions from there: a modifier a read
// path hands to ent's Modify is a function of internal/access, and no other
// package builds SQL text or runs statements of its own. These packages are
// the exceptions, each below the rules or outside the records:
var sqlAllowed = map[string]string{
	"internal/access":   "the rules themselves",
	"internal/session":  "loading the viewer, which the rules start from",
	"internal/store":    "opening, migrating and backing up the database",
	"internal/pipeline": "carrying statements other packages built (a batch of reads' own statements, text and arguments unchanged); it writes none",
	"internal/events":   "the event bus's own table",
	"internal/shared":   "the shared state's own tables (several instances)",
	"internal/floor":    "the load tool's floor, hand-written on purpose to measure Kite against; the server never runs it",
}

// sqlBuilders are the functions of ent's SQL builder (and database/sql)
// that write SQL text or run it.
var sqlBuilders = []string{"Select", "SelectExpr", "Table", "Expr", "ExprP", "ExprFunc", "Raw", "P"}

// sqlMethods are methods that add SQL text to a query or run a statement.
var sqlMethods = []string{"QueryContext", "QueryRowContext", "ExecContext", "AppendSelect", "AppendSelectAs",
	"AppendSelectExprAs", "AppendFrom", "Join", "LeftJoin", "RightJoin"}

// accessReads are internal/access's reads outside ent (outside.go): a read
// path that calls one takes its rules from there.
var accessReads = []string{"ReadChild", "ReadPlans", "ReadMeetings", "CurrentContacts", "CurrentChairs", "ReadSubmissionsFirstPage", "ReadChildrenFirstPage"}

// handWrittenSQL lists where a file builds SQL other than through
// internal/access, and counts the read paths that do go through it: Modify
// calls with its modifiers, and calls of its reads outside ent.
func handWrittenSQL(fset *token.FileSet, f *ast.File) (found []string, viaAccess int) {
	names := map[string]string{} // local name → import path
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		name := path[strings.LastIndex(path, "/")+1:]
		if imp.Name != nil {
			name = imp.Name.Name
		}
		names[name] = path
	}
	pkgOf := func(e ast.Expr) string {
		if id, ok := e.(*ast.Ident); ok {
			return names[id.Name]
		}
		return ""
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		at := fset.Position(call.Pos()).String()
		switch pkg := pkgOf(sel.X); {
		case pkg == module+"/internal/access" && slices.Contains(accessReads, sel.Sel.Name):
			viaAccess++
		case (pkg == "entgo.io/ent/dialect/sql" || pkg == "database/sql") && slices.Contains(sqlBuilders, sel.Sel.Name):
			found = append(found, at+": sql."+sel.Sel.Name)
		case pkg == "" && slices.Contains(sqlMethods, sel.Sel.Name):
			found = append(found, at+": ."+sel.Sel.Name)
		case pkg == "" && sel.Sel.Name == "Modify":
			for _, arg := range call.Args {
				if c, ok := arg.(*ast.CallExpr); ok {
					if s, ok := c.Fun.(*ast.SelectorExpr); ok && pkgOf(s.X) == module+"/internal/access" {
						viaAccess++
						continue
					}
				}
				found = append(found, at+": Modify with a modifier not from internal/access")
			}
		}
		return true
	})
	return found, viaAccess
}

func TestHandWrittenSQLTakesItsRulesFromAccess(t *testing.T) {
	fset := token.NewFileSet()
	viaAccess := 0
	for _, root := range []string{"graph", "internal"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if _, ok := sqlAllowed[path]; ok || path == "graph/generated" || d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			if isBuildIgnored(f) {
				return nil
			}
			found, via := handWrittenSQL(fset, f)
			viaAccess += via
			for _, at := range found {
				t.Errorf("%s: SQL written outside internal/access; take the condition from internal/access", at)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// The dashboard's reads go through access's modifiers and its reads
	// outside ent: if none are seen, this test no longer looks where the
	// code is.
	if viaAccess == 0 {
		t.Error("no Modify(access.…) call or read of internal/access found: the scan missed the read paths")
	}
}

func isBuildIgnored(f *ast.File) bool {
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//go:build ignore") {
				return true
			}
		}
	}
	return false
}

// TestHandWrittenSQLCheckFindsIt: the check above sees each way of writing
// SQL in a read path.
func TestHandWrittenSQLCheckFindsIt(t *testing.T) {
	const src = `package p
import (
	"entgo.io/ent/dialect/sql"
	"kite/internal/access"
)
func f(q Q, db DB, s *sql.Selector) {
	q.Modify(func(s *sql.Selector) {})
	q.Modify(access.WithAge(today))
	access.ReadPlans(ctx, client, ids, nil)
	_ = sql.Select("id").From(sql.Table("children"))
	db.QueryContext(ctx, "SELECT 1")
	s.AppendSelectAs("x", "y")
}`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	found, via := handWrittenSQL(fset, f)
	if len(found) != 5 || via != 2 {
		t.Errorf("found %d (%v) and %d through access; want 5 and 2", len(found), found, via)
	}
}
