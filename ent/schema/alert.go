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
			Comment("An informal alert or a formal escalation: INFORMAL_ALERT at the INFORMAL stage, FORMAL_ESCALATION at every later one (it follows the stage).").
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
		dateField("response_due_by", "The day a response is due at the current stage: the stage's number of working days (an authority setting) after it was raised or last escalated."),
		field.Text("response").Optional().
			Comment("The latest response, once given (all of them are in responses)."),
		optionalTime("responded_at", "When it was last responded to."),
		field.Text("resolution").Optional().
			Comment("How it was resolved."),
		optionalTime("resolved_at", "When it was resolved."),
		field.Enum("stage").GoType(domain.AlertStage("")).Default(string(domain.StageInformal)).
			Comment("How far it has gone in the dispute-resolution process. An INFORMAL_ALERT is raised at INFORMAL, a FORMAL_ESCALATION at FORMAL_TEAM_MANAGER; the chair who raised it escalates it a stage at a time (escalateAlert).").
			Annotations(entgql.Type("AlertStage")),
		field.JSON("stage_history", []domain.AlertStageStep{}).Optional().
			Annotations(hidden()).
			Comment("Each stage reached, oldest first; empty for an alert raised before stages were recorded."),
		field.Enum("raised_by_role").GoType(domain.Role("")).Optional().Nillable().Immutable().
			Comment("The role the chair raised it in (IRO or CP_CHAIR); null for an alert raised before this was recorded.").
			Annotations(entgql.Type("Role")),
		ref("raised_by_id"),
		field.String("meeting_id").GoType(idType()).Optional().Nillable().Immutable().Annotations(hidden()).
			Comment("The meeting of the child it arose from, if any."),
	}
}

// Edges of Alert.
func (Alert) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("raised_by", User.Type).Field("raised_by_id").Unique().Required().Immutable().Annotations(hidden()),
		edge.To("meeting", Meeting.Type).Field("meeting_id").Unique().Immutable().Annotations(hidden()),
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
