// Package domain holds the enumerations of docs/domain.md as Go types shared by
// the ent schema, the GraphQL layer and the pure packages. Their values are the
// UPPER_SNAKE_CASE names of the public contract.
package domain

import (
	"fmt"
	"io"
	"slices"
	"strconv"
)

// enum is implemented by every string enumeration here.
type enum interface{ ~string }

func marshal[T enum](w io.Writer, v T) { _, _ = io.WriteString(w, strconv.Quote(string(v))) }

func unmarshal[T enum](dst *T, v any, values []string, name string) error {
	s, ok := v.(string)
	if !ok || !slices.Contains(values, s) {
		return &InputError{fmt.Sprintf("That is not a valid %s.", name)}
	}
	*dst = T(s)
	return nil
}

// PlanKind is the kind of plan: a care plan for a child in care, or a child
// protection plan.
type PlanKind string

// Plan kinds.
const (
	CarePlan            PlanKind = "CARE_PLAN"
	ChildProtectionPlan PlanKind = "CHILD_PROTECTION_PLAN"
)

// Values lists the valid values (ent enum).
func (PlanKind) Values() []string { return []string{string(CarePlan), string(ChildProtectionPlan)} }

// MarshalGQL implements graphql.Marshaler.
func (k PlanKind) MarshalGQL(w io.Writer) { marshal(w, k) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (k *PlanKind) UnmarshalGQL(v any) error { return unmarshal(k, v, k.Values(), "PlanKind") }

// AbuseCategory is the category of abuse of a child protection plan, as the
// national return counts it (NEG, EMO, PHY, SAB, MUL).
type AbuseCategory string

// Abuse categories.
const (
	Neglect   AbuseCategory = "NEGLECT"
	Emotional AbuseCategory = "EMOTIONAL"
	Physical  AbuseCategory = "PHYSICAL"
	Sexual    AbuseCategory = "SEXUAL"
	Multiple  AbuseCategory = "MULTIPLE"
)

// Values lists the valid values (ent enum).
func (AbuseCategory) Values() []string {
	return []string{string(Neglect), string(Emotional), string(Physical), string(Sexual), string(Multiple)}
}

// MarshalGQL implements graphql.Marshaler.
func (c AbuseCategory) MarshalGQL(w io.Writer) { marshal(w, c) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (c *AbuseCategory) UnmarshalGQL(v any) error {
	return unmarshal(c, v, c.Values(), "AbuseCategory")
}

// ChildStatus is whether a child is in care, on a CP plan, both, or neither.
type ChildStatus string

// Child statuses.
const (
	InCare  ChildStatus = "IN_CARE"
	CPPlan  ChildStatus = "CP_PLAN"
	Both    ChildStatus = "BOTH"
	Neither ChildStatus = "NEITHER"
)

// Values lists the valid values (ent enum).
func (ChildStatus) Values() []string {
	return []string{string(InCare), string(CPPlan), string(Both), string(Neither)}
}

// MarshalGQL implements graphql.Marshaler.
func (s ChildStatus) MarshalGQL(w io.Writer) { marshal(w, s) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (s *ChildStatus) UnmarshalGQL(v any) error {
	return unmarshal(s, v, s.Values(), "ChildStatus")
}

// AllocationKind is the part a member of staff plays for a child.
type AllocationKind string

// Allocation kinds.
const (
	AllocIRO          AllocationKind = "IRO"
	AllocCPChair      AllocationKind = "CP_CHAIR"
	AllocSocialWorker AllocationKind = "SOCIAL_WORKER"
)

// Values lists the valid values (ent enum).
func (AllocationKind) Values() []string {
	return []string{string(AllocIRO), string(AllocCPChair), string(AllocSocialWorker)}
}

// MarshalGQL implements graphql.Marshaler.
func (k AllocationKind) MarshalGQL(w io.Writer) { marshal(w, k) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (k *AllocationKind) UnmarshalGQL(v any) error {
	return unmarshal(k, v, k.Values(), "AllocationKind")
}

// MeetingKind is the kind of review or conference.
type MeetingKind string

// Meeting kinds.
const (
	CICReview           MeetingKind = "CIC_REVIEW"
	LightTouchReview    MeetingKind = "LIGHT_TOUCH_REVIEW"
	InitialCPConference MeetingKind = "INITIAL_CP_CONFERENCE"
	ReviewCPConference  MeetingKind = "REVIEW_CP_CONFERENCE"
	CoreGroup           MeetingKind = "CORE_GROUP"
)

// Values lists the valid values (ent enum).
func (MeetingKind) Values() []string {
	return []string{string(CICReview), string(LightTouchReview), string(InitialCPConference),
		string(ReviewCPConference), string(CoreGroup)}
}

// MarshalGQL implements graphql.Marshaler.
func (k MeetingKind) MarshalGQL(w io.Writer) { marshal(w, k) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (k *MeetingKind) UnmarshalGQL(v any) error {
	return unmarshal(k, v, k.Values(), "MeetingKind")
}

// MeetingStatus is where a meeting stands.
type MeetingStatus string

// Meeting statuses.
const (
	Scheduled MeetingStatus = "SCHEDULED"
	Held      MeetingStatus = "HELD"
	Cancelled MeetingStatus = "CANCELLED"
	Postponed MeetingStatus = "POSTPONED"
)

// Values lists the valid values (ent enum).
func (MeetingStatus) Values() []string {
	return []string{string(Scheduled), string(Held), string(Cancelled), string(Postponed)}
}

// MarshalGQL implements graphql.Marshaler.
func (s MeetingStatus) MarshalGQL(w io.Writer) { marshal(w, s) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (s *MeetingStatus) UnmarshalGQL(v any) error {
	return unmarshal(s, v, s.Values(), "MeetingStatus")
}

// ParticipationCode is how a child took part in a child-in-care review
// (the national return's PN0–PN7).
type ParticipationCode string

// Participation codes.
const (
	PN0 ParticipationCode = "PN0"
	PN1 ParticipationCode = "PN1"
	PN2 ParticipationCode = "PN2"
	PN3 ParticipationCode = "PN3"
	PN4 ParticipationCode = "PN4"
	PN5 ParticipationCode = "PN5"
	PN6 ParticipationCode = "PN6"
	PN7 ParticipationCode = "PN7"
)

// Values lists the valid values (ent enum).
func (ParticipationCode) Values() []string {
	return []string{"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"}
}

// MarshalGQL implements graphql.Marshaler.
func (c ParticipationCode) MarshalGQL(w io.Writer) { marshal(w, c) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (c *ParticipationCode) UnmarshalGQL(v any) error {
	return unmarshal(c, v, c.Values(), "ParticipationCode")
}

// SubmissionStatus is where a child's or parent's views stand.
type SubmissionStatus string

// Submission statuses.
const (
	Draft     SubmissionStatus = "DRAFT"
	Submitted SubmissionStatus = "SUBMITTED"
	Read      SubmissionStatus = "READ"
	Responded SubmissionStatus = "RESPONDED"
)

// Values lists the valid values (ent enum).
func (SubmissionStatus) Values() []string {
	return []string{string(Draft), string(Submitted), string(Read), string(Responded)}
}

// MarshalGQL implements graphql.Marshaler.
func (s SubmissionStatus) MarshalGQL(w io.Writer) { marshal(w, s) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (s *SubmissionStatus) UnmarshalGQL(v any) error {
	return unmarshal(s, v, s.Values(), "SubmissionStatus")
}

// ShareWith is who a child chose to share a submission with.
type ShareWith string

// Share settings, from the narrowest to the widest.
const (
	ChairOnly            ShareWith = "CHAIR_ONLY"
	ChairAndSocialWorker ShareWith = "CHAIR_AND_SOCIAL_WORKER"
	EveryoneAtMeeting    ShareWith = "EVERYONE_AT_MEETING"
)

// Values lists the valid values (ent enum).
func (ShareWith) Values() []string {
	return []string{string(ChairOnly), string(ChairAndSocialWorker), string(EveryoneAtMeeting)}
}

// MarshalGQL implements graphql.Marshaler.
func (s ShareWith) MarshalGQL(w io.Writer) { marshal(w, s) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (s *ShareWith) UnmarshalGQL(v any) error { return unmarshal(s, v, s.Values(), "ShareWith") }

// HelpedBy is who helped a child fill in their views.
type HelpedBy string

// Who helped.
const (
	HelpedByNobody       HelpedBy = "NOBODY"
	HelpedByCarer        HelpedBy = "CARER"
	HelpedByAdvocate     HelpedBy = "ADVOCATE"
	HelpedBySocialWorker HelpedBy = "SOCIAL_WORKER"
)

// Values lists the valid values (ent enum).
func (HelpedBy) Values() []string {
	return []string{string(HelpedByNobody), string(HelpedByCarer), string(HelpedByAdvocate), string(HelpedBySocialWorker)}
}

// MarshalGQL implements graphql.Marshaler.
func (h HelpedBy) MarshalGQL(w io.Writer) { marshal(w, h) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (h *HelpedBy) UnmarshalGQL(v any) error { return unmarshal(h, v, h.Values(), "HelpedBy") }

// ActionStatus is where a plan action stands.
type ActionStatus string

// Action statuses.
const (
	ActionNotStarted ActionStatus = "NOT_STARTED"
	ActionInProgress ActionStatus = "IN_PROGRESS"
	ActionDone       ActionStatus = "DONE"
	ActionDropped    ActionStatus = "DROPPED"
)

// Values lists the valid values (ent enum).
func (ActionStatus) Values() []string {
	return []string{string(ActionNotStarted), string(ActionInProgress), string(ActionDone), string(ActionDropped)}
}

// MarshalGQL implements graphql.Marshaler.
func (s ActionStatus) MarshalGQL(w io.Writer) { marshal(w, s) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (s *ActionStatus) UnmarshalGQL(v any) error {
	return unmarshal(s, v, s.Values(), "ActionStatus")
}

// AlertLevel is how serious a chair's concern is.
type AlertLevel string

// Alert levels.
const (
	InformalAlert    AlertLevel = "INFORMAL_ALERT"
	FormalEscalation AlertLevel = "FORMAL_ESCALATION"
)

// Values lists the valid values (ent enum).
func (AlertLevel) Values() []string { return []string{string(InformalAlert), string(FormalEscalation)} }

// MarshalGQL implements graphql.Marshaler.
func (l AlertLevel) MarshalGQL(w io.Writer) { marshal(w, l) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (l *AlertLevel) UnmarshalGQL(v any) error {
	return unmarshal(l, v, l.Values(), "AlertLevel")
}

// AlertReason is why a chair raised an alert.
type AlertReason string

// Alert reasons.
const (
	ReportNotReceived         AlertReason = "REPORT_NOT_RECEIVED"
	CarePlanning              AlertReason = "CARE_PLANNING"
	DriftOrDelay              AlertReason = "DRIFT_OR_DELAY"
	VisitsOrCoreGroupsNotHeld AlertReason = "VISITS_OR_CORE_GROUPS_NOT_HELD"
	OtherReason               AlertReason = "OTHER"
)

// Values lists the valid values (ent enum).
func (AlertReason) Values() []string {
	return []string{string(ReportNotReceived), string(CarePlanning), string(DriftOrDelay),
		string(VisitsOrCoreGroupsNotHeld), string(OtherReason)}
}

// MarshalGQL implements graphql.Marshaler.
func (r AlertReason) MarshalGQL(w io.Writer) { marshal(w, r) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (r *AlertReason) UnmarshalGQL(v any) error {
	return unmarshal(r, v, r.Values(), "AlertReason")
}

// AlertStatus is where an alert stands.
type AlertStatus string

// Alert statuses.
const (
	AlertOpen      AlertStatus = "OPEN"
	AlertResponded AlertStatus = "RESPONDED"
	AlertResolved  AlertStatus = "RESOLVED"
)

// Values lists the valid values (ent enum).
func (AlertStatus) Values() []string {
	return []string{string(AlertOpen), string(AlertResponded), string(AlertResolved)}
}

// MarshalGQL implements graphql.Marshaler.
func (s AlertStatus) MarshalGQL(w io.Writer) { marshal(w, s) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (s *AlertStatus) UnmarshalGQL(v any) error {
	return unmarshal(s, v, s.Values(), "AlertStatus")
}

// InputError is a client's enum value that is not one of the values. The API
// shows it as BAD_USER_INPUT (it has the BadUserInput marker apierr looks for).
type InputError struct{ Message string }

func (e *InputError) Error() string { return e.Message }

// BadUserInput marks the error as the client's, not the server's.
func (*InputError) BadUserInput() {}

// Role is what kind of account a user has. The values match the GraphQL Role
// enum and the ent user.role column.
type Role string

// The roles of docs/domain.md.
const (
	RoleChild        Role = "CHILD"
	RoleParent       Role = "PARENT"
	RoleIRO          Role = "IRO"
	RoleCPChair      Role = "CP_CHAIR"
	RoleSocialWorker Role = "SOCIAL_WORKER"
	RoleManager      Role = "MANAGER"
	RoleAdmin        Role = "ADMIN"
)

// Values lists the valid roles (ent enum).
func (Role) Values() []string {
	return []string{string(RoleChild), string(RoleParent), string(RoleIRO), string(RoleCPChair),
		string(RoleSocialWorker), string(RoleManager), string(RoleAdmin)}
}

// MarshalGQL writes the role as a GraphQL enum value.
func (r Role) MarshalGQL(w io.Writer) { marshal(w, r) }

// UnmarshalGQL reads a GraphQL Role enum value.
func (r *Role) UnmarshalGQL(v any) error { return unmarshal(r, v, r.Values(), "Role") }

// IsStaff reports whether the role works with children professionally.
func (r Role) IsStaff() bool {
	switch r {
	case RoleIRO, RoleCPChair, RoleSocialWorker, RoleManager, RoleAdmin:
		return true
	}
	return false
}
