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
package main

import (
	"fmt"
	"os"

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
