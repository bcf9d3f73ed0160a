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
	t, err := Form(ctx, s.Client)
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

// Form is the parent form: the latest version of the authority's own, or
// else the national one, among the templates the viewer may read. Nil when
// there is none.
func Form(ctx context.Context, client *ent.Client) (*ent.FormTemplate, error) {
	return formtemplates.Suited(ctx, client, forms.UnknownAge, forms.ForParent)
}

// MarkRead records that a member of staff read a parent's views: their
// read receipt (only their first read; the parent sees who read their views
// and when) and the views' first read.
func (s *Service) MarkRead(ctx context.Context, id ident.ID) (*ent.ParentViews, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	pv, err := s.Client.ParentViews.Get(ctx, id)
	if err != nil {
		return nil, dataerr.ToAPI(err, "parent views: read")
	}
	if !v.IsStaff() {
		return nil, apierr.Forbidden()
	}
	now := s.Now()
	me, err := s.Client.User.Get(ctx, v.UserID)
	if err != nil {
		return nil, fmt.Errorf("parent views: reader: %w", err)
	}
	// A second read by the same person meets the unique index and is not
	// recorded again.
	err = s.Client.ReadReceipt.Create().SetAuthorityID(pv.AuthorityID).SetParentViewsID(pv.ID).
		SetReaderID(v.UserID).SetReaderName(me.DisplayName).SetReaderRole(me.Role).SetReadAt(now).
		Exec(ctx)
	if err != nil && !ent.IsConstraintError(err) {
		return nil, dataerr.ToAPIAfterRead(err, "parent views: read receipt")
	}
	if pv.Status != domain.Submitted {
		return pv, nil
	}
	// The first read is set once, however many people read at the same time.
	_, err = s.Client.ParentViews.Update().Where(parentviews.ID(pv.ID), parentviews.StatusEQ(domain.Submitted)).
		SetStatus(domain.Read).SetFirstReadAt(now).AddRevision(1).Save(ctx)
	if err != nil {
		return nil, dataerr.ToAPIAfterRead(err, "parent views: read")
	}
	return s.Client.ParentViews.Get(ctx, pv.ID)
}
