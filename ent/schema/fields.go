package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"kite/internal/domain"
	"kite/internal/forms"
)

// Fields that several entities share. Each entity lists them in its own
// Fields, at the place they have always had, so that the column order and
// the generated GraphQL stay as the entity reads.

// optionalTime is an instant that may be absent (null in GraphQL).
func optionalTime(name, comment string) ent.Field {
	return field.Time(name).Optional().Nillable().Comment(comment)
}

// ref is a foreign key a record has from its creation and keeps for good.
// Like every foreign key it is kept out of the generated GraphQL, which
// follows the edge instead.
func ref(name string) ent.Field {
	return field.String(name).GoType(idType()).Immutable().Annotations(hidden())
}

// optionalRef is a foreign key that may be empty and may change.
func optionalRef(name string) ent.Field {
	return field.String(name).GoType(idType()).Optional().Nillable().Annotations(hidden())
}

// The fields below are what a child's WishesAndFeelings and a parent's
// ParentViews have in common: both answer a form, go from draft to sent to
// read, are sent once however often the client retries, and count their
// changes.

// answers holds a submission's answers to its form.
func answers(comment string) ent.Field {
	return field.JSON("answers", []forms.Answer{}).Optional().
		Comment(comment).
		Annotations(entgql.Type("[Answer!]"))
}

// submissionStatus is where a submission stands.
func submissionStatus() ent.Field {
	return field.Enum("status").GoType(domain.SubmissionStatus("")).Default(string(domain.Draft)).
		Comment("Draft, sent, read or answered.").
		Annotations(entgql.Type("SubmissionStatus"))
}

// idempotencyKey is the client's key for one sending of a submission.
func idempotencyKey(comment string) ent.Field {
	return field.String("idempotency_key").Optional().Nillable().MaxLen(128).
		Annotations(hidden()).
		Comment(comment)
}

// revision counts a submission's changes.
func revision(comment string) ent.Field {
	return field.Int("revision").Default(1).Comment(comment)
}

// personName is a person's name written onto a record and fixed from then
// on: a response's author or a receipt's reader as they were called then,
// the account an invitation sets up. At most 200 characters, as
// User.display_name.
func personName(name, comment string) ent.Field {
	return field.String(name).NotEmpty().MaxLen(200).Immutable().Comment(comment)
}

// personRole is an account role written onto a record and fixed from then
// on, like personName.
func personRole(name, comment string) ent.Field {
	return field.Enum(name).GoType(domain.Role("")).Immutable().
		Comment(comment).
		Annotations(entgql.Type("Role"))
}

// phone is a phone number, if there is one.
func phone(name, comment string, annotations ...schema.Annotation) ent.Field {
	return field.String(name).Optional().MaxLen(50).Annotations(annotations...).Comment(comment)
}

// email is an email address, if there is one: at most 254 characters, the
// longest a mail server accepts.
func email(name, comment string, annotations ...schema.Annotation) ent.Field {
	return field.String(name).Optional().MaxLen(254).Annotations(annotations...).Comment(comment)
}
