package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"kite/internal/access"

	"kite/internal/domain"
)

// Plan is a care plan or a child protection plan. Its wording lives in
// versions: each review can publish a new one and earlier ones stay.
type Plan struct{ ent.Schema }

// Mixin of Plan.
func (Plan) Mixin() []ent.Mixin {
	return importedChildRecord("pln")
}

// Fields of Plan.
func (Plan) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").GoType(domain.PlanKind("")).
			Comment("A care plan (child in care) or a child protection plan.").
			Annotations(entgql.Type("PlanKind")),
		dateField("starts_on", "The day the plan started."),
		optionalDate("ends_on", "The day the plan ended; null while it is current."),
		field.String("end_reason").Optional().MaxLen(500).
			Comment("Why the plan ended, in words: the note written when it was ended (or the plain words of endReasonCode when there was none); for a plan ended before the codes, the words recorded then."),
		field.Enum("end_reason_code").GoType(domain.PlanEndReason("")).Optional().Nillable().
			Comment("Why the plan ended, as a code: where the child went. Null while the plan is current, and for a plan ended before the codes whose words say none of them clearly.").
			Annotations(entgql.Type("PlanEndReason")),
		field.Enum("category").GoType(domain.AbuseCategory("")).Optional().Nillable().
			Comment("Child protection plans only: the category of abuse.").
			Annotations(entgql.Type("AbuseCategory")),
		optionalDate("strategy_discussion_on", "Child protection plans only: the day of the strategy discussion that started the enquiries (the initial conference's clock starts here)."),
	}
}

// Edges of Plan.
func (Plan) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("versions", PlanVersion.Type).Ref("plan").
			Comment("Every published version of the plan, newest first."),
	}
}

// Indexes of Plan.
func (Plan) Indexes() []ent.Index {
	return []ent.Index{index.Fields("child_id", "ends_on")}
}

// Annotations of Plan.
func (Plan) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("A child's care plan or child protection plan. Seen by the child, linked parents (a care plan only where their link allows), allocated staff and managers.")}
}

// Policy of Plan: see internal/access.
func (Plan) Policy() ent.Policy { return access.PlanPolicy() }

// Interceptors of Plan: staff reads are audited for the child (internal/access).
func (Plan) Interceptors() []ent.Interceptor { return []ent.Interceptor{access.AuditPlanReads()} }
