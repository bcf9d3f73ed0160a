package domain

// EnumDoc is the GraphQL description of an enumeration and of each value.
type EnumDoc struct {
	Type   string
	Values map[string]string
}

// EnumDocs describes every enumeration the GraphQL schema takes from the data
// model, by GraphQL type name. ent/schemadoc copies them into the schema.
var EnumDocs = map[string]EnumDoc{
	"Role": {"What kind of account a user has.", map[string]string{
		"CHILD":         "A child or young person.",
		"PARENT":        "A parent or carer.",
		"IRO":           "An Independent Reviewing Officer, who chairs reviews for children in care.",
		"CP_CHAIR":      "A Child Protection Conference Chair.",
		"SOCIAL_WORKER": "A social worker.",
		"MANAGER":       "A service manager, with oversight of one local authority.",
		"ADMIN":         "An administrator of a local authority's accounts.",
	}},
	"PlanKind": {"The kind of plan.", map[string]string{
		"CARE_PLAN":             "A care plan, for a child in care.",
		"CHILD_PROTECTION_PLAN": "A child protection plan.",
	}},
	"AbuseCategory": {"The category of abuse a child protection plan is under (as the national return counts them).", map[string]string{
		"NEGLECT":   "Neglect (NEG).",
		"EMOTIONAL": "Emotional abuse (EMO).",
		"PHYSICAL":  "Physical abuse (PHY).",
		"SEXUAL":    "Sexual abuse (SAB).",
		"MULTIPLE":  "More than one category (MUL).",
	}},
	"ChildStatus": {"Whether a child is in care, on a child protection plan, both, or neither.", map[string]string{
		"IN_CARE": "In care (looked after).",
		"CP_PLAN": "On a child protection plan.",
		"BOTH":    "In care and on a child protection plan.",
		"NEITHER": "Neither: their plan has ended.",
	}},
	"AllocationKind": {"The part a member of staff plays for a child.", map[string]string{
		"IRO":           "Their Independent Reviewing Officer.",
		"CP_CHAIR":      "Their Child Protection Conference Chair.",
		"SOCIAL_WORKER": "Their social worker.",
	}},
	"MeetingKind": {"The kind of meeting.", map[string]string{
		"CIC_REVIEW":            "A child-in-care review.",
		"LIGHT_TOUCH_REVIEW":    "A light-touch review between full reviews (the lighter-touch arrangement).",
		"INITIAL_CP_CONFERENCE": "An initial child protection conference.",
		"REVIEW_CP_CONFERENCE":  "A review child protection conference.",
		"CORE_GROUP":            "A core group meeting of the people working on a child protection plan.",
	}},
	"MeetingStatus": {"Where a meeting stands.", map[string]string{
		"SCHEDULED": "Planned and not yet held.",
		"HELD":      "It has taken place.",
		"CANCELLED": "It will not take place.",
		"POSTPONED": "Put off; a new date is to be set.",
	}},
	"ParticipationCode": {"How a child took part in a child-in-care review (the national return's codes).", map[string]string{
		"PN0": "The child was under 4.",
		"PN1": "Attended and spoke for themselves.",
		"PN2": "Attended, and an advocate spoke for them.",
		"PN3": "Attended and gave their views without words (symbolically).",
		"PN4": "Attended but did not speak.",
		"PN5": "Did not attend; an advocate told the meeting their views.",
		"PN6": "Did not attend; gave their views another way, such as a form or this app.",
		"PN7": "Did not attend and did not give their views.",
	}},
	"SubmissionStatus": {"Where a child's or parent's views stand.", map[string]string{
		"DRAFT":     "Still being written; seen only by the person writing it.",
		"SUBMITTED": "Sent, and not read yet.",
		"READ":      "Read by the chair or another member of staff.",
		"RESPONDED": "The chair has replied.",
	}},
	"ShareWith": {"Who a child chose to share what they sent with.", map[string]string{
		"CHAIR_ONLY":              "Only their IRO or CP Chair.",
		"CHAIR_AND_SOCIAL_WORKER": "Their IRO or CP Chair, and their social worker.",
		"EVERYONE_AT_MEETING":     "Everyone at the meeting, including their parents.",
	}},
	"HelpedBy": {"Who helped a child fill in their views.", map[string]string{
		"NOBODY":        "Nobody: they did it on their own.",
		"CARER":         "Their carer.",
		"ADVOCATE":      "An advocate.",
		"SOCIAL_WORKER": "Their social worker.",
	}},
	"ActionStatus": {"Where an action of a plan stands.", map[string]string{
		"NOT_STARTED": "Not started yet.",
		"IN_PROGRESS": "Being worked on.",
		"DONE":        "Done.",
		"DROPPED":     "No longer needed.",
	}},
	"AlertLevel": {"How serious a chair's concern is.", map[string]string{
		"INFORMAL_ALERT":    "An informal alert, to sort things out quickly.",
		"FORMAL_ESCALATION": "A formal escalation under the dispute-resolution process.",
	}},
	"AlertReason": {"Why a chair raised an alert.", map[string]string{
		"REPORT_NOT_RECEIVED":            "A report was not received before the meeting.",
		"CARE_PLANNING":                  "A concern about care planning.",
		"DRIFT_OR_DELAY":                 "Drift or delay in the plan.",
		"VISITS_OR_CORE_GROUPS_NOT_HELD": "Visits or core groups have not taken place.",
		"OTHER":                          "Another reason, given in the details.",
	}},
	"AlertStage": {"How far an alert has gone in the dispute-resolution process: informal resolution, then formal stages up to the Director, and for a child in care a referral to CAFCASS. Each stage has its own response clock, in working days (the authority's settings).", map[string]string{
		"INFORMAL":               "Informal resolution with the person the chair chose (10 working days to respond unless the authority changes it).",
		"FORMAL_TEAM_MANAGER":    "Formal stage 1: the social worker's team manager (5 working days unless changed).",
		"FORMAL_HEAD_OF_SERVICE": "Formal stage 2: the head of service (10 working days unless changed).",
		"FORMAL_DIRECTOR":        "Formal stage 3: the Director of Children's Services (10 working days unless changed).",
		"CAFCASS_REFERRAL":       "Referral to CAFCASS, for a child in care only (20 working days unless changed). CAFCASS is outside Kite; the authority's managers are told.",
	}},
	"AlertStatus": {"Where an alert stands.", map[string]string{
		"OPEN":      "Raised and waiting for a response.",
		"RESPONDED": "Responded to, not yet resolved.",
		"RESOLVED":  "Resolved.",
	}},
	"NoticeKind": {"What a notification in Kite is about.", map[string]string{
		"REPLY_RECEIVED":          "CHILD: your chair has replied to something you sent.",
		"SUBMISSION_READ":         "CHILD: someone who works with you has read something you sent, for the first time.",
		"VIEWS_REMINDER":          "CHILD: your review or conference is coming up, and you can send your views before it.",
		"VIEWS_LAST_REMINDER":     "CHILD: your review or conference is a few working days away and you have not sent anything for it yet.",
		"CONFERENCE_REMINDER":     "PARENT: a child protection conference about your child is coming up.",
		"NEW_SUBMISSIONS_DIGEST":  "IRO or CP Chair: the daily summary of new submissions (not urgent) you have not read yet.",
		"REPLY_OVERDUE":           "IRO or CP Chair: something a child sent you has waited longer than your authority allows for a reply.",
		"MEETING_POSTPONED":       "A meeting you were reminded of, or work on as allocated staff, was postponed; it may have a new time.",
		"VIEWS_REPLY_RECEIVED":    "PARENT: the chair has replied to views you sent.",
		"URGENT_SUBMISSION":       "IRO, CP Chair or social worker: a child you work with said they need to talk to someone today (you are emailed too).",
		"LETTER_RECEIVED":         "CHILD: your chair has sent you a letter after your meeting.",
		"ATTENDEE_NEEDS_REMINDER": "IRO or CP Chair: a meeting you chair is coming up and a parent said what they need to take part (an interpreter, a supporter, help with access).",
		"ADVOCACY_REQUESTED":      "IRO or CP Chair of the child, and MANAGER of the authority: an advocate has been asked for, for a child, by the child or their staff (about: the AdvocacyRequest).",
		"ADVOCATE_ASKED_FOR_YOU":  "CHILD: someone who works with you has asked for an advocate for you (about: the AdvocacyRequest).",
		"ADVOCACY_STATUS_CHANGED": "CHILD: your request for an advocate has moved on: accepted, an advocate has been in touch, or closed (about: the AdvocacyRequest).",
	}},
	"HelpContactKind": {"A place outside a child's own team that a child can turn to for help.", map[string]string{
		"ADVOCACY":            "The authority's advocacy service: advocates help a child say what they want, and are on their side.",
		"COMPLAINTS":          "How to make a complaint to the authority.",
		"INDEPENDENT_VISITOR": "The Independent Visitor scheme: a volunteer who visits a child in care and spends time with them.",
		"CHILDLINE":           "Childline, the free national helpline for children and young people.",
	}},
	"AdvocacyStatus": {"Where a request for an advocate stands. It only moves forward, in this order; a step may be skipped.", map[string]string{
		"REQUESTED": "Asked for, and sent to the advocacy service; nobody has recorded an answer yet.",
		"ACCEPTED":  "The advocacy service has taken the request on (recorded by a manager).",
		"CONTACTED": "An advocate has been in touch with the child (recorded by a manager).",
		"CLOSED":    "Finished: the advocacy work has ended, or the request could not go ahead (recorded by a manager).",
	}},
}
