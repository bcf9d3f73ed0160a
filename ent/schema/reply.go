package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"kite/internal/access"
)

// Reply is one reply, in a thread, to what a child sent (a submission) or
// what a parent sent (their views): who wrote it, as they were called then,
// and when. Replies are never changed or removed; a second reply is added
// after the first, never over it. It is read by whoever may read the words
// it answers, except that a parent never reads the replies to their child
// (internal/access).
type Reply struct{ ent.Schema }

// Mixin of Reply.
func (Reply) Mixin() []ent.Mixin {
	return []ent.Mixin{withID("rpl"), authorityMixin{}}
}

// Fields of Reply.
func (Reply) Fields() []ent.Field {
	return []ent.Field{
		field.Text("text").NotEmpty().Immutable().
			Comment("What they wrote, in plain words."),
		personName("author_name", "Who wrote it, by name, as they were called when they wrote it."),
		personRole("author_role", "The writer's role, e.g. IRO."),
		field.Time("created_at").Default(now).Immutable().
			Comment("When it was sent (RFC 3339, UTC)."),
		field.String("submission_id").GoType(idType()).Optional().Nillable().Immutable().Annotations(hidden()),
		field.String("parent_views_id").GoType(idType()).Optional().Nillable().Immutable().Annotations(hidden()),
		ref("child_id"),
		ref("author_id"),
	}
}

// Edges of Reply.
func (Reply) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("submission", WishesAndFeelings.Type).Ref("replies").Field("submission_id").
			Unique().Immutable().Annotations(hidden()),
		edge.From("parent_views", ParentViews.Type).Ref("replies").Field("parent_views_id").
			Unique().Immutable().Annotations(hidden()),
		edge.To("child", Child.Type).Field("child_id").Unique().Required().Immutable().Annotations(hidden()),
		edge.To("author", User.Type).Field("author_id").Unique().Required().Immutable().Annotations(hidden()),
	}
}

// Indexes of Reply: a thread, oldest first.
func (Reply) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("submission_id", "created_at"),
		index.Fields("parent_views_id", "created_at"),
	}
}

// Annotations of Reply.
func (Reply) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("One reply to what a child or a parent sent, by the chair: who wrote it, their role, what they wrote and when. A thread keeps every reply, oldest first. Seen by whoever may read what it answers, except that parents never see the replies to their child.")}
}

// Policy of Reply: see internal/access.
func (Reply) Policy() ent.Policy { return access.ReplyPolicy() }

// Interceptors of Reply: staff reads are audited like the submission's.
func (Reply) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.AuditReplyReads()}
}
