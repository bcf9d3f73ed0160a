package domain

import (
	"testing"
	"time"

	"kite/internal/civil"
)

func TestAlertStagesInOrder(t *testing.T) {
	cases := []struct {
		stage AlertStage
		next  AlertStage
		last  bool
		level AlertLevel
	}{
		{StageInformal, StageTeamManager, false, InformalAlert},
		{StageTeamManager, StageHeadOfService, false, FormalEscalation},
		{StageHeadOfService, StageDirector, false, FormalEscalation},
		{StageDirector, StageCafcassReferral, false, FormalEscalation},
		{StageCafcassReferral, "", true, FormalEscalation},
		{"NO_SUCH_STAGE", "", true, FormalEscalation},
	}
	for _, c := range cases {
		next, ok := c.stage.Next()
		if next != c.next || ok == c.last {
			t.Errorf("%s.Next() = %s, %v; want %s, %v", c.stage, next, ok, c.next, !c.last)
		}
		if l := c.stage.Level(); l != c.level {
			t.Errorf("%s.Level() = %s, want %s", c.stage, l, c.level)
		}
		if c.stage != "NO_SUCH_STAGE" && (c.stage.AddresseeWords() == "" || DefaultAlertStageWorkingDays[c.stage] == 0) {
			t.Errorf("%s has no addressee words or no default clock", c.stage)
		}
	}
	if StageForLevel(InformalAlert) != StageInformal || StageForLevel(FormalEscalation) != StageTeamManager {
		t.Errorf("levels map to %s and %s", StageForLevel(InformalAlert), StageForLevel(FormalEscalation))
	}
	if len(EnumDocs["AlertStage"].Values) != len(AlertStage("").Values()) {
		t.Errorf("AlertStage: %d descriptions for %d values", len(EnumDocs["AlertStage"].Values), len(AlertStage("").Values()))
	}
}

func TestStageSteps(t *testing.T) {
	raised := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	// An alert from before stages were recorded: one step, when it was raised.
	old := StageSteps(nil, StageTeamManager, raised, civil.MustParse("2025-06-09"))
	if len(old) != 1 || old[0].Stage != StageTeamManager || !old[0].ReachedAt.Equal(raised) || old[0].RespondBy != "2025-06-09" ||
		old[0].EscalatedByID != "" {
		t.Errorf("synthesised history: %+v", old)
	}
	history := []AlertStageStep{{Stage: StageInformal, ReachedAt: raised}, {Stage: StageTeamManager, ReachedAt: raised.Add(time.Hour)}}
	got := StageSteps(history, StageTeamManager, raised, "")
	got[0].Stage = StageDirector
	if len(got) != 2 || history[0].Stage != StageInformal {
		t.Errorf("the history is not copied: %+v", history)
	}
}
