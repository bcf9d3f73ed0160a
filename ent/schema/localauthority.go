package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"kite/internal/access"
	"kite/internal/workhours"
)

// LocalAuthority is the tenant: a council's children's service. Nothing
// crosses from one authority to another.
type LocalAuthority struct{ ent.Schema }

// Mixin of LocalAuthority.
func (LocalAuthority) Mixin() []ent.Mixin { return []ent.Mixin{withID("la"), timesMixin{}} }

// Fields of LocalAuthority: who to contact, and the settings docs/domain.md leaves
// to each authority.
func (LocalAuthority) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200).Unique().
			Comment("The authority's name, e.g. \"Demo Borough\"."),
		phone("service_phone", "The children's service's phone number in office hours."),
		email("service_email", "The children's service's email address."),
		phone("out_of_hours_phone", "Who to call when the office is closed (the emergency duty team)."),
		email("duty_team_email", "Where urgent notifications go when no member of staff is allocated.", hidden()),
		field.String("advocacy_name").Optional().MaxLen(200).
			Comment("The advocacy service children can ask for help from."),
		phone("advocacy_phone", "The advocacy service's phone number."),
		email("advocacy_email", "The advocacy service's email address."),
		phone("complaints_phone", "Who to call to make a complaint."),
		email("complaints_email", "Where to write to make a complaint."),
		field.Text("urgent_help_text").Optional().
			Comment("The authority's own words for a child who says they need to talk to someone today. Kept as written, but no longer sent after a submission: what a child is told then is worked out from who was told and when they work (SubmitWishesAndFeelingsPayload.helpNow)."),
		field.Int("core_group_interval_weeks").Default(4).Min(0).Max(8).
			Annotations(hidden()).
			Comment("Weeks between core group meetings; 0 means once a calendar month."),
		field.Bool("pn4_counts_as_participation").Default(true).
			Annotations(hidden()).
			Comment("Whether a child who attended but did not speak (PN4) counts as taking part."),
		field.Int("child_population").Optional().Nillable().Min(0).
			Annotations(hidden()).
			Comment("The number of children living in the area, for rates per 10,000."),
		field.Bool("suppress_small_counts").Default(true).
			Annotations(hidden()).
			Comment("Whether the annual report (kite report) shows counts from 1 to 4 as \"fewer than 5\", so that a published report cannot point to a child. On by default."),
		field.Int("outline_plan_working_days").Default(1).Min(0).Max(60).
			Annotations(hidden()).
			Comment("Working days after a meeting by which the outline plan or decision letter should reach the family."),
		field.Int("full_record_working_days").Default(15).Min(0).Max(60).
			Annotations(hidden()).
			Comment("Working days after a meeting by which the full record should reach the family."),
		field.Int("alert_response_working_days").Default(10).Min(1).Max(60).
			Annotations(hidden()).
			Comment("Working days within which a chair's alert should be answered at the informal stage."),
		field.Int("alert_team_manager_working_days").Default(5).Min(1).Max(60).
			Annotations(hidden()).
			Comment("Working days within which an alert at the first formal stage (the team manager) should be answered."),
		field.Int("alert_head_of_service_working_days").Default(10).Min(1).Max(60).
			Annotations(hidden()).
			Comment("Working days within which an alert escalated to the head of service should be answered."),
		field.Int("alert_director_working_days").Default(10).Min(1).Max(60).
			Annotations(hidden()).
			Comment("Working days within which an alert escalated to the Director should be answered."),
		field.Int("alert_cafcass_working_days").Default(20).Min(1).Max(60).
			Annotations(hidden()).
			Comment("Working days within which a referral to CAFCASS should have an answer."),
		field.Bool("short_passwords_under_12").Default(false).
			Annotations(hidden()).
			Comment("Whether children under 12 may choose a shorter password (at least 8 characters, still not guessable). Off by default: see the README for the risk."),
		field.Int("views_reminder_working_days").Default(10).Min(4).Max(30).
			Annotations(hidden()).
			Comment("Working days before a review or conference when a child (4 or over, with an account) is reminded they can send their views, and each parent with parental responsibility is reminded of a conference. A child who has sent nothing for the meeting is reminded again 3 working days before it."),
		field.Int("submission_digest_hour").Optional().Nillable().Default(8).Min(0).Max(23).
			Annotations(hidden()).
			Comment("The hour (Europe/London, 0–23) on working days when each chair is told of new, not urgent submissions they have not read; empty: no digest."),
		field.Int("reply_due_working_days").Default(5).Min(1).Max(60).
			Annotations(hidden()).
			Comment("Working days a submission may wait for its chair's reply before the chair is told the reply is overdue."),
		field.JSON("office_hours", workhours.Week{}).Optional().
			Annotations(hidden()).
			Comment("The days and hours the children's service's office is open (Europe/London); empty means Monday to Friday, 9am to 5pm."),
	}
}

// Annotations of LocalAuthority.
func (LocalAuthority) Annotations() []schema.Annotation {
	return []schema.Annotation{
		describe("A local authority's children's service: the people a child or family can contact there."),
		entgql.Type("LocalAuthority"),
	}
}

// Policy of LocalAuthority: see internal/access.
func (LocalAuthority) Policy() ent.Policy { return access.LocalAuthorityPolicy() }
