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
)

// WishesAndFeelings is what a child sends before a meeting: answers to a form,
// who they share it with, and whether they need to talk to someone today.
// Once submitted it is never changed (only its status, read and reply).
type WishesAndFeelings struct{ ent.Schema }

// Mixin of WishesAndFeelings.
func (WishesAndFeelings) Mixin() []ent.Mixin {
	return childRecord("waf")
}

// Fields of WishesAndFeelings.
func (WishesAndFeelings) Fields() []ent.Field {
	return []ent.Field{
		answers("The child's answers, each keyed by its question."),
		field.Enum("share_with").GoType(domain.ShareWith("")).Default(string(domain.ChairOnly)).
			Comment("Who the child chose to share this with.").
			Annotations(entgql.Type("ShareWith")),
		submissionStatus(),
		field.Bool("needs_to_talk_today").Default(false).
			Comment("The child said they need to talk to someone today. Never shown to parents."),
		field.Enum("helped_by").GoType(domain.HelpedBy("")).Default(string(domain.HelpedByNobody)).
			Comment("Who helped the child fill this in.").
			Annotations(entgql.Type("HelpedBy")),
		field.Text("reply").Optional().Nillable().
			Comment("The chair's latest reply to the child, in plain words; every reply is in replies."),
		field.Bool("withheld_from_family").Default(false).
			Comment("Whether the chair has kept this from the child's family."),
		field.String("withheld_reason").Optional().MaxLen(500).
			Annotations(hidden()).
			Comment("Why the chair kept this from the family."),
		optionalTime("submitted_at", "When the child sent it; null for a draft."),
		optionalTime("first_read_at", "When a member of staff first read it."),
		optionalTime("responded_at", "When the chair last replied."),
		idempotencyKey("The client's key for this submission, unique per child: sending twice stores once."),
		revision("Goes up by one on every change; a draft save must name the revision it changes."),
		field.String("form_template_id").GoType(idType()).Annotations(hidden()),
		optionalRef("meeting_id"),
		optionalRef("replied_by_id"),
	}
}

// Edges of WishesAndFeelings.
func (WishesAndFeelings) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("form_template", FormTemplate.Type).Field("form_template_id").Unique().Required().
			Annotations(hidden()),
		edge.To("meeting", Meeting.Type).Field("meeting_id").Unique().
			Comment("The meeting it is for, if the child chose one."),
		edge.To("replied_by", User.Type).Field("replied_by_id").Unique().Annotations(hidden()),
		edge.From("read_receipts", ReadReceipt.Type).Ref("submission").
			Comment("Who has read it and when they first did. Seen by the child who sent it."),
		edge.To("replies", Reply.Type).Annotations(hidden()).
			Comment("The chair's replies, every one, oldest first (the graph's WishesAndFeelings.replies)."),
		edge.To("attachments", Attachment.Type).
			Comment("The pictures the child added (at most 3). Seen by whoever may read its words."),
	}
}

// Indexes of WishesAndFeelings.
func (WishesAndFeelings) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("child_id", "status"),
		index.Fields("child_id", "idempotency_key").Unique(),
		index.Fields("meeting_id"),
	}
}

// Annotations of WishesAndFeelings.
func (WishesAndFeelings) Annotations() []schema.Annotation {
	return []schema.Annotation{
		describe("What a child sends before a meeting. Drafts are seen only by the child; a sent one by the child, their chair, their social worker if shared with them, and parents only if shared with everyone at the meeting and not withheld."),
		entgql.RelayConnection(),
		entgql.Type("WishesAndFeelings"),
	}
}

// Policy of WishesAndFeelings: see internal/access.
func (WishesAndFeelings) Policy() ent.Policy { return access.WishesAndFeelingsPolicy() }

// Interceptors of WishesAndFeelings: the parts of a visible row a viewer
// may not see are masked (the urgent flag from parents, unshared words from
// a social worker), and staff reads are noted for the audit log.
func (WishesAndFeelings) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.MaskSubmissions(), access.AuditSubmissionReads()}
}
