package settings

import (
	"errors"
	"testing"

	"kite/internal/apierr"
	"kite/internal/domain"
)

func TestCheck(t *testing.T) {
	n := func(i int) *int { return &i }
	tests := []struct {
		name  string
		c     Change
		field string // "" when allowed
	}{
		{"nothing", Change{}, ""},
		{"the lowest and highest", Change{ViewsReminderWorkingDays: n(4), SubmissionDigestHour: n(0), ReplyDueWorkingDays: n(60)}, ""},
		{"a reminder too near the last one", Change{ViewsReminderWorkingDays: n(3)}, "viewsReminderWorkingDays"},
		{"a reminder too early", Change{ViewsReminderWorkingDays: n(31)}, "viewsReminderWorkingDays"},
		{"no such hour", Change{SubmissionDigestHour: n(24)}, "submissionDigestHour"},
		{"a negative hour", Change{SubmissionDigestHour: n(-1)}, "submissionDigestHour"},
		{"an hour and no digest", Change{SubmissionDigestHour: n(8), NoSubmissionDigest: true}, "submissionDigestHour"},
		{"no digest", Change{NoSubmissionDigest: true}, ""},
		{"a reply due at once", Change{ReplyDueWorkingDays: n(0)}, "replyDueWorkingDays"},
		{"a reply due too late", Change{ReplyDueWorkingDays: n(61)}, "replyDueWorkingDays"},
		{"the smallest population", Change{ChildPopulation: n(1)}, ""},
		{"the largest population", Change{ChildPopulation: n(10_000_000)}, ""},
		{"no children", Change{ChildPopulation: n(0)}, "childPopulation"},
		{"more children than any authority", Change{ChildPopulation: n(10_000_001)}, "childPopulation"},
		{"a population and none", Change{ChildPopulation: n(52_000), NoChildPopulation: true}, "childPopulation"},
		{"population not known", Change{NoChildPopulation: true}, ""},
		{"every alert stage at its lowest and highest", Change{AlertStageWorkingDays: map[domain.AlertStage]int{
			domain.StageInformal: 1, domain.StageTeamManager: 60, domain.StageHeadOfService: 1, domain.StageDirector: 60,
			domain.StageCafcassReferral: 1}}, ""},
		{"an informal alert due at once", Change{AlertStageWorkingDays: map[domain.AlertStage]int{domain.StageInformal: 0}}, "alertInformalWorkingDays"},
		{"a team manager given too long", Change{AlertStageWorkingDays: map[domain.AlertStage]int{domain.StageTeamManager: 61}}, "alertTeamManagerWorkingDays"},
		{"a head of service due at once", Change{AlertStageWorkingDays: map[domain.AlertStage]int{domain.StageHeadOfService: 0}}, "alertHeadOfServiceWorkingDays"},
		{"a Director given too long", Change{AlertStageWorkingDays: map[domain.AlertStage]int{domain.StageDirector: 100}}, "alertDirectorWorkingDays"},
		{"CAFCASS given a negative number", Change{AlertStageWorkingDays: map[domain.AlertStage]int{domain.StageCafcassReferral: -5}}, "alertCafcassWorkingDays"},
	}
	for _, tt := range tests {
		err := tt.c.check()
		var e *apierr.Error
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.field != "" && (!errors.As(err, &e) || e.Code != apierr.CodeBadUserInput || e.Field != tt.field):
			t.Errorf("%s: %v, want BAD_USER_INPUT on %s", tt.name, err, tt.field)
		}
	}
}
