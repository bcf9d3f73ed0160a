package schema

import (
	"kite/internal/access"

	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ReadReceipt records who read a child's or parent's views, and when they
// first did. The child sees these ("who has read what I sent").
type ReadReceipt struct{ ent.Schema }

// Mixin of ReadReceipt.
func (ReadReceipt) Mixin() []ent.Mixin {
	return []ent.Mixin{withID("rdr"), authorityMixin{}}
}

// Fields of ReadReceipt.
func (ReadReceipt) Fields() []ent.Field {
	return []ent.Field{
		field.Time("read_at").Default(now).Immutable().
			Comment("When they first read it."),
		personName("reader_name", "Who read it, by name, as they were called when they read it."),
		personRole("reader_role", "The reader's role, e.g. IRO."),
		field.String("submission_id").GoType(idType()).Optional().Nillable().Immutable().Annotations(hidden()),
		field.String("parent_views_id").GoType(idType()).Optional().Nillable().Immutable().Annotations(hidden()),
		ref("reader_id"),
	}
}

// Edges of ReadReceipt.
func (ReadReceipt) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("submission", WishesAndFeelings.Type).Field("submission_id").Unique().Immutable().Annotations(hidden()),
		edge.To("parent_views", ParentViews.Type).Field("parent_views_id").Unique().Immutable().Annotations(hidden()),
		edge.To("reader", User.Type).Field("reader_id").Unique().Required().Immutable().Annotations(hidden()),
	}
}

// Indexes of ReadReceipt: one receipt per reader per submission.
func (ReadReceipt) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("submission_id", "reader_id").Unique(),
		index.Fields("parent_views_id", "reader_id").Unique(),
	}
}

// Annotations of ReadReceipt.
func (ReadReceipt) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("Who read a submission and when they first did. Seen by the person who sent it.")}
}

// Policy of ReadReceipt: see internal/access.
func (ReadReceipt) Policy() ent.Policy { return access.ReadReceiptPolicy() }
