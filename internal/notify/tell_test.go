package notify_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"kite/ent"
	"kite/ent/privacy"
	_ "kite/ent/runtime" // the access policies
	"kite/internal/domain"
	"kite/internal/events"
	"kite/internal/notify"
	"kite/internal/testdb"
	"kite/internal/txn"
)

func system() context.Context { return privacy.DecisionContext(context.Background(), privacy.Allow) }

// people is an authority with a child (no address) and a chair (with one).
type people struct {
	client       *ent.Client
	la           *ent.LocalAuthority
	child, chair *ent.User
	broker       *events.Broker
}

func setUp(t *testing.T) *people {
	t.Helper()
	st := testdb.Open(t)
	c := st.Client
	broker := events.NewBroker()
	notify.PublishNotices(c, broker)
	la := c.LocalAuthority.Create().SetName("Tell Borough").SaveX(system())
	child := c.User.Create().SetAuthorityID(la.ID).SetRole(domain.RoleChild).SetDisplayName("A child").SaveX(system())
	chair := c.User.Create().SetAuthorityID(la.ID).SetRole(domain.RoleIRO).SetDisplayName("A chair").
		SetWorkEmail("chair@tell.example").SaveX(system())
	return &people{client: c, la: la, child: child, chair: chair, broker: broker}
}

func (p *people) counts(t *testing.T) (notices, emails int) {
	t.Helper()
	return p.client.Notice.Query().CountX(system()), p.client.Notification.Query().CountX(system())
}

func TestTellWritesTheNoticeAndEmailsOnlyWhereAllowed(t *testing.T) {
	p := setUp(t)
	ctx := context.Background()
	tell := func(td notify.Tiding) {
		t.Helper()
		if err := notify.Tell(ctx, p.client, td); err != nil {
			t.Fatal(err)
		}
	}
	// A child: in Kite only, whatever the kind.
	tell(notify.Tiding{AuthorityID: p.la.ID, UserID: p.child.ID, Kind: domain.NoticeReplyReceived, AboutID: "waf_x", DedupeKey: "reply:1"})
	if n, e := p.counts(t); n != 1 || e != 0 {
		t.Fatalf("child: %d notices, %d emails; want 1, 0", n, e)
	}
	// A chair's digest: in Kite and by email.
	tell(notify.Tiding{AuthorityID: p.la.ID, UserID: p.chair.ID, Kind: domain.NoticeSubmissionsDigest, Count: 3, DedupeKey: "digest:1"})
	if n, e := p.counts(t); n != 2 || e != 1 {
		t.Fatalf("chair: %d notices, %d emails; want 2, 1", n, e)
	}
	// The same key again: nothing new, no error.
	tell(notify.Tiding{AuthorityID: p.la.ID, UserID: p.chair.ID, Kind: domain.NoticeSubmissionsDigest, Count: 4, DedupeKey: "digest:1"})
	if n, e := p.counts(t); n != 2 || e != 1 {
		t.Fatalf("second tell: %d notices, %d emails; want 2, 1", n, e)
	}
	// The same key for someone else is their own news.
	tell(notify.Tiding{AuthorityID: p.la.ID, UserID: p.child.ID, Kind: domain.NoticeSubmissionsDigest, DedupeKey: "digest:1"})
	if n, _ := p.counts(t); n != 3 {
		t.Fatalf("the same key for another person: %d notices, want 3", n)
	}
	// A disabled account is told nothing.
	p.client.User.UpdateOne(p.chair).SetActive(false).ExecX(system())
	tell(notify.Tiding{AuthorityID: p.la.ID, UserID: p.chair.ID, Kind: domain.NoticeReplyOverdue, DedupeKey: "overdue:1"})
	if n, e := p.counts(t); n != 3 || e != 1 {
		t.Fatalf("disabled: %d notices, %d emails; want 3, 1", n, e)
	}
	mail := notify.Render(p.client.Notification.Query().OnlyX(system()))
	if mail.To != "chair@tell.example" || !strings.Contains(mail.Body, "open Kite") {
		t.Errorf("digest email: %+v", mail)
	}
}

