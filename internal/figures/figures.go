// Package figures works out the figures a service manager reports each year
// (docs/domain.md, "Figures the service reports each year") from plain records. It
// is pure: no database and no clock. The caller loads the records, passes the
// period and gets every figure back, each with a plain-English definition
// (Definitions) for the API to show.
//
// Interpretations, where docs/domain.md leaves room:
//
//   - The period runs from `from` to `to`, both days included. Something
//     happens "in the period" when its date is one of those days.
//   - A plan is open at the end of the period when it started on or before
//     `to` and has no end date or ends after `to`: a plan that ended on the
//     last day counts as ended, not as open (as in the national returns).
//   - A staff allocation is current on its last day (docs/access.md's rule).
//   - Counts of plans count records; counts of children in care and of
//     children on a plan at the end count each child once.
//   - A meeting about several brothers and sisters together (a sitting) is
//     one record per child, with one sitting id. Conferences are counted
//     both as meetings (a sitting once; a record with no sitting on its
//     own) and as children (each child's record), as annual reports count
//     them; child-in-care reviews likewise. Timeliness, participation and
//     records sent are each child's, so they count children's records.
//   - Percentages and rates are rounded to one decimal place. A percentage
//     with nothing to divide by has no value (nil); so has a rate when the
//     child population is not known.
package figures

import (
	"cmp"
	"math"
	"slices"
	"time"

	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/timescales"
)

// Child is what the figures need about a child.
type Child struct {
	// ID is the child's id, as plans and meetings refer to it.
	ID string
	// DateOfBirth is zero for an unborn baby.
	DateOfBirth civil.Date
	// ExpectedDateOfBirth is set for an unborn baby, zero otherwise.
	ExpectedDateOfBirth civil.Date
}

// Plan is what the figures need about a care plan or a child protection plan.
type Plan struct {
	// ID identifies the plan to the caller; the figures do not use it.
	ID string
	// ChildID is the child the plan is for.
	ChildID string
	// Kind is a care plan or a child protection plan.
	Kind domain.PlanKind
	// StartsOn is the day the plan started.
	StartsOn civil.Date
	// EndsOn is the day the plan ended; zero while it is open.
	EndsOn civil.Date
	// Category is the category of abuse of a child protection plan; empty
	// for a care plan, or when not recorded.
	Category domain.AbuseCategory
	// StrategyDiscussionOn is the day of the strategy discussion that
	// started the enquiries (child protection plans only); zero if not
	// recorded.
	StrategyDiscussionOn civil.Date
	// EndReason is why an ended plan ended (where the child went); empty
	// when not recorded.
	EndReason domain.PlanEndReason
}

// Meeting is what the figures need about a review or conference.
type Meeting struct {
	// ChildID is the child the meeting is about.
	ChildID string
	// Kind is the kind of review or conference.
	Kind domain.MeetingKind
	// Status is where it stands; only HELD meetings are counted.
	Status domain.MeetingStatus
	// HeldOn is the day it was held; zero if it has not been.
	HeldOn civil.Date
	// DueBy is the day the statutory rule (or a chair bringing it forward)
	// made it due; zero if not known.
	DueBy civil.Date
	// ParticipationCode is how the child took part (child-in-care
	// reviews); empty if not recorded.
	ParticipationCode domain.ParticipationCode
	// OutlineSentOn is the day the outline plan or decision letter went to
	// the family; zero if not sent.
	OutlineSentOn civil.Date
	// RecordSentOn is the day the full plan or record went to the family;
	// zero if not sent.
	RecordSentOn civil.Date
	// SittingID is the sitting the meeting is part of: the meetings of
	// brothers and sisters held together share it. Empty for a meeting
	// about one child.
	SittingID string
	// ChildAttended is whether the child attended, as the chair recorded
	// (false when not recorded).
	ChildAttended bool
	// ViewsSent is whether the child sent their views for this meeting: a
	// wishes-and-feelings form they sent (not a draft) linked to it.
	ViewsSent bool
}

// Allocation is a member of staff working with a child from StartsOn to
// EndsOn, both days included.
type Allocation struct {
	// StaffID and StaffName are the member of staff's.
	StaffID, StaffName string
	// ChildID is the child they work with.
	ChildID string
	// Kind is the part they play; only IRO allocations are counted.
	Kind domain.AllocationKind
	// StartsOn is the first day of the allocation.
	StartsOn civil.Date
	// EndsOn is the last day of the allocation; zero while current.
	EndsOn civil.Date
}

// Alert is a chair's informal alert or formal escalation.
type Alert struct {
	// Level is an informal alert or a formal escalation, when it was
	// raised.
	Level domain.AlertLevel
	// Reason is why the chair raised it.
	Reason domain.AlertReason
	// RaisedOn is the day the chair raised it.
	RaisedOn civil.Date
	// RaisedBy is the role the chair raised it in (IRO or CP_CHAIR);
	// empty when not known.
	RaisedBy domain.Role
	// Stages are the stages it reached, oldest first, each with its day:
	// the stage it was raised at, then each escalation. Empty means it
	// stayed at the stage its level starts at (domain.StageForLevel).
	Stages []AlertStep
}

// AlertStep is a stage an alert reached and the day it did.
type AlertStep struct {
	Stage domain.AlertStage
	On    civil.Date
}

// Settings are the authority's own settings that change the figures.
type Settings struct {
	// ChildPopulation is the number of children living in the authority's
	// area, for rates per 10,000 children; 0 means not known.
	ChildPopulation int
	// PN4CountsAsParticipation is whether a review coded PN4 (attended but
	// did not speak) counts as the child taking part. docs/domain.md's default
	// is true; the caller passes the authority's setting.
	PN4CountsAsParticipation bool
	// OutlineWorkingDays is how many working days after a meeting the
	// outline plan or decision letter is due; 0 or less means
	// timescales.DefaultOutlinePlanWorkingDays (1).
	OutlineWorkingDays int
	// FullRecordWorkingDays is how many working days after a meeting the
	// full plan or record is due; 0 or less means
	// timescales.DefaultFullRecordWorkingDays (15).
	FullRecordWorkingDays int
}

// Input is every record the figures are worked out from. Records outside the
// period may be included (they are needed, for example, to find repeat
// plans); Compute picks out what each figure counts.
type Input struct {
	// Children are needed for ages at the start of a plan.
	Children []Child
	// Plans are every care plan and child protection plan, open or ended.
	Plans []Plan
	// Meetings are the reviews and conferences, whatever their status.
	Meetings []Meeting
	// Allocations are the staff allocations; only IRO ones are counted.
	Allocations []Allocation
	// Alerts are the chairs' alerts and escalations.
	Alerts []Alert
	// AdvocacyRequests are the requests for an advocate, whenever made.
	AdvocacyRequests []AdvocacyRequest
	// Staff are the IROs' working patterns (full-time equivalents), for
	// their caseloads; an IRO not listed works full time.
	Staff []Staff
	// Settings are the authority's settings.
	Settings Settings
	// Today is the day the figures are worked out on: something not yet due
	// that day (a record to send, a review) is not late. Zero takes
	// everything as due.
	Today civil.Date
}

// AdvocacyRequest is what the figures need about a request for an advocate:
// the day of each step, zero for a step not taken.
type AdvocacyRequest struct {
	// ChildID is the child it is for.
	ChildID string
	// RequestedOn is the day it was asked for.
	RequestedOn civil.Date
	// AcceptedOn, ContactedOn and ClosedOn are the days a manager recorded
	// those steps; zero when not recorded.
	AcceptedOn, ContactedOn, ClosedOn civil.Date
}

// Staff is what the figures need about an IRO.
type Staff struct {
	// ID is the IRO's id, as allocations refer to it.
	ID string
	// FullTimeEquivalent is the share of a full-time week they work, more
	// than 0 and at most 1 (0.6 for three days of five); 0 means full time.
	FullTimeEquivalent float64
}

// Percent is a share: Numerator out of Denominator, and the percentage
// rounded to one decimal place, or nil when the denominator is 0.
type Percent struct {
	// Numerator is how many met the measure.
	Numerator int
	// Denominator is how many were measured.
	Denominator int
	// Percentage is 100 × Numerator ÷ Denominator to one decimal place;
	// nil when Denominator is 0.
	Percentage *float64
}

