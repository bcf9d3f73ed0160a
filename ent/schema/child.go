package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"kite/internal/access"

	"kite/internal/domain"
)

// Child is a child or young person in care or on a child protection plan.
// The legal name and date of birth are not here: they live in ChildIdentity,
// a row of its own with its own policy, so that no query of a Child can
// reach them.
type Child struct{ ent.Schema }

// Mixin of Child.
func (Child) Mixin() []ent.Mixin {
	return importedRecord("chd")
}

// Fields of Child.
func (Child) Fields() []ent.Field {
	return []ent.Field{
		field.String("preferred_name").NotEmpty().MaxLen(100).
			Comment("The name the child likes to be called."),
		field.String("pronouns").Optional().MaxLen(50).
			Comment("The child's pronouns, if they have said."),
		field.Enum("status").GoType(domain.ChildStatus("")).
			Comment("Whether the child is in care, on a child protection plan, both, or neither (plan ended).").
			Annotations(entgql.Type("ChildStatus")),
		optionalDate("became_looked_after_on", "The day the child came into care (the first review's clock starts here)."),
		field.Bool("lighter_touch").Default(false).
			Comment("Whether reviews follow the lighter-touch arrangement (a child of 12 or over in a settled placement, who agreed)."),
		optionalTime("lighter_touch_agreed_at", "When the child's agreement to the lighter-touch arrangement was recorded."),
		field.String("user_id").GoType(idType()).Optional().Nillable().Unique().
			Annotations(hidden()),
	}
}

// Edges of Child.
func (Child) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("child_record").Field("user_id").Unique().Annotations(hidden()).
			Comment("The child's own account, if they have one."),
		edge.To("identity", ChildIdentity.Type).Unique().Annotations(hidden()).
			Comment("The child's legal name and date of birth (restricted)."),
		edge.From("allocations", Allocation.Type).Ref("child").Annotations(hidden()),
		edge.From("family_links", FamilyLink.Type).Ref("child").Annotations(hidden()),
		edge.From("plans", Plan.Type).Ref("child").Annotations(hidden()),
		edge.From("meetings", Meeting.Type).Ref("child").Annotations(hidden()),
		edge.From("submissions", WishesAndFeelings.Type).Ref("child").
			Annotations(entgql.RelayConnection()).
			Comment("What the child has sent in before their meetings, newest first. Who sees each one follows the child's share setting; drafts only the child."),
		edge.From("parent_views", ParentViews.Type).Ref("child").Annotations(hidden()),
		edge.From("alerts", Alert.Type).Ref("child").Annotations(hidden()),
		edge.From("break_glass_grants", BreakGlassGrant.Type).Ref("child").Annotations(hidden()),
	}
}

// Indexes of Child.
func (Child) Indexes() []ent.Index {
	return []ent.Index{index.Fields("authority_id", "status")}
}

// Annotations of Child.
func (Child) Annotations() []schema.Annotation {
	return []schema.Annotation{
		describe("A child or young person in care or on a child protection plan. Seen by the child, their linked parents, their allocated staff and managers of their authority."),
		entgql.RelayConnection(),
		entsql.Annotation{Table: "children"},
	}
}

// Policy of Child: see internal/access.
func (Child) Policy() ent.Policy { return access.ChildPolicy() }

// Interceptors of Child: staff reads are noted for the audit log.
func (Child) Interceptors() []ent.Interceptor { return []ent.Interceptor{access.AuditChildReads()} }
