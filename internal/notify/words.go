package notify

import (
	"fmt"

	"kite/internal/domain"
)

// Words are what a notice says in Kite: a short title and a sentence or two.
// They are fixed per kind, in our own words, plain and kind (a child of 9
// reads the children's), and true: they promise nothing Kite does not do.
type Words struct {
	Title   string
	Message string
}

// WordsFor is what a notice of kind says; count is the notice's number (a
// digest's new submissions).
func WordsFor(kind domain.NoticeKind, count int) Words {
	switch kind {
	case domain.NoticeReplyReceived:
		return Words{"You have a reply",
			"Your IRO or chair has written back to you about what you sent. You can read it in Kite."}
	case domain.NoticeViewsReplyReceived:
		return Words{"You have a reply",
			"The chair has written back to you about the views you sent. You can read it in Kite."}
	case domain.NoticeUrgentSubmission:
		return Words{"A child needs to talk to someone today",
			"A child you work with said in Kite that they need to talk to someone today. Please open Kite to see it."}
	case domain.NoticeLetterReceived:
		return Words{"You have a letter",
			"Your IRO or chair has written you a letter about your meeting. You can read it in Kite."}
	case domain.NoticeAttendeeNeeds:
		return Words{"A parent needs something to take part",
			"A meeting you chair is coming up, and a parent said they need something to take part, such as an interpreter. Please open Kite to see what."}
	case domain.NoticeSubmissionRead:
		return Words{"Someone has read what you sent",
			"A person who works with you has read what you sent. You can see who it was in Kite."}
	case domain.NoticeViewsReminder:
		return Words{"Your meeting is coming up",
			"You can tell us what you think and how you feel before your meeting, if you want to. Open Kite to see when it is."}
	case domain.NoticeViewsLastReminder:
		return Words{"Your meeting is soon",
			"There is still time to tell us what you think and how you feel before your meeting, if you want to."}
	case domain.NoticeConferenceReminder:
		return Words{"A child protection conference is coming up",
			"You can send your views before the conference. Open Kite to see when it is."}
	case domain.NoticeSubmissionsDigest:
		if count == 1 {
			return Words{"New submission to read", "1 new submission that is not urgent is waiting for you to read it."}
		}
		return Words{"New submissions to read",
			fmt.Sprintf("%d new submissions that are not urgent are waiting for you to read them.", count)}
	case domain.NoticeMeetingPostponed:
		return Words{"A meeting has been put off",
			"A meeting you were told about will not happen at the time planned. Open Kite to see if it has a new time."}
	case domain.NoticeReplyOverdue:
		return Words{"A child is waiting for your reply",
			"Something a child sent you has waited longer than your authority allows for a reply. Please read it and reply."}
	case domain.NoticeAdvocacyRequested:
		return Words{"A request for an advocate",
			"Someone has asked for an advocate for a child. Open Kite to see the request and where it stands."}
	case domain.NoticeAdvocateAskedForYou:
		return Words{"Someone asked for an advocate for you",
			"A person who works with you has asked for an advocate for you. An advocate is on your side and helps you say what you want. You can see how it is going in Kite."}
	case domain.NoticeAdvocacyStatusChanged:
		return Words{"News about your advocate",
			"Something has changed with your request for an advocate. Open Kite to see what."}
	}
	return Words{"Something new in Kite", "Open Kite to see what is new."}
}
