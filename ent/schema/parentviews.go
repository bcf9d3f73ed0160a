package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"kite/internal/access"
)

// ParentViews is what a parent sends before a conference or review. It is
// shared with the chair and the social worker.
type ParentViews struct{ ent.Schema }

// Mixin of ParentViews.
func (ParentViews) Mixin() []ent.Mixin {
	return childRecord("pvw")
}

// Fields of ParentViews.
func (ParentViews) Fields() []ent.Field {
	return []ent.Field{
		answers("The parent's answers, each keyed by its question."),
		submissionStatus(),
		optionalTime("submitted_at", "When the parent sent it; null for a draft."),
		optionalTime("first_read_at", "When a member of staff first read it."),
		idempotencyKey("The client's key for this submission, unique per parent and child."),
		revision("Goes up by one on every change."),
		ref("parent_id"),
		field.String("form_template_id").GoType(idType()).Annotations(hidden()),
		optionalRef("meeting_id"),
	}
}

// Edges of ParentViews.
func (ParentViews) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("parent", User.Type).Field("parent_id").Unique().Required().Immutable().Annotations(hidden()),
		edge.To("form_template", FormTemplate.Type).Field("form_template_id").Unique().Required().Annotations(hidden()),
		edge.To("meeting", Meeting.Type).Field("meeting_id").Unique().
			Comment("The meeting the views are for, if one was chosen."),
		edge.To("replies", Reply.Type).Annotations(hidden()).
			Comment("The chair's replies, oldest first (the graph's ParentViews.replies)."),
		edge.From("read_receipts", ReadReceipt.Type).Ref("parent_views").
			Comment("Who has read them and when they first did. Seen by the parent who sent them."),
	}
}

// Indexes of ParentViews.
func (ParentViews) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("child_id", "status"),
		index.Fields("parent_id", "child_id", "idempotency_key").Unique(),
		index.Fields("meeting_id"),
	}
}

// Annotations of ParentViews.
func (ParentViews) Annotations() []schema.Annotation {
	return []schema.Annotation{
		describe("What a parent sends before a conference or review. Seen by that parent, the child's allocated staff; managers see counts only."),
		entgql.RelayConnection(),
	}
}

// Policy of ParentViews: see internal/access.
func (ParentViews) Policy() ent.Policy { return access.ParentViewsPolicy() }

// Interceptors of ParentViews: staff reads are audited for the child (internal/access).
func (ParentViews) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.AuditParentViewsReads()}
}
