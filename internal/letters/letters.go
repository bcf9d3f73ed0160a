// Package letters is the chair's letter to a child after a meeting, as the
// IRO Handbook expects: written in plain words, kept as a draft only its
// writer sees, then sent (published) to the child, who is told in Kite. A
// letter belongs to a meeting and a child, one per child, so that a meeting
// about brothers and sisters can have a letter for each. Who may write and
// read letters is internal/access's (LetterPolicy).
package letters

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"kite/ent"
	"kite/ent/letter"
	"kite/internal/access"
	"kite/internal/apierr"
	"kite/internal/clock"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/notify"
	"kite/internal/textinput"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// MaxText bounds a letter.
const MaxText = 5000

// Service holds what letters need.
type Service struct {
	Client *ent.Client
	clock.Clock
}

// Save writes the viewer's draft letter to the child of a meeting that was
// held: a new draft, or new words for their own draft.
func (s *Service) Save(ctx context.Context, meetingID ident.ID, text string) (*ent.Letter, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if text, err = Text(text); err != nil {
		return nil, err
	}
	m, err := s.Client.Meeting.Get(ctx, meetingID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "letters: meeting")
	}
	if !access.MayWriteLetter(v) {
		return nil, apierr.Forbidden()
	}
	if m.Status != domain.Held {
		return nil, apierr.BadInput("meetingId", "You can write a letter to the child once the meeting has been held.")
	}
	draft, err := s.ForMeeting(ctx, m)
	if err != nil {
		return nil, err
	}
	if draft != nil {
		if draft.PublishedAt != nil || draft.AuthorID != v.UserID {
			return nil, apierr.BadInput("meetingId", "The letter for this meeting has already been sent, so it cannot be changed.")
		}
		saved, err := s.Client.Letter.UpdateOneID(draft.ID).SetText(text).Save(ctx)
		return saved, dataerr.ToAPIAfterRead(err, "letters: save")
	}
	me, err := s.Client.User.Get(ctx, v.UserID)
	if err != nil {
		return nil, fmt.Errorf("letters: author: %w", err)
	}
	saved, err := s.Client.Letter.Create().SetAuthorityID(m.AuthorityID).SetChildID(m.ChildID).SetMeetingID(m.ID).
		SetAuthorID(v.UserID).SetAuthorName(me.DisplayName).SetAuthorRole(me.Role).SetText(text).Save(ctx)
	if ent.IsConstraintError(err) {
		// Another chair's draft for this meeting, which only they see.
		return nil, apierr.BadInput("meetingId", "Someone else has started the letter for this meeting.")
	}
	return saved, dataerr.ToAPIAfterRead(err, "letters: save")
}

// Publish sends the viewer's draft letter for a meeting to the child, and
// tells the child in Kite. A sent letter never changes.
func (s *Service) Publish(ctx context.Context, meetingID ident.ID) (*ent.Letter, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	m, err := s.Client.Meeting.Get(ctx, meetingID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "letters: meeting")
	}
	if !access.MayWriteLetter(v) {
		return nil, apierr.Forbidden()
	}
	l, err := s.ForMeeting(ctx, m)
	switch {
	case err != nil:
		return nil, err
	case l == nil:
		return nil, apierr.BadInput("meetingId", "There is no letter for this meeting yet. Please write it first.")
	case l.AuthorID != v.UserID:
		return nil, apierr.Forbidden()
	case l.PublishedAt != nil:
		return l, nil // sent already: sending again changes nothing
	}
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		n, err := tx.Letter.Update().Where(letter.ID(l.ID), letter.PublishedAtIsNil()).SetPublishedAt(s.Now()).Save(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return apierr.Forbidden()
		}
		return notify.TellChild(ctx, tx.Client(), l.ChildID, notify.Tiding{AuthorityID: l.AuthorityID,
			Kind: domain.NoticeLetterReceived, AboutID: l.ID, DedupeKey: "letter:" + string(l.ID)})
	})
	if err != nil {
		return nil, dataerr.ToAPIAfterRead(err, "letters: publish")
	}
	return s.Client.Letter.Get(ctx, l.ID)
}

// ForMeeting is the letter to a meeting's child that the viewer may see,
// or nil.
func (s *Service) ForMeeting(ctx context.Context, m *ent.Meeting) (*ent.Letter, error) {
	l, err := s.Client.Letter.Query().Where(letter.MeetingID(m.ID), letter.ChildID(m.ChildID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("letters: for meeting: %w", err)
	}
	return l, nil
}

// Text checks a letter and returns it as it is kept.
func Text(text string) (string, error) {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if text == "" || utf8.RuneCountInString(text) > MaxText {
		return "", apierr.BadInput("text", fmt.Sprintf("Please write a letter of up to %d characters.", MaxText))
	}
	return text, textinput.Check("text", text)
}
