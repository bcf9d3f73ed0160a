package domain

import (
	"io"
	"slices"
	"time"

	"kite/internal/civil"
	"kite/internal/ident"
)

// AlertStage is how far a chair's alert has gone in the dispute-resolution
// process: informal resolution first, then formal stages up to the
// Director, and for a child in care a referral to CAFCASS.
type AlertStage string

// Alert stages, in order.
const (
	StageInformal         AlertStage = "INFORMAL"
	StageTeamManager      AlertStage = "FORMAL_TEAM_MANAGER"
	StageHeadOfService    AlertStage = "FORMAL_HEAD_OF_SERVICE"
	StageDirector         AlertStage = "FORMAL_DIRECTOR"
	StageCafcassReferral  AlertStage = "CAFCASS_REFERRAL"
	firstFormalAlertStage            = StageTeamManager
)

// alertStages are the stages in order.
var alertStages = []AlertStage{StageInformal, StageTeamManager, StageHeadOfService, StageDirector, StageCafcassReferral}

// Values lists the valid values (ent enum), in order.
func (AlertStage) Values() []string {
	out := make([]string, len(alertStages))
	for i, s := range alertStages {
		out[i] = string(s)
	}
	return out
}

// MarshalGQL implements graphql.Marshaler.
func (s AlertStage) MarshalGQL(w io.Writer) { marshal(w, s) }

// UnmarshalGQL implements graphql.Unmarshaler.
func (s *AlertStage) UnmarshalGQL(v any) error {
	return unmarshal(s, v, s.Values(), "AlertStage")
}

// StageForLevel is the stage an alert raised at a level starts at: an
// informal alert at INFORMAL, a formal escalation at the first formal stage
// (the team manager).
func StageForLevel(l AlertLevel) AlertStage {
	if l == FormalEscalation {
		return firstFormalAlertStage
	}
	return StageInformal
}

// Level is the level of an alert at the stage: INFORMAL_ALERT at the
// informal stage, FORMAL_ESCALATION at every later one.
func (s AlertStage) Level() AlertLevel {
	if s == StageInformal {
		return InformalAlert
	}
	return FormalEscalation
}

// Next is the stage an escalation moves to, and false at the last stage.
func (s AlertStage) Next() (AlertStage, bool) {
	i := slices.Index(alertStages, s)
	if i < 0 || i == len(alertStages)-1 {
		return "", false
	}
	return alertStages[i+1], true
}

// Addressee is the role in Kite an alert at the stage is addressed to once
// escalated there: a manager of the authority for every formal stage (the
// team manager, the head of service and the Director are managers in Kite;
// CAFCASS is not in Kite, so the authority's managers are told of the
// referral). At the informal stage the chair chooses.
func (s AlertStage) Addressee() Role { return RoleManager }

// AddresseeWords says, in plain words, who is asked to respond at the stage.
func (s AlertStage) AddresseeWords() string {
	switch s {
	case StageInformal:
		return "the person the chair chose (usually the social worker or their team manager)"
	case StageTeamManager:
		return "the social worker's team manager"
	case StageHeadOfService:
		return "the head of service"
	case StageDirector:
		return "the Director of Children's Services"
	case StageCafcassReferral:
		return "CAFCASS (outside Kite: the authority's managers are told of the referral)"
	}
	return ""
}

// DefaultAlertStageWorkingDays are the working days each stage allows for a
// response until an authority changes them.
var DefaultAlertStageWorkingDays = map[AlertStage]int{
	StageInformal: 10, StageTeamManager: 5, StageHeadOfService: 10, StageDirector: 10, StageCafcassReferral: 20,
}

// AlertStageStep is one stage an alert reached: when, the day a response
// was due by, and for a stage after the first who escalated it and why.
type AlertStageStep struct {
	Stage     AlertStage `json:"stage"`
	ReachedAt time.Time  `json:"reachedAt"`
	RespondBy civil.Date `json:"respondBy"`
	// EscalatedByID and EscalatedByName are the chair who escalated it,
	// as they were called then; empty for the stage it was raised at.
	EscalatedByID   ident.ID `json:"escalatedById,omitempty"`
	EscalatedByName string   `json:"escalatedByName,omitempty"`
	// Reason is why the chair escalated it, in their words.
	Reason string `json:"reason,omitempty"`
}

// StageSteps is an alert's stage history: history itself, or for an alert
// raised before stages were recorded, one step for the stage it is at,
// reached when it was raised, with its due day.
func StageSteps(history []AlertStageStep, stage AlertStage, raisedAt time.Time, respondBy civil.Date) []AlertStageStep {
	if len(history) > 0 {
		return slices.Clone(history)
	}
	if stage == "" {
		stage = StageInformal
	}
	return []AlertStageStep{{Stage: stage, ReachedAt: raisedAt, RespondBy: respondBy}}
}
