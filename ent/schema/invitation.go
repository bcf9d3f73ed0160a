package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"kite/internal/access"

	"kite/internal/viewer"
)

// Invitation is a one-time code that lets a child or parent set up their own
// account. Only a hash of the code is stored; it expires and works once.
type Invitation struct{ ent.Schema }

// Mixin of Invitation.
func (Invitation) Mixin() []ent.Mixin {
	return []ent.Mixin{withID("inv"), timesMixin{}, authorityMixin{}}
}

// Fields of Invitation.
func (Invitation) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("role").GoType(viewer.Role("")).Immutable().
			Comment("CHILD or PARENT: the kind of account the code sets up.").
			Annotations(entgql.Type("Role")),
		field.String("display_name").NotEmpty().MaxLen(200).Immutable().
			Comment("The name the new account will show."),
		field.String("relationship").Optional().MaxLen(100).Immutable().
			Comment("For a parent: how they are related to the child."),
		field.Bool("parental_responsibility").Default(false).Immutable().
			Comment("For a parent: whether they have parental responsibility."),
		field.Bool("may_view_care_plan").Default(false).Immutable().
			Comment("For a parent of a child in care: whether they may see the care plan."),
		field.String("code_hash").NotEmpty().Unique().Sensitive().Immutable(),
		field.Time("expires_at").Immutable().
			Comment("When the code stops working."),
		field.Time("used_at").Optional().Nillable().
			Comment("When the code was used; null until then."),
		field.String("child_id").GoType(idType()).Immutable().Annotations(hidden()),
		field.String("created_by_id").GoType(idType()).Immutable().Annotations(hidden()),
		field.String("user_id").GoType(idType()).Optional().Nillable().Annotations(hidden()),
	}
}

// Edges of Invitation.
func (Invitation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("child", Child.Type).Field("child_id").Unique().Required().Immutable().Annotations(hidden()).
			Comment("The child the account is for, or whose parent it is. Null when the viewer may not see them."),
		edge.To("created_by", User.Type).Field("created_by_id").Unique().Required().Immutable().Annotations(hidden()),
		edge.To("user", User.Type).Field("user_id").Unique().Annotations(hidden()),
	}
}

// Annotations of Invitation.
func (Invitation) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("A one-time code for a child or parent to set up their account. Seen by managers of the authority.")}
}

// Policy of Invitation: the rules of internal/access.
func (Invitation) Policy() ent.Policy { return access.TenantOwned() }