// Count is one row of a breakdown: a key (UPPER_SNAKE_CASE, fit for a
// GraphQL enum), a plain-English label and how many.
type Count struct {
	// Key names the row, such as "NEGLECT" or "UNDER_1".
	Key string
	// Label is the row in plain words, such as "Neglect" or "Under 1".
	Label string
	// Count is how many fall in the row.
	Count int
}

// CaseloadBand places an IRO's caseload against the IRO Handbook's range of
// 50 to 70 children for a full-time IRO, in authorityFigures' first names for
// the bands. The range scales with the IRO's full-time equivalent, so the
// names say where a caseload sits against the IRO's own range: see
// CaseloadRange, the one naming used everywhere since.
type CaseloadBand string

// Caseload bands (the first names; CaseloadRange.Band gives them).
const (
	CaseloadUnder50    CaseloadBand = "UNDER_50"
	CaseloadFrom50To70 CaseloadBand = "FROM_50_TO_70"
	CaseloadOver70     CaseloadBand = "OVER_70"
)

// Label is the band in plain words: "under 50", "50 to 70" or "over 70".
func (b CaseloadBand) Label() string {
	switch b {
	case CaseloadUnder50:
		return "under 50"
	case CaseloadFrom50To70:
		return "50 to 70"
	case CaseloadOver70:
		return "over 70"
	}
	return string(b)
}

// CaseloadRange is where an IRO's caseload sits against the IRO Handbook's
// range for them: 50 to 70 children for a full-time IRO, in proportion for
// one who works part time (30 to 42 at 0.6). It is the one naming of the
// bands; the older names (CaseloadBand, and iroCaseloads' WITHIN_50_TO_70)
// are worked out from it.
type CaseloadRange string

// Caseload ranges.
const (
	BelowRange  CaseloadRange = "BELOW_RANGE"
	WithinRange CaseloadRange = "WITHIN_RANGE"
	AboveRange  CaseloadRange = "ABOVE_RANGE"
)

// Label is the range in plain words.
func (r CaseloadRange) Label() string {
	switch r {
	case BelowRange:
		return "below the range"
	case WithinRange:
		return "within the range"
	case AboveRange:
		return "above the range"
	}
	return string(r)
}

// Band is the range in authorityFigures' first names.
func (r CaseloadRange) Band() CaseloadBand {
	switch r {
	case BelowRange:
		return CaseloadUnder50
	case AboveRange:
		return CaseloadOver70
	}
	return CaseloadFrom50To70
}

// CaseloadsBand is the range in iroCaseloads' first names: UNDER_50,
// WITHIN_50_TO_70 or OVER_70.
func (r CaseloadRange) CaseloadsBand() string {
	if r == WithinRange {
		return "WITHIN_50_TO_70"
	}
	return string(r.Band())
}

// The IRO Handbook's caseload range for a full-time IRO.
const (
	HandbookCaseloadMin = 50
	HandbookCaseloadMax = 70
)

// The full-time equivalents a member of staff's working pattern may have
// on record (setFullTimeEquivalent): a tenth of a week (half a day) up to
// full time.
const (
	MinFullTimeEquivalent = 0.1
	MaxFullTimeEquivalent = 1.0
)

// FullTime returns fte as a share of a full-time week: fte itself when it is
// more than 0 and at most 1, else 1 (not known, or more than full time, is
// taken as full time).
func FullTime(fte float64) float64 {
	if fte > 0 && fte <= 1 {
		return fte
	}
	return 1
}

// RangeFor is the handbook's range for an IRO working fte of a full-time
// week (FullTime's reading): 50 × fte to 70 × fte children.
func RangeFor(fte float64) (low, high float64) {
	f := FullTime(fte)
	return HandbookCaseloadMin * f, HandbookCaseloadMax * f
}

// RangeOf places a caseload of children for an IRO working fte of a
// full-time week against their range; the range's ends are within it.
// CaseloadOf, through which authorityFigures and iroCaseloads band
// caseloads, uses it.
func RangeOf(children int, fte float64) CaseloadRange {
	low, high := RangeFor(fte)
	switch n := float64(children); {
	case n < low-1e-9:
		return BelowRange
	case n > high+1e-9:
		return AboveRange
	}
	return WithinRange
}

// CaseloadOf places a caseload of children for an IRO working fte of a
// full-time week (FullTime's reading: 0, not recorded, is full time)
// against the handbook's range for them. It is the one function both
// authorityFigures and iroCaseloads band caseloads with; the staff fields
// are left for the caller. The range's ends are given to two decimal places
// (27.5 at 0.55, not 27.500000000000004); the band is worked out exactly.
func CaseloadOf(children int, fte float64) Caseload {
	f := FullTime(fte)
	low, high := RangeFor(f)
	r := RangeOf(children, f)
	return Caseload{Children: children, FullTimeEquivalent: f, RangeFrom: round2(low), RangeTo: round2(high), Range: r, Band: r.Band()}
}

// Caseload is one IRO's number of children on the last day of the period.
type Caseload struct {
	// StaffID and StaffName are the IRO's, from their allocations.
	StaffID, StaffName string
	// Children counts the children allocated to the IRO on that day.
	Children int
	// FullTimeEquivalent is the share of a full-time week the IRO works (1
	// when not known).
	FullTimeEquivalent float64
	// RangeFrom and RangeTo are the handbook's range for them: 50 and 70
	// times FullTimeEquivalent.
	RangeFrom, RangeTo float64
	// Range places Children against RangeFrom..RangeTo.
	Range CaseloadRange
	// Band is Range in authorityFigures' first names.
	Band CaseloadBand
}

// MonthCaseloads are the IROs' caseloads on one day, the last of a month of
// the period (or the period's last day, in its last month).
type MonthCaseloads struct {
	// On is the day counted.
	On civil.Date
	// IROs counts the IROs with a child allocated that day.
	IROs int
	// FullTimeEquivalent adds up their full-time equivalents.
	FullTimeEquivalent float64
	// Children counts the children allocated to them (a child with two
	// IROs that day counts for each).
	Children int
	// Average is Children ÷ IROs, one decimal place; nil with no IROs.
	Average *float64
	// AveragePerFullTime is Children ÷ FullTimeEquivalent, one decimal
	// place; nil with no IROs.
	AveragePerFullTime *float64
}

// Figures are the year's figures (or any period's). Definitions gives the
// exact meaning of every field, keyed by its path ("InCare.AtEnd").
type Figures struct {
	// From and To are the first and last days of the period, both included.
	From, To civil.Date
	// ChildProtection are the child protection figures.
	ChildProtection ChildProtection
	// InCare are the children-in-care figures.
	InCare InCare
	// Caseloads lists each IRO with children allocated on the last day,
	// by name then staff id.
	Caseloads []Caseload
	// AverageCaseload is the IROs' average number of children on the last
	// day; nil when no IRO had a child.
	AverageCaseload *float64
	// AverageCaseloadPerFullTime is the same per full-time IRO.
	AverageCaseloadPerFullTime *float64
	// CaseloadsByMonth are the caseloads at the end of each month.
	CaseloadsByMonth []MonthCaseloads
	// OutlinesOnTime is the share of meetings whose outline plan or
	// decision letter went out on time.
	OutlinesOnTime Percent
	// RecordsOnTime is the share of meetings whose full plan or record
	// went out on time.
	RecordsOnTime Percent
	// Alerts are the alerts and escalations chairs raised.
	Alerts Alerts
	// Advocacy is the take-up of advocacy.
	Advocacy Advocacy
	// ParticipationByMeetingKind is, for each kind of conference and
	// review, how often the child took part: attended, or sent their
	// views for the meeting.
	ParticipationByMeetingKind []MeetingParticipation
}

// MeetingParticipation is how often children took part in the meetings of
// one kind held in the period, each child's meeting counted (a meeting for
// brothers and sisters counts for each child, by that child's own record).
type MeetingParticipation struct {
	// Kind is the kind of meeting.
	Kind domain.MeetingKind
	// Label is the kind in plain words.
	Label string
	// Held counts the children's meetings of the kind held in the period.
	Held int
	// Attended counts those the child attended, as the chair recorded.
	Attended int
	// SentViews counts those the child sent their views for, whether or
	// not they attended.
	SentViews int
	// TookPart is the share of Held that the child attended or sent their
	// views for.
	TookPart Percent
}

