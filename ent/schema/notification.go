package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"kite/internal/access"
)

// Notification is the outbox: a message to send, written in the same
// transaction as what caused it, and retried until delivered. Its payload
// never carries a child's words, only enough to say "open Kite".
type Notification struct{ ent.Schema }

// Mixin of Notification.
func (Notification) Mixin() []ent.Mixin {
	return tenantRecord("ntf")
}

// Fields of Notification.
func (Notification) Fields() []ent.Field {
	return []ent.Field{
		field.String("kind").NotEmpty().MaxLen(64),
		field.String("recipient_user_id").GoType(idType()).Optional().Nillable(),
		field.String("recipient_address").NotEmpty().MaxLen(254),
		field.JSON("payload", map[string]string{}).Optional(),
		field.Int("attempts").Default(0),
		field.Time("next_attempt_at").Default(now),
		field.Time("delivered_at").Optional().Nillable(),
		field.String("last_error").Optional().MaxLen(500),
	}
}

// Indexes of Notification: the sender picks undelivered messages due now.
func (Notification) Indexes() []ent.Index {
	return []ent.Index{index.Fields("delivered_at", "next_attempt_at")}
}

// Annotations of Notification: not part of the GraphQL API.
func (Notification) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Policy of Notification: system code only, never the API.
func (Notification) Policy() ent.Policy { return access.SystemOnlyPolicy() }
