//go:build ignore

// entc.go generates the ent code in ent/ and the GraphQL schema of the ent
// types in graph/ent.graphql. Run it through `go generate ./...` from the
// module root (gqlgen.yml's paths are relative to here).
package main

import (
	"log"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"

	"kite/ent/schemadoc"
)

func main() {
	ex, err := entgql.NewExtension(
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("graph/ent.graphql"),
		entgql.WithConfigPath("gqlgen.yml"),
		entgql.WithSchemaHook(schemadoc.Hook),
	)
	if err != nil {
		log.Fatalf("entgql extension: %v", err)
	}
	cfg := &gen.Config{
		Features: []gen.Feature{
			gen.FeaturePrivacy,
			gen.FeatureEntQL,
			gen.FeatureUpsert,
			gen.FeatureVersionedMigration,
			gen.FeatureIntercept,
			gen.FeatureModifier,
			gen.FeatureExecQuery,
			gen.FeatureLock,
		},
	}
	// PageWithTotal uses entgql's template functions (connection names).
	cfg.Templates = append(cfg.Templates, gen.MustParse(gen.NewTemplate("pagetotal").
		Funcs(entgql.TemplateFuncs).ParseFiles("ent/template/pagetotal.tmpl")))
	opts := []entc.Option{
		entc.Extensions(ex),
		entc.TemplateFiles("ent/template/idprefix.tmpl", "ent/template/ensurefields.tmpl", "ent/template/dialect.tmpl", "ent/template/scanrow.tmpl"),
	}
	if err := entc.Generate("./ent/schema", cfg, opts...); err != nil {
		log.Fatalf("ent codegen: %v", err)
	}
}
