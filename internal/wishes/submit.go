package wishes

import (
	"context"
	"fmt"
	"log/slog"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/privacy"
	"kite/ent/wishesandfeelings"
	"kite/internal/access"
	"kite/internal/apierr"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/events"
	"kite/internal/ident"
	"kite/internal/notify"
	"kite/internal/pictures"
	"kite/internal/txn"
)

// SaveDraft creates a draft, or updates one of the child's own drafts. A
// draft is seen by nobody but the child. With Revision set, the save fails if
// the draft changed since (another device saved first), so nothing is lost
// silently.
func (s *Service) SaveDraft(ctx context.Context, in Views) (*ent.WishesAndFeelings, error) {
	c, v, err := s.ownChild(ctx, in.ChildID)
	if err != nil {
		return nil, err
	}
	var d *ent.WishesAndFeelings
	if in.SubmissionID != nil {
		if d, err = s.draft(ctx, c, *in.SubmissionID); err != nil {
			return nil, err
		}
		if in.Revision != nil && *in.Revision != d.Revision {
			return nil, apierr.BadInput("revision", "This was changed somewhere else since you opened it. Please reload it to see the latest.")
		}
	}
	t, err := s.checkViews(ctx, c, d, in, false)
	if err != nil {
		return nil, err
	}
	if d == nil {
		create := s.Client.WishesAndFeelings.Create().
			SetAuthorityID(v.AuthorityID).SetChildID(c.ID).SetFormTemplateID(t.ID).
			SetAnswers(normalise(in.Answers)).SetStatus(domain.Draft).
			SetNillableMeetingID(in.MeetingID).SetNillableShareWith(in.ShareWith).
			SetNillableHelpedBy(in.HelpedBy).SetNillableNeedsToTalkToday(in.NeedsToTalkToday)
		saved, err := create.Save(ctx)
		return saved, dataerr.ToAPI(err, "wishes: save draft")
	}
	// Conditional on the revision read, so two saves racing cannot both win.
	n, err := s.Client.WishesAndFeelings.Update().
		Where(wishesandfeelings.ID(d.ID), wishesandfeelings.Revision(d.Revision)).
		SetAnswers(normalise(in.Answers)).
		SetNillableMeetingID(in.MeetingID).SetNillableShareWith(in.ShareWith).
		SetNillableHelpedBy(in.HelpedBy).SetNillableNeedsToTalkToday(in.NeedsToTalkToday).
		AddRevision(1).
		Save(ctx)
	if err != nil {
		return nil, dataerr.ToAPI(err, "wishes: save draft")
	}
	if n == 0 {
		return nil, apierr.BadInput("revision", "This was changed somewhere else since you opened it. Please reload it to see the latest.")
	}
	return s.Client.WishesAndFeelings.Get(ctx, d.ID)
}

// Sent is a sent submission, and what to tell the child.
type Sent struct {
	Submission *ent.WishesAndFeelings
	Authority  *ent.LocalAuthority
}