// CountGroup is one row of a two-way breakdown: its key and label, its
// total, and the row broken down again.
type CountGroup struct {
	// Key names the row, such as "INFORMAL".
	Key string
	// Label is the row in plain words.
	Label string
	// Count is the row's total; the Counts add up to it.
	Count int
	// Counts break the row down, such as by reason.
	Counts []Count
}

// ChildProtection are the child protection figures (see Definitions under
// "ChildProtection.").
type ChildProtection struct {
	// InitialConferences held in the period, as meetings: a sitting for
	// brothers and sisters counts once.
	InitialConferences int
	// ReviewConferences held in the period, as meetings.
	ReviewConferences int
	// PlansStarted in the period: children made subject to a plan.
	PlansStarted int
	// PlansEnded in the period.
	PlansEnded int
	// OnPlanAtEnd counts the children on a plan after the last day.
	OnPlanAtEnd int
	// StartedPer10000 is PlansStarted per 10,000 children; nil when the
	// population is not known.
	StartedPer10000 *float64
	// OnPlanAtEndPer10000 is OnPlanAtEnd per 10,000 children; nil when the
	// population is not known.
	OnPlanAtEndPer10000 *float64
	// LengthOnEnding breaks PlansEnded down by the plans' length.
	LengthOnEnding []Count
	// RepeatWithinTwoYears is the share of PlansStarted that are repeat
	// plans within 2 years.
	RepeatWithinTwoYears Percent
	// Categories breaks PlansStarted down by category of abuse.
	Categories []Count
	// AgeAtStart breaks PlansStarted down by the child's age band.
	AgeAtStart []Count
	// InitialConferencesInTime is the share of initial conferences held
	// within 15 working days of the strategy discussion.
	InitialConferencesInTime Percent
	// ReviewConferencesOnTime is the share of review conferences held on
	// time.
	ReviewConferencesOnTime Percent
	// EndReasons breaks PlansEnded down by why they ended.
	EndReasons []Count
	// ChildrenDuring counts the children subject to a plan at any time in
	// the period.
	ChildrenDuring int
	// LengthOnEndingDetailed is LengthOnEnding with "2 years or more"
	// split at 3 years.
	LengthOnEndingDetailed []Count
	// CoreGroups counts the core groups held, apart from conferences.
	CoreGroups int
	// CoreGroupsOnTime is the share of them held on time.
	CoreGroupsOnTime Percent
	// CoreGroupRecordsOnTime is the share of them whose record went out on
	// time.
	CoreGroupRecordsOnTime Percent
	// InitialConferenceChildren counts the children whose initial
	// conference was held in the period: each child's conference.
	InitialConferenceChildren int
	// ReviewConferenceChildren counts the children's review conferences
	// held in the period.
	ReviewConferenceChildren int
}

// InCare are the children-in-care figures (see Definitions under "InCare.").
type InCare struct {
	// During counts the children in care on any day of the period.
	During int
	// Started counts the children who started to be in care.
	Started int
	// Ended counts the children who stopped being in care.
	Ended int
	// AtEnd counts the children in care after the last day.
	AtEnd int
	// Reviews counts the child-in-care and light-touch reviews held.
	Reviews int
	// ReviewsOnTime is the share of those reviews held on time.
	ReviewsOnTime Percent
	// Participation is the share of coded reviews the child took part in.
	Participation Percent
	// EndReasons breaks the care plans that ended down by why they ended.
	EndReasons []Count
	// AtEndPer10000 is AtEnd per 10,000 children; nil when the population
	// is not known.
	AtEndPer10000 *float64
	// AgeOnStarting breaks Started down by age on starting.
	AgeOnStarting []Count
	// LightTouchReviews counts the light-touch reviews among Reviews.
	LightTouchReviews int
	// ChildrenReviewedOnTime is the share of children in care at the end
	// whose reviews in the period were all on time.
	ChildrenReviewedOnTime Percent
	// ReviewMeetings counts the reviews held as meetings: a sitting for
	// brothers and sisters counts once.
	ReviewMeetings int
}

// Alerts are the alerts and escalations chairs raised (see Definitions under
// "Alerts.").
type Alerts struct {
	// Total raised in the period.
	Total int
	// ByLevel breaks Total down by level when raised.
	ByLevel []Count
	// ByReason breaks Total down by reason.
	ByReason []Count
	// ByStageReached breaks Total down by the furthest stage each had
	// reached by the last day.
	ByStageReached []Count
	// ByRaiserRole breaks Total down by the role the chair raised it in.
	ByRaiserRole []Count
	// ByReasonFromIROs breaks the alerts IROs raised down by reason.
	ByReasonFromIROs []Count
	// ByReasonFromCPChairs breaks the alerts CP Chairs raised down by
	// reason.
	ByReasonFromCPChairs []Count
	// Escalations counts the escalations to a later stage made in the
	// period, whenever the alert was raised.
	Escalations int
	// EscalationsByStage breaks Escalations down by the stage escalated to.
	EscalationsByStage []Count
	// EscalationsByRaiserRole breaks Escalations down by the role the
	// chair raised the alert in.
	EscalationsByRaiserRole []Count
	// ByStageReachedAndReason breaks ByStageReached down by reason: a
	// group per stage, in ByStageReached's order.
	ByStageReachedAndReason []CountGroup
}

// Advocacy is the take-up of advocacy (see Definitions under "Advocacy.").
type Advocacy struct {
	// Requests made in the period.
	Requests int
	// ChildrenAsking counts the children with a request made in the period.
	ChildrenAsking int
	// TakeUp is the share of the children in care or on a child protection
	// plan during the period who have a request made in it.
	TakeUp Percent
	// ByStatus breaks Requests down by where each stood at the end of the
	// period.
	ByStatus []Count
}

// Keys of ChildProtection.LengthOnEnding, the national bands of how long a
// plan lasted.
const (
	LengthUpTo3Months           = "THREE_MONTHS_OR_LESS"
	LengthOver3UpTo6Months      = "OVER_3_UP_TO_6_MONTHS"
	LengthOver6MonthsUnder1Year = "OVER_6_MONTHS_UNDER_1_YEAR"
	Length1YearUnder2Years      = "ONE_YEAR_UNDER_2_YEARS"
	Length2YearsOrMore          = "TWO_YEARS_OR_MORE"
	// Keys of ChildProtection.LengthOnEndingDetailed in place of
	// Length2YearsOrMore.
	Length2YearsUnder3Years = "TWO_YEARS_UNDER_3_YEARS"
	Length3YearsOrMore      = "THREE_YEARS_OR_MORE"
)

// Keys of InCare.AgeOnStarting, the bands of the national statistics of
// children looked after ("age on starting to be looked after"); NOT_KNOWN
// is AgeNotKnown.
const (
	CareAgeUnder1    = "UNDER_1"
	CareAge1To4      = "AGE_1_TO_4"
	CareAge5To9      = "AGE_5_TO_9"
	CareAge10To15    = "AGE_10_TO_15"
	CareAge16AndOver = "AGE_16_AND_OVER"
)

// Keys of ChildProtection.AgeAtStart, the national age bands.
const (
	AgeUnborn   = "UNBORN"
	AgeUnder1   = "UNDER_1"
	Age1To5     = "AGE_1_TO_5"
	Age6To10    = "AGE_6_TO_10"
	Age11To15   = "AGE_11_TO_15"
	Age16To17   = "AGE_16_TO_17"
	AgeNotKnown = "NOT_KNOWN"
)

// CategoryNotRecorded is the key of ChildProtection.Categories for plans with
// no category of abuse recorded; the other keys are domain.AbuseCategory
// values. Alerts.ByLevel, Alerts.ByReason (and ByReasonFrom…),
// Alerts.ByStageReached and Alerts.EscalationsByStage are keyed by
// domain.AlertLevel, domain.AlertReason and domain.AlertStage values,
// Alerts.ByRaiserRole and EscalationsByRaiserRole by domain.Role (IRO,
// CP_CHAIR).
const CategoryNotRecorded = "NOT_RECORDED"

// row is a breakdown row before counting.
type row struct{ key, label string }

