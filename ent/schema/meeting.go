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

// Meeting is a child-in-care review, a child protection conference or a core
// group meeting.
type Meeting struct{ ent.Schema }

// Mixin of Meeting.
func (Meeting) Mixin() []ent.Mixin {
	return importedChildRecord("mtg")
}

// Fields of Meeting.
func (Meeting) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").GoType(domain.MeetingKind("")).
			Comment("What kind of meeting this is.").
			Annotations(entgql.Type("MeetingKind")),
		field.Enum("status").GoType(domain.MeetingStatus("")).Default(string(domain.Scheduled)).
			Comment("Whether the meeting is scheduled, held, cancelled or postponed.").
			Annotations(entgql.Type("MeetingStatus")),
		optionalTime("scheduled_for", "When the meeting is planned to start (RFC 3339, UTC); null if no time is set yet."),
		field.String("venue").Optional().Nillable().MaxLen(300).
			Comment("Where the meeting takes place, or \"online\". Hidden from family when the meeting withholds it."),
		field.Bool("venue_withheld_from_family").Default(false).
			Comment("Whether the venue is kept from the child's family (for example a review at the child's placement)."),
		field.String("venue_withheld_reason").Optional().Nillable().MaxLen(500).
			Comment("Why the venue is kept from the family; every venue withheld since reasons were asked for has one. Staff only."),
		dateField("due_by", "The day the statutory rule makes this meeting due (or the date a chair brought it forward to)."),
		field.Bool("brought_forward").Default(false).
			Comment("Whether a chair brought this review forward, replacing its statutory due date."),
		field.String("change_reason").Optional().MaxLen(500).
			Comment("Why the meeting was rescheduled, postponed, brought forward or cancelled, if it was."),
		field.String("late_reason").Optional().Nillable().MaxLen(500).
			Comment("Why the meeting was booked for a day after its statutory due date; null when it was booked in time. Staff only."),
		optionalTime("postponed_at", "When the meeting was last postponed; null if it never was."),
		optionalTime("postponed_from", "When the meeting was planned to start before it was last postponed (RFC 3339, UTC); null if it never was."),
		optionalDate("held_on", "The day the meeting was held; null until it is."),
		field.JSON("attendees", []string{}).Optional().
			Comment("Who attended, as recorded by the chair."),
		field.Bool("child_attended").Optional().Nillable().
			Comment("Whether the child attended, as recorded by the chair."),
		field.Enum("participation_code").GoType(domain.ParticipationCode("")).Optional().Nillable().
			Comment("Child-in-care reviews: how the child took part (PN0–PN7).").
			Annotations(entgql.Type("ParticipationCode")),
		field.Text("outcome_summary").Optional().Nillable().
			Comment("What was decided, in plain words for the child and family; null until published."),
		optionalTime("outcome_published_at", "When the outcome was published to the child and family."),
		optionalDate("outline_sent_on", "The day the outline plan or decision letter was sent to the family."),
		optionalDate("record_sent_on", "The day the full plan or record was sent to the child and family."),
		optionalRef("plan_id"),
		optionalRef("chair_id"),
		field.String("sitting_id").GoType(idType()).Optional().Nillable().Immutable().Annotations(hidden()).
			Comment("The sitting this meeting is part of: brothers and sisters whose meetings are held together " +
				"(one kind, time, venue and chair) each have a meeting with the same sitting; null for a meeting " +
				"about one child alone. Set when booked, never changed. Not in the API: Meeting.children lists the " +
				"children of the sitting the viewer may see."),
	}
}

// Edges of Meeting.
func (Meeting) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("plan", Plan.Type).Field("plan_id").Unique().Annotations(hidden()),
		edge.To("chair", User.Type).Field("chair_id").Unique().Annotations(hidden()),
	}
}

// Indexes of Meeting: a child's meetings by date, and the meetings of a sitting.
func (Meeting) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("child_id", "scheduled_for"),
		index.Fields("child_id", "held_on"),
		index.Fields("sitting_id"),
	}
}

// Annotations of Meeting.
func (Meeting) Annotations() []schema.Annotation {
	return []schema.Annotation{
		describe("A review, conference or core group meeting about a child. Seen by the child, linked parents (without a withheld venue or why it is withheld), allocated staff and managers."),
		entgql.RelayConnection(),
	}
}

// Policy of Meeting: see internal/access.
func (Meeting) Policy() ent.Policy { return access.MeetingPolicy() }

// Interceptors of Meeting: a withheld venue is hidden from family.
func (Meeting) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.MaskMeetings(), access.AuditMeetingReads()}
}
