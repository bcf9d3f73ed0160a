package graph

import (
	"context"

	"kite/ent"
	"kite/graph/model"
	"kite/internal/access"
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
		ReplyDueWorkingDays: la.ReplyDueWorkingDays, ChildPopulation: la.ChildPopulation, SuppressSmallCounts: la.SuppressSmallCounts}
}