var lengthRows = []row{
	{LengthUpTo3Months, "3 months or less"},
	{LengthOver3UpTo6Months, "Over 3 months, up to 6 months"},
	{LengthOver6MonthsUnder1Year, "Over 6 months but under 1 year"},
	{Length1YearUnder2Years, "1 year but under 2 years"},
	{Length2YearsOrMore, "2 years or more"},
}

var detailedLengthRows = append(slices.Clone(lengthRows[:4]),
	row{Length2YearsUnder3Years, "2 years but under 3 years"},
	row{Length3YearsOrMore, "3 years or more"})

var careAgeRows = []row{
	{CareAgeUnder1, "Under 1"},
	{CareAge1To4, "1 to 4"},
	{CareAge5To9, "5 to 9"},
	{CareAge10To15, "10 to 15"},
	{CareAge16AndOver, "16 and over"},
	{AgeNotKnown, "Not known"},
}

var ageRows = []row{
	{AgeUnborn, "Unborn"},
	{AgeUnder1, "Under 1"},
	{Age1To5, "1 to 5"},
	{Age6To10, "6 to 10"},
	{Age11To15, "11 to 15"},
	{Age16To17, "16 to 17"},
	{AgeNotKnown, "Not known"},
}

var categoryRows = []row{
	{string(domain.Neglect), "Neglect"},
	{string(domain.Emotional), "Emotional abuse"},
	{string(domain.Physical), "Physical abuse"},
	{string(domain.Sexual), "Sexual abuse"},
	{string(domain.Multiple), "Multiple categories"},
	{CategoryNotRecorded, "Not recorded"},
}

var advocacyRows = []row{
	{string(domain.AdvocacyRequested), "Asked for, no answer recorded"},
	{string(domain.AdvocacyAccepted), "Accepted by the advocacy service"},
	{string(domain.AdvocacyContacted), "An advocate has been in touch"},
	{string(domain.AdvocacyClosed), "Closed"},
}

var levelRows = []row{
	{string(domain.InformalAlert), "Informal alert"},
	{string(domain.FormalEscalation), "Formal escalation"},
}

var stageRows = []row{
	{string(domain.StageInformal), "Informal"},
	{string(domain.StageTeamManager), "Team manager (formal stage 1)"},
	{string(domain.StageHeadOfService), "Head of service (formal stage 2)"},
	{string(domain.StageDirector), "Director (formal stage 3)"},
	{string(domain.StageCafcassReferral), "Referral to CAFCASS"},
}

// escalationRows are the stages an alert can be escalated to.
var escalationRows = stageRows[1:]

var raiserRows = []row{
	{string(domain.RoleIRO), "Independent Reviewing Officers"},
	{string(domain.RoleCPChair), "Child Protection Conference Chairs"},
}

var reasonRows = []row{
	{string(domain.ReportNotReceived), "Report not received"},
	{string(domain.CarePlanning), "Care planning"},
	{string(domain.DriftOrDelay), "Drift or delay"},
	{string(domain.VisitsOrCoreGroupsNotHeld), "Visits or core groups not held"},
	{string(domain.OtherReason), "Other"},
}

