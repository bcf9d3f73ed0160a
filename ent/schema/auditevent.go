package schema

import (
	"context"
	"errors"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"kite/internal/access"
)

// AuditEvent is one line of the append-only audit log: who did what to which
// record, when, from where and why. The API never updates or deletes one.
// It keeps plain ids rather than edges so that it outlives what it describes.
type AuditEvent struct{ ent.Schema }

// Mixin of AuditEvent.
func (AuditEvent) Mixin() []ent.Mixin { return []ent.Mixin{withID("aud")} }

// Fields of AuditEvent. Every field is immutable.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Default(now).Immutable().
			Comment("When it happened (RFC 3339, UTC).").
			Annotations(entgql.OrderField("AT")),
		loggedID("authority_id", "The local authority it happened in, if any."),
		loggedID("actor_id", "The user who did it; null when nobody was signed in (e.g. a failed login)."),
		field.String("actor_role").Optional().Immutable().
			Comment("The role the user had at the time."),
		field.String("action").NotEmpty().MaxLen(64).Immutable().
			Comment("What was done, e.g. \"child.read\", \"login.failed\", \"breakglass.granted\"."),
		detail("entity_type", "The kind of record it was done to."),
		detail("entity_id", "The id of the record it was done to."),
		loggedID("child_id", "The child the record is about, if any."),
		detail("request_id", "The request it happened in, to match with the logs."),
		detail("ip", "The client address the request came from."),
		field.String("reason").Optional().MaxLen(1000).Immutable().
			Comment("Why, where a reason is required (break-glass access); for a sign-in through an identity provider, the provider and the person's subject there."),
	}
}

// loggedID is an id the event names. It is a plain column, not an edge, so
// that the log outlives the records it describes.
func loggedID(name, comment string) ent.Field {
	return field.String(name).GoType(idType()).Optional().Nillable().Immutable().Annotations(hidden()).
		Comment(comment)
}

// detail is a short detail of the event, if there is one.
func detail(name, comment string) ent.Field {
	return field.String(name).Optional().MaxLen(64).Immutable().Comment(comment)
}

// Indexes of AuditEvent: a manager filters by time, child or actor.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("authority_id", "at"),
		index.Fields("child_id", "at"),
		index.Fields("actor_id", "at"),
	}
}

// Annotations of AuditEvent.
func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{
		describe("One entry of the audit log. Seen by managers and admins of the authority."),
		entgql.RelayConnection(),
	}
}

// Policy of AuditEvent: see internal/access.
func (AuditEvent) Policy() ent.Policy { return access.AuditEventPolicy() }

// Hooks of AuditEvent: the log is append-only, even for system code.
func (AuditEvent) Hooks() []ent.Hook {
	return []ent.Hook{
		func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				if !m.Op().Is(ent.OpCreate) {
					return nil, errors.New("audit events are append-only")
				}
				return next.Mutate(ctx, m)
			})
		},
	}
}
