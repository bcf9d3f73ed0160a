package schema

import (
	"kite/internal/access"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"kite/internal/domain"
)

// Alert is a chair's informal alert or formal escalation on a child's case
// (the chair's dispute-resolution duty), with its response and resolution.
type Alert struct{ ent.Schema }

// Mixin of Alert.
func (Alert) Mixin() []ent.Mixin {
	return childRecord("alr")
}

// Fields of Alert.
func (Alert) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("level").GoType(domain.AlertLevel("")).
			Comment("An informal alert or a formal escalation.").
			Annotations(entgql.Type("AlertLevel")),
		field.Enum("reason").GoType(domain.AlertReason("")).
			Comment("Why the chair raised it.").
			Annotations(entgql.Type("AlertReason")),
		field.Text("details").Optional().
			Comment("What the chair is concerned about."),
		field.Enum("addressed_to").GoType(domain.Role("")).
			Comment("The role the alert is addressed to.").
			Annotations(entgql.Type("Role")),
		field.Enum("status").GoType(domain.AlertStatus("")).Default(string(domain.AlertOpen)).
			Comment("Open, responded to, or resolved.").
			Annotations(entgql.Type("AlertStatus")),
		field.Time("raised_at").Default(now).Immutable().
			Comment("When the alert was raised."),
		dateField("response_due_by", "The day a response is due (a set number of working days after it was raised)."),
		field.Text("response").Optional().
			Comment("The latest response, once given (all of them are in responses)."),
		optionalTime("responded_at", "When it was last responded to."),
		field.Text("resolution").Optional().
			Comment("How it was resolved."),
		optionalTime("resolved_at", "When it was resolved."),
		ref("raised_by_id"),
	}
}

// Edges of Alert.
func (Alert) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("raised_by", User.Type).Field("raised_by_id").Unique().Required().Immutable().Annotations(hidden()),
		edge.To("responses", AlertResponse.Type).Annotations(hidden()).
			Comment("The responses of the person it is addressed to, oldest first."),
	}
}

// Indexes of Alert.
func (Alert) Indexes() []ent.Index {
	return []ent.Index{index.Fields("child_id", "status"), index.Fields("authority_id", "status")}
}

// Annotations of Alert.
func (Alert) Annotations() []schema.Annotation {
	return []schema.Annotation{
		describe("A chair's alert or escalation about how a child's case is going. Seen by the child's allocated staff and managers."),
		entgql.RelayConnection(),
	}
}

// Policy of Alert: see internal/access.
func (Alert) Policy() ent.Policy { return access.AlertPolicy() }

// Interceptors of Alert: staff reads are audited for the child (internal/access).
func (Alert) Interceptors() []ent.Interceptor { return []ent.Interceptor{access.AuditAlertReads()} }
