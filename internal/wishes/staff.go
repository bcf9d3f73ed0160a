package wishes

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"kite/ent"
	"kite/ent/wishesandfeelings"
	"kite/internal/apierr"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/events"
	"kite/internal/ident"
	"kite/internal/notify"
	"kite/internal/replies"
	"kite/internal/textinput"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// visible loads a sent submission the viewer may see, or NOT_FOUND.
func (s *Service) visible(ctx context.Context, id ident.ID) (*ent.WishesAndFeelings, *viewer.Viewer, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, nil, err
	}
	sub, err := s.Client.WishesAndFeelings.Get(ctx, id)
	if err != nil {
		return nil, nil, dataerr.ToAPI(err, "wishes: load")
	}
	return sub, v, nil
}

// MarkRead records that a member of staff read a submission: their first
// read gets a read receipt the child can see, and the submission's first read
// moves it from SUBMITTED to READ.
func (s *Service) MarkRead(ctx context.Context, id ident.ID) (*ent.WishesAndFeelings, error) {
	sub, v, err := s.visible(ctx, id)
	if err != nil {
		return nil, err
	}
	if v.Role != domain.RoleIRO && v.Role != domain.RoleCPChair && v.Role != domain.RoleSocialWorker {
		return nil, apierr.Forbidden()
	}
	changed, err := s.recordRead(ctx, sub, v, true)
	if err != nil {
		return nil, err
	}
	if changed {
		s.Events.Publish(events.Event{Kind: events.SubmissionStatusChanged, AuthorityID: sub.AuthorityID, SubmissionID: sub.ID, ChildID: sub.ChildID})
	}
	return s.Client.WishesAndFeelings.Get(ctx, id)
}

// recordRead writes the reader's receipt (only their first) and the
// submission's first read, and with tell lets the child know it was read
// (in the same transaction as the first read). It reports whether the
// submission's status changed. The receipt is written on its own: a second
// read by the same person meets the unique index and is simply not recorded
// again.
func (s *Service) recordRead(ctx context.Context, sub *ent.WishesAndFeelings, v *viewer.Viewer, tell bool) (bool, error) {
	now := s.Now()
	me, err := s.Client.User.Get(ctx, v.UserID)
	if err != nil {
		return false, fmt.Errorf("wishes: reader: %w", err)
	}
	err = s.Client.ReadReceipt.Create().SetAuthorityID(sub.AuthorityID).SetSubmissionID(sub.ID).
		SetReaderID(v.UserID).SetReaderName(me.DisplayName).SetReaderRole(me.Role).SetReadAt(now).
		Exec(ctx)
	if err != nil && !ent.IsConstraintError(err) {
		return false, dataerr.ToAPI(err, "wishes: read receipt")
	}
	if sub.Status != domain.Submitted {
		return false, nil
	}
	var n int
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		var err error
		n, err = tx.WishesAndFeelings.Update().
			Where(wishesandfeelings.ID(sub.ID), wishesandfeelings.StatusEQ(domain.Submitted)).
			SetStatus(domain.Read).SetFirstReadAt(now).AddRevision(1).
			Save(ctx)
		if err != nil || n == 0 || !tell {
			return err
		}
		return notify.TellChild(ctx, tx.Client(), sub.ChildID, notify.Tiding{AuthorityID: sub.AuthorityID,
			Kind: domain.NoticeSubmissionRead, AboutID: sub.ID, DedupeKey: "read:" + string(sub.ID)})
	})
	if err != nil {
		return false, dataerr.ToAPIAfterRead(err, "wishes: mark read")
	}
	return n > 0, nil
}

