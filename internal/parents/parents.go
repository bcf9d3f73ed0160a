// Package parents is the work of parents in Kite: what a parent sends before a
// conference or review (answers to the parent form, checked against its exact
// version, sent once per idempotency key, shared with the chair and the social worker).
package parents

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"kite/ent"
	"kite/ent/meeting"
	"kite/ent/parentviews"
	"kite/internal/apierr"
	"kite/internal/clock"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/forms"
	"kite/internal/formtemplates"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Service holds what parent views need.
type Service struct {
	Client *ent.Client
	clock.Clock
}

// Views are a parent's answers.
type Views struct {
	ChildID        ident.ID
	MeetingID      *ident.ID
	Answers        []forms.Answer
	IdempotencyKey string
}

// Submit sends a parent's views about a child they are linked to.
func (s *Service) Submit(ctx context.Context, in Views) (*ent.ParentViews, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.Client.Child.Get(ctx, in.ChildID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "parent views: child")
	}
	if v.Role != domain.RoleParent {
		return nil, apierr.Forbidden()
	}
	key := strings.TrimSpace(in.IdempotencyKey)
	if key == "" || utf8.RuneCountInString(key) > 128 {
		return nil, apierr.BadInput("idempotencyKey", "Please send a key of up to 128 characters that is new for each submission.")
	}
	if prev, err := s.Client.ParentViews.Query().Where(parentviews.ChildID(c.ID), parentviews.ParentID(v.UserID),
		parentviews.IdempotencyKey(key)).Only(ctx); err == nil {
		return prev, nil
	} else if !ent.IsNotFound(err) {
		return nil, dataerr.ToAPI(err, "parent views: key")
	}
	if in.MeetingID != nil {
		if _, err := s.Client.Meeting.Query().Where(meeting.ID(*in.MeetingID), meeting.ChildID(c.ID)).Only(ctx); err != nil {
			return nil, dataerr.ToAPI(err, "parent views: meeting")
		}
	}
	t, err := formtemplates.Suited(ctx, s.Client, forms.UnknownAge, forms.ForParent)
	if err != nil || t == nil {
		return nil, fmt.Errorf("parent views: no parent form (%v)", err)
	}
	answers := make([]forms.Answer, len(in.Answers))
	for i, a := range in.Answers {
		answers[i] = forms.Answer{QuestionKey: a.QuestionKey, Value: strings.ReplaceAll(a.Value, "\r\n", "\n")}
	}
	var fe *forms.FieldError
	if err := forms.Validate(formtemplates.FromRow(t), answers); errors.As(err, &fe) {
		return nil, apierr.BadInput(fe.Field, fe.Message)
	} else if err != nil {
		return nil, err
	}
	pv, err := s.Client.ParentViews.Create().SetAuthorityID(c.AuthorityID).SetChildID(c.ID).SetParentID(v.UserID).
		SetFormTemplateID(t.ID).SetAnswers(answers).SetStatus(domain.Submitted).SetSubmittedAt(s.Now()).
		SetIdempotencyKey(key).SetNillableMeetingID(in.MeetingID).Save(ctx)
	if ent.IsConstraintError(err) {
		return s.Client.ParentViews.Query().Where(parentviews.ChildID(c.ID), parentviews.ParentID(v.UserID),
			parentviews.IdempotencyKey(key)).Only(ctx)
	}
	return pv, dataerr.ToAPI(err, "parent views")
}

// MarkRead records that a member of staff read a parent's views.
func (s *Service) MarkRead(ctx context.Context, id ident.ID) (*ent.ParentViews, error) {
	pv, err := s.Client.ParentViews.Get(ctx, id)
	if err != nil {
		return nil, dataerr.ToAPI(err, "parent views: read")
	}
	if pv.Status != domain.Submitted {
		return pv, nil
	}
	pv, err = s.Client.ParentViews.UpdateOneID(pv.ID).SetStatus(domain.Read).SetFirstReadAt(s.Now()).AddRevision(1).Save(ctx)
	return pv, dataerr.ToAPIAfterRead(err, "parent views: read")
}