// definitions is what each figure means, keyed by its field path in Figures.
// A share, a rate or an average names its numerator and its denominator.
var definitions = map[string]string{
	"From": "The first day of the period (included).",
	"To":   "The last day of the period (included).",

	"ChildProtection.InitialConferences": "Initial child protection conferences held in the period, whether or not they led to a plan. " +
		"A conference for brothers and sisters together counts once (one meeting); initialConferenceChildren counts each child.",
	"ChildProtection.ReviewConferences": "Review child protection conferences held in the period. A conference for brothers and " +
		"sisters together counts once (one meeting); reviewConferenceChildren counts each child. Core groups are not " +
		"conferences: see coreGroups.",
	"ChildProtection.InitialConferenceChildren": "Children's initial child protection conferences held in the period: each " +
		"child at a conference counts, so a conference for two brothers counts twice (a child with two initial conferences " +
		"in the period counts twice). initialConferences counts the same conferences as meetings.",
	"ChildProtection.ReviewConferenceChildren": "Children's review child protection conferences held in the period: each " +
		"child at a conference counts, so a conference for two sisters counts twice. reviewConferences counts the same " +
		"conferences as meetings.",
	"ChildProtection.PlansStarted": "Children made subject to a child protection plan: plans that started in the period " +
		"(a child whose plan started twice counts twice).",
	"ChildProtection.PlansEnded": "Child protection plans that ended in the period.",
	"ChildProtection.OnPlanAtEnd": "Children on a child protection plan at the end of the period: a plan that started on or " +
		"before the last day and had not ended by then (a plan that ended on the last day counts as ended). Each child counts once.",
	"ChildProtection.StartedPer10000": "Child protection plans started in the period for every 10,000 children living in the area. " +
		"Numerator: plansStarted. Denominator: the authority's child population ÷ 10,000. Empty when the child population is not set (a manager sets it in the authority's settings).",
	"ChildProtection.OnPlanAtEndPer10000": "Children on a child protection plan at the end of the period for every 10,000 children " +
		"living in the area. Numerator: onPlanAtEnd. Denominator: the authority's child population ÷ 10,000. Empty when the " +
		"child population is not set (a manager sets it in the authority's settings).",
	"ChildProtection.LengthOnEnding": "Plans that ended in the period, by how long they lasted from the start date to the end date, " +
		"in the national bands. Months are calendar months: a plan from 31 January is 3 months long on 30 April.",
	"ChildProtection.RepeatWithinTwoYears": "Plans started in the period that are repeat plans within 2 years. Numerator: plans " +
		"started in the period for a child whose previous child protection plan ended no more than 2 years before this one " +
		"started. Denominator: all plans started in the period.",
	"ChildProtection.Categories": "Plans started in the period, by category of abuse.",
	"ChildProtection.AgeAtStart": "Plans started in the period, by the child's age in whole years on the day the plan started. " +
		"Unborn means not yet born that day. Not known means there is no record of the child, or the child was 18 or over.",
	"ChildProtection.InitialConferencesInTime": "Initial conferences held within 15 working days of the strategy discussion " +
		"(the day of the discussion is day 0; weekends and bank holidays do not count). Numerator: those held in the period " +
		"on or before that day, found from the strategy discussion on the child's child protection plan or else from the " +
		"conference's due date. Denominator: every initial conference held in the period, whether or not it led to a plan " +
		"(one with neither date recorded counts as not in time), counted per child (initialConferenceChildren): each " +
		"child's conference has their own strategy discussion and due date.",
	"ChildProtection.ReviewConferencesOnTime": "Review conferences held on time, counted per child. Numerator: those held in " +
		"the period on or before the child's due date. Denominator: the children's review conferences held in the period " +
		"that have a due date.",
	"ChildProtection.ChildrenDuring": "Children subject to a child protection plan at any time in the period: a plan that " +
		"was open on at least one day of it. Each child counts once.",
	"ChildProtection.LengthOnEndingDetailed": "Plans that ended in the period, by how long they lasted, in the national bands " +
		"with 2 years or more split into 2 years but under 3 years, and 3 years or more (as annual reports show them). " +
		"Months are calendar months.",
	"ChildProtection.CoreGroups": "Core group meetings held in the period. They are counted here apart from conferences, and " +
		"are in none of the other meeting figures.",
	"ChildProtection.CoreGroupsOnTime": "Core groups held on time. Numerator: those held in the period on or before their " +
		"due date. Denominator: the core groups held in the period that have a due date.",
	"ChildProtection.CoreGroupRecordsOnTime": "Core groups whose record went to the family in time. Numerator: core groups " +
		"held in the period whose full record was sent within the authority's number of working days (15 unless set). " +
		"Denominator: the core groups held in the period, leaving out those whose record is not yet due and not sent " +
		"(one overdue and not sent counts as not on time).",

	"InCare.During": "Children in care at any time in the period: a care plan that was open on at least one day of it. " +
		"Each child counts once.",
	"InCare.Started": "Children who started to be in care: a care plan that started in the period. Each child counts once.",
	"InCare.Ended":   "Children who stopped being in care: a care plan that ended in the period. Each child counts once.",
	"InCare.AtEnd": "Children in care at the end of the period: a care plan that started on or before the last day and had " +
		"not ended by then (a plan that ended on the last day counts as ended). Each child counts once.",
	"InCare.Reviews": "Child-in-care reviews held in the period, light-touch reviews included, counted per child: a review " +
		"for brothers and sisters together counts for each child. reviewMeetings counts the same reviews as meetings.",
	"InCare.ReviewMeetings": "Child-in-care reviews held in the period, light-touch reviews included, counted as meetings: " +
		"a review for brothers and sisters together counts once. reviews counts each child's.",
	"InCare.ReviewsOnTime": "Child-in-care reviews held on time, counted per review. Numerator: reviews (light-touch reviews " +
		"included) held in the period on or before their due date. Denominator: the reviews held in the period that have " +
		"a due date.",
	"InCare.Participation": "Reviews where the child took part. Numerator: reviews held in the period coded PN1 to PN6. " +
		"Denominator: reviews held in the period coded PN1 to PN7. Reviews coded PN0 (child under 4) or not coded are left " +
		"out. PN4 (attended but did not speak) is in the numerator only when the authority's setting says so; it is always " +
		"in the denominator.",
	"InCare.AtEndPer10000": "Children in care at the end of the period for every 10,000 children living in the area. " +
		"Numerator: atEnd. Denominator: the authority's child population ÷ 10,000. Empty when the child population is not set (a manager sets it in the authority's settings).",
	"InCare.AgeOnStarting": "Children who started to be in care in the period (each once), by their age in whole years on " +
		"the first day of care in the period, in the bands of the national statistics of children looked after: under 1, " +
		"1 to 4, 5 to 9, 10 to 15, 16 and over. Not known means no date of birth is recorded, or one after that day.",
	"InCare.LightTouchReviews": "Light-touch reviews held in the period (under the lighter-touch arrangement); they are " +
		"among the reviews.",
	"InCare.ChildrenReviewedOnTime": "Children in care whose reviews were all on time, counted per child. Numerator: the " +
		"children in the denominator none of whose reviews in the period was late: held in the period after its due date, " +
		"or due in the period before its last day (or before today, mid-period) and not held by then. Denominator: " +
		"children in care at the end of the period who had been in care for at least 4 weeks (28 days) by its last day. " +
		"A review is seen once it is booked: one overdue with no meeting booked is not.",

	"Caseloads": "For each IRO with a child allocated on the last day of the period, the children allocated to them, against " +
		"the IRO Handbook's 50 to 70 children for a full-time IRO, in proportion for one who works part time (30 to 42 " +
		"at 0.6 of a full-time week).",
	"AverageCaseload": "The IROs' average caseload on the last day of the period. Numerator: the children allocated to " +
		"IROs that day (a child with two IROs counts for each). Denominator: the IROs with a child allocated that day. " +
		"Empty when there are none.",
	"AverageCaseloadPerFullTime": "The average caseload per full-time IRO on the last day of the period, to compare with " +
		"the IRO Handbook's 50 to 70. Numerator: the children allocated to IROs that day. Denominator: those IROs' " +
		"full-time equivalents added up (an IRO whose is not recorded counts as 1). Empty when there are none.",
	"CaseloadsByMonth": "For the last day of each month of the period (the period's last day in its last month): the IROs " +
		"with a child allocated, their full-time equivalents added up, the children allocated to them, and the average " +
		"caseload per IRO and per full-time IRO (numerators: the children; denominators: the IROs, and their full-time " +
		"equivalents).",
	"OutlinesOnTime": "Conferences and reviews whose outline plan or decision letter went to the family in time. Numerator: " +
		"those held in the period whose outline was sent within the authority's number of working days (1 unless set). " +
		"Denominator: the conferences and reviews held in the period, leaving out those whose outline is not yet due and " +
		"not sent (one overdue and not sent counts as not on time). Core groups are counted apart.",
	"RecordsOnTime": "Conferences and reviews whose full plan or record went to the family in time. Numerator: those held " +
		"in the period whose record was sent within the authority's number of working days (15 unless set). Denominator: " +
		"the conferences and reviews held in the period, leaving out those whose record is not yet due and not sent (one " +
		"overdue and not sent counts as not on time). Core groups are counted apart.",

	"Alerts.Total":    "Informal alerts and formal escalations raised by chairs in the period.",
	"Alerts.ByLevel":  "Alerts and escalations raised in the period, by their level when raised.",
	"Alerts.ByReason": "Alerts and escalations raised in the period, by reason.",
	"Alerts.ByStageReached": "Alerts and escalations raised in the period, by the furthest stage of the dispute-resolution " +
		"process each had reached by the last day of the period (informal; team manager; head of service; Director; " +
		"referral to CAFCASS). Each alert counts once; the rows add up to total.",
	"Alerts.ByRaiserRole": "Alerts and escalations raised in the period, by the role the chair raised them in: IRO (children " +
		"in care) or CP_CHAIR (child protection). One raised before roles were recorded counts in the role its chair has now.",
	"Alerts.ByReasonFromIROs": "Alerts and escalations raised in the period by Independent Reviewing Officers, by reason " +
		"(the IRO row of byRaiserRole, broken down).",
	"Alerts.ByReasonFromCPChairs": "Alerts and escalations raised in the period by Child Protection Conference Chairs, by " +
		"reason (the CP_CHAIR row of byRaiserRole, broken down).",
	"Alerts.Escalations": "Escalations made in the period: each time a chair moved an alert on to a later stage on a day of " +
		"the period, whenever the alert was raised. An alert raised as a formal escalation is not an escalation here; it " +
		"is in total.",
	"Alerts.EscalationsByStage": "Escalations made in the period, by the stage the alert was escalated to.",
	"Alerts.EscalationsByRaiserRole": "Escalations made in the period, by the role the chair who raised the alert raised it " +
		"in: IRO or CP_CHAIR.",
	"Alerts.ByStageReachedAndReason": "Alerts and escalations raised in the period, by the furthest stage each had reached " +
		"by the last day of the period (a group per stage, as in byStageReached) and, within each stage, by reason (as in " +
		"byReason). Each alert counts once: a group's rows add up to its count, which is its byStageReached row.",

	"ParticipationByMeetingKind": "For each kind of conference and review (initial and review child protection conferences, " +
		"child-in-care reviews, light-touch reviews), how often the child took part. Numerator: the children's meetings " +
		"of that kind held in the period that the child attended (as the chair recorded) or sent their views for (a " +
		"wishes-and-feelings form they sent, not a draft, linked to that meeting). Denominator: the children's meetings of " +
		"that kind held in the period. A meeting for brothers and sisters together counts for each child, by that " +
		"child's own attendance and views. Participation codes are not used here (inCare.participation uses them); core " +
		"groups are counted apart and are not here.",

	"Advocacy.Requests": "Requests for an advocate made in the period: by the child (requestAdvocate or a \"yes\" on their form), " +
		"or by their chair or social worker on their behalf. Each request counts.",
	"Advocacy.ChildrenAsking": "Children with at least one request for an advocate made in the period. Each child counts once.",
	"Advocacy.TakeUp": "Children in care or on a child protection plan during the period (a care plan or child protection plan " +
		"open on at least one day of it; the denominator, each child once) who have a request for an advocate made in the " +
		"period (the numerator).",
	"Advocacy.ByStatus": "Requests made in the period, by where each stood at the end of the period: closed if closed by then, " +
		"else in touch if an advocate had been in touch, else accepted if the advocacy service had taken it on, else asked for.",
}

// Definitions returns the plain-English definition of every figure, keyed by
// its field path in Figures, such as "ChildProtection.PlansStarted" or
// "RecordsOnTime". The map is a copy the caller may change.
func Definitions() map[string]string {
	out := make(map[string]string, len(definitions))
	for k, v := range definitions {
		out[k] = v
	}
	return out
}

// period is the days from..to, both included.
type period struct{ from, to civil.Date }

// has reports whether d is a day of the period (never for the zero date).
func (p period) has(d civil.Date) bool {
	return !d.IsZero() && !d.Before(p.from) && !d.After(p.to)
}

// openAtEnd reports whether something running from start to end (zero while
// open) is still open after the last day of the period.
func (p period) openAtEnd(start, end civil.Date) bool {
	return !start.IsZero() && !start.After(p.to) && (end.IsZero() || end.After(p.to))
}

