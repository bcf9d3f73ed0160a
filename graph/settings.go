package graph

import (
	"context"

	"kite/ent"
	"kite/graph/model"
	"kite/internal/access"
	"kite/internal/domain"
	"kite/internal/viewer"
)

// authoritySettings is an authority's settings for a manager of it (the
// rule is access.MayChangeSettings); nil for anyone else.
func authoritySettings(ctx context.Context, la *ent.LocalAuthority) *model.AuthoritySettings {
	v := viewer.FromContext(ctx)
	if !access.MayChangeSettings(v) || v.AuthorityID != la.ID {
		return nil
	}
	return settingsOf(la)
}

// settingsOf is an authority's settings as the API gives them.
func settingsOf(la *ent.LocalAuthority) *model.AuthoritySettings {
	return &model.AuthoritySettings{ShortPasswordsUnder12: la.ShortPasswordsUnder12,
		ViewsReminderWorkingDays: la.ViewsReminderWorkingDays, SubmissionDigestHour: la.SubmissionDigestHour,
		ReplyDueWorkingDays: la.ReplyDueWorkingDays, ChildPopulation: la.ChildPopulation, SuppressSmallCounts: la.SuppressSmallCounts,
		AlertInformalWorkingDays:    la.AlertResponseWorkingDays,
		AlertTeamManagerWorkingDays: la.AlertTeamManagerWorkingDays, AlertHeadOfServiceWorkingDays: la.AlertHeadOfServiceWorkingDays,
		AlertDirectorWorkingDays: la.AlertDirectorWorkingDays, AlertCafcassWorkingDays: la.AlertCafcassWorkingDays}
}

// alertStageChange is the working days per alert stage the input changes.
func alertStageChange(in model.UpdateAuthoritySettingsInput) map[domain.AlertStage]int {
	out := map[domain.AlertStage]int{}
	for stage, n := range map[domain.AlertStage]*int{
		domain.StageInformal: in.AlertInformalWorkingDays, domain.StageTeamManager: in.AlertTeamManagerWorkingDays,
		domain.StageHeadOfService: in.AlertHeadOfServiceWorkingDays, domain.StageDirector: in.AlertDirectorWorkingDays,
		domain.StageCafcassReferral: in.AlertCafcassWorkingDays,
	} {
		if n != nil {
			out[stage] = *n
		}
	}
	return out
}
