package notify

import (
	"context"
	"errors"
	"fmt"

	entsql "entgo.io/ent/dialect/sql"

	"kite/ent"
	"kite/ent/child"
	"kite/ent/notice"
	"kite/ent/privacy"
	"kite/ent/user"
	"kite/internal/domain"
	"kite/internal/events"
	"kite/internal/ident"
)

// Tiding is one thing to tell one person. It holds ids and a kind, never
// words: what the person is shown follows from the kind (WordsFor), so
// nobody's own words and no case details can reach a notice or an email.
type Tiding struct {
	AuthorityID ident.ID
	// UserID is the account to tell.
	UserID ident.ID
	Kind   domain.NoticeKind
	// AboutID is the record to open (a submission, a meeting, …), if any.
	// The reader sees it only while their own access rules let them.
	AboutID ident.ID
	// Count is a number the words use (a digest's new submissions).
	Count int
	// DedupeKey makes telling idempotent: for one person, a key is stored
	// once, and a second Tell with it writes nothing and is not an error.
	// Build it from what makes the news itself: "reply:<submission>:<revision>",
	// "views-reminder:<meeting>:<day>:10".
	DedupeKey string
}

// maxDedupeKey matches the column's length.
const maxDedupeKey = 200

// emailKinds are the kinds that also go by email, when the account has an
// address: news for staff, in words that carry no case details. Children and
// parents are told in Kite only.
var emailKinds = map[domain.NoticeKind]bool{
	domain.NoticeSubmissionsDigest: true,
	domain.NoticeReplyOverdue:      true,
}

// Tell is the one way Kite tells someone something. Pass the client of the
// caller's transaction, so that the news commits with what caused it, or not
// at all. It writes the in-app notice and, where the kind allows email and
// the account has a work address, an outbox message the worker sends. A
// second call with the same DedupeKey for the same person writes nothing (a
// unique index decides, so this holds across restarts and instances). A
// disabled account is told nothing.
//
// Tell runs as system code: whoever acted may not read the other person's
// account or write their notices, and Tell writes only ids and a kind.
func Tell(ctx context.Context, client *ent.Client, t Tiding) error {
	if err := t.check(); err != nil {
		return err
	}
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	who, err := client.User.Query().Where(user.ID(t.UserID), user.AuthorityID(t.AuthorityID)).Only(sys)
	if err != nil {
		return fmt.Errorf("notify: tell %s: %w", t.Kind, err)
	}
	if !who.Active {
		return nil
	}
	told, err := insertNotice(sys, client, t)
	if err != nil || !told {
		return err
	}
	if !emailKinds[t.Kind] || who.WorkEmail == "" {
		return nil
	}
	payload := map[string]string{}
	if t.AboutID != "" {
		payload["aboutId"] = string(t.AboutID)
	}
	return Enqueue(ctx, client, Notification{AuthorityID: t.AuthorityID, Kind: string(t.Kind),
		UserID: who.ID, Address: who.WorkEmail, Payload: payload})
}

// TellChild tells the child of a child record, through their own account;
// a child with no account (or an unborn baby) is told nothing. t.UserID is
// filled in here. Looking up the account is system code, like Tell: the
// person who acted may not be able to read it.
func TellChild(ctx context.Context, client *ent.Client, childID ident.ID, t Tiding) error {
	c, err := client.Child.Query().Where(child.ID(childID)).Select(child.FieldUserID).
		Only(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return fmt.Errorf("notify: tell child %s: %w", t.Kind, err)
	}
	if c.UserID == nil {
		return nil
	}
	t.UserID = *c.UserID
	return Tell(ctx, client, t)
}

func (t Tiding) check() error {
	switch {
	case t.AuthorityID == "" || t.UserID == "":
		return errors.New("notify: tell: an authority and a person are required")
	case t.DedupeKey == "" || len(t.DedupeKey) > maxDedupeKey:
		return fmt.Errorf("notify: tell %s: a dedupe key of 1 to %d bytes is required", t.Kind, maxDedupeKey)
	case notice.KindValidator(t.Kind) != nil:
		return fmt.Errorf("notify: tell: unknown kind %q", t.Kind)
	}
	return nil
}

// insertNotice writes the notice unless the person already has one with the
// key, and reports whether it did. "ON CONFLICT DO NOTHING" rather than a
// failed insert: on PostgreSQL a failed statement would abort the caller's
// whole transaction. Whether this insert won is read back by its own id.
func insertNotice(ctx context.Context, client *ent.Client, t Tiding) (bool, error) {
	id := ident.New("ntc")
	c := client.Notice.Create().SetID(id).SetAuthorityID(t.AuthorityID).SetUserID(t.UserID).
		SetKind(t.Kind).SetCount(t.Count).SetDedupeKey(t.DedupeKey)
	if t.AboutID != "" {
		c.SetAboutID(t.AboutID)
	}
	// A bulk of one: ent's single-row upsert reads the id back with
	// RETURNING and cannot take it as our id type; the bulk insert reads
	// nothing back when the row is skipped.
	err := client.Notice.CreateBulk(c).
		OnConflict(entsql.ConflictColumns(notice.FieldUserID, notice.FieldDedupeKey), entsql.DoNothing()).
		Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("notify: tell %s: %w", t.Kind, err)
	}
	told, err := client.Notice.Query().Where(notice.ID(id)).Exist(ctx)
	if err != nil {
		return false, fmt.Errorf("notify: tell %s: %w", t.Kind, err)
	}
	return told, nil
}

// PublishNotices makes every new notice an event for the subscriptions of
// every instance (events.NoticeAdded, through the broker's bus), once the transaction that wrote it
// commits (at once when there is none). It is installed on the client once,
// at assembly; transactions share it.
func PublishNotices(client *ent.Client, broker *events.Broker) {
	client.Notice.Use(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			nm, ok := m.(*ent.NoticeMutation)
			if err != nil || !ok || !nm.Op().Is(ent.OpCreate) {
				return v, err
			}
			id, _ := nm.ID()
			who, _ := nm.UserID()
			la, _ := nm.AuthorityID()
			publish := func() {
				broker.Publish(events.Event{Kind: events.NoticeAdded, AuthorityID: la, UserID: who, NoticeID: id})
			}
			tx, txErr := nm.Tx()
			if txErr != nil {
				publish()
				return v, nil
			}
			tx.OnCommit(func(commit ent.Committer) ent.Committer {
				return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
					err := commit.Commit(ctx, tx)
					if err == nil {
						publish()
					}
					return err
				})
			})
			return v, nil
		})
	})
}
