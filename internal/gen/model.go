package gen

import (
	"math/rand/v2"
	"time"

	"kite/ent"
	"kite/internal/civil"
	"kite/internal/demo"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/ident"
	"kite/internal/timescales"
)

// Rows, as they will be written. Each is made whole in memory before any is
// written, with its id chosen up front so that rows can refer to each other.

type genUser struct {
	id             ident.ID
	role           domain.Role
	username, name string
	email, phone   string // staff only
	reach, pattern string // staff only
	created        time.Time
	load           int     // current allocations (staff)
	fte            float64 // full-time equivalent (part-time IROs); 0 is not recorded: full time
}

type genChild struct {
	id, identityID      ident.ID
	preferred, pronouns string
	legal               string
	born, expected      civil.Date // born, or for an unborn baby expected
	status              domain.ChildStatus
	lookedAfter         civil.Date
	lighterTouch        bool
	lighterAt           time.Time
	account             *genUser
	created             time.Time
	keys                int // idempotency keys used
}

type genAlloc struct {
	id          ident.ID
	kind        domain.AllocationKind
	child       ident.ID
	staff       ident.ID
	starts, end civil.Date
}

type genLink struct {
	id              ident.ID
	child, parent   ident.ID
	relationship    string
	mayViewCarePlan bool
	created         time.Time
}

type genPlan struct {
	id                ident.ID
	child             ident.ID
	kind              domain.PlanKind
	starts, ends      civil.Date
	endReason         string
	category          domain.AbuseCategory
	strategy          civil.Date
	created, modified time.Time
}

// wording is the three parts of a plan, in one voice.
type wording struct {
	worries, goingWell, needsToChange string
}

type genVersion struct {
	id                ident.ID
	plan              ident.ID
	n                 int
	published         time.Time
	by                ident.ID
	formal, forChild  wording
	created, modified time.Time
}

type genAction struct {
	id                  ident.ID
	version             ident.ID
	position            int
	what, forChild, who string
	by                  civil.Date
	status              domain.ActionStatus
	created             time.Time
}

type genMeeting struct {
	id                 ident.ID
	child, plan, chair ident.ID
	kind               domain.MeetingKind
	status             domain.MeetingStatus
	scheduled          time.Time
	venue              string
	withheld           bool
	withheldWhy        string // why the venue is kept from the family
	due, held          civil.Date
	changeReason       string
	attendees          []string
	attended           *bool
	code               domain.ParticipationCode
	outcome            string
	published          time.Time
	outline, record    civil.Date
	created, modified  time.Time
	sitting            ident.ID // brothers and sisters at one conference share it; empty for one child
}

type genSubmission struct {
	id                       ident.ID
	child, form, meeting     ident.ID
	answers                  []forms.Answer
	share                    domain.ShareWith
	status                   domain.SubmissionStatus
	urgent                   bool
	helpedBy                 domain.HelpedBy
	reply                    string
	repliedBy                ident.ID
	replyBy                  *genUser // the chair who replied, for the thread
	started, sent, read, rep time.Time
	key                      string
}

type genReceipt struct {
	id                 ident.ID
	submission, reader ident.ID
	name               string
	role               domain.Role
	at                 time.Time
}

// slot is one meeting of a statutory clock: held, or (for a current plan)
// the next one, booked for today or later.
type slot struct {
	kind      domain.MeetingKind
	due, on   civil.Date
	held      bool
	postponed civil.Date // a first booking that was postponed; zero if none
	hour      int
}

// episode is one plan's life: when it started and ended, and its meetings.
type episode struct {
	kind       domain.PlanKind
	category   domain.AbuseCategory
	strategy   civil.Date // child protection: the strategy discussion
	start, end civil.Date // end zero while current
	endReason  string
	reviews    []slot // reviews, or conferences (the initial one first)
	coreGroups []slot
	lighterAt  civil.Date // care: the review after which lighter touch was agreed
	chair      *genUser
	venue      venueChoice
	text       int // which wording this family's plan uses
	// sittings are the sitting ids of the family's conferences held for
	// brothers and sisters together, by slot (sittingFor).
	sittings map[sittingKey]ident.ID
}

// sittingKey is one conference of an episode: its slot, and whether it is
// the first booking that was postponed.
type sittingKey struct {
	slot      int
	postponed bool
}

// family is children who share a parent, their social worker and the dates
// of their plans (brothers and sisters come into care, or onto a plan,
// together).
type family struct {
	status   domain.ChildStatus
	surname  string
	children []*genChild
	unborn   bool
	parents  []*genParent
	episodes []*episode
	sw       *genUser
	swEnd    civil.Date // the social worker's allocation ended (case closed)
}

type genParent struct {
	u            *genUser
	relationship string
}

type venueChoice struct {
	review, conference, coreGroup string
	reviewWithheld, groupWithheld bool
	reviewWhy, groupWhy           string // why each is withheld, when it is
}

// generator holds everything Generate makes, in memory.
type generator struct {
	r *rand.Rand
	// alertRand makes the alerts (alerts.go).
	alertRand *rand.Rand
	cal       *timescales.Calendar
	today     civil.Date
	n         int
	hash      string

	laID   ident.ID
	laName string
	domain string // the authority's fictional email domain

	next map[string]int // the last number used per username prefix

	younger, older           *ent.FormTemplate
	youngerCalm, olderCalm   [][]forms.Answer
	youngerWorry, olderWorry [][]forms.Answer

	staffNames map[string]bool
	families   []*family
	iros       []*genUser
	cpChairs   []*genUser
	sws        []*genUser

	users     []*genUser
	children  []*genChild
	allocs    []genAlloc
	links     []genLink
	plans     []genPlan
	versions  []genVersion
	actions   []genAction
	meetings  []genMeeting
	subs      []genSubmission
	receipts  []genReceipt
	alerts    []genAlert
	staff     int
	parents   int
	authority demo.Authority
}

// UsernamePrefix begins every generated account's username. They sign
// in with demo.Password, so a production server refuses to start while an
// enabled one still does.
const UsernamePrefix = "gen-"

// Username prefixes, one per role.
const (
	genChildPrefix   = "gen-child-"
	genParentPrefix  = "gen-parent-"
	genIROPrefix     = "gen-iro-"
	genCPChairPrefix = "gen-cpchair-"
	genSWPrefix      = "gen-sw-"
	genManagerPrefix = "gen-manager-"
	genAdminPrefix   = "gen-admin-"
)

var genPrefixes = map[domain.Role]string{
	domain.RoleChild:        genChildPrefix,
	domain.RoleParent:       genParentPrefix,
	domain.RoleIRO:          genIROPrefix,
	domain.RoleCPChair:      genCPChairPrefix,
	domain.RoleSocialWorker: genSWPrefix,
	domain.RoleManager:      genManagerPrefix,
	domain.RoleAdmin:        genAdminPrefix,
}

// genAuthorityPrefix names the generated authorities.
const genAuthorityPrefix = "Generated Borough "
