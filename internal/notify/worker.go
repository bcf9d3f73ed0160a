package notify

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"time"

	"kite/ent"
	"kite/ent/notification"
	"kite/ent/privacy"
	"kite/internal/clock"
	"kite/internal/ident"
)

// Backoff bounds: the first retry after 30 seconds, doubling, at most an hour
// apart. Urgent messages keep being tried until they go.
const (
	firstRetry = 30 * time.Second
	maxRetry   = time.Hour
	batchSize  = 50
	// DefaultLease is how long a claimed notification is one worker's to
	// send: longer than one delivery attempt (SMTPSender's timeout is 30
	// seconds). A worker that dies holding a claim leaves the notification
	// due again when the lease ends, so another instance sends it.
	DefaultLease = 2 * time.Minute
)

// Backoff is the wait before attempt number attempts+1.
func Backoff(attempts int) time.Duration {
	d := firstRetry
	for i := 1; i < attempts && d < maxRetry; i++ {
		d *= 2
	}
	return min(d, maxRetry)
}

// Worker delivers the outbox.
type Worker struct {
	Client   *ent.Client
	Sender   Sender
	Interval time.Duration
	// Now is the worker's clock; tests set it.
	Now clock.Clock
	// Wake, when sent to, makes the worker look at once (after a commit).
	Wake chan struct{}
	// Lease is how long a claim lasts (zero: DefaultLease).
	Lease time.Duration
}

// Run delivers until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	interval := w.Interval
	if interval == 0 {
		interval = 5 * time.Second
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := w.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			slog.ErrorContext(ctx, "outbox", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-w.Wake:
		}
	}
}

// DeliverDue tries every undelivered notification whose time has come, and
// reports how many went.
//
// Several instances may run workers over one database. Each notification is
// claimed before it is sent (claim), so exactly one worker sends it; a
// claim is a lease, so one held by a worker that died runs out and the
// notification is sent by another.
func (w *Worker) DeliverDue(ctx context.Context) (int, error) {
	// System context: the outbox is system data.
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	due, err := w.Client.Notification.Query().
		Where(notification.DeliveredAtIsNil(), notification.NextAttemptAtLTE(w.Now.Now())).
		Order(notification.ByNextAttemptAt()).
		Limit(batchSize).
		All(sys)
	if err != nil {
		return 0, fmt.Errorf("outbox: %w", err)
	}
	sent := 0
	for _, n := range due {
		mine, err := w.claim(sys, n)
		if err != nil {
			return sent, err
		}
		if !mine {
			continue // another worker claimed it first
		}
		// The wall-clock end of this worker's claim (w.Now may be a test's).
		leaseEnds := time.Now().Add(w.lease())
		if err := w.deliver(sys, n, leaseEnds); err != nil {
			return sent, err
		}
		if n.DeliveredAt != nil {
			sent++
		}
	}
	return sent, nil
}

// claim makes n this worker's to send for the lease, and counts the
// attempt. It is one conditional UPDATE: it changes the row only while n is
// still undelivered, due, and at the attempt count this worker read, so of
// two workers that read n only one claims it (on SQLite and PostgreSQL
// alike, with no lock held while the message is sent).
func (w *Worker) claim(ctx context.Context, n *ent.Notification) (bool, error) {
	now := w.Now.Now()
	claimed, err := w.Client.Notification.Update().
		Where(notification.ID(n.ID), notification.DeliveredAtIsNil(),
			notification.NextAttemptAtLTE(now), notification.Attempts(n.Attempts)).
		SetNextAttemptAt(now.Add(w.lease())).
		AddAttempts(1).
		Save(ctx)
	if err != nil {
		return false, fmt.Errorf("outbox: claim: %w", err)
	}
	n.Attempts++
	return claimed == 1, nil
}

func (w *Worker) lease() time.Duration { return cmp.Or(w.Lease, DefaultLease) }

// deliver sends a claimed notification and records the outcome.
func (w *Worker) deliver(ctx context.Context, n *ent.Notification, leaseEnds time.Time) error {
	err := w.Sender.Send(ctx, Render(n))
	now := w.Now.Now()
	if err == nil {
		n.DeliveredAt = &now
		return w.recordDelivered(ctx, n.ID, now, leaseEnds)
	}
	slog.WarnContext(ctx, "outbox: delivery failed; will retry", "notification", n.ID, "attempt", n.Attempts, "error", err)
	msg := err.Error()
	if len(msg) > 500 {
		msg = msg[:500]
	}
	return w.Client.Notification.UpdateOneID(n.ID).
		SetLastError(msg).
		SetNextAttemptAt(now.Add(Backoff(n.Attempts))).
		Exec(ctx)
}

// recordDelivered writes that a notification went. The message is already
// out, so a record lost to a dropped database connection would mean a
// second message when the lease ends: the write is retried (the pool
// reconnects) until it succeeds or the lease is over, and is not given up
// when the worker is being stopped.
func (w *Worker) recordDelivered(ctx context.Context, id ident.ID, at, leaseEnds time.Time) error {
	ctx, cancel := context.WithDeadline(context.WithoutCancel(ctx), leaseEnds)
	defer cancel()
	wait := 20 * time.Millisecond
	for {
		err := w.Client.Notification.UpdateOneID(id).SetDeliveredAt(at).Exec(ctx)
		if err == nil {
			return nil
		}
		slog.WarnContext(ctx, "outbox: recording a sent notification failed; trying again", "notification", id, "error", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("outbox: recording %s as sent: %w", id, err)
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
	}
}

// Backlog counts undelivered notifications (for metrics and tests).
func Backlog(ctx context.Context, client *ent.Client) (int, error) {
	return client.Notification.Query().Where(notification.DeliveredAtIsNil()).
		Count(privacy.DecisionContext(ctx, privacy.Allow))
}