// Respond adds the chair's reply to the child's thread, in plain words,
// and tells the child they have a reply. Earlier replies stay: the
// submission's reply field becomes this latest one. It counts as a read too
// (the reply is news enough: the child is not also told it was read).
func (s *Service) Respond(ctx context.Context, id ident.ID, message string) (*ent.WishesAndFeelings, error) {
	sub, v, err := s.visible(ctx, id)
	if err != nil {
		return nil, err
	}
	if message, err = replies.Text(message); err != nil {
		return nil, err
	}
	if v.Role != domain.RoleIRO && v.Role != domain.RoleCPChair {
		return nil, apierr.Forbidden()
	}
	if _, err := s.recordRead(ctx, sub, v, false); err != nil {
		return nil, err
	}
	now := s.Now()
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		r, err := replies.Add(ctx, tx.Client(), v, replies.To{AuthorityID: sub.AuthorityID, ChildID: sub.ChildID,
			SubmissionID: sub.ID}, message, now)
		if err != nil {
			return err
		}
		n, err := tx.WishesAndFeelings.Update().Where(wishesandfeelings.ID(sub.ID)).
			SetStatus(domain.Responded).SetReply(message).SetRepliedByID(v.UserID).SetRespondedAt(now).AddRevision(1).
			Save(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return apierr.Forbidden()
		}
		// Each reply is news: the key names the reply.
		return notify.TellChild(ctx, tx.Client(), sub.ChildID, notify.Tiding{AuthorityID: sub.AuthorityID,
			Kind: domain.NoticeReplyReceived, AboutID: sub.ID, DedupeKey: "reply:" + string(r.ID)})
	})
	if err != nil {
		return nil, dataerr.ToAPIAfterRead(err, "wishes: reply")
	}
	s.Events.Publish(events.Event{Kind: events.SubmissionStatusChanged, AuthorityID: sub.AuthorityID, SubmissionID: sub.ID, ChildID: sub.ChildID})
	return s.Client.WishesAndFeelings.Get(ctx, id)
}

// maxReceived caps the received list.
const maxReceived = 100

// Received lists the sent submissions a member of staff may see, urgent
// first, then newest first.
func (s *Service) Received(ctx context.Context, unreadOnly, withChild bool, limit int) ([]*ent.WishesAndFeelings, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if v.Role != domain.RoleIRO && v.Role != domain.RoleCPChair && v.Role != domain.RoleSocialWorker {
		return []*ent.WishesAndFeelings{}, nil
	}
	if limit <= 0 || limit > maxReceived {
		limit = maxReceived
	}
	q := s.Client.WishesAndFeelings.Query()
	if unreadOnly {
		q.Where(wishesandfeelings.StatusEQ(domain.Submitted))
	}
	if withChild {
		q.WithChild() // one query for the whole list's children
	}
	subs, err := q.Order(
		wishesandfeelings.ByNeedsToTalkToday(sql.OrderDesc()),
		wishesandfeelings.BySubmittedAt(sql.OrderDesc()),
		wishesandfeelings.ByID(),
	).Limit(limit).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("wishes: received: %w", err)
	}
	return subs, nil
}

// Withhold keeps a submission from the child's family (or stops keeping
// it), with the chair's reason.
func (s *Service) Withhold(ctx context.Context, id ident.ID, withheld bool, reason string) (*ent.WishesAndFeelings, error) {
	sub, _, err := s.visible(ctx, id)
	if err != nil {
		return nil, err
	}
	if reason, err = withholdReason(withheld, reason); err != nil {
		return nil, err
	}
	sub, err = s.Client.WishesAndFeelings.UpdateOneID(sub.ID).SetWithheldFromFamily(withheld).
		SetWithheldReason(reason).AddRevision(1).Save(ctx)
	return sub, dataerr.ToAPIAfterRead(err, "wishes: withhold")
}

// withholdReason checks the chair's reason for keeping a submission from
// the family (required when withholding) and returns it trimmed.
func withholdReason(withheld bool, reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	if withheld && reason == "" {
		return "", apierr.BadInput("reason", "Please say why this is kept from the family.")
	}
	if utf8.RuneCountInString(reason) > 500 {
		return "", apierr.BadInput("reason", "Please keep the reason under 500 characters.")
	}
	return reason, textinput.Check("reason", reason)
}
