package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"kite/internal/access"

	"kite/internal/domain"
)

// PlanAction is one line of a plan: who does what by when.
type PlanAction struct{ ent.Schema }

// Mixin of PlanAction.
func (PlanAction) Mixin() []ent.Mixin {
	return tenantRecord("pla")
}

// Fields of PlanAction.
func (PlanAction) Fields() []ent.Field {
	return []ent.Field{
		field.Text("what").NotEmpty().Optional().Nillable().
			Comment("What will be done (formal wording). Always written; null for a child under 12, who is never shown the formal wording."),
		field.Text("what_for_child").Optional().
			Comment("What will be done, in words a child understands."),
		field.String("who").NotEmpty().MaxLen(200).
			Comment("Who will do it, e.g. \"Sam's social worker\"."),
		optionalDate("by_when", "The day it should be done by."),
		field.Enum("status").GoType(domain.ActionStatus("")).Default(string(domain.ActionNotStarted)).
			Comment("Where the action stands.").
			Annotations(entgql.Type("ActionStatus")),
		field.Int("position").Default(0).Annotations(hidden()),
		ref("plan_version_id"),
	}
}

// Edges of PlanAction.
func (PlanAction) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("plan_version", PlanVersion.Type).Field("plan_version_id").Unique().Required().Immutable().
			Annotations(hidden()),
	}
}

// Annotations of PlanAction.
func (PlanAction) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("One action of a plan: who does what by when. Seen by whoever may see the plan.")}
}

// Policy of PlanAction: see internal/access.
func (PlanAction) Policy() ent.Policy { return access.PlanActionPolicy() }

// Interceptors of PlanAction: a child under 12 is not shown the formal
// wording; staff reads are audited for the child (internal/access).
func (PlanAction) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.MaskPlanActions(), access.AuditPlanActionReads()}
}
