package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"kite/internal/access"

	"kite/internal/forms"
)

// FormTemplate is the questions of a form, as data. Each version is its own
// row and is never changed, so answers always keep the version they answered.
type FormTemplate struct{ ent.Schema }

// Mixin of FormTemplate: global when the authority is empty.
func (FormTemplate) Mixin() []ent.Mixin {
	return []ent.Mixin{withID("frm"), timesMixin{}, optionalAuthorityMixin{}}
}

// Fields of FormTemplate.
func (FormTemplate) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").NotEmpty().MaxLen(64).Immutable().
			Comment("Which form this is, e.g. \"child-younger\"; versions of one form share a key."),
		field.Enum("audience").Values("CHILD", "PARENT").Immutable().
			Annotations(hidden()).
			Comment("Who fills it in."),
		field.Int("min_age").Default(0).Immutable().Annotations(hidden()),
		field.Int("max_age").Default(0).Immutable().Annotations(hidden()),
		field.Int("version").Positive().Immutable().
			Comment("The version of the form; answers keep the version they answered."),
		field.String("title").NotEmpty().MaxLen(200).Immutable().
			Comment("The form's title, in plain words."),
		field.Text("intro").Optional().Immutable().
			Comment("A few words at the top of the form saying what it is for."),
		field.JSON("questions", []forms.Question{}).Immutable().
			Comment("The questions, in order.").
			Annotations(entgql.Type("[FormQuestion!]")),
	}
}

// Indexes of FormTemplate.
func (FormTemplate) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("authority_id", "key", "version").Unique(),
		// NULLs are distinct in a unique index: the national forms need one of their own.
		index.Fields("key", "version").Unique().Annotations(entsql.IndexWhere("authority_id IS NULL")).
			StorageKey("formtemplate_national_key_version"),
	}
}

// Annotations of FormTemplate.
func (FormTemplate) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("The questions a child or parent is asked before a meeting. Read by everyone signed in.")}
}

// Policy of FormTemplate: reference data, readable by all.
func (FormTemplate) Policy() ent.Policy { return access.ReferencePolicy() }