func TestTellRefusesWhatItCannotStore(t *testing.T) {
	p := setUp(t)
	for name, td := range map[string]notify.Tiding{
		"no key":           {AuthorityID: p.la.ID, UserID: p.child.ID, Kind: domain.NoticeReplyReceived},
		"a long key":       {AuthorityID: p.la.ID, UserID: p.child.ID, Kind: domain.NoticeReplyReceived, DedupeKey: strings.Repeat("k", 201)},
		"no person":        {AuthorityID: p.la.ID, Kind: domain.NoticeReplyReceived, DedupeKey: "k"},
		"an unknown kind":  {AuthorityID: p.la.ID, UserID: p.child.ID, Kind: "SHOUT", DedupeKey: "k"},
		"another LA's key": {AuthorityID: "la_other", UserID: p.child.ID, Kind: domain.NoticeReplyReceived, DedupeKey: "k"},
	} {
		if err := notify.Tell(context.Background(), p.client, td); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if n, e := p.counts(t); n != 0 || e != 0 {
		t.Fatalf("refused tells stored %d notices, %d emails", n, e)
	}
}

// TestTellIsPartOfTheCallersTransaction: told with the transaction's client,
// the news commits with it or not at all, and the same key twice in one
// transaction is stored once (without breaking the transaction, which
// PostgreSQL would after a failed insert).
func TestTellIsPartOfTheCallersTransaction(t *testing.T) {
	p := setUp(t)
	ctx := context.Background()
	td := notify.Tiding{AuthorityID: p.la.ID, UserID: p.chair.ID, Kind: domain.NoticeReplyOverdue, AboutID: "waf_y", DedupeKey: "overdue:y"}
	failed := errors.New("the change failed")
	err := txn.Run(ctx, p.client, func(tx *ent.Tx) error {
		if err := notify.Tell(ctx, tx.Client(), td); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatal(err)
	}
	if n, e := p.counts(t); n != 0 || e != 0 {
		t.Fatalf("rolled back, yet %d notices and %d emails stored", n, e)
	}
	err = txn.Run(ctx, p.client, func(tx *ent.Tx) error {
		for range 2 {
			if err := notify.Tell(ctx, tx.Client(), td); err != nil {
				return err
			}
		}
		// The transaction is still usable after the repeated key.
		return tx.User.UpdateOneID(p.chair.ID).SetHowToReach("Email me.").Exec(system())
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, e := p.counts(t); n != 1 || e != 1 {
		t.Fatalf("%d notices and %d emails, want 1 and 1", n, e)
	}
}

// TestTellOnceUnderConcurrency: several transactions (as on several
// instances) telling the same news at once store it once.
func TestTellOnceUnderConcurrency(t *testing.T) {
	p := setUp(t)
	ctx := context.Background()
	td := notify.Tiding{AuthorityID: p.la.ID, UserID: p.chair.ID, Kind: domain.NoticeSubmissionsDigest, Count: 2, DedupeKey: "digest:race"}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- txn.Run(ctx, p.client, func(tx *ent.Tx) error { return notify.Tell(ctx, tx.Client(), td) })
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n, e := p.counts(t); n != 1 || e != 1 {
		t.Fatalf("%d notices and %d emails, want 1 and 1", n, e)
	}
}

// TestNewNoticesAreEventsAfterCommit: subscribers hear of a notice only once
// it is committed, and never of one rolled back.
func TestNewNoticesAreEventsAfterCommit(t *testing.T) {
	p := setUp(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	heard := p.broker.Subscribe(ctx)
	td := func(key string) notify.Tiding {
		return notify.Tiding{AuthorityID: p.la.ID, UserID: p.child.ID, Kind: domain.NoticeSubmissionRead, DedupeKey: key}
	}
	_ = txn.Run(ctx, p.client, func(tx *ent.Tx) error {
		if err := notify.Tell(ctx, tx.Client(), td("rolled-back")); err != nil {
			return err
		}
		return fmt.Errorf("roll back")
	})
	err := txn.Run(ctx, p.client, func(tx *ent.Tx) error {
		if err := notify.Tell(ctx, tx.Client(), td("committed")); err != nil {
			return err
		}
		select {
		case e := <-heard:
			t.Errorf("heard of a notice before its commit: %+v", e)
		default:
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case e := <-heard:
		n := p.client.Notice.GetX(system(), e.NoticeID)
		if e.Kind != events.NoticeAdded || e.UserID != p.child.ID || n.DedupeKey != "committed" {
			t.Errorf("event %+v for notice %+v", e, n)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("no event after the commit")
	}
}

func TestWordsForEveryKind(t *testing.T) {
	for _, k := range domain.NoticeKind("").Values() {
		w := notify.WordsFor(domain.NoticeKind(k), 2)
		if w.Title == "" || w.Message == "" || w.Title == notify.WordsFor("", 0).Title {
			t.Errorf("%s has no words of its own: %+v", k, w)
		}
	}
	if w := notify.WordsFor(domain.NoticeSubmissionsDigest, 1); !strings.HasPrefix(w.Message, "1 new submission ") {
		t.Errorf("digest of one: %q", w.Message)
	}
}
