package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"kite/internal/access"
)

// GlossaryEntry is a word professionals use, explained in plain words for
// children and parents. Global when the authority is empty; an authority may
// add its own or override a global one with the same term.
type GlossaryEntry struct{ ent.Schema }

// Mixin of GlossaryEntry.
func (GlossaryEntry) Mixin() []ent.Mixin {
	return []ent.Mixin{withID("gls"), timesMixin{}, optionalAuthorityMixin{}}
}

// Fields of GlossaryEntry.
func (GlossaryEntry) Fields() []ent.Field {
	return []ent.Field{
		field.String("term").NotEmpty().MaxLen(100).
			Comment("The word or phrase, e.g. \"core group\"."),
		field.Text("explanation").NotEmpty().
			Comment("What it means, in plain words."),
	}
}

// Indexes of GlossaryEntry.
func (GlossaryEntry) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("authority_id", "term").Unique(),
		// NULLs are distinct in a unique index: the national entries need one of their own.
		index.Fields("term").Unique().Annotations(entsql.IndexWhere("authority_id IS NULL")).
			StorageKey("glossaryentry_national_term"),
	}
}

// Annotations of GlossaryEntry.
func (GlossaryEntry) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("A word professionals use, explained in plain words. Public.")}
}

// Policy of GlossaryEntry: reference data, readable by all.
func (GlossaryEntry) Policy() ent.Policy { return access.ReferencePolicy() }
