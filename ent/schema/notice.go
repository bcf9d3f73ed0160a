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

// Notice is one line of a person's notification list in Kite: what they are
// shown in the app ("You have a reply"). It is named apart from Notification,
// the outbox of emails still to send: a Notice is read by the person it is
// for and by nobody else; a Notification is read by no viewer at all, only by
// the worker that sends it. notify.Tell writes both, in the caller's
// transaction. A notice holds a kind, the id of what it is about and a count;
// its words are fixed per kind (internal/notify), so nobody's own words, and
// no case details, are ever stored in it.
type Notice struct{ ent.Schema }

// Mixin of Notice.
func (Notice) Mixin() []ent.Mixin {
	return []ent.Mixin{withID("ntc"), timesMixin{}, authorityMixin{}}
}

// Fields of Notice.
func (Notice) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").GoType(domain.NoticeKind("")).Immutable().
			Comment("What it is about; its words follow from this.").
			Annotations(entgql.Type("NoticeKind")),
		field.String("user_id").GoType(idType()).Immutable().Annotations(hidden()).
			Comment("The person it is for."),
		field.String("about_id").GoType(idType()).Optional().Nillable().Immutable().Annotations(hidden()).
			Comment("The record it is about (a submission, a meeting, …), by id; any kind of record, so no foreign key."),
		field.Int("count").Default(0).Min(0).Immutable().Annotations(hidden()).
			Comment("A number its words use: how many new submissions a digest counts."),
		field.String("dedupe_key").NotEmpty().MaxLen(200).Immutable().Annotations(hidden()).
			Comment("Unique per person: telling someone the same thing twice stores it once."),
		field.Time("read_at").Optional().Nillable().
			Comment("When you marked it read; null while it is unread."),
	}
}

// Edges of Notice.
func (Notice) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable().Annotations(hidden()),
	}
}

// Indexes of Notice: one notice per person per dedupe key (the idempotency
// of notify.Tell, and of the reminders across restarts and instances); a
// person's list, newest first.
func (Notice) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("user_id", "dedupe_key").Unique(),
		index.Fields("user_id", "created_at"),
	}
}

// Annotations of Notice.
func (Notice) Annotations() []schema.Annotation {
	return []schema.Annotation{
		describe("A notification in Kite: something you are told, in a few fixed words, with a link to what it is about. Seen only by the person it is for."),
		entgql.RelayConnection(),
	}
}

// Policy of Notice: see internal/access.
func (Notice) Policy() ent.Policy { return access.NoticePolicy() }
