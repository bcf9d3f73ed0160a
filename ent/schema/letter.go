package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"kite/internal/access"
)

// Letter is the chair's letter to a child after a meeting, in plain words,
// as the IRO Handbook expects. It belongs to the meeting and the child (one
// per child, so that a meeting about brothers and sisters can have one for
// each). While it is a draft only the chair who writes it sees it; once
// published it is fixed, and the child, their allocated staff and managers
// of the authority read it (internal/access).
type Letter struct{ ent.Schema }

// Mixin of Letter.
func (Letter) Mixin() []ent.Mixin {
	return childRecord("ltr")
}

// Fields of Letter.
func (Letter) Fields() []ent.Field {
	return []ent.Field{
		field.Text("text").NotEmpty().
			Comment("The letter, in plain words for the child."),
		personName("author_name", "Who wrote it, by name, as they were called when they started it."),
		personRole("author_role", "The writer's role, e.g. IRO."),
		optionalTime("published_at", "When the chair sent it to the child; null while it is a draft."),
		ref("meeting_id"),
		ref("author_id"),
	}
}

// Edges of Letter.
func (Letter) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("meeting", Meeting.Type).Field("meeting_id").Unique().Required().Immutable().Annotations(hidden()),
		edge.To("author", User.Type).Field("author_id").Unique().Required().Immutable().Annotations(hidden()),
	}
}

// Indexes of Letter: one letter per meeting per child.
func (Letter) Indexes() []ent.Index {
	return []ent.Index{index.Fields("meeting_id", "child_id").Unique()}
}

// Annotations of Letter.
func (Letter) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("The chair's letter to a child after a meeting, in plain words. A draft is seen only by the chair writing it; once sent (publishedAt) it never changes and is read by the child, their allocated staff and managers — not by parents.")}
}

// Policy of Letter: see internal/access.
func (Letter) Policy() ent.Policy { return access.LetterPolicy() }

// Interceptors of Letter: staff reads are audited for the child.
func (Letter) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.AuditLetterReads()}
}