// overlaps reports whether start..end (zero end while open) shares a day
// with the period.
func (p period) overlaps(start, end civil.Date) bool {
	return !start.IsZero() && !start.After(p.to) && (end.IsZero() || !end.Before(p.from))
}

// heldIn reports whether m was held on a day of the period.
func heldIn(m Meeting, p period) bool {
	return m.Status == domain.Held && p.has(m.HeldOn)
}

// Compute works out the figures for the period from..to, both days included,
// counting working days with cal.
func Compute(cal *timescales.Calendar, in Input, from, to civil.Date) Figures {
	p := period{from, to}
	f := Figures{
		From:            from,
		To:              to,
		ChildProtection: childProtection(cal, in, p),
		InCare:          inCare(in, p),
		Alerts:          alerts(in.Alerts, p),
		Advocacy:        advocacy(in, p),
	}
	f.ParticipationByMeetingKind = participationByKind(in.Meetings, p)
	f.OutlinesOnTime, f.RecordsOnTime = sentOnTime(cal, in, p, isConferenceOrReview)
	_, f.ChildProtection.CoreGroupRecordsOnTime = sentOnTime(cal, in, p, func(k domain.MeetingKind) bool { return k == domain.CoreGroup })
	fte := fullTimeEquivalents(in.Staff)
	f.Caseloads = caseloads(in.Allocations, fte, to)
	end := monthCaseloads(f.Caseloads, to)
	f.AverageCaseload, f.AverageCaseloadPerFullTime = end.Average, end.AveragePerFullTime
	for _, day := range monthEnds(p) {
		f.CaseloadsByMonth = append(f.CaseloadsByMonth, monthCaseloads(caseloads(in.Allocations, fte, day), day))
	}
	return f
}

// participationKinds are the kinds of meeting ParticipationByMeetingKind
// has a row for, in its order: every kind but the core group.
var participationKinds = []row{
	{string(domain.InitialCPConference), "Initial child protection conferences"},
	{string(domain.ReviewCPConference), "Review child protection conferences"},
	{string(domain.CICReview), "Child-in-care reviews"},
	{string(domain.LightTouchReview), "Light-touch reviews"},
}

// participationByKind counts, for each kind of conference and review, the
// children's meetings held in the period and those the child attended or
// sent views for. Each child's meeting of a sitting is counted on its own.
func participationByKind(meetings []Meeting, p period) []MeetingParticipation {
	out := make([]MeetingParticipation, len(participationKinds))
	at := map[domain.MeetingKind]int{}
	for i, r := range participationKinds {
		out[i] = MeetingParticipation{Kind: domain.MeetingKind(r.key), Label: r.label}
		at[out[i].Kind] = i
	}
	took := make([]int, len(out))
	for _, m := range meetings {
		i, ok := at[m.Kind]
		if !ok || !heldIn(m, p) {
			continue
		}
		out[i].Held++
		if m.ChildAttended {
			out[i].Attended++
		}
		if m.ViewsSent {
			out[i].SentViews++
		}
		if m.ChildAttended || m.ViewsSent {
			took[i]++
		}
	}
	for i := range out {
		out[i].TookPart = percent(took[i], out[i].Held)
	}
	return out
}

// isConferenceOrReview is every meeting kind but the core group.
func isConferenceOrReview(k domain.MeetingKind) bool { return k != domain.CoreGroup }

// isReview is a child-in-care review, full or light-touch.
func isReview(k domain.MeetingKind) bool {
	return k == domain.CICReview || k == domain.LightTouchReview
}

// asOf is the day lateness is judged on for the period: its last day, or
// today when that is earlier (a period not yet over).
func asOf(in Input, p period) civil.Date {
	if !in.Today.IsZero() && in.Today.Before(p.to) {
		return in.Today
	}
	return p.to
}

func childProtection(cal *timescales.Calendar, in Input, p period) ChildProtection {
	children := map[string]Child{}
	for _, c := range in.Children {
		children[c.ID] = c
	}
	plansOf := map[string][]Plan{} // child protection plans by child
	for _, pl := range in.Plans {
		if pl.Kind == domain.ChildProtectionPlan {
			plansOf[pl.ChildID] = append(plansOf[pl.ChildID], pl)
		}
	}

	cp := ChildProtection{
		LengthOnEnding:         newCounts(lengthRows),
		LengthOnEndingDetailed: newCounts(detailedLengthRows),
		Categories:             newCounts(categoryRows),
		AgeAtStart:             newCounts(ageRows),
	}
	repeats := 0
	onPlan, during := map[string]bool{}, map[string]bool{}
	for _, pl := range in.Plans {
		if pl.Kind != domain.ChildProtectionPlan {
			continue
		}
		if p.has(pl.StartsOn) {
			cp.PlansStarted++
			if isRepeat(pl, plansOf[pl.ChildID]) {
				repeats++
			}
			category := string(pl.Category)
			if !slices.Contains(pl.Category.Values(), category) {
				category = CategoryNotRecorded
			}
			add(cp.Categories, category)
			child, known := children[pl.ChildID]
			add(cp.AgeAtStart, ageBand(child, known, pl.StartsOn))
		}
		if p.has(pl.EndsOn) {
			cp.PlansEnded++
			add(cp.LengthOnEnding, lengthBand(pl.StartsOn, pl.EndsOn))
			add(cp.LengthOnEndingDetailed, detailedLengthBand(pl.StartsOn, pl.EndsOn))
		}
		if p.openAtEnd(pl.StartsOn, pl.EndsOn) {
			onPlan[pl.ChildID] = true
		}
		if p.overlaps(pl.StartsOn, pl.EndsOn) {
			during[pl.ChildID] = true
		}
	}
	cp.OnPlanAtEnd = len(onPlan)
	cp.ChildrenDuring = len(during)
	cp.StartedPer10000 = per10000(cp.PlansStarted, in.Settings.ChildPopulation)
	cp.OnPlanAtEndPer10000 = per10000(cp.OnPlanAtEnd, in.Settings.ChildPopulation)
	cp.RepeatWithinTwoYears = percent(repeats, cp.PlansStarted)

	var inTime, onTime, withDue, coreOnTime, coreWithDue int
	seen := sittings{}
	for _, m := range in.Meetings {
		if !heldIn(m, p) {
			continue
		}
		switch m.Kind {
		case domain.InitialCPConference:
			cp.InitialConferences += seen.first(m)
			cp.InitialConferenceChildren++
			due := m.DueBy
			if strategy := strategyFor(m, plansOf[m.ChildID]); !strategy.IsZero() {
				due = timescales.InitialConferenceDue(cal, strategy)
			}
			if !due.IsZero() && timescales.OnTime(m.HeldOn, due) {
				inTime++
			}
		case domain.ReviewCPConference:
			cp.ReviewConferences += seen.first(m)
			cp.ReviewConferenceChildren++
			countOnTime(m, &onTime, &withDue)
		case domain.CoreGroup:
			cp.CoreGroups++
			countOnTime(m, &coreOnTime, &coreWithDue)
		}
	}
	cp.InitialConferencesInTime = percent(inTime, cp.InitialConferenceChildren)
	cp.ReviewConferencesOnTime = percent(onTime, withDue)
	cp.EndReasons = endReasons(in.Plans, domain.ChildProtectionPlan, p)
	cp.CoreGroupsOnTime = percent(coreOnTime, coreWithDue)
	return cp
}

// sittings are the sittings already counted, for counting meetings as
// people mean them (first).
type sittings map[string]bool

// first is 1 when m is a meeting not yet counted: one about one child, or
// the first record seen of a sitting; 0 for another child's record of a
// sitting already counted.
func (s sittings) first(m Meeting) int {
	if m.SittingID == "" {
		return 1
	}
	key := string(m.Kind) + "/" + m.SittingID
	if s[key] {
		return 0
	}
	s[key] = true
	return 1
}

// countOnTime counts a held meeting with a due date in withDue, and in
// onTime when it was held on or before it.
func countOnTime(m Meeting, onTime, withDue *int) {
	if m.DueBy.IsZero() {
		return
	}
	*withDue++
	if timescales.OnTime(m.HeldOn, m.DueBy) {
		*onTime++
	}
}

