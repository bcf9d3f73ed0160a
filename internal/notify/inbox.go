package notify

import (
	"context"
	"fmt"

	"entgo.io/contrib/entgql"

	"kite/ent"
	"kite/ent/notice"
	"kite/internal/apierr"
	"kite/internal/clock"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// maxMarked bounds the ids of one markNotificationsRead.
const maxMarked = 100

// Inbox is a person's own notices, listed and marked read with their
// context: the access rules (internal/access) let a person reach their own
// notices and no one else's.
type Inbox struct {
	Client *ent.Client
	clock.Clock
}

// List is one page of the notices of the account who, newest first; only
// those not read yet with unreadOnly. It is empty unless who is the viewer.
func (b *Inbox) List(ctx context.Context, who ident.ID, after *entgql.Cursor[ident.ID], first *int, unreadOnly bool) (*ent.NoticeConnection, error) {
	q := b.Client.Notice.Query().Where(notice.UserID(who))
	if unreadOnly {
		q.Where(notice.ReadAtIsNil())
	}
	conn, err := q.Paginate(ctx, after, first, nil, nil,
		ent.WithNoticeOrder(&ent.NoticeOrder{Field: ent.NoticeOrderFieldCreatedAt, Direction: entgql.OrderDirectionDesc}))
	if err != nil {
		return nil, fmt.Errorf("notices: list: %w", err)
	}
	return conn, nil
}

// MarkRead marks the viewer's unread notices with these ids read, or with
// all every one of them. It reports how many it marked now and how many
// stay unread. An id of a notice that is not the viewer's changes nothing,
// like one that does not exist.
func (b *Inbox) MarkRead(ctx context.Context, ids []ident.ID, all bool) (marked, unread int, err error) {
	if _, err := viewer.Require(ctx); err != nil {
		return 0, 0, err
	}
	switch {
	case all && len(ids) > 0, !all && len(ids) == 0:
		return 0, 0, apierr.BadInput("ids", "Please give the ids of the notifications to mark read, or ask for all of them.")
	case len(ids) > maxMarked:
		return 0, 0, apierr.BadInput("ids", fmt.Sprintf("Please mark at most %d notifications at once.", maxMarked))
	}
	u := b.Client.Notice.Update().Where(notice.ReadAtIsNil())
	if !all {
		u.Where(notice.IDIn(ids...))
	}
	if marked, err = u.SetReadAt(b.Now()).Save(ctx); err != nil {
		return 0, 0, fmt.Errorf("notices: mark read: %w", err)
	}
	if unread, err = b.Client.Notice.Query().Where(notice.ReadAtIsNil()).Count(ctx); err != nil {
		return 0, 0, fmt.Errorf("notices: unread: %w", err)
	}
	return marked, unread, nil
}
