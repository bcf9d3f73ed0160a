package wishes

import (
	"context"

	"kite/ent"
	"kite/ent/wishesandfeelings"
	"kite/internal/access"
	"kite/internal/apierr"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/events"
	"kite/internal/ident"
)

// Words for a child who tries to change who sees something they sent.
var (
	errAlreadyRead = apierr.BadInput("submissionId",
		"Someone has already read this, so who can see it cannot change now. You can send something new.")
	errOnlyNarrower = apierr.BadInput("shareWith",
		"You can only choose fewer people here. To let more people see it, send it again.")
	errNotSentYet = apierr.BadInput("submissionId",
		"This has not been sent yet. You choose who sees it when you send it.")
)

// NarrowSharing lets fewer people see a submission the child has sent:
// EVERYONE_AT_MEETING to CHAIR_AND_SOCIAL_WORKER or CHAIR_ONLY, say. It
// works until someone first reads it; it never lets more people see it
// (that means sending it again). The rule itself is internal/access's
// (Narrows, and the update it allows); this checks first so the child is
// told plainly why not. Asking for the choice already made changes nothing.
func (s *Service) NarrowSharing(ctx context.Context, id ident.ID, to domain.ShareWith) (*ent.WishesAndFeelings, error) {
	sub, v, err := s.visible(ctx, id)
	if err != nil {
		return nil, err
	}
	if v.Role != domain.RoleChild || sub.ChildID != v.ChildID {
		return nil, apierr.Forbidden()
	}
	if err := narrowCheck(sub, to); err != nil || sub.ShareWith == to {
		return sub, err
	}
	n, err := s.Client.WishesAndFeelings.Update().Where(wishesandfeelings.ID(sub.ID)).
		SetShareWith(to).AddRevision(1).Save(ctx)
	if err != nil {
		return nil, dataerr.ToAPIAfterRead(err, "wishes: narrow sharing")
	}
	if n == 0 {
		// Read (or narrowed from another device) a moment ago.
		now, err := s.Client.WishesAndFeelings.Get(ctx, sub.ID)
		if err != nil {
			return nil, dataerr.ToAPI(err, "wishes: narrow sharing")
		}
		if err := narrowCheck(now, to); err != nil || now.ShareWith == to {
			return now, err
		}
		return nil, errAlreadyRead
	}
	s.Events.Publish(events.Event{Kind: events.SubmissionStatusChanged, AuthorityID: sub.AuthorityID, SubmissionID: sub.ID, ChildID: sub.ChildID})
	return s.Client.WishesAndFeelings.Get(ctx, sub.ID)
}

// narrowCheck says, in a child's words, why sub's sharing cannot change to
// to; nil when it can (or already is to).
func narrowCheck(sub *ent.WishesAndFeelings, to domain.ShareWith) error {
	switch {
	case sub.Status == domain.Draft:
		return errNotSentYet
	case sub.ShareWith == to:
		return nil
	case sub.Status != domain.Submitted || sub.FirstReadAt != nil:
		return errAlreadyRead
	case !access.Narrows(sub.ShareWith, to):
		return errOnlyNarrower
	}
	return nil
}
