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

// Allocation says who works with a child: their IRO, CP Chair or social
// worker, from one date to another. A current allocation is what gives staff
// access to a child.
type Allocation struct{ ent.Schema }

// Mixin of Allocation.
func (Allocation) Mixin() []ent.Mixin {
	return importedChildRecord("alc")
}

// Fields of Allocation.
func (Allocation) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").GoType(domain.AllocationKind("")).
			Comment("The part this member of staff plays for the child.").
			Annotations(entgql.Type("AllocationKind")),
		dateField("starts_on", "The first day of the allocation."),
		optionalDate("ends_on", "The last day of the allocation; null while it goes on."),
		ref("staff_id"),
	}
}

// Edges of Allocation.
func (Allocation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("staff", User.Type).Ref("allocations").Field("staff_id").Unique().Required().Immutable().Annotations(hidden()).
			Comment("The member of staff. Null when the viewer may not see them."),
	}
}

// Indexes of Allocation: staff find their current caseload; a child's page
// finds its current IRO, chair and social worker.
func (Allocation) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("staff_id", "ends_on"),
		index.Fields("child_id", "kind", "ends_on"),
	}
}

// Annotations of Allocation.
func (Allocation) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("Who works with a child (IRO, CP Chair or social worker) and for how long. Seen by managers of the authority.")}
}

// Policy of Allocation: see internal/access.
func (Allocation) Policy() ent.Policy { return access.AllocationPolicy() }

// Interceptors of Allocation: staff reads are audited for the child (internal/access).
func (Allocation) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{access.AuditAllocationReads()}
}
