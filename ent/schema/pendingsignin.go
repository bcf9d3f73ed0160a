package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"kite/internal/access"
)

// PendingSignIn is one sign-in through an identity provider, from the
// redirect to the provider until the client has exchanged its one-time code
// for Kite's tokens. Only hashes of the state, the browser binding and the
// one-time code are kept; the nonce and the PKCE verifier are kept until the
// provider answers. Rows live minutes.
type PendingSignIn struct{ ent.Schema }

// Mixin of PendingSignIn.
func (PendingSignIn) Mixin() []ent.Mixin {
	return tenantRecord("psi")
}

// Fields of PendingSignIn.
func (PendingSignIn) Fields() []ent.Field {
	return []ent.Field{
		field.String("state_hash").NotEmpty().Unique().Sensitive().Immutable(),
		field.String("binding_hash").NotEmpty().Sensitive().Immutable(),
		field.String("nonce").NotEmpty().Sensitive().Immutable(),
		field.String("code_verifier").NotEmpty().Sensitive().Immutable(),
		field.Time("expires_at"),
		field.Time("answered_at").Optional().Nillable(),
		optionalRef("user_id"),
		field.String("handoff_hash").Optional().Nillable().Unique().Sensitive(),
		field.Time("used_at").Optional().Nillable(),
	}
}

// Indexes of PendingSignIn: old rows are deleted by expiry.
func (PendingSignIn) Indexes() []ent.Index {
	return []ent.Index{index.Fields("expires_at")}
}

// Annotations of PendingSignIn.
func (PendingSignIn) Annotations() []schema.Annotation {
	return []schema.Annotation{hidden()}
}

// Policy of PendingSignIn: system code only.
func (PendingSignIn) Policy() ent.Policy { return access.SystemOnlyPolicy() }
