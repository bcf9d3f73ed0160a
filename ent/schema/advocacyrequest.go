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

// AdvocacyRequest is a child's request for an advocate: asked by the child
// (with requestAdvocate, or by answering "yes" to their form's advocacy
// question), or on the child's behalf by their chair or social worker. It is
// sent to the authority's advocacy service and never deleted; a manager
// records how it moves on, with the day of each step.
type AdvocacyRequest struct{ ent.Schema }

// Mixin of AdvocacyRequest.
func (AdvocacyRequest) Mixin() []ent.Mixin {
	return childRecord("adv")
}

// Fields of AdvocacyRequest.
func (AdvocacyRequest) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("status").GoType(domain.AdvocacyStatus("")).Default(string(domain.AdvocacyRequested)).
			Comment("Where the request stands. It only moves forward.").
			Annotations(entgql.Type("AdvocacyStatus")),
		field.Text("note").Optional().MaxLen(4000).Immutable().
			Comment("What the person who asked wanted the advocacy service to know, in their own words; empty when they wrote nothing. Read by the child, the child's allocated staff and the authority's managers, never by a parent, and never sent by email."),
		ref("asked_by_id"),
		personRole("asked_by_role", "The role of the person who asked: CHILD when the child asked themself."),
		optionalRef("submission_id"),
		field.Time("requested_at").Default(now).Immutable().
			Comment("When it was asked for."),
		optionalTime("accepted_at", "When the advocacy service took it on (as recorded by a manager)."),
		optionalTime("contacted_at", "When an advocate got in touch with the child (as recorded by a manager)."),
		optionalTime("closed_at", "When it was closed (as recorded by a manager)."),
		field.String("idempotency_key").NotEmpty().MaxLen(128).Immutable().Annotations(hidden()).
			Comment("The client's key for this request, unique per child: asking twice with it stores once. A form's \"yes\" uses form:<submission id>."),
	}
}

// Edges of AdvocacyRequest.
func (AdvocacyRequest) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("asked_by", User.Type).Field("asked_by_id").Unique().Required().Immutable().Annotations(hidden()),
		edge.To("submission", WishesAndFeelings.Type).Field("submission_id").Unique().Annotations(hidden()).
			Comment("The sent form whose advocacy question was answered \"yes\", when it came from one."),
	}
}

// Indexes of AdvocacyRequest.
func (AdvocacyRequest) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("child_id", "idempotency_key").Unique(),
		index.Fields("authority_id", "status"),
		index.Fields("child_id", "requested_at"),
	}
}

// Annotations of AdvocacyRequest.
func (AdvocacyRequest) Annotations() []schema.Annotation {
	return []schema.Annotation{
		describe("A request for an advocate for a child. Seen by the child, the child's allocated staff and the authority's managers; never by a parent."),
	}
}

// Policy of AdvocacyRequest: see internal/access.
func (AdvocacyRequest) Policy() ent.Policy { return access.AdvocacyRequestPolicy() }

// Interceptors of AdvocacyRequest: staff reads are audited for the child (internal/access).
func (AdvocacyRequest) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.AuditAdvocacyRequestReads()}
}
