package parents

import (
	"context"

	"kite/ent"
	"kite/ent/parentviews"
	"kite/internal/apierr"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/notify"
	"kite/internal/replies"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// Reply adds the chair's reply to a parent's views, to the thread (earlier
// replies stay), and tells the parent in Kite that they have a reply. The
// views become RESPONDED; replying counts as reading them, so the chair's
// read receipt is written first as markParentViewsRead would.
func (s *Service) Reply(ctx context.Context, id ident.ID, message string) (*ent.ParentViews, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	pv, err := s.Client.ParentViews.Get(ctx, id)
	if err != nil {
		return nil, dataerr.ToAPI(err, "parent views: reply")
	}
	if message, err = replies.Text(message); err != nil {
		return nil, err
	}
	if v.Role != domain.RoleIRO && v.Role != domain.RoleCPChair {
		return nil, apierr.Forbidden()
	}
	if _, err := s.MarkRead(ctx, id); err != nil {
		return nil, err
	}
	now := s.Now()
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		r, err := replies.Add(ctx, tx.Client(), v, replies.To{AuthorityID: pv.AuthorityID, ChildID: pv.ChildID,
			ParentViewsID: pv.ID}, message, now)
		if err != nil {
			return err
		}
		err = tx.ParentViews.Update().Where(parentviews.ID(pv.ID)).
			SetStatus(domain.Responded).AddRevision(1).Exec(ctx)
		if err != nil {
			return err
		}
		return notify.Tell(ctx, tx.Client(), notify.Tiding{AuthorityID: pv.AuthorityID, UserID: pv.ParentID,
			Kind: domain.NoticeViewsReplyReceived, AboutID: pv.ID, DedupeKey: "reply:" + string(r.ID)})
	})
	if err != nil {
		return nil, dataerr.ToAPIAfterRead(err, "parent views: reply")
	}
	return s.Client.ParentViews.Get(ctx, id)
}