// isRepeat reports whether the child's previous child protection plan (one
// that started before pl and ended on or before pl's start) ended no more
// than 2 years before pl started.
func isRepeat(pl Plan, childPlans []Plan) bool {
	limit := pl.StartsOn.AddYears(-2)
	for _, prev := range childPlans {
		if prev.EndsOn.IsZero() || !prev.StartsOn.Before(pl.StartsOn) {
			continue
		}
		if !prev.EndsOn.After(pl.StartsOn) && !prev.EndsOn.Before(limit) {
			return true
		}
	}
	return false
}

// strategyFor finds the strategy discussion behind an initial conference:
// among the child's child protection plans that record one on or before the
// day the conference was held, and had not ended before that day, the latest.
// Zero when there is none. A plan that ended before the conference belongs
// to an earlier episode and its strategy discussion to an earlier conference.
func strategyFor(m Meeting, childPlans []Plan) civil.Date {
	var latest civil.Date
	for _, pl := range childPlans {
		s := pl.StrategyDiscussionOn
		if s.IsZero() || s.After(m.HeldOn) || (!pl.EndsOn.IsZero() && pl.EndsOn.Before(m.HeldOn)) {
			continue
		}
		if s.After(latest) {
			latest = s
		}
	}
	return latest
}

// lengthBand places a plan that ran from start to end in the national bands,
// by calendar months and years.
func lengthBand(start, end civil.Date) string {
	switch {
	case !end.After(start.AddMonths(3)):
		return LengthUpTo3Months
	case !end.After(start.AddMonths(6)):
		return LengthOver3UpTo6Months
	case end.Before(start.AddYears(1)):
		return LengthOver6MonthsUnder1Year
	case end.Before(start.AddYears(2)):
		return Length1YearUnder2Years
	default:
		return Length2YearsOrMore
	}
}

// detailedLengthBand is lengthBand with 2 years or more split at 3 years.
func detailedLengthBand(start, end civil.Date) string {
	switch b := lengthBand(start, end); {
	case b != Length2YearsOrMore:
		return b
	case end.Before(start.AddYears(3)):
		return Length2YearsUnder3Years
	default:
		return Length3YearsOrMore
	}
}

// careAgeBand places a child on their first day of care in the bands of the
// national statistics of children looked after.
func careAgeBand(c Child, known bool, start civil.Date) string {
	if !known || c.DateOfBirth.IsZero() || c.DateOfBirth.After(start) {
		return AgeNotKnown
	}
	switch age := c.DateOfBirth.YearsOn(start); {
	case age < 1:
		return CareAgeUnder1
	case age <= 4:
		return CareAge1To4
	case age <= 9:
		return CareAge5To9
	case age <= 15:
		return CareAge10To15
	default:
		return CareAge16AndOver
	}
}

// ageBand places a child at the start of a plan in the national age bands.
// An unborn baby has no date of birth, or one after the start.
func ageBand(c Child, known bool, start civil.Date) string {
	if !known {
		return AgeNotKnown
	}
	if c.DateOfBirth.IsZero() || c.DateOfBirth.After(start) {
		return AgeUnborn
	}
	switch age := c.DateOfBirth.YearsOn(start); {
	case age < 1:
		return AgeUnder1
	case age <= 5:
		return Age1To5
	case age <= 10:
		return Age6To10
	case age <= 15:
		return Age11To15
	case age <= 17:
		return Age16To17
	default:
		return AgeNotKnown
	}
}

func inCare(in Input, p period) InCare {
	during, ended, atEnd := map[string]bool{}, map[string]bool{}, map[string]bool{}
	started := map[string]civil.Date{}   // child -> first day of care in the period
	settled := map[string]bool{}         // in care at the end, for at least 4 weeks by then
	fourWeeksBefore := p.to.AddDays(-28) // a plan from this day on has run 4 weeks by the last day
	for _, pl := range in.Plans {
		if pl.Kind != domain.CarePlan {
			continue
		}
		if p.overlaps(pl.StartsOn, pl.EndsOn) {
			during[pl.ChildID] = true
		}
		if p.has(pl.StartsOn) {
			if first, ok := started[pl.ChildID]; !ok || pl.StartsOn.Before(first) {
				started[pl.ChildID] = pl.StartsOn
			}
		}
		if p.has(pl.EndsOn) {
			ended[pl.ChildID] = true
		}
		if p.openAtEnd(pl.StartsOn, pl.EndsOn) {
			atEnd[pl.ChildID] = true
			if !pl.StartsOn.After(fourWeeksBefore) {
				settled[pl.ChildID] = true
			}
		}
	}
	ic := InCare{During: len(during), Started: len(started), Ended: len(ended), AtEnd: len(atEnd),
		AtEndPer10000: per10000(len(atEnd), in.Settings.ChildPopulation), AgeOnStarting: newCounts(careAgeRows)}
	children := map[string]Child{}
	for _, c := range in.Children {
		children[c.ID] = c
	}
	for id, first := range started {
		c, known := children[id]
		add(ic.AgeOnStarting, careAgeBand(c, known, first))
	}

	var onTime, withDue, tookPart, coded int
	seen := sittings{}
	for _, m := range in.Meetings {
		if !isReview(m.Kind) || !heldIn(m, p) {
			continue
		}
		ic.Reviews++
		ic.ReviewMeetings += seen.first(m)
		if m.Kind == domain.LightTouchReview {
			ic.LightTouchReviews++
		}
		countOnTime(m, &onTime, &withDue)
		switch m.ParticipationCode {
		case domain.PN1, domain.PN2, domain.PN3, domain.PN5, domain.PN6:
			coded++
			tookPart++
		case domain.PN4:
			coded++
			if in.Settings.PN4CountsAsParticipation {
				tookPart++
			}
		case domain.PN7:
			coded++
		}
	}
	ic.ReviewsOnTime = percent(onTime, withDue)
	ic.Participation = percent(tookPart, coded)
	ic.EndReasons = endReasons(in.Plans, domain.CarePlan, p)

	late := lateReviews(in, p)
	reviewedOnTime := 0
	for id := range settled {
		if !late[id] {
			reviewedOnTime++
		}
	}
	ic.ChildrenReviewedOnTime = percent(reviewedOnTime, len(settled))
	return ic
}

// lateReviews are the children with a review late in the period: held in
// the period after its due date, or due in the period before the day
// lateness is judged on (asOf) and not held on or before its due date by
// any review of the child booked for that date (a postponed meeting's due
// date may be met by another). Cancelled meetings are left out.
func lateReviews(in Input, p period) map[string]bool {
	type due struct {
		child string
		on    civil.Date
	}
	met := map[due]bool{}
	for _, m := range in.Meetings {
		if isReview(m.Kind) && m.Status == domain.Held && !m.HeldOn.IsZero() && !m.DueBy.IsZero() &&
			timescales.OnTime(m.HeldOn, m.DueBy) {
			met[due{m.ChildID, m.DueBy}] = true
		}
	}
	judged := asOf(in, p)
	late := map[string]bool{}
	for _, m := range in.Meetings {
		if !isReview(m.Kind) || m.DueBy.IsZero() || m.Status == domain.Cancelled {
			continue
		}
		switch {
		case heldIn(m, p) && !timescales.OnTime(m.HeldOn, m.DueBy):
			late[m.ChildID] = true
		case p.has(m.DueBy) && m.DueBy.Before(judged) && !met[due{m.ChildID, m.DueBy}]:
			late[m.ChildID] = true
		}
	}
	return late
}

// fullTimeEquivalents are the IROs' full-time equivalents by id.
func fullTimeEquivalents(staff []Staff) map[string]float64 {
	out := make(map[string]float64, len(staff))
	for _, s := range staff {
		out[s.ID] = s.FullTimeEquivalent
	}
	return out
}

func caseloads(allocs []Allocation, fte map[string]float64, day civil.Date) []Caseload {
	children := map[string]map[string]bool{} // staff id -> child ids
	names := map[string]string{}
	for _, a := range allocs {
		if a.Kind != domain.AllocIRO || a.StartsOn.After(day) || (!a.EndsOn.IsZero() && a.EndsOn.Before(day)) {
			continue
		}
		if children[a.StaffID] == nil {
			children[a.StaffID] = map[string]bool{}
		}
		children[a.StaffID][a.ChildID] = true
		if names[a.StaffID] == "" {
			names[a.StaffID] = a.StaffName
		}
	}
	out := make([]Caseload, 0, len(children))
	for id, kids := range children {
		c := CaseloadOf(len(kids), fte[id])
		c.StaffID, c.StaffName = id, names[id]
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Caseload) int {
		return cmp.Or(cmp.Compare(a.StaffName, b.StaffName), cmp.Compare(a.StaffID, b.StaffID))
	})
	return out
}

