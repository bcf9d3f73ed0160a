package schema

import (
	"kite/internal/access"

	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// AlertResponse is one response to an alert, by the person it is addressed
// to (a social worker allocated to the child, say, or a manager). Responses
// are never changed: a later one is a new row.
type AlertResponse struct{ ent.Schema }

// Mixin of AlertResponse.
func (AlertResponse) Mixin() []ent.Mixin {
	return []ent.Mixin{withID("ars"), authorityMixin{}}
}

// Fields of AlertResponse.
func (AlertResponse) Fields() []ent.Field {
	return []ent.Field{
		field.String("text").NotEmpty().MaxLen(16000).Immutable().
			Comment("The response, in the addressee's words (at most 4,000 characters)."),
		field.Time("responded_at").Default(now).Immutable().
			Comment("When it was given."),
		personName("author_name", "Who gave it, by name, as they were called then."),
		personRole("author_role", "The role they gave it in, e.g. SOCIAL_WORKER."),
		ref("alert_id"),
		ref("author_id"),
	}
}

// Edges of AlertResponse.
func (AlertResponse) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("alert", Alert.Type).Ref("responses").Field("alert_id").Unique().Required().Immutable().Annotations(hidden()),
		edge.To("author", User.Type).Field("author_id").Unique().Required().Immutable().Annotations(hidden()),
	}
}

// Indexes of AlertResponse: an alert's responses, in order.
func (AlertResponse) Indexes() []ent.Index {
	return []ent.Index{index.Fields("alert_id", "responded_at")}
}

// Annotations of AlertResponse.
func (AlertResponse) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("A response to an alert by the person it is addressed to. Seen by whoever may see the alert.")}
}

// Policy of AlertResponse: see internal/access.
func (AlertResponse) Policy() ent.Policy { return access.AlertResponsePolicy() }

// Interceptors of AlertResponse: staff reads are audited for the child (internal/access).
func (AlertResponse) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.AuditAlertResponseReads()}
}
