package domain

import "io"

// NoticeKind is what an in-app notification (a Notice) tells its reader. Each
// kind has fixed words (internal/notify); a notice never carries anyone's own
// words.
type NoticeKind string

// Notice kinds. Later parts add theirs here (letters, advocacy), each with its
// words in internal/notify and its description in EnumDocs.
const (
	// NoticeReplyReceived: a child's submission got a reply from their chair.
	NoticeReplyReceived NoticeKind = "REPLY_RECEIVED"
	// NoticeSubmissionRead: a child's submission was read for the first time.
	NoticeSubmissionRead NoticeKind = "SUBMISSION_READ"
	// NoticeViewsReminder: a child's review or conference is coming up, and
	// they can send their views before it.
	NoticeViewsReminder NoticeKind = "VIEWS_REMINDER"
	// NoticeViewsLastReminder: the meeting is a few working days away and
	// the child has sent nothing for it yet.
	NoticeViewsLastReminder NoticeKind = "VIEWS_LAST_REMINDER"
	// NoticeConferenceReminder: a parent with parental responsibility is
	// reminded of a child protection conference.
	NoticeConferenceReminder NoticeKind = "CONFERENCE_REMINDER"
	// NoticeSubmissionsDigest: a chair's daily summary of new, not urgent
	// submissions they have not read yet.
	NoticeSubmissionsDigest NoticeKind = "NEW_SUBMISSIONS_DIGEST"
	// NoticeReplyOverdue: a submission to a chair has waited longer than the
	// authority allows for a reply.
	NoticeReplyOverdue NoticeKind = "REPLY_OVERDUE"
	// NoticeMeetingPostponed: a meeting the reader was told of, or works
	// on, was postponed.
	NoticeMeetingPostponed NoticeKind = "MEETING_POSTPONED"
	// NoticeAdvocacyRequested: a child's chair, or a manager of the
	// authority, is told that the child asked for an advocate.
	NoticeAdvocacyRequested NoticeKind = "ADVOCACY_REQUESTED"
	// NoticeAdvocateAskedForYou: a child is told that a member of staff
	// asked for an advocate for them.
	NoticeAdvocateAskedForYou NoticeKind = "ADVOCATE_ASKED_FOR_YOU"
	// NoticeAdvocacyStatusChanged: a child's request for an advocate moved
	// on (accepted, in touch, closed).
	NoticeAdvocacyStatusChanged NoticeKind = "ADVOCACY_STATUS_CHANGED"
	// NoticeViewsReplyReceived: a parent's views got a reply from the chair.
	NoticeViewsReplyReceived NoticeKind = "VIEWS_REPLY_RECEIVED"
	// NoticeUrgentSubmission: a child the member of staff works with said
	// they need to talk to someone today (the email goes as before).
	NoticeUrgentSubmission NoticeKind = "URGENT_SUBMISSION"
	// NoticeLetterReceived: the chair sent the child a letter after a meeting.
	NoticeLetterReceived NoticeKind = "LETTER_RECEIVED"
	// NoticeAttendeeNeeds: a meeting the chair chairs is coming up and a
	// parent said what they need to take part (an interpreter, a supporter,
	// help with access).
	NoticeAttendeeNeeds NoticeKind = "ATTENDEE_NEEDS_REMINDER"
)

// Values lists the valid values (ent enum).
func (NoticeKind) Values() []string {
	return []string{string(NoticeReplyReceived), string(NoticeSubmissionRead), string(NoticeViewsReminder),
		string(NoticeViewsLastReminder), string(NoticeConferenceReminder), string(NoticeSubmissionsDigest),
		string(NoticeReplyOverdue), string(NoticeMeetingPostponed), string(NoticeAdvocacyRequested),
		string(NoticeAdvocateAskedForYou), string(NoticeAdvocacyStatusChanged), string(NoticeViewsReplyReceived),
		string(NoticeUrgentSubmission), string(NoticeLetterReceived), string(NoticeAttendeeNeeds)}
}

// MarshalGQL implements graphql.Marshaler.
func (k NoticeKind) MarshalGQL(w io.Writer) { marshal(w, k) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (k *NoticeKind) UnmarshalGQL(v any) error { return unmarshal(k, v, k.Values(), "NoticeKind") }
