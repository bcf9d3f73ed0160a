package main

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The architecture document (docs/architecture.md) says which layer each
// package is in and which Kite packages each one imports. These tests hold
// it against `go list`, so that the document cannot drift from the code and
// no package imports a higher layer.

const module = "kite"

// generatedEnt are ent's generated packages other than the ones the document
// names on their own: they all count as "ent".
func docName(pkg string) string {
	p := strings.TrimPrefix(pkg, module+"/")
	if pkg == module {
		return "kite"
	}
	if strings.HasPrefix(p, "ent/") {
		switch p {
		case "ent/schema", "ent/runtime", "ent/schemadoc", "ent/enttest":
			return p
		}
		return "ent"
	}
	return p
}

// kiteImports lists each package of the module with the module's packages
// it imports (not counting tests), by document name.
func kiteImports(t *testing.T) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}|{{join .Imports ","}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, deps, _ := strings.Cut(line, "|")
		from := docName(pkg)
		if _, ok := imports[from]; !ok {
			imports[from] = nil
		}
		for _, d := range strings.Split(deps, ",") {
			if d != module && !strings.HasPrefix(d, module+"/") {
				continue
			}
			to := docName(d)
			if to != from && !slices.Contains(imports[from], to) {
				imports[from] = append(imports[from], to)
			}
		}
	}
	for k := range imports {
		sort.Strings(imports[k])
	}
	return imports
}

var codeSpan = regexp.MustCompile("`([^`]+)`")

// tableRows returns the cells of the rows of the markdown table that
// follows the line starting with header.
func tableRows(t *testing.T, header string) [][]string {
	t.Helper()
	f, err := os.Open("docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, header):
			in = true
		case in && strings.HasPrefix(line, "|---"):
		case in && strings.HasPrefix(line, "|"):
			cells := strings.Split(strings.Trim(line, "|"), " | ")
			for i := range cells {
				cells[i] = strings.TrimSpace(cells[i])
			}
			rows = append(rows, cells)
		case in:
			return rows
		}
	}
	return rows
}

// layers reads the layer table: package → layer number. "`ent` and its
// generated subpackages" puts "ent" in its layer.
func layers(t *testing.T) map[string]int {
	layer := map[string]int{}
	for _, row := range tableRows(t, "| layer | packages |") {
		n, err := strconv.Atoi(strings.SplitN(row[0], ".", 2)[0])
		if err != nil {
			t.Fatalf("layer table: %q is not numbered", row[0])
		}
		for _, m := range codeSpan.FindAllStringSubmatch(row[1], -1) {
			name := m[1]
			if strings.HasSuffix(name, ".go") {
				continue // a file named beside its package
			}
			layer[name] = n
		}
	}
	return layer
}

// documentedImports reads the packages table: package → the Kite packages
// it imports. Within a cell, "internal/a, b, c/d" abbreviates internal/b and
// internal/c/d; text in parentheses is a remark.
func documentedImports(t *testing.T) map[string][]string {
	remark := regexp.MustCompile(`\([^)]*\)`)
	doc := map[string][]string{}
	for _, row := range tableRows(t, "| package | its one job |") {
		names := codeSpan.FindStringSubmatch(row[0])
		if names == nil || len(row) < 3 {
			t.Fatalf("packages table: row %q has no package name or imports", row)
		}
		var deps []string
		prefix := ""
		cell := remark.ReplaceAllString(row[2], "")
		if strings.TrimSpace(cell) != "—" {
			for _, d := range strings.Split(cell, ",") {
				d = strings.TrimSpace(d)
				if strings.HasPrefix(d, "internal/") {
					prefix = "internal/"
				} else if prefix != "" && !strings.HasPrefix(d, "ent") && !strings.HasPrefix(d, "graph") {
					d = prefix + d
				}
				deps = append(deps, d)
			}
		}
		sort.Strings(deps)
		doc[names[1]] = deps
	}
	return doc
}

func TestArchitectureDocumentListsEachPackagesImports(t *testing.T) {
	actual := kiteImports(t)
	doc := documentedImports(t)
	for pkg, deps := range actual {
		want, ok := doc[pkg]
		if !ok {
			t.Errorf("docs/architecture.md: package %s has no row in the packages table", pkg)
			continue
		}
		if !slices.Equal(want, deps) {
			t.Errorf("docs/architecture.md: %s imports %s, the document says %s",
				pkg, strings.Join(deps, ", "), strings.Join(want, ", "))
		}
	}
	for pkg := range doc {
		if _, ok := actual[pkg]; !ok {
			t.Errorf("docs/architecture.md: package %s is in the table but not in the code", pkg)
		}
	}
}

func TestNoPackageImportsAHigherLayer(t *testing.T) {
	layer := layers(t)
	for pkg, deps := range kiteImports(t) {
		from, ok := layer[pkg]
		if !ok {
			t.Errorf("docs/architecture.md: package %s is in no layer", pkg)
			continue
		}
		for _, d := range deps {
			to, ok := layer[d]
			if !ok {
				continue // reported as its own package
			}
			if to < from {
				t.Errorf("%s (layer %d) imports %s, a higher layer (%d)", pkg, from, d, to)
			}
		}
	}
}
