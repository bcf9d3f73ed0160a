package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"kite/internal/access"
)

// ChildIdentity holds a child's legal name and date of birth. It is a row of
// its own so that its own policy can guard it: a CHILD viewer never reads it
// (they see their preferred name and age), and nothing filters or orders by it.
type ChildIdentity struct{ ent.Schema }

// Mixin of ChildIdentity.
func (ChildIdentity) Mixin() []ent.Mixin {
	return tenantRecord("cid")
}

// Fields of ChildIdentity.
func (ChildIdentity) Fields() []ent.Field {
	return []ent.Field{
		field.String("legal_name").NotEmpty().MaxLen(200).
			Comment("The child's full legal name. Restricted: never shown to the child themself."),
		optionalDate("date_of_birth", "The child's date of birth; null for an unborn baby. Restricted."),
		optionalDate("expected_date_of_birth", "For an unborn baby: the expected date of birth. Restricted."),
		field.String("child_id").GoType(idType()).Unique().Immutable().Annotations(hidden()),
	}
}

// Edges of ChildIdentity.
func (ChildIdentity) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("child", Child.Type).Ref("identity").Field("child_id").
			Unique().Required().Immutable().Annotations(hidden()),
	}
}

// Annotations of ChildIdentity.
func (ChildIdentity) Annotations() []schema.Annotation {
	return []schema.Annotation{
		describe("A child's legal name and date of birth. Restricted: seen by linked parents, allocated staff and managers, never by the child."),
	}
}

// Policy of ChildIdentity: see internal/access.
func (ChildIdentity) Policy() ent.Policy { return access.ChildIdentityPolicy() }

// Interceptors of ChildIdentity: staff reads are audited for the child (internal/access).
func (ChildIdentity) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.AuditIdentityReads()}
}