// Submit sends the child's views. Sending the same idempotency key again
// returns the first submission and stores nothing new (the key is looked up
// among this child's own submissions only). Once sent, a submission is never
// changed by the child. If the child needs to talk to someone today, the
// urgent notification is written in the same transaction.
func (s *Service) Submit(ctx context.Context, in Views) (*Sent, error) {
	c, v, err := s.ownChild(ctx, in.ChildID)
	if err != nil {
		return nil, err
	}
	if err := checkKey(in.IdempotencyKey); err != nil {
		return nil, err
	}
	if prev, err := s.byKey(ctx, c.ID, in.IdempotencyKey); err != nil || prev != nil {
		return s.sent(ctx, prev, err)
	}
	if in.ShareWith == nil {
		return nil, apierr.BadInput("shareWith", "Please choose who can see this.")
	}
	var d *ent.WishesAndFeelings
	if in.SubmissionID != nil {
		if d, err = s.draft(ctx, c, *in.SubmissionID); err != nil {
			return nil, err
		}
	}
	t, err := s.checkViews(ctx, c, d, in, true)
	if err != nil {
		return nil, err
	}
	// Pictures are cleaned before the transaction: it is the slow part.
	pics, err := cleanPictures("attachments", in.Attachments)
	if err != nil {
		return nil, err
	}
	urgent := in.NeedsToTalkToday != nil && *in.NeedsToTalkToday
	var saved *ent.WishesAndFeelings
	asked := false
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		if saved, err = s.store(ctx, tx, c, v.AuthorityID, t, d, in, urgent, pics); err != nil {
			return err
		}
		// A "yes" to the advocacy question asks for an advocate, with the
		// submission or not at all.
		if s.Advocacy != nil {
			if asked, err = s.Advocacy.FromForm(ctx, tx, c, saved); err != nil {
				return err
			}
		}
		if urgent {
			return s.notifyUrgent(ctx, tx, c, saved)
		}
		return nil
	})
	if ent.IsConstraintError(err) {
		// The same key sent twice at once: the other request stored it.
		// (Any other constraint is a plain failure.)
		if prev, kerr := s.byKey(ctx, c.ID, in.IdempotencyKey); kerr != nil || prev != nil {
			return s.sent(ctx, prev, kerr)
		}
	}
	if err != nil {
		return nil, err
	}
	// Detach from the finished transaction, so edges load afterwards.
	saved = saved.Unwrap()
	s.Events.Publish(events.Event{Kind: events.SubmissionReceived, AuthorityID: c.AuthorityID, SubmissionID: saved.ID, ChildID: c.ID})
	if (urgent || asked) && s.Wake != nil {
		s.Wake()
	}
	return s.sent(ctx, saved, nil)
}

// store writes the submission: a new row, or the child's draft sent. Its
// pictures are added while it is still a draft (a new one with pictures is
// written as a draft first), so that a sent submission never changes.
func (s *Service) store(ctx context.Context, tx *ent.Tx, c *ent.Child, la ident.ID, t *ent.FormTemplate,
	d *ent.WishesAndFeelings, in Views, urgent bool, pics []*pictures.Picture) (*ent.WishesAndFeelings, error) {
	now := s.Now()
	if d == nil && len(pics) > 0 {
		draft, err := tx.WishesAndFeelings.Create().
			SetAuthorityID(la).SetChildID(c.ID).SetFormTemplateID(t.ID).SetStatus(domain.Draft).
			Save(ctx)
		if err != nil {
			return nil, dataerr.ToAPI(err, "wishes: submit")
		}
		d = draft
	}
	if d != nil {
		if _, err := attach(ctx, tx.Client(), d, pics); err != nil {
			return nil, err
		}
	}
	if d == nil {
		saved, err := tx.WishesAndFeelings.Create().
			SetAuthorityID(la).SetChildID(c.ID).SetFormTemplateID(t.ID).
			SetAnswers(normalise(in.Answers)).SetShareWith(*in.ShareWith).
			SetNillableHelpedBy(in.HelpedBy).SetNillableMeetingID(in.MeetingID).
			SetNeedsToTalkToday(urgent).SetStatus(domain.Submitted).
			SetSubmittedAt(now).SetIdempotencyKey(in.IdempotencyKey).
			Save(ctx)
		return saved, dataerr.ToAPI(err, "wishes: submit")
	}
	n, err := tx.WishesAndFeelings.Update().
		Where(wishesandfeelings.ID(d.ID), wishesandfeelings.StatusEQ(domain.Draft)).
		SetAnswers(normalise(in.Answers)).SetShareWith(*in.ShareWith).
		SetNillableHelpedBy(in.HelpedBy).SetNillableMeetingID(in.MeetingID).
		SetNeedsToTalkToday(urgent).SetStatus(domain.Submitted).
		SetSubmittedAt(now).SetIdempotencyKey(in.IdempotencyKey).AddRevision(1).
		Save(ctx)
	if err != nil {
		return nil, dataerr.ToAPI(err, "wishes: submit draft")
	}
	if n == 0 {
		return nil, errSent
	}
	return tx.WishesAndFeelings.Get(ctx, d.ID)
}

