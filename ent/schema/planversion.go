package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"kite/internal/access"
)

// PlanVersion is one published wording of a plan: the formal text, and
// optionally a wording of each part for the child and one for the family,
// and its actions.
type PlanVersion struct{ ent.Schema }

// Mixin of PlanVersion.
func (PlanVersion) Mixin() []ent.Mixin {
	return tenantRecord("plv")
}

// Fields of PlanVersion. The child's wording comes first (it is what
// children read first), the family's last (added later); versions are never
// edited after they are published.
func (PlanVersion) Fields() []ent.Field {
	return []ent.Field{
		field.Int("version").Positive().Immutable().
			Comment("1 for the first version, then 2, 3, …"),
		field.Time("published_at").Immutable().
			Comment("When this version was published."),
		wording("worries_for_child", "What we are worried about, in words written for the child; null when none were written."),
		wording("going_well_for_child", "What is going well, in words written for the child; null when none were written."),
		wording("needs_to_change_for_child", "What needs to change, in words written for the child; null when none were written."),
		wording("worries", "What we are worried about (formal wording). Null for a child under 12, who is never shown the formal wording."),
		wording("going_well", "What is going well (formal wording). Null for a child under 12."),
		wording("needs_to_change", "What needs to change (formal wording). Null for a child under 12."),
		wording("worries_for_family", "What we are worried about, in words written for the child's parents or carers; null when none were written, and for a child under 12."),
		wording("going_well_for_family", "What is going well, in words written for the parents or carers; null when none were written, and for a child under 12."),
		wording("needs_to_change_for_family", "What needs to change, in words written for the parents or carers; null when none were written, and for a child under 12."),
		ref("plan_id"),
		field.String("published_by_id").GoType(idType()).Optional().Nillable().Immutable().Annotations(hidden()),
	}
}

// wording is one part of a version's text, never changed once published.
// It may be absent: the wording for the child or the family is optional,
// and the formal wording, which the plan service always writes, is masked
// for a child under 12 (internal/access).
func wording(name, comment string) ent.Field {
	return field.Text(name).Optional().Nillable().Immutable().Comment(comment)
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
	return []schema.Annotation{describe("One published version of a plan, in formal words and, where written, in words for the child and for the family. Seen by whoever may see the plan; a child under 12 is never shown the formal or the family wording.")}
}

// Policy of PlanVersion: see internal/access.
func (PlanVersion) Policy() ent.Policy { return access.PlanVersionPolicy() }

// Interceptors of PlanVersion: a child under 12 is not shown the formal or
// the family wording; staff reads are audited for the child (internal/access).
func (PlanVersion) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.MaskPlanVersions(), access.AuditPlanVersionReads()}
}
