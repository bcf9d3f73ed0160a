package notify_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kite/ent"
	"kite/ent/notification"
	"kite/internal/notify"
)

// countingSender records every message it is given, by Message-ID.
type countingSender struct {
	mu   sync.Mutex
	sent map[string]int
	// block, when set, holds every Send until it is closed.
	block chan struct{}
}

func (c *countingSender) Send(ctx context.Context, m notify.Message) error {
	if c.block != nil {
		select {
		case <-c.block:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sent == nil {
		c.sent = map[string]int{}
	}
	c.sent[m.ID]++
	return nil
}

func (p *people) enqueue(t *testing.T, n int) {
	t.Helper()
	for i := range n {
		err := notify.Enqueue(context.Background(), p.client, notify.Notification{AuthorityID: p.la.ID,
			Kind: notify.UrgentSubmission, UserID: p.chair.ID, Address: p.chair.WorkEmail,
			Payload: map[string]string{"submissionId": fmt.Sprintf("waf_%d", i)}})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestOutboxWorkersSendEachOnce: workers of several instances deliver one
// outbox at once; each notification is claimed by one of them and sent
// exactly once.
func TestOutboxWorkersSendEachOnce(t *testing.T) {
	p := setUp(t)
	const total = 60
	p.enqueue(t, total)
	sender := &countingSender{}
	var wg sync.WaitGroup
	for range 3 {
		w := &notify.Worker{Client: p.client, Sender: sender, Now: time.Now}
		wg.Go(func() {
			for {
				n, err := w.DeliverDue(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				if n == 0 {
					return
				}
			}
		})
	}
	wg.Wait()
	if backlog, err := notify.Backlog(context.Background(), p.client); err != nil || backlog != 0 {
		t.Fatalf("backlog %d (%v), want 0", backlog, err)
	}
	if len(sender.sent) != total {
		t.Errorf("%d notifications sent, want %d", len(sender.sent), total)
	}
	for id, times := range sender.sent {
		if times != 1 {
			t.Errorf("notification %s sent %d times", id, times)
		}
	}
}

// TestOutboxClaimOfADeadWorkerRunsOut: a worker that claimed a
// notification and died before sending it (here: its send never returns)
// holds it only for the lease; then another worker sends it.
func TestOutboxClaimOfADeadWorkerRunsOut(t *testing.T) {
	p := setUp(t)
	p.enqueue(t, 1)
	now := time.Now()
	stuck := &countingSender{block: make(chan struct{})}
	ctx, die := context.WithCancel(context.Background())
	dead := &notify.Worker{Client: p.client, Sender: stuck, Now: func() time.Time { return now }}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = dead.DeliverDue(ctx)
	}()
	// Wait until the dead worker holds the claim.
	for p.client.Notification.Query().Where(notification.Attempts(1)).CountX(system()) == 0 {
		time.Sleep(time.Millisecond)
	}
	other := &countingSender{}
	later := now
	alive := &notify.Worker{Client: p.client, Sender: other, Now: func() time.Time { return later }}
	if n, err := alive.DeliverDue(context.Background()); err != nil || n != 0 {
		t.Fatalf("sent %d (%v) while another worker held the claim, want 0", n, err)
	}
	later = now.Add(3 * time.Minute) // past the lease
	if n, err := alive.DeliverDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("sent %d (%v) after the lease ran out, want 1", n, err)
	}
	die()
	<-done
	if len(stuck.sent) != 0 || len(other.sent) != 1 {
		t.Errorf("sent by the dead worker %d, by the other %d; want 0 and 1", len(stuck.sent), len(other.sent))
	}
}

// TestOutboxRecordsASendThroughADroppedConnection: when the database
// refuses the record that a notification went (a connection dropped just
// after the message left), the worker keeps trying to write it rather than
// leaving the notification to be sent again when its lease ends.
func TestOutboxRecordsASendThroughADroppedConnection(t *testing.T) {
	p := setUp(t)
	p.enqueue(t, 1)
	var refused atomic.Int32
	p.client.Notification.Use(func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			nm := m.(*ent.NotificationMutation)
			if _, sent := nm.DeliveredAt(); sent && refused.Add(1) <= 3 {
				return nil, errors.New("connection reset by peer")
			}
			return next.Mutate(ctx, m)
		})
	})
	sender := &countingSender{}
	now := time.Now()
	w := &notify.Worker{Client: p.client, Sender: sender, Now: func() time.Time { return now }, Lease: 5 * time.Second}
	if n, err := w.DeliverDue(context.Background()); err != nil || n != 1 {
		t.Fatalf("sent %d (%v), want 1 recorded after the refusals", n, err)
	}
	now = now.Add(time.Hour) // long past the lease: nothing is left to send
	if n, err := w.DeliverDue(context.Background()); err != nil || n != 0 {
		t.Fatalf("a second round sent %d (%v), want 0", n, err)
	}
	if refused.Load() != 4 || len(sender.sent) != 1 {
		t.Errorf("%d record attempts, %d messages; want 4 attempts and 1 message", refused.Load(), len(sender.sent))
	}
	for id, times := range sender.sent {
		if times != 1 {
			t.Errorf("notification %s sent %d times", id, times)
		}
	}
}