// byKey finds the child's own submission sent with this key, if any.
func (s *Service) byKey(ctx context.Context, childID ident.ID, key string) (*ent.WishesAndFeelings, error) {
	prev, err := s.Client.WishesAndFeelings.Query().
		Where(wishesandfeelings.ChildID(childID), wishesandfeelings.IdempotencyKey(key)).
		Only(ctx)
	if err = ent.MaskNotFound(err); err != nil {
		return nil, fmt.Errorf("wishes: find by key: %w", err)
	}
	return prev, nil
}

func (s *Service) sent(ctx context.Context, sub *ent.WishesAndFeelings, err error) (*Sent, error) {
	if err != nil {
		return nil, err
	}
	la, err := s.Client.LocalAuthority.Get(ctx, sub.AuthorityID)
	if err != nil {
		return nil, fmt.Errorf("wishes: authority: %w", err)
	}
	return &Sent{Submission: sub, Authority: la}, nil
}

// notifyUrgent tells the child's chairs and social worker — or, when nobody
// is allocated, the authority's duty team — that the child needs to talk to
// someone today: staff by email (the outbox) and in their notification list
// in Kite (notify.Tell), the duty team by email. System context: the recipients' addresses are not the
// child's to read; what is sent carries no words of the child's.
func (s *Service) notifyUrgent(ctx context.Context, tx *ent.Tx, c *ent.Child, sub *ent.WishesAndFeelings) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	allocs, err := currentStaff(ctx, tx.Client(), c.ID)
	if err != nil {
		return err
	}
	payload := map[string]string{"submissionId": string(sub.ID), "childId": string(c.ID)}
	staff := staffToTell(allocs)
	for _, u := range staff {
		n := notify.Notification{AuthorityID: c.AuthorityID, Kind: notify.UrgentSubmission,
			UserID: u.ID, Address: u.WorkEmail, Payload: payload}
		if err := notify.Enqueue(ctx, tx.Client(), n); err != nil {
			return err
		}
		// And in Kite, in their notification list (no second email: the
		// kind is not one that is emailed).
		err := notify.Tell(ctx, tx.Client(), notify.Tiding{AuthorityID: c.AuthorityID, UserID: u.ID,
			Kind: domain.NoticeUrgentSubmission, AboutID: sub.ID, DedupeKey: "urgent:" + string(sub.ID)})
		if err != nil {
			return err
		}
	}
	if len(staff) > 0 {
		return nil
	}
	la, err := tx.LocalAuthority.Get(sys, c.AuthorityID)
	if err != nil {
		return fmt.Errorf("wishes: duty team: %w", err)
	}
	if la.DutyTeamEmail == "" {
		// The child's words must not be lost for want of an address: keep
		// the submission, and shout in the log.
		slog.ErrorContext(ctx, "urgent submission with nobody to tell: no allocated staff and no duty team address",
			"authority", la.ID, "submission", sub.ID)
		return nil
	}
	return notify.Enqueue(ctx, tx.Client(), notify.Notification{AuthorityID: c.AuthorityID,
		Kind: notify.UrgentSubmission, Address: la.DutyTeamEmail, Payload: payload})
}

// currentStaff are a child's current allocations with their staff, read as
// system code (the staff's addresses are not the child's to read): whom an
// urgent message tells (staffToTell), and so what the child is told of it.
func currentStaff(ctx context.Context, client *ent.Client, childID ident.ID) ([]*ent.Allocation, error) {
	allocs, err := client.Allocation.Query().
		Where(allocation.ChildID(childID), access.CurrentAllocations()).
		WithStaff().
		All(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return nil, fmt.Errorf("wishes: urgent recipients: %w", err)
	}
	return allocs, nil
}

// staffToTell are the members of staff, among a child's current
// allocations, who can be told of an urgent submission: their accounts are
// active and have a work address.
func staffToTell(allocs []*ent.Allocation) []*ent.User {
	var out []*ent.User
	for _, a := range allocs {
		if u := a.Edges.Staff; u != nil && u.Active && u.WorkEmail != "" {
			out = append(out, u)
		}
	}
	return out
}
