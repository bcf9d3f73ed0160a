package schema

import (
	"kite/internal/access"

	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Invitation is a one-time code that lets someone set up their own account:
// a child or parent (a manager invites them; the account is made when the
// code is used), or a member of staff (an admin makes the account, and the
// code lets them choose their username and password). Only a hash of the
// code is stored; it expires and works once.
type Invitation struct{ ent.Schema }

// Mixin of Invitation.
func (Invitation) Mixin() []ent.Mixin {
	return tenantRecord("inv")
}

// Fields of Invitation.
func (Invitation) Fields() []ent.Field {
	return []ent.Field{
		personRole("role", "The kind of account the code sets up."),
		personName("display_name", "The name the new account will show."),
		field.String("relationship").Optional().MaxLen(100).Immutable().
			Comment("For a parent: how they are related to the child."),
		field.Bool("parental_responsibility").Default(false).Immutable().
			Comment("For a parent: whether they have parental responsibility."),
		field.Bool("may_view_care_plan").Default(false).Immutable().
			Comment("For a parent of a child in care: whether they may see the care plan."),
		field.String("code_hash").NotEmpty().Unique().Sensitive().Immutable(),
		field.Time("expires_at").Immutable().
			Comment("When the code stops working."),
		optionalTime("used_at", "When the code was used; null until then."),
		field.String("child_id").GoType(idType()).Optional().Nillable().Immutable().Annotations(hidden()),
		ref("created_by_id"),
		optionalRef("user_id"),
	}
}

// Edges of Invitation.
func (Invitation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("child", Child.Type).Field("child_id").Unique().Immutable().
			Comment("The child the account is for, or whose parent it is; null for staff, or when the viewer may not see the child."),
		edge.To("created_by", User.Type).Field("created_by_id").Unique().Required().Immutable().Annotations(hidden()),
		edge.To("user", User.Type).Field("user_id").Unique().Annotations(hidden()).
			Comment("The account: made in advance for staff, made on use for a child or parent."),
	}
}

// Annotations of Invitation.
func (Invitation) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("A one-time code for someone to set up their account. Seen by managers (children and parents) and admins (staff) of the authority.")}
}

// Policy of Invitation: see internal/access.
func (Invitation) Policy() ent.Policy { return access.InvitationPolicy() }
