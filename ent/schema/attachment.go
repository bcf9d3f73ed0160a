package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"kite/internal/access"
	"kite/internal/pictures"
)

// Attachment is a picture a child adds to a submission (a drawing, a
// photo): the cleaned copy internal/pictures makes, with no metadata, kept
// in the database. It is read by whoever may read the submission's words,
// and its bytes only through GET /attachments/{id}, never in GraphQL.
// Attachments are never changed; a child removes one from a draft.
type Attachment struct{ ent.Schema }

// Mixin of Attachment.
func (Attachment) Mixin() []ent.Mixin {
	return []ent.Mixin{withID("att"), authorityMixin{}}
}

// Fields of Attachment.
func (Attachment) Fields() []ent.Field {
	return []ent.Field{
		field.String("content_type").NotEmpty().MaxLen(32).Immutable().
			Comment("What kind of picture it is: image/png or image/jpeg."),
		field.Int("byte_size").Positive().Immutable().
			Comment("How big the kept copy is, in bytes."),
		field.Int("width").Positive().Immutable().
			Comment("Its width in pixels, the right way up."),
		field.Int("height").Positive().Immutable().
			Comment("Its height in pixels, the right way up."),
		field.Bytes("data").NotEmpty().Immutable().Annotations(hidden()).
			Comment("The picture itself, served only by GET /attachments/{id}."),
		field.Int("position").Range(1, pictures.MaxPerSubmission).Immutable().Annotations(hidden()).
			Comment("Its place among the submission's pictures; unique, so no submission holds more than the limit."),
		field.Time("created_at").Default(now).Immutable().
			Comment("When it was added (RFC 3339, UTC)."),
		field.String("submission_id").GoType(idType()).Immutable().Annotations(hidden()),
		field.String("child_id").GoType(idType()).Immutable().Annotations(hidden()),
	}
}

// Edges of Attachment.
func (Attachment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("submission", WishesAndFeelings.Type).Ref("attachments").Field("submission_id").
			Unique().Required().Immutable().Annotations(hidden()),
		edge.To("child", Child.Type).Field("child_id").Unique().Required().Immutable().Annotations(hidden()),
	}
}

// Indexes of Attachment: a submission's pictures, each place taken once.
func (Attachment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("submission_id", "position").Unique()}
}

// Annotations of Attachment.
func (Attachment) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("A picture a child added to a submission (a drawing, a photo), kept without any metadata such as where a photo was taken. Seen by whoever may read the submission's words; download it from `downloadPath` with the access token.")}
}

// Policy of Attachment: see internal/access.
func (Attachment) Policy() ent.Policy { return access.AttachmentPolicy() }

// Interceptors of Attachment: staff reads are audited like the submission's.
func (Attachment) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.AuditAttachmentReads()}
}
