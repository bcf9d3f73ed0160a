package demo

import (
	"context"
	"fmt"
	"time"

	"kite/ent"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/formtemplates"
)

// parentViews is what a parent sent before one of their child's meetings.
type parentViews struct {
	parent  string // username
	meeting *ent.Meeting
	answers []forms.Answer
	sent    time.Time
	key     string // idempotency key
}

// addParentViews checks the answers against the latest national parent
// form, as the API would, and stores the views as sent.
func (s *seeder) addParentViews(ctx context.Context, c *ent.Child, pv parentViews) error {
	t, err := formtemplates.LatestNational(ctx, s.tx.Client(), forms.ParentKey)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := forms.Validate(formtemplates.FromRow(t), pv.answers); err != nil {
		return fmt.Errorf("demo: %s's views do not fit the parent form: %w", pv.parent, err)
	}
	err = s.tx.ParentViews.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).
		SetParentID(s.users[pv.parent].ID).SetFormTemplateID(t.ID).SetMeetingID(pv.meeting.ID).
		SetAnswers(pv.answers).SetStatus(domain.Submitted).SetSubmittedAt(pv.sent).SetIdempotencyKey(pv.key).
		SetCreatedAt(pv.sent).SetUpdatedAt(pv.sent).
		Exec(ctx)
	if err != nil {
		return fmt.Errorf("demo: add %s's views: %w", pv.parent, err)
	}
	return nil
}
