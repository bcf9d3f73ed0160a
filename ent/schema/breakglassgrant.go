package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"kite/internal/access"
)

// BreakGlassGrant opens one child's submissions to one manager for a limited
// time, for a recorded reason. Every grant and every use is audited.
type BreakGlassGrant struct{ ent.Schema }

// Mixin of BreakGlassGrant.
func (BreakGlassGrant) Mixin() []ent.Mixin {
	return childRecord("bgg")
}

// Fields of BreakGlassGrant.
func (BreakGlassGrant) Fields() []ent.Field {
	return []ent.Field{
		field.Text("reason").NotEmpty().Immutable().
			Comment("Why the manager needed to see the child's submissions."),
		field.Time("expires_at").Immutable().
			Comment("When the access ends."),
		ref("manager_id"),
	}
}

// Edges of BreakGlassGrant.
func (BreakGlassGrant) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("manager", User.Type).Field("manager_id").Unique().Required().Immutable().Annotations(hidden()).
			Comment("The manager it was granted to."),
	}
}

// Indexes of BreakGlassGrant.
func (BreakGlassGrant) Indexes() []ent.Index {
	return []ent.Index{index.Fields("manager_id", "child_id", "expires_at")}
}

// Annotations of BreakGlassGrant.
func (BreakGlassGrant) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("A manager's time-limited access to one child's submissions, with the reason. Seen by managers and admins of the authority.")}
}

// Policy of BreakGlassGrant: see internal/access.
func (BreakGlassGrant) Policy() ent.Policy { return access.BreakGlassGrantPolicy() }
