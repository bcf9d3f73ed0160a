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
	"kite/internal/forms"
)

// ParentViews is what a parent sends before a conference or review. It is
// shared with the chair and the social worker.
type ParentViews struct{ ent.Schema }

// Mixin of ParentViews.
func (ParentViews) Mixin() []ent.Mixin {
	return []ent.Mixin{withID("pvw"), timesMixin{}, authorityMixin{}}
}

// Fields of ParentViews.
func (ParentViews) Fields() []ent.Field {
	return []ent.Field{
		field.JSON("answers", []forms.Answer{}).Optional().
			Comment("The parent's answers, each keyed by its question.").
			Annotations(entgql.Type("[Answer!]")),
		field.Enum("status").GoType(domain.SubmissionStatus("")).Default(string(domain.Draft)).
			Comment("Draft, sent, read or answered.").
			Annotations(entgql.Type("SubmissionStatus")),
		field.Time("submitted_at").Optional().Nillable().
			Comment("When the parent sent it; null for a draft."),
		field.Time("first_read_at").Optional().Nillable().
			Comment("When a member of staff first read it."),
		field.String("idempotency_key").Optional().Nillable().MaxLen(128).
			Annotations(hidden()).
			Comment("The client's key for this submission, unique per parent and child."),
		field.Int("revision").Default(1).
			Comment("Goes up by one on every change."),
		field.String("child_id").GoType(idType()).Immutable().Annotations(hidden()),
		field.String("parent_id").GoType(idType()).Immutable().Annotations(hidden()),
		field.String("form_template_id").GoType(idType()).Annotations(hidden()),
		field.String("meeting_id").GoType(idType()).Optional().Nillable().Annotations(hidden()),
	}
}

// Edges of ParentViews.
func (ParentViews) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("child", Child.Type).Field("child_id").Unique().Required().Immutable().Annotations(hidden()).
			Comment("The child the views are about."),
		edge.To("parent", User.Type).Field("parent_id").Unique().Required().Immutable().Annotations(hidden()),
		edge.To("form_template", FormTemplate.Type).Field("form_template_id").Unique().Required().Annotations(hidden()),
		edge.To("meeting", Meeting.Type).Field("meeting_id").Unique().
			Comment("The meeting the views are for, if one was chosen."),
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
