package domain

// Labels are the plain words a child or a parent is shown for each value of
// the enumerations they see, by GraphQL type name: short, kind and true,
// written for a child of about nine. EnumDocs (docs.go) says what each value
// means to those who build on the API; Labels are what the app shows.
//
// A label can be used on its own ("Review meeting") or after "your" in a
// sentence, with its first letter in lower case ("your review meeting").
var Labels = map[string]map[string]string{
	"Role": {
		"CHILD":         "Child or young person",
		"PARENT":        "Parent or carer",
		"IRO":           "IRO (Independent Reviewing Officer)",
		"CP_CHAIR":      "Conference chair",
		"SOCIAL_WORKER": "Social worker",
		"MANAGER":       "Manager",
		"ADMIN":         "Administrator (looks after Kite accounts)",
	},
	"AllocationKind": {
		"IRO":           "IRO (Independent Reviewing Officer)",
		"CP_CHAIR":      "Conference chair",
		"SOCIAL_WORKER": "Social worker",
	},
	"PlanKind": {
		"CARE_PLAN":             "Care plan",
		"CHILD_PROTECTION_PLAN": "Plan to keep you safe (child protection plan)",
	},
	"AbuseCategory": {
		"NEGLECT":   "Worry that you are not getting the care you need",
		"EMOTIONAL": "Worry about how people treat you and make you feel",
		"PHYSICAL":  "Worry that someone is hurting you",
		"SEXUAL":    "Worry that someone is touching you or treating you in a way that is not OK",
		"MULTIPLE":  "More than one kind of worry",
	},
	"ChildStatus": {
		"IN_CARE": "In care",
		"CP_PLAN": "On a plan to keep you safe",
		"BOTH":    "In care, and on a plan to keep you safe",
		"NEITHER": "No plan at the moment",
	},
	"MeetingKind": {
		"CIC_REVIEW":            "Review meeting",
		"LIGHT_TOUCH_REVIEW":    "Smaller review",
		"INITIAL_CP_CONFERENCE": "First child protection conference",
		"REVIEW_CP_CONFERENCE":  "Child protection review conference",
		"CORE_GROUP":            "Core group meeting",
	},
	"MeetingStatus": {
		"SCHEDULED": "Coming up",
		"HELD":      "It has happened",
		"CANCELLED": "Called off",
		"POSTPONED": "Moved, and a new day is still to be set",
	},
	"SubmissionStatus": {
		"DRAFT":     "Not sent yet",
		"SUBMITTED": "Sent, not read yet",
		"READ":      "Read",
		"RESPONDED": "Answered",
	},
	"ShareWith": {
		"CHAIR_ONLY":              "Only the IRO or chair",
		"CHAIR_AND_SOCIAL_WORKER": "The IRO or chair, and the social worker",
		"EVERYONE_AT_MEETING":     "Everyone at the meeting, parents and carers too",
	},
	"HelpedBy": {
		"NOBODY":        "Nobody helped",
		"CARER":         "A carer helped",
		"ADVOCATE":      "An advocate helped",
		"SOCIAL_WORKER": "A social worker helped",
	},
	"ActionStatus": {
		"NOT_STARTED": "Not started yet",
		"IN_PROGRESS": "Being done",
		"DONE":        "Done",
		"DROPPED":     "Not needed any more",
	},
	"HelpContactKind": {
		"ADVOCACY":            "Advocacy service",
		"COMPLAINTS":          "Making a complaint",
		"INDEPENDENT_VISITOR": "Independent Visitor",
		"CHILDLINE":           "Childline",
	},
	"AdvocacyStatus": {
		"REQUESTED": "Asked for, waiting for the advocacy service",
		"ACCEPTED":  "The advocacy service is working on it",
		"CONTACTED": "An advocate has been in touch",
		"CLOSED":    "Finished",
	},
}

// LabelledEnums are the values of every enumeration that has Labels, by
// GraphQL type name.
var LabelledEnums = map[string][]string{
	"Role":             Role("").Values(),
	"AllocationKind":   AllocationKind("").Values(),
	"PlanKind":         PlanKind("").Values(),
	"AbuseCategory":    AbuseCategory("").Values(),
	"ChildStatus":      ChildStatus("").Values(),
	"MeetingKind":      MeetingKind("").Values(),
	"MeetingStatus":    MeetingStatus("").Values(),
	"SubmissionStatus": SubmissionStatus("").Values(),
	"ShareWith":        ShareWith("").Values(),
	"HelpedBy":         HelpedBy("").Values(),
	"ActionStatus":     ActionStatus("").Values(),
	"HelpContactKind":  HelpContactKind("").Values(),
	"AdvocacyStatus":   AdvocacyStatus("").Values(),
}

// Label is the plain words for a role.
func (r Role) Label() string { return Labels["Role"][string(r)] }

// Label is the plain words for an allocation kind.
func (k AllocationKind) Label() string { return Labels["AllocationKind"][string(k)] }

// Label is the plain words for a kind of plan.
func (k PlanKind) Label() string { return Labels["PlanKind"][string(k)] }

// Label is the plain words for a category of abuse.
func (c AbuseCategory) Label() string { return Labels["AbuseCategory"][string(c)] }

// Label is the plain words for a child's status.
func (s ChildStatus) Label() string { return Labels["ChildStatus"][string(s)] }

// Label is the plain words for a kind of meeting.
func (k MeetingKind) Label() string { return Labels["MeetingKind"][string(k)] }

// Label is the plain words for where a meeting stands.
func (s MeetingStatus) Label() string { return Labels["MeetingStatus"][string(s)] }

// Label is the plain words for where a submission stands.
func (s SubmissionStatus) Label() string { return Labels["SubmissionStatus"][string(s)] }

// Label is the plain words for a share choice.
func (s ShareWith) Label() string { return Labels["ShareWith"][string(s)] }

// Label is the plain words for who helped.
func (h HelpedBy) Label() string { return Labels["HelpedBy"][string(h)] }

// Label is the plain words for where an action stands.
func (s ActionStatus) Label() string { return Labels["ActionStatus"][string(s)] }
