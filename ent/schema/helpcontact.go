package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"kite/internal/access"
	"kite/internal/domain"
)

// HelpContact is one place outside a child's own team that a child can turn
// to: the authority's advocacy service, how to make a complaint, the
// Independent Visitor scheme, Childline. A national row (no authority) is
// reference data written at start (Childline); an authority's own row of the
// same kind takes its place for that authority's children. A manager keeps
// the authority's rows up to date.
type HelpContact struct{ ent.Schema }

// Mixin of HelpContact.
func (HelpContact) Mixin() []ent.Mixin {
	return []ent.Mixin{withID("hlp"), timesMixin{}, optionalAuthorityMixin{}}
}

// Fields of HelpContact.
func (HelpContact) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").GoType(domain.HelpContactKind("")).Immutable().
			Comment("What kind of help this is.").
			Annotations(entgql.Type("HelpContactKind")),
		field.String("name").NotEmpty().MaxLen(200).
			Comment("The service's name, e.g. \"Demo Borough Children's Advocacy Service\"."),
		phone("phone", "The number to call, if there is one."),
		phone("text_phone", "A number to send a text message to, if there is one."),
		field.String("web").Optional().MaxLen(300).
			Comment("The service's web address (https), if it has one."),
		email("email", "The service's email address, if it has one. For the advocacy service, Kite also sends a child's request for an advocate here (with no details of the child)."),
		field.String("hours").Optional().MaxLen(200).
			Comment("When they can be reached, in plain words (\"Monday to Friday, 9am to 5pm\"); empty when not known."),
	}
}

// Indexes of HelpContact: one of each kind per authority, and one national.
func (HelpContact) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("authority_id", "kind").Unique(),
		// NULLs are distinct in a unique index: the national rows need one of their own.
		index.Fields("kind").Unique().Annotations(entsql.IndexWhere("authority_id IS NULL")).
			StorageKey("helpcontact_national_kind"),
	}
}

// Annotations of HelpContact.
func (HelpContact) Annotations() []schema.Annotation {
	return []schema.Annotation{
		describe("A place a child can turn to for help outside their own team: advocacy, complaints, the Independent Visitor scheme, Childline. Read by everyone signed in to the authority (the national ones by anyone); set by a manager."),
	}
}

// Policy of HelpContact: see internal/access.
func (HelpContact) Policy() ent.Policy { return access.HelpContactPolicy() }
