package notify

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"kite/ent"
	"kite/ent/notification"
	"kite/ent/privacy"
	"kite/internal/clock"
)

// Backoff bounds: the first retry after 30 seconds, doubling, at most an hour
// apart. Urgent messages keep being tried until they go.
const (
	firstRetry = 30 * time.Second
	maxRetry   = time.Hour
	batchSize  = 50
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
		if err := w.deliver(sys, n); err != nil {
			return sent, err
		}
		if n.DeliveredAt != nil {
			sent++
		}
	}
	return sent, nil
}

func (w *Worker) deliver(ctx context.Context, n *ent.Notification) error {
	err := w.Sender.Send(ctx, Render(n))
	now := w.Now.Now()
	if err == nil {
		n.DeliveredAt = &now
		return w.Client.Notification.UpdateOneID(n.ID).SetDeliveredAt(now).AddAttempts(1).Exec(ctx)
	}
	slog.WarnContext(ctx, "outbox: delivery failed; will retry", "notification", n.ID, "attempt", n.Attempts+1, "error", err)
	msg := err.Error()
	if len(msg) > 500 {
		msg = msg[:500]
	}
	return w.Client.Notification.UpdateOneID(n.ID).
		AddAttempts(1).
		SetLastError(msg).
		SetNextAttemptAt(now.Add(Backoff(n.Attempts + 1))).
		Exec(ctx)
}

// Backlog counts undelivered notifications (for metrics and tests).
func Backlog(ctx context.Context, client *ent.Client) (int, error) {
	return client.Notification.Query().Where(notification.DeliveredAtIsNil()).
		Count(privacy.DecisionContext(ctx, privacy.Allow))
}
