// Package settings is a manager changing how Kite works for their authority:
// shorter passwords for children under 12, when children are reminded before
// a meeting, the hour of the chairs' daily digest, when a reply is overdue,
// the working days for a response at each stage of an alert, the child
// population the figures' rates per 10,000 divide by, and whether the
// annual report suppresses small counts. The change runs through ent with
// the manager's context, so internal/access decides who may make it
// (managerChangesSettings); this package checks the values, each against
// its range, and records the change in the audit log.
package settings

import (
	"context"
	"fmt"
	"strings"

	"kite/ent"
	"kite/internal/apierr"
	"kite/internal/audit"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// The ranges a manager may choose from. The reminder needs at least 4
// working days, so that the last reminder (3 working days before) comes
// after it.
const (
	MinViewsReminder, MaxViewsReminder = 4, 30
	MinReplyDue, MaxReplyDue           = 1, 60
	MinDigestHour, MaxDigestHour       = 0, 23
	MinAlertStage, MaxAlertStage       = 1, 60
	MinChildPopulation                 = 1
	MaxChildPopulation                 = 10_000_000
)

// Change is what to change; nil leaves a setting as it is.
type Change struct {
	ShortPasswordsUnder12    *bool
	ViewsReminderWorkingDays *int
	SubmissionDigestHour     *int
	NoSubmissionDigest       bool
	ReplyDueWorkingDays      *int
	// ChildPopulation is the number of children living in the area, for
	// rates per 10,000; NoChildPopulation clears it.
	ChildPopulation   *int
	NoChildPopulation bool
	// SuppressSmallCounts is whether the annual report shows counts from
	// 1 to 4 as "fewer than 5".
	SuppressSmallCounts *bool
	// AlertStageWorkingDays are the working days for a response to an
	// alert at each stage of the dispute-resolution process; a stage not
	// in the map stays as it is.
	AlertStageWorkingDays map[domain.AlertStage]int
}

// alertStageSettings names each stage's setting as the API does, in order.
var alertStageSettings = []struct {
	stage domain.AlertStage
	field string
}{
	{domain.StageInformal, "alertInformalWorkingDays"},
	{domain.StageTeamManager, "alertTeamManagerWorkingDays"},
	{domain.StageHeadOfService, "alertHeadOfServiceWorkingDays"},
	{domain.StageDirector, "alertDirectorWorkingDays"},
	{domain.StageCafcassReferral, "alertCafcassWorkingDays"},
}

// Service holds what changing settings needs.
type Service struct {
	Client *ent.Client
}

// Update checks the change and applies it to the viewer's authority, with
// an audit event naming what changed. Nothing is changed when a value is
// out of range (BAD_USER_INPUT names the field).
func (s *Service) Update(ctx context.Context, c Change) (*ent.LocalAuthority, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	if _, err := s.Client.LocalAuthority.Get(ctx, v.AuthorityID); err != nil {
		return nil, dataerr.ToAPI(err, "settings: authority")
	}
	var saved *ent.LocalAuthority
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		u := tx.LocalAuthority.UpdateOneID(v.AuthorityID)
		var changed []string
		if c.ShortPasswordsUnder12 != nil {
			u.SetShortPasswordsUnder12(*c.ShortPasswordsUnder12)
			changed = append(changed, fmt.Sprintf("shortPasswordsUnder12=%v", *c.ShortPasswordsUnder12))
		}
		if c.ViewsReminderWorkingDays != nil {
			u.SetViewsReminderWorkingDays(*c.ViewsReminderWorkingDays)
			changed = append(changed, fmt.Sprintf("viewsReminderWorkingDays=%d", *c.ViewsReminderWorkingDays))
		}
		switch {
		case c.NoSubmissionDigest:
			u.ClearSubmissionDigestHour()
			changed = append(changed, "submissionDigestHour=none")
		case c.SubmissionDigestHour != nil:
			u.SetSubmissionDigestHour(*c.SubmissionDigestHour)
			changed = append(changed, fmt.Sprintf("submissionDigestHour=%d", *c.SubmissionDigestHour))
		}
		if c.ReplyDueWorkingDays != nil {
			u.SetReplyDueWorkingDays(*c.ReplyDueWorkingDays)
			changed = append(changed, fmt.Sprintf("replyDueWorkingDays=%d", *c.ReplyDueWorkingDays))
		}
		for _, st := range alertStageSettings {
			n, ok := c.AlertStageWorkingDays[st.stage]
			if !ok {
				continue
			}
			switch st.stage {
			case domain.StageInformal:
				u.SetAlertResponseWorkingDays(n)
			case domain.StageTeamManager:
				u.SetAlertTeamManagerWorkingDays(n)
			case domain.StageHeadOfService:
				u.SetAlertHeadOfServiceWorkingDays(n)
			case domain.StageDirector:
				u.SetAlertDirectorWorkingDays(n)
			case domain.StageCafcassReferral:
				u.SetAlertCafcassWorkingDays(n)
			}
			changed = append(changed, fmt.Sprintf("%s=%d", st.field, n))
		}
		switch {
		case c.NoChildPopulation:
			u.ClearChildPopulation()
			changed = append(changed, "childPopulation=none")
		case c.ChildPopulation != nil:
			u.SetChildPopulation(*c.ChildPopulation)
			changed = append(changed, fmt.Sprintf("childPopulation=%d", *c.ChildPopulation))
		}
		if c.SuppressSmallCounts != nil {
			u.SetSuppressSmallCounts(*c.SuppressSmallCounts)
			changed = append(changed, fmt.Sprintf("suppressSmallCounts=%v", *c.SuppressSmallCounts))
		}
		var err error
		if saved, err = u.Save(ctx); err != nil {
			return err
		}
		if len(changed) == 0 {
			return nil
		}
		return audit.Record(ctx, tx.Client(), audit.Event{Action: "authority.settings_changed", EntityType: "local_authority",
			EntityID: string(v.AuthorityID), Reason: strings.Join(changed, ", "), ActorID: v.UserID, ActorRole: v.Role,
			AuthorityID: v.AuthorityID})
	})
	if err != nil {
		return nil, dataerr.ToAPIAfterRead(err, "settings")
	}
	return saved, nil
}

// check refuses a value out of its range, naming the field.
func (c Change) check() error {
	between := func(field string, v *int, lo, hi int, what string) error {
		if v != nil && (*v < lo || *v > hi) {
			return apierr.BadInput(field, fmt.Sprintf("Please choose %s from %d to %d.", what, lo, hi))
		}
		return nil
	}
	if c.NoSubmissionDigest && c.SubmissionDigestHour != nil {
		return apierr.BadInput("submissionDigestHour", "Please give an hour for the digest, or no digest, not both.")
	}
	if c.NoChildPopulation && c.ChildPopulation != nil {
		return apierr.BadInput("childPopulation", "Please give the child population, or say it is not known, not both.")
	}
	errs := []error{
		between("viewsReminderWorkingDays", c.ViewsReminderWorkingDays, MinViewsReminder, MaxViewsReminder, "a number of working days"),
		between("submissionDigestHour", c.SubmissionDigestHour, MinDigestHour, MaxDigestHour, "an hour"),
		between("replyDueWorkingDays", c.ReplyDueWorkingDays, MinReplyDue, MaxReplyDue, "a number of working days"),
		between("childPopulation", c.ChildPopulation, MinChildPopulation, MaxChildPopulation, "a number of children"),
	}
	for _, st := range alertStageSettings {
		if n, ok := c.AlertStageWorkingDays[st.stage]; ok {
			errs = append(errs, between(st.field, &n, MinAlertStage, MaxAlertStage, "a number of working days"))
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
