package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"kite/internal/access"
	"kite/internal/domain"
)

// SignInProvider is a local authority's OpenID Connect identity provider,
// through which its staff sign in (Entra ID, Google Workspace, Okta,
// Keycloak). At most one per authority. The client secret is never stored:
// only the name under which the server's environment or secrets folder
// holds it.
type SignInProvider struct{ ent.Schema }

// Mixin of SignInProvider.
func (SignInProvider) Mixin() []ent.Mixin {
	return tenantRecord("sip")
}

// Fields of SignInProvider.
func (SignInProvider) Fields() []ent.Field {
	return []ent.Field{
		field.String("issuer").NotEmpty().MaxLen(500).
			Comment("The provider's issuer URL, exactly as its ID tokens name it (its discovery document is read from here)."),
		field.String("client_id").NotEmpty().MaxLen(200).
			Annotations(hidden()). // GraphQL spells it clientId (staffsignin.graphqls)
			Comment("The client id Kite is registered with at the provider."),
		field.String("client_secret_name").Optional().MaxLen(63).
			Comment("The name of the client secret: Kite reads it from the environment variable KITE_OIDC_SECRET_<NAME> or the file <NAME> in KITE_OIDC_SECRETS_DIR. Empty for a public client (PKCE only)."),
		field.Strings("allowed_email_domains").
			Comment("The email domains whose verified addresses may sign in, e.g. [\"demo-borough.gov.uk\"]."),
		field.String("groups_claim").Default("groups").MaxLen(100).
			Comment("The ID token claim that lists the person's groups."),
		field.JSON("group_roles", []domain.GroupRole{}).Optional().
			Comment("Group to role mapping. When it is not empty, a member of a mapped group who has no Kite account gets one, with the group's role (never ADMIN); empty means only accounts an admin made can sign in.").
			Annotations(entgql.Type("[GroupRole!]")),
		field.Bool("required_for_staff").Default(false).
			Comment("Whether staff of the authority must sign in through the provider: their passwords are then refused."),
	}
}

// Indexes of SignInProvider: one per authority.
func (SignInProvider) Indexes() []ent.Index {
	return []ent.Index{index.Fields("authority_id").Unique().StorageKey("signinprovider_one_per_authority")}
}

// Annotations of SignInProvider.
func (SignInProvider) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("The identity provider staff of an authority sign in with (OpenID Connect). Seen by admins of the authority.")}
}

// Policy of SignInProvider: see internal/access.
func (SignInProvider) Policy() ent.Policy { return access.SignInProviderPolicy() }
