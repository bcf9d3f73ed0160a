// Package wishes is a child's views before a meeting: drafts that save as
// the child goes, sending (validated against the exact form version,
// idempotent, then never changed), "I need to talk to someone today" with its
// urgent notification, and the chair reading and replying.
//
// Every change runs through ent with the viewer's context, so the access
// rules decide who may do what; this package checks the input and keeps the
// steps in one transaction.
package wishes

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"kite/ent"
	"kite/ent/meeting"
	"kite/ent/wishesandfeelings"
	"kite/internal/access"
	"kite/internal/advocacy"
	"kite/internal/apierr"
	"kite/internal/clock"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/events"
	"kite/internal/forms"
	"kite/internal/formtemplates"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// Service holds what the child's views need.
type Service struct {
	Client *ent.Client
	Events *events.Broker
	// Wake is told after an urgent submission commits, so the outbox is
	// delivered at once rather than at the next tick.
	Wake func()
	// Advocacy makes the request for an advocate a form's "yes" asks for.
	Advocacy *advocacy.Service
	clock.Clock
}

// Views are the answers and choices a child sends or saves.
type Views struct {
	ChildID          ident.ID
	MeetingID        *ident.ID
	SubmissionID     *ident.ID
	Answers          []forms.Answer
	ShareWith        *domain.ShareWith
	HelpedBy         *domain.HelpedBy
	NeedsToTalkToday *bool
	// Revision is the draft revision the child is changing (optimistic
	// concurrency); nil means "whatever is there".
	Revision *int
	// IdempotencyKey identifies one sending of a submission.
	IdempotencyKey string
	// Attachments are pictures sent with the submission, as they came
	// (cleaned before they are kept).
	Attachments [][]byte
}

// errSent tells a child that what they sent stays as it was sent.
var errSent = apierr.BadInput("submissionId", "This has already been sent, so it cannot be changed. You can send something new.")

// maxIdempotencyKey bounds the key a client sends.
const maxIdempotencyKey = 128

// ownChild loads the child the views are about and checks the viewer is
// that child. NOT_FOUND when the viewer may not see them; FORBIDDEN when
// they may see the child but are not them (only a child sends their views).
func (s *Service) ownChild(ctx context.Context, id ident.ID) (*ent.Child, *viewer.Viewer, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, nil, err
	}
	c, err := s.Client.Child.Get(ctx, id)
	if err != nil {
		return nil, nil, dataerr.ToAPI(err, "wishes: child")
	}
	if v.Role != domain.RoleChild || v.ChildID != c.ID {
		return nil, nil, apierr.Forbidden()
	}
	return c, v, nil
}

// draft loads one of the child's own drafts for changing.
func (s *Service) draft(ctx context.Context, c *ent.Child, id ident.ID) (*ent.WishesAndFeelings, error) {
	d, err := s.Client.WishesAndFeelings.Query().
		Where(wishesandfeelings.ID(id), wishesandfeelings.ChildID(c.ID)).
		WithFormTemplate().
		Only(ctx)
	if err != nil {
		return nil, dataerr.ToAPI(err, "wishes: draft")
	}
	if d.Status != domain.Draft {
		return nil, errSent
	}
	return d, nil
}

// form is the template the views answer: the draft's own version, or the
// form that suits the child now. A child with no form (under 4) is told so
// kindly.
func (s *Service) form(ctx context.Context, c *ent.Child, d *ent.WishesAndFeelings) (*ent.FormTemplate, error) {
	if d != nil {
		return d.Edges.FormTemplate, nil
	}
	t, err := s.ChildForm(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, apierr.BadInput("childId", "There is no form for you to fill in yet. Your social worker can tell your meeting what you think.")
	}
	return t, nil
}

// checkViews checks the answers against the form they answer (the draft's
// own version, or the form that suits the child now), as sent (sending) or
// as a draft saved, and the meeting chosen; it returns the form.
func (s *Service) checkViews(ctx context.Context, c *ent.Child, d *ent.WishesAndFeelings, in Views, sending bool) (*ent.FormTemplate, error) {
	t, err := s.form(ctx, c, d)
	if err != nil {
		return nil, err
	}
	if err := checkAnswers(t, in.Answers, sending); err != nil {
		return nil, err
	}
	return t, s.checkMeeting(ctx, c, in.MeetingID)
}

// ChildForm is the form that suits a child now, by their age, or nil when
// there is none: an unborn baby and a child under 4 (forms.MinFormAge) have
// no form, and their views come to the meeting through the social worker.
func (s *Service) ChildForm(ctx context.Context, childID ident.ID) (*ent.FormTemplate, error) {
	ages, err := access.Ages(ctx, s.Client, []ident.ID{childID}, s.Today())
	if err != nil {
		return nil, err
	}
	age, ok := ages[childID]
	if !ok {
		unborn, err := access.Unborn(ctx, s.Client, childID)
		if err != nil || unborn {
			return nil, err
		}
		age = forms.UnknownAge
	}
	return formtemplates.Suited(ctx, s.Client, age, forms.ForChild)
}

// checkMeeting makes sure a chosen meeting is one of this child's, still to
// come. Another child's meeting is NOT_FOUND, like a missing one.
func (s *Service) checkMeeting(ctx context.Context, c *ent.Child, id *ident.ID) error {
	if id == nil {
		return nil
	}
	m, err := s.Client.Meeting.Query().Where(meeting.ID(*id), meeting.ChildID(c.ID)).Only(ctx)
	if err != nil {
		return dataerr.ToAPI(err, "wishes: meeting")
	}
	if m.Status == domain.Held || m.Status == domain.Cancelled {
		return apierr.BadInput("meetingId", "That meeting has already happened or was cancelled. Please choose another one, or none.")
	}
	return nil
}

// checkAnswers validates answers against the form version, as BAD_USER_INPUT
// naming the answer at fault.
func checkAnswers(t *ent.FormTemplate, answers []forms.Answer, sending bool) error {
	check := forms.ValidateDraft
	if sending {
		check = forms.Validate
	}
	err := check(formtemplates.FromRow(t), normalise(answers))
	var fe *forms.FieldError
	if errors.As(err, &fe) {
		return apierr.BadInput(fe.Field, fe.Message)
	}
	return err
}

// normalise turns Windows line endings into plain ones: browsers send either,
// and the form checks allow newlines but not carriage returns.
func normalise(answers []forms.Answer) []forms.Answer {
	out := make([]forms.Answer, len(answers))
	for i, a := range answers {
		out[i] = forms.Answer{QuestionKey: a.QuestionKey, Value: strings.ReplaceAll(a.Value, "\r\n", "\n")}
	}
	return out
}

// checkKey validates an idempotency key.
func checkKey(key string) error {
	if strings.TrimSpace(key) == "" || utf8.RuneCountInString(key) > maxIdempotencyKey {
		return apierr.BadInput("idempotencyKey", "Please send a key of up to 128 characters that is new for each submission.")
	}
	return nil
}
