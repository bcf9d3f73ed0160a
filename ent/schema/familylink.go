package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"kite/internal/access"
)

// FamilyLink links a PARENT account to a child. Only an active link with
// parental responsibility gives the parent any access.
type FamilyLink struct{ ent.Schema }

// Mixin of FamilyLink.
func (FamilyLink) Mixin() []ent.Mixin {
	return importedChildRecord("fam")
}

// Fields of FamilyLink.
func (FamilyLink) Fields() []ent.Field {
	return []ent.Field{
		field.String("relationship").NotEmpty().MaxLen(100).
			Comment("How the parent or carer is related to the child, e.g. \"mother\"."),
		field.Bool("parental_responsibility").Default(false).
			Comment("Whether they have parental responsibility. Without it the link gives no access."),
		field.Bool("may_view_care_plan").Default(false).
			Comment("For a child in care: whether staff have allowed this parent to see the care plan."),
		field.Bool("active").Default(true).
			Comment("Whether the link is in force."),
		ref("parent_id"),
	}
}

// Edges of FamilyLink.
func (FamilyLink) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("parent", User.Type).Ref("family_links").Field("parent_id").Unique().Required().Immutable().Annotations(hidden()).
			Comment("The parent or carer. Null when the viewer may not see them."),
	}
}

// Indexes of FamilyLink.
func (FamilyLink) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("parent_id", "child_id").Unique(),
		index.Fields("child_id"),
	}
}

// Annotations of FamilyLink.
func (FamilyLink) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("A parent or carer linked to a child. Seen by the child's allocated staff and managers; a parent never sees another parent's link.")}
}

// Policy of FamilyLink: see internal/access.
func (FamilyLink) Policy() ent.Policy { return access.FamilyLinkPolicy() }

// Interceptors of FamilyLink: staff reads are audited for the child (internal/access).
func (FamilyLink) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.AuditFamilyLinkReads()}
}
