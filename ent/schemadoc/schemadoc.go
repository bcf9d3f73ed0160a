// Package schemadoc completes the descriptions of the GraphQL schema that
// entgql generates from ent: type descriptions from each entity's
// schema.Comment, enum value descriptions from domain.EnumDocs, and plain
// descriptions for the generated connection, edge and ordering types.
// Front-end developers read these; a test checks that nothing is left bare.
package schemadoc

import (
	"fmt"
	"strings"

	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"

	"kite/internal/domain"
	"kite/internal/names"
)

// Hook is an entgql schema hook (entgql.WithSchemaHook).
func Hook(g *gen.Graph, s *ast.Schema) error {
	for _, n := range g.Nodes {
		def := s.Types[n.Name]
		if def == nil || def.Description != "" {
			continue
		}
		if c, ok := n.Annotations["Comment"].(map[string]any); ok {
			def.Description, _ = c["Text"].(string)
		}
	}
	for _, n := range g.Nodes {
		describeEdges(n, s.Types[n.Name])
	}
	if q := s.Types["Query"]; q != nil {
		setIfEmpty(&q.Description, "What can be read. Every answer follows the access rules: a record the viewer may not see is null or absent, exactly as if it did not exist.")
	}
	for name, def := range s.Types {
		describeGenerated(name, def)
		if def.Kind == ast.Enum {
			if err := describeEnum(def); err != nil {
				return err
			}
		}
	}
	return nil
}

// describeEdges copies each edge's comment to its GraphQL field; entgql
// leaves connection fields bare.
func describeEdges(n *gen.Type, def *ast.Definition) {
	if def == nil {
		return
	}
	for _, e := range n.Edges {
		if f := def.Fields.ForName(names.GraphQLField(e.Name)); f != nil {
			setIfEmpty(&f.Description, e.Comment())
		}
	}
}

// describeGenerated fills in the types and fields entgql writes for
// pagination and ordering.
func describeGenerated(name string, def *ast.Definition) {
	switch {
	case strings.HasSuffix(name, "Connection"):
		item := strings.TrimSuffix(name, "Connection")
		setIfEmpty(&def.Description, fmt.Sprintf("A page of %s records (a Relay connection).", item))
		for _, f := range def.Fields {
			switch f.Name {
			case "edges":
				setIfEmpty(&f.Description, "The records on this page, each with its cursor.")
			case "pageInfo":
				setIfEmpty(&f.Description, "Where this page sits, for asking for the next or previous one.")
			case "totalCount":
				setIfEmpty(&f.Description, "How many records there are in all that the viewer may see.")
			}
		}
	case strings.HasSuffix(name, "Edge"):
		setIfEmpty(&def.Description, fmt.Sprintf("One %s record on a page, with its cursor.", strings.TrimSuffix(name, "Edge")))
		for _, f := range def.Fields {
			switch f.Name {
			case "node":
				setIfEmpty(&f.Description, "The record.")
			case "cursor":
				setIfEmpty(&f.Description, "Pass this as `after` or `before` to page from here.")
			}
		}
	case strings.HasSuffix(name, "OrderField"):
		setIfEmpty(&def.Description, fmt.Sprintf("The fields %s records can be ordered by.", strings.TrimSuffix(name, "OrderField")))
		for _, v := range def.EnumValues {
			setIfEmpty(&v.Description, "Order by "+strings.ToLower(strings.ReplaceAll(v.Name, "_", " "))+".")
		}
	case strings.HasSuffix(name, "Order") && def.Kind == ast.InputObject:
		setIfEmpty(&def.Description, fmt.Sprintf("How to order %s records.", strings.TrimSuffix(name, "Order")))
		for _, f := range def.Fields {
			switch f.Name {
			case "direction":
				setIfEmpty(&f.Description, "Ascending or descending.")
			case "field":
				setIfEmpty(&f.Description, "The field to order by.")
			}
		}
	}
	// Arguments of generated connection fields.
	for _, f := range def.Fields {
		for _, a := range f.Arguments {
			setIfEmpty(&a.Description, argumentDocs[a.Name])
		}
	}
}

var argumentDocs = map[string]string{
	"after":   "Return records after this cursor.",
	"first":   "Return at most this many records from the start (capped; absent means a default page).",
	"before":  "Return records before this cursor.",
	"last":    "Return at most this many records from the end (capped).",
	"orderBy": "How to order the records.",
	"id":      "The id of the record.",
	"ids":     "The ids of the records.",
}

// describeEnum takes enum value descriptions from domain.EnumDocs, replacing
// entgql's generic "X is enum for the field y".
func describeEnum(def *ast.Definition) error {
	docs, ok := domain.EnumDocs[def.Name]
	if !ok {
		return nil
	}
	def.Description = docs.Type
	for _, v := range def.EnumValues {
		text, ok := docs.Values[v.Name]
		if !ok {
			return fmt.Errorf("schemadoc: enum value %s.%s has no description in domain.EnumDocs", def.Name, v.Name)
		}
		v.Description = text
	}
	return nil
}

func setIfEmpty(dst *string, text string) {
	if *dst == "" {
		*dst = text
	}
}
