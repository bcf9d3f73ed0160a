package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"kite/internal/access"
)

// IdentityLink ties a staff account to a person at the authority's identity
// provider: once linked, the provider's subject (not the email address)
// identifies the account.
type IdentityLink struct{ ent.Schema }

// Mixin of IdentityLink.
func (IdentityLink) Mixin() []ent.Mixin {
	return tenantRecord("idl")
}

// Fields of IdentityLink.
func (IdentityLink) Fields() []ent.Field {
	return []ent.Field{
		field.String("issuer").NotEmpty().MaxLen(500).Immutable().
			Comment("The provider's issuer URL."),
		field.String("subject").NotEmpty().MaxLen(255).Immutable().
			Comment("The provider's subject (sub claim) for the person."),
		field.Bool("from_group").Default(false).Immutable().
			Comment("Whether the account was made from the person's groups; such an account signs in only while its groups still give its role."),
		optionalTime("last_sign_in_at", "When the person last signed in through the provider."),
		ref("user_id"),
	}
}

// Edges of IdentityLink.
func (IdentityLink) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable().Annotations(hidden()).
			Comment("The Kite account."),
	}
}

// Indexes of IdentityLink: one link per account, one account per subject.
func (IdentityLink) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("user_id").Unique(),
		index.Fields("authority_id", "issuer", "subject").Unique(),
	}
}

// Annotations of IdentityLink.
func (IdentityLink) Annotations() []schema.Annotation {
	return []schema.Annotation{hidden()}
}

// Policy of IdentityLink: see internal/access (sign-in makes links as
// system code; an admin may remove one; nobody reads them through the API).
func (IdentityLink) Policy() ent.Policy { return access.IdentityLinkPolicy() }
