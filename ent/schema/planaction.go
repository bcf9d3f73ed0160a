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
		field.String("for_parent_id").GoType(idType()).Optional().Nillable().Immutable().Annotations(hidden()),
		optionalTime("done_marked_at", "When the parent or carer it is for marked it done; null if they have not."),
		field.Text("done_note").Optional().Nillable().
			Comment("What the parent or carer wrote when they marked it done. Seen by them and the child's staff."),
		optionalTime("done_confirmed_at", "When the social worker confirmed it was done (the action is then DONE)."),
		optionalRef("done_confirmed_by_id"),
		optionalTime("sent_back_at", "When the social worker sent the parent's \"done\" back as not done yet; null once the parent marks it done again."),
		field.Text("sent_back_note").Optional().Nillable().
			Comment("Why the social worker sent it back. Seen by the parent or carer it is for and the child's staff."),
	}
}

// Edges of PlanAction.
func (PlanAction) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("plan_version", PlanVersion.Type).Field("plan_version_id").Unique().Required().Immutable().
			Annotations(hidden()),
		edge.To("for_parent", User.Type).Field("for_parent_id").Unique().Immutable().
			Comment("The parent or carer who does it, if the plan names one: they can mark it done. Null when the viewer may not see their account."),
		edge.To("done_confirmed_by", User.Type).Field("done_confirmed_by_id").Unique().
			Comment("The social worker who confirmed it was done; null when the viewer may not see their account."),
	}
}

// Annotations of PlanAction.
func (PlanAction) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("One action of a plan: who does what by when, and, for an action a parent or carer does, when they marked it done and the social worker's check. Seen by whoever may see the plan (the notes only by that parent and the child's staff).")}
}

// Policy of PlanAction: see internal/access.
func (PlanAction) Policy() ent.Policy { return access.PlanActionPolicy() }

// Interceptors of PlanAction: a child under 12 is not shown the formal
// wording; a parent's note and the social worker's answer are hidden from
// the child and other parents; staff reads are audited for the child
// (internal/access).
func (PlanAction) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.MaskPlanActions(), access.AuditPlanActionReads()}
}