// monthCaseloads adds up the caseloads of one day.
func monthCaseloads(loads []Caseload, day civil.Date) MonthCaseloads {
	mc := MonthCaseloads{On: day, IROs: len(loads)}
	for _, l := range loads {
		mc.Children += l.Children
		mc.FullTimeEquivalent += l.FullTimeEquivalent
	}
	mc.FullTimeEquivalent = math.Round(mc.FullTimeEquivalent*100) / 100
	if mc.IROs > 0 {
		avg := round1(float64(mc.Children) / float64(mc.IROs))
		perFTE := round1(float64(mc.Children) / mc.FullTimeEquivalent)
		mc.Average, mc.AveragePerFullTime = &avg, &perFTE
	}
	return mc
}

// monthEnds are the last days of the months of the period, the period's
// last day in its last month.
func monthEnds(p period) []civil.Date {
	var out []civil.Date
	y, m, _ := p.from.YMD()
	for day := civil.FromTime(time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC)); ; {
		if !day.Before(p.to) {
			return append(out, p.to)
		}
		out = append(out, day)
		y, m, _ = day.AddDays(1).YMD()
		day = civil.FromTime(time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC))
	}
}

// sentOnTime works out the outline and full-record timeliness of the
// meetings of the kinds counted held in the period. A meeting whose
// outline (or record) was not sent and is not yet due on Today is left out
// of that share.
func sentOnTime(cal *timescales.Calendar, in Input, p period, counted func(domain.MeetingKind) bool) (outline, record Percent) {
	outlineDays := in.Settings.OutlineWorkingDays
	if outlineDays <= 0 {
		outlineDays = timescales.DefaultOutlinePlanWorkingDays
	}
	recordDays := in.Settings.FullRecordWorkingDays
	if recordDays <= 0 {
		recordDays = timescales.DefaultFullRecordWorkingDays
	}
	var outlines, records sent
	for _, m := range in.Meetings {
		if !counted(m.Kind) || !heldIn(m, p) {
			continue
		}
		outlines.count(m.OutlineSentOn, timescales.DueAfterWorkingDays(cal, m.HeldOn, outlineDays), in.Today)
		records.count(m.RecordSentOn, timescales.DueAfterWorkingDays(cal, m.HeldOn, recordDays), in.Today)
	}
	return percent(outlines.onTime, outlines.due), percent(records.onTime, records.due)
}

// sent counts documents sent on time out of those due.
type sent struct{ onTime, due int }

// count counts a document sent on sentOn (zero if not sent) and due on due:
// one not sent that is not yet late today is not counted (zero today takes
// it as late).
func (s *sent) count(sentOn, due, today civil.Date) {
	if sentOn.IsZero() && !today.IsZero() && !today.After(due) {
		return
	}
	s.due++
	if timescales.OnTime(sentOn, due) {
		s.onTime++
	}
}

func alerts(all []Alert, p period) Alerts {
	a := Alerts{ByLevel: newCounts(levelRows), ByReason: newCounts(reasonRows), ByStageReached: newCounts(stageRows),
		ByRaiserRole: newCounts(raiserRows), ByReasonFromIROs: newCounts(reasonRows), ByReasonFromCPChairs: newCounts(reasonRows),
		EscalationsByStage: newCounts(escalationRows), EscalationsByRaiserRole: newCounts(raiserRows),
		ByStageReachedAndReason: newGroups(stageRows, reasonRows)}
	for _, al := range all {
		steps := alertSteps(al)
		for _, st := range steps[1:] {
			if p.has(st.On) {
				a.Escalations++
				add(a.EscalationsByStage, string(st.Stage))
				add(a.EscalationsByRaiserRole, string(al.RaisedBy))
			}
		}
		if !p.has(al.RaisedOn) {
			continue
		}
		a.Total++
		add(a.ByLevel, string(al.Level))
		add(a.ByReason, string(al.Reason))
		add(a.ByRaiserRole, string(al.RaisedBy))
		switch al.RaisedBy {
		case domain.RoleIRO:
			add(a.ByReasonFromIROs, string(al.Reason))
		case domain.RoleCPChair:
			add(a.ByReasonFromCPChairs, string(al.Reason))
		}
		reached := steps[0].Stage
		for _, st := range steps[1:] {
			if !st.On.After(p.to) {
				reached = st.Stage
			}
		}
		add(a.ByStageReached, string(reached))
		addTo(a.ByStageReachedAndReason, string(reached), string(al.Reason))
	}
	return a
}

// alertSteps are the stages an alert reached, the first the one it was
// raised at on the day it was raised.
func alertSteps(al Alert) []AlertStep {
	if len(al.Stages) > 0 {
		return al.Stages
	}
	return []AlertStep{{Stage: domain.StageForLevel(al.Level), On: al.RaisedOn}}
}

func advocacy(in Input, p period) Advocacy {
	a := Advocacy{ByStatus: newCounts(advocacyRows)}
	asking := map[string]bool{}
	for _, r := range in.AdvocacyRequests {
		if !p.has(r.RequestedOn) {
			continue
		}
		a.Requests++
		asking[r.ChildID] = true
		add(a.ByStatus, string(statusAt(r, p.to)))
	}
	a.ChildrenAsking = len(asking)
	planned := map[string]bool{}
	for _, pl := range in.Plans {
		if p.overlaps(pl.StartsOn, pl.EndsOn) {
			planned[pl.ChildID] = true
		}
	}
	took := 0
	for c := range planned {
		if asking[c] {
			took++
		}
	}
	a.TakeUp = percent(took, len(planned))
	return a
}

// statusAt is where a request stood at the end of day: the latest step
// recorded by then.
func statusAt(r AdvocacyRequest, day civil.Date) domain.AdvocacyStatus {
	by := func(d civil.Date) bool { return !d.IsZero() && !d.After(day) }
	switch {
	case by(r.ClosedOn):
		return domain.AdvocacyClosed
	case by(r.ContactedOn):
		return domain.AdvocacyContacted
	case by(r.AcceptedOn):
		return domain.AdvocacyAccepted
	}
	return domain.AdvocacyRequested
}

// newCounts makes a breakdown with every row at 0, in the rows' order.
func newCounts(rows []row) []Count {
	out := make([]Count, len(rows))
	for i, r := range rows {
		out[i] = Count{Key: r.key, Label: r.label}
	}
	return out
}

// newGroups makes a two-way breakdown with every cell at 0: a group per
// row of groups, each broken down by rows.
func newGroups(groups, rows []row) []CountGroup {
	out := make([]CountGroup, len(groups))
	for i, g := range groups {
		out[i] = CountGroup{Key: g.key, Label: g.label, Counts: newCounts(rows)}
	}
	return out
}

// addTo counts one in the group with key group and its row with key; a
// key with no group or row is not counted.
func addTo(groups []CountGroup, group, key string) {
	for i := range groups {
		if groups[i].Key == group && slices.ContainsFunc(groups[i].Counts, func(c Count) bool { return c.Key == key }) {
			groups[i].Count++
			add(groups[i].Counts, key)
			return
		}
	}
}

// add counts one in the row with key; a key with no row is not counted.
func add(counts []Count, key string) {
	for i := range counts {
		if counts[i].Key == key {
			counts[i].Count++
			return
		}
	}
}

func percent(num, den int) Percent {
	pc := Percent{Numerator: num, Denominator: den}
	if den > 0 {
		v := round1(100 * float64(num) / float64(den))
		pc.Percentage = &v
	}
	return pc
}

// per10000 is n for every 10,000 children, or nil when the population is not
// known.
func per10000(n, population int) *float64 {
	if population <= 0 {
		return nil
	}
	v := round1(10000 * float64(n) / float64(population))
	return &v
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func round2(x float64) float64 { return math.Round(x*100) / 100 }
