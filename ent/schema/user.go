package schema

import (
	"kite/internal/access"
	"kite/internal/domain"
	"kite/internal/figures"
	"kite/internal/workhours"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// User is an account: a child, a parent, or a member of staff.
type User struct{ ent.Schema }

// Mixin of User.
func (User) Mixin() []ent.Mixin {
	return importedRecord("usr")
}

// Fields of User. Work contact details are what a child sees as "my IRO";
// they reach GraphQL only through a child's chair and social worker.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("role").GoType(domain.Role("")).
			Comment("What kind of account this is.").
			Annotations(entgql.Type("Role")),
		field.String("username").Optional().Nillable().MaxLen(64).Unique().
			Annotations(hidden()).
			Comment("The name used to sign in, stored in lower case; empty until the account is set up with an invitation code."),
		field.String("password_hash").Optional().Sensitive().
			Comment("The argon2id hash of the password; empty until a password is set."),
		field.String("display_name").NotEmpty().MaxLen(200).
			Comment("The name shown to others, e.g. \"Sam Patel\"."),
		field.Bool("active").Default(true).
			Comment("Whether the account can sign in. Disabling it stops its tokens at once."),
		field.Time("sessions_valid_after").Optional().Nillable().
			Annotations(hidden()).
			Comment("Access tokens issued before this instant are refused (set when the password changes)."),
		field.Time("last_login_at").Optional().Nillable().
			Annotations(hidden()).
			Comment("When the user last signed in."),
		email("work_email", "Staff only: work email address.", hidden()),
		phone("work_phone", "Staff only: work phone number.", hidden()),
		field.String("how_to_reach").Optional().MaxLen(500).
			Annotations(hidden()).
			Comment("Staff only: a short note on the best way to reach them."),
		field.String("working_pattern").Optional().MaxLen(200).
			Annotations(hidden()).
			Comment("Staff only: the days and hours they work."),
		field.JSON("working_hours", workhours.Week{}).Optional().
			Annotations(hidden()).
			Comment("Staff only: the days and hours they work, as data (Europe/London); empty when not known. What a child who needs to talk is told."),
		field.Float("full_time_equivalent").Optional().Nillable().Range(figures.MinFullTimeEquivalent, figures.MaxFullTimeEquivalent).
			Annotations(hidden()).
			Comment("Staff only: the share of a full-time week they work, from 0.1 to 1 (0.6 is three days of five); empty when not recorded, which counts as full time. The IRO Handbook's caseload range scales with it."),
	}
}

// Edges of User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("allocations", Allocation.Type).Annotations(hidden()).
			Comment("The children this member of staff is or was allocated to."),
		edge.To("family_links", FamilyLink.Type).Annotations(hidden()).
			Comment("The children this parent is linked to."),
		edge.To("child_record", Child.Type).Unique().Annotations(hidden()).
			Comment("The child record of a CHILD account."),
		edge.To("refresh_tokens", RefreshToken.Type).Annotations(hidden()),
	}
}

// Indexes of User.
func (User) Indexes() []ent.Index {
	return []ent.Index{index.Fields("authority_id", "role")}
}

// Annotations of User.
func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{describe("An account: a child, a parent or carer, or a member of staff.")}
}

// Policy of User: see internal/access.
func (User) Policy() ent.Policy { return access.UserPolicy() }
