// Package schema is Kite's data model: one file per entity of docs/domain.md,
// the mixins they share (this file) and the fields they share (fields.go).
// Access rules are not written here: every policy calls internal/access,
// where all of them live.
package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"

	"kite/internal/civil"
	"kite/internal/ident"
)

// IDPrefix is the annotation that names a table's id prefix. The generated
// ent/idprefix.go maps each prefix back to its table, so node(id) reads one
// table instead of searching them all.
type IDPrefix struct {
	Prefix string
}

// Name implements schema.Annotation.
func (IDPrefix) Name() string { return "IDPrefix" }

// idMixin gives an entity a random, type-prefixed string id.
type idMixin struct {
	mixin.Schema
	prefix string
}

func withID(prefix string) idMixin { return idMixin{prefix: prefix} }

// Fields of idMixin.
func (m idMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String("id").
			GoType(ident.ID("")).
			DefaultFunc(func() ident.ID { return ident.New(m.prefix) }).
			Immutable().
			Comment("The record's opaque id."),
	}
}

// Annotations of idMixin.
func (m idMixin) Annotations() []schema.Annotation {
	return []schema.Annotation{IDPrefix{Prefix: m.prefix}}
}

// timesMixin records when a row was created and last changed.
type timesMixin struct{ mixin.Schema }

// Fields of timesMixin.
func (timesMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Default(now).Immutable().
			Comment("When this record was created (RFC 3339, UTC).").
			Annotations(entgql.OrderField("CREATED_AT")),
		field.Time("updated_at").Default(now).UpdateDefault(now).
			Comment("When this record was last changed (RFC 3339, UTC)."),
	}
}

func now() time.Time { return time.Now().UTC() }

// authorityMixin ties a tenant-owned row to its local authority. The column is
// immutable: a record never moves between authorities.
type authorityMixin struct{ mixin.Schema }

// Fields of authorityMixin.
func (authorityMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String("authority_id").GoType(ident.ID("")).Immutable().
			Comment("The local authority this record belongs to.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of authorityMixin.
func (authorityMixin) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("authority", LocalAuthority.Type).
			Field("authority_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of authorityMixin: every tenant-owned query filters by authority.
func (authorityMixin) Indexes() []ent.Index {
	return []ent.Index{index.Fields("authority_id")}
}

// optionalAuthorityMixin is for reference data that is global when the
// authority is empty and an authority's own override when it is set.
type optionalAuthorityMixin struct{ mixin.Schema }

// Fields of optionalAuthorityMixin.
func (optionalAuthorityMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String("authority_id").GoType(ident.ID("")).Optional().Nillable().Immutable().
			Comment("The local authority whose own version this is; empty for the national default.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of optionalAuthorityMixin.
func (optionalAuthorityMixin) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("authority", LocalAuthority.Type).
			Field("authority_id").Unique().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// externalIDMixin keeps the id a record has in the authority's
// case-management system, so that re-running an import updates, never
// duplicates. Unique within the authority.
type externalIDMixin struct{ mixin.Schema }

// Fields of externalIDMixin.
func (externalIDMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String("external_id").Optional().Nillable().MaxLen(128).
			Comment("The record's id in the authority's case-management system, if it came from there.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of externalIDMixin.
func (externalIDMixin) Indexes() []ent.Index {
	return []ent.Index{index.Fields("authority_id", "external_id").Unique()}
}

// childMixin ties a record to the child it is about, for good: the child_id
// column and the child edge. Both are kept out of the generated GraphQL;
// where the API shows the child, a resolver reads it under the child's own
// policy. It comes after authorityMixin: foreign-key columns follow the
// order of the edges.
type childMixin struct{ mixin.Schema }

// Fields of childMixin.
func (childMixin) Fields() []ent.Field { return []ent.Field{ref("child_id")} }

// Edges of childMixin.
func (childMixin) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("child", Child.Type).Field("child_id").Unique().Required().Immutable().Annotations(hidden()).
			Comment("The child the record is about."),
	}
}

// The mixin lists of the records a local authority owns. Each starts with a
// prefixed id, when the record was created and last changed, and the
// authority; an imported record also keeps its id in the authority's
// case-management system (externalIDMixin); a child record belongs to one
// child (childMixin).

// tenantRecord is the mixin list of a record a local authority owns.
func tenantRecord(prefix string) []ent.Mixin {
	return []ent.Mixin{withID(prefix), timesMixin{}, authorityMixin{}}
}

// importedRecord is a tenantRecord that may come from case management.
func importedRecord(prefix string) []ent.Mixin {
	return append(tenantRecord(prefix), externalIDMixin{})
}

// childRecord is a tenantRecord about one child.
func childRecord(prefix string) []ent.Mixin {
	return append(tenantRecord(prefix), childMixin{})
}

// importedChildRecord is an importedRecord about one child.
func importedChildRecord(prefix string) []ent.Mixin {
	return append(importedRecord(prefix), childMixin{})
}

// dateField is a required calendar day ("YYYY-MM-DD", Europe/London), stored
// as text so that it compares and sorts the same way on SQLite and PostgreSQL.
func dateField(name, comment string) ent.Field {
	return field.String(name).GoType(civil.Date("")).MaxLen(10).
		Comment(comment).Annotations(entgql.Type("Date"))
}

// optionalDate is a calendar day that may be absent (null in GraphQL).
func optionalDate(name, comment string) ent.Field {
	return field.String(name).GoType(civil.Date("")).MaxLen(10).Optional().Nillable().
		Comment(comment).Annotations(entgql.Type("Date"))
}

// hidden keeps a field or edge out of the GraphQL schema entirely.
func hidden() schema.Annotation { return entgql.Skip(entgql.SkipAll) }

// describe sets the GraphQL description of an entity's type (see entc.go).
func describe(text string) schema.Annotation { return schema.Comment(text) }

// idType is the Go type of every id and foreign key.
func idType() ident.ID { return ident.ID("") }
