package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"kite/internal/access"
)

// PlanVersion is one published wording of a plan: the formal text and a
// child-friendly rewording of each part, and its actions.
type PlanVersion struct{ ent.Schema }

// Mixin of PlanVersion.
func (PlanVersion) Mixin() []ent.Mixin {
	return tenantRecord("plv")
}

// Fields of PlanVersion. The child-friendly wording comes first (it is what
// children and families read first); versions are never edited after they
// are published.
func (PlanVersion) Fields() []ent.Field {
	return []ent.Field{
		field.Int("version").Positive().Immutable().
			Comment("1 for the first version, then 2, 3, …"),
		field.Time("published_at").Immutable().
			Comment("When this version was published."),
		wording("worries_for_child", "What we are worried about, in words a child understands."),
		wording("going_well_for_child", "What is going well, in words a child understands."),
		wording("needs_to_change_for_child", "What needs to change, in words a child understands."),
		wording("worries", "What we are worried about (formal wording)."),
		wording("going_well", "What is going well (formal wording)."),
		wording("needs_to_change", "What needs to change (formal wording)."),
		ref("plan_id"),
		field.String("published_by_id").GoType(idType()).Optional().Nillable().Immutable().Annotations(hidden()),
	}
}

// wording is one part of a version's text, never changed once published.
func wording(name, comment string) ent.Field {
	return field.Text(name).Immutable().Comment(comment)
}

// Edges of PlanVersion.
func (PlanVersion) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("plan", Plan.Type).Field("plan_id").Unique().Required().Immutable().Annotations(hidden()).
			Comment("The plan this is a version of."),
		edge.To("published_by", User.Type).Field("published_by_id").Unique().Immutable().Annotations(hidden()),
		edge.From("actions", PlanAction.Type).Ref("plan_version").
			Comment("Who does what by when."),
	}
}

// Indexes of PlanVersion.
func (PlanVersion) Indexes() []ent.Index {
	return []ent.Index{index.Fields("plan_id", "version").Unique()}
}

// Annotations of PlanVersion.
func (PlanVersion) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("One published version of a plan, in formal words and in words a child understands. Seen by whoever may see the plan.")}
}

// Policy of PlanVersion: see internal/access.
func (PlanVersion) Policy() ent.Policy { return access.PlanVersionPolicy() }

// Interceptors of PlanVersion: staff reads are audited for the child (internal/access).
func (PlanVersion) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.AuditPlanVersionReads()}
}
