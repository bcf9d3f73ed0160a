//go:build ignore

// gqlgen runs gqlgen's code generation (graph/generated, graph/model and the
// resolver files, from gqlgen.yml) with one change to what it writes: only
// the root fields of a query resolve concurrently. Run by `go generate ./...`
// after ent; CI fails if it changes anything.
//
// gqlgen resolves every field that has a resolver, or a method taking a
// context, in a goroutine of its own, so that fields which wait on the
// database wait together. Kite's reads do not wait that way: every per-child
// read of an operation goes through a batch (internal/dashboard) that loads
// all the children a list wants when the first is asked for, without a timer,
// so fields resolved in turn run the same statements. The goroutines then only
// cost: starting each one and growing its stack through gqlgen's middleware
// was a tenth of the child's dashboard in process (issue 14). Root fields
// keep their goroutines, so independent parts of a query still read at once.
//
// Then, in the written executable schema, an object whose fields resolve in
// turn gets an empty deferred group instead of a new one (noDeferredGroups),
// a field that only reads a struct's own field is answered by
// internal/gqlexec instead of gqlgen's resolver machinery (plainFields), and
// lists are marshalled in turn (listsInTurn).
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"regexp"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

func main() {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen: load config:", err)
		os.Exit(2)
	}
	if err := api.Generate(cfg, api.AddPlugin(fieldsInTurn{})); err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(3)
	}
	if err := rewrite(cfg.Exec.Filename, noDeferredGroups, plainFields, listsInTurn, importGQLExec); err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(4)
	}
}

// rewrite applies changes, in order, to the file name.
func rewrite(name string, changes ...func([]byte) ([]byte, error)) error {
	code, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	for _, change := range changes {
		if code, err = change(code); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return os.WriteFile(name, code, 0o644)
}

// newGroup and emptyGroup are how gqlgen's object template starts an
// object's deferred group, and what replaces it.
var (
	newGroup   = []byte("\tdeferred := graphql.NewDeferredGroup(ctx)\n")
	emptyGroup = []byte("\tvar deferred graphql.DeferredGroup // nothing is deferred when fields resolve in turn (graph/gqlgen.go)\n")
)

// noDeferredGroups gives every object function that never hands its
// deferred group to a field (&deferred: only a field resolved concurrently
// can be deferred, and no object's is but the query root's, which defers
// through its own path) an empty group instead of a new one. gqlgen makes
// the group for every object it writes, with the field's path, a field set
// and a map: about five allocations an object, 1,470 of a caseload page's,
// for a group that stays empty; the empty one passes the same check at the
// end of the function (no defers, nothing to process).
func noDeferredGroups(code []byte) ([]byte, error) {
	funcs := bytes.SplitAfter(code, []byte("\nfunc "))
	changed := 0
	for i, f := range funcs {
		if bytes.Contains(f, newGroup) && !bytes.Contains(f, []byte("&deferred")) {
			funcs[i] = bytes.Replace(f, newGroup, emptyGroup, 1)
			changed++
		}
	}
	if changed == 0 {
		return nil, fmt.Errorf("no object function starts a deferred group as %q: gqlgen's template changed", newGroup)
	}
	return bytes.Join(funcs, nil), nil
}

// plainField is how gqlgen's field template resolves a field that reads a
// struct's own field (obj.Name) with no directive: its field context, a
// resolver returning the value, no middleware chain, its marshaller, and
// the flags recoverFromPanic and nonNull.
var plainField = regexp.MustCompile(`(?m)^\treturn graphql\.ResolveField\(
\t\tctx,
\t\tec\.OperationContext,
\t\tfield,
\t\tfunc\(ctx context\.Context, field graphql\.CollectedField\) \(\*graphql\.FieldContext, error\) \{
\t\t\treturn ec\.(fieldContext_\w+)\(ctx, field\)
\t\t\},
\t\tfunc\(ctx context\.Context\) \(any, error\) \{
\t\t\treturn (obj\.\w+), nil
\t\t\},
\t\tnil,
\t\tfunc\(ctx context\.Context, selections ast\.SelectionSet, v [^\n]+\) graphql\.Marshaler \{
\t\t\treturn ec\.(marshal[^(]+)\(ctx, selections, v\)
\t\t\},
\t\t(true|false),
\t\t(true|false),
\t\)
`)

// plainFields answers every field that only reads a struct's own field
// through gqlexec.PlainField (see there for what it keeps and why): a
// caseload page of 70 made 23,045 allocations, 20,747 since; the child's
// dashboard 1,715, now 1,545 (issue 14).
func plainFields(code []byte) ([]byte, error) {
	if !plainField.Match(code) {
		return nil, fmt.Errorf("no field is resolved as %s: gqlgen's template changed", plainField)
	}
	return plainField.ReplaceAll(code, []byte("\treturn gqlexec.PlainField(ctx, ec.OperationContext, field, ec.$1, $2, ec.$3, $4, $5)\n")), nil
}

// concurrentList is how gqlgen's type template marshals a list of objects.
var concurrentList = []byte("graphql.MarshalSliceConcurrently(ctx, len(v), ")

// listsInTurn marshals every list through gqlexec.List, one element after
// another (see there for why).
func listsInTurn(code []byte) ([]byte, error) {
	if !bytes.Contains(code, concurrentList) {
		return nil, fmt.Errorf("no list is marshalled as %q: gqlgen's template changed", concurrentList)
	}
	return bytes.ReplaceAll(code, concurrentList, []byte("gqlexec.List(ctx, len(v), ")), nil
}

// importGQLExec imports internal/gqlexec for the calls above.
func importGQLExec(code []byte) ([]byte, error) {
	code = bytes.Replace(code, []byte("\nimport (\n"), []byte("\nimport (\n\t\"kite/internal/gqlexec\"\n"), 1)
	return format.Source(code)
}

// fieldsInTurn marks every object but the query root as resolving its fields
// in turn (gqlgen does the same for the mutation root, so that mutations run
// in order). It runs before the executable schema is written.
type fieldsInTurn struct{}

func (fieldsInTurn) Name() string { return "fieldsinturn" }

func (fieldsInTurn) GenerateCode(data *codegen.Data) error {
	for _, o := range data.Objects {
		if o.Definition != data.Schema.Query && o.Definition != data.Schema.Subscription {
			o.DisableConcurrency = true
		}
	}
	return nil
}
