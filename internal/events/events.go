// Package events carries "something changed" from the code that changed it
// to the GraphQL subscriptions of this instance. An event holds ids only:
// each subscriber re-reads the record under its own viewer, as they are now,
// so the access rules decide what (if anything) they receive. Events reach
// subscribers on this instance only; several instances need a shared bus
// (PostgreSQL LISTEN/NOTIFY, NATS) — see the README.
package events

import (
	"context"
	"log/slog"
	"sync"

	"kite/internal/ident"
)

// Kind says what changed.
type Kind int

// Kinds of event.
const (
	// SubmissionReceived: a child sent a submission.
	SubmissionReceived Kind = iota + 1
	// SubmissionStatusChanged: a submission was read or answered.
	SubmissionStatusChanged
	// AccountChanged: an account was disabled, or its password changed.
	AccountChanged
	// NoticeAdded: someone was told something (notify.Tell); UserID is who,
	// NoticeID the notice.
	NoticeAdded
)

// Event is one change.
type Event struct {
	Kind         Kind
	AuthorityID  ident.ID
	SubmissionID ident.ID
	ChildID      ident.ID
	UserID       ident.ID
	NoticeID     ident.ID
}

// Broker fans events out to subscribers. It is safe for concurrent use.
type Broker struct {
	mu   sync.Mutex
	next int
	subs map[int]chan Event
}

// NewBroker returns an empty broker.
func NewBroker() *Broker { return &Broker{subs: map[int]chan Event{}} }

// buffer is how many events a slow subscriber may fall behind by.
const buffer = 64

// Subscribe returns a channel of events, closed when ctx ends.
func (b *Broker) Subscribe(ctx context.Context) <-chan Event {
	ch := make(chan Event, buffer)
	b.mu.Lock()
	id := b.next
	b.next++
	b.subs[id] = ch
	b.mu.Unlock()
	go func() {
		<-ctx.Done()
		b.mu.Lock()
		delete(b.subs, id)
		close(ch)
		b.mu.Unlock()
	}()
	return ch
}

// Publish sends e to every subscriber without waiting: a subscriber that has
// fallen a whole buffer behind misses the event (logged), rather than
// holding up the change that caused it.
func (b *Broker) Publish(e Event) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, ch := range b.subs {
		select {
		case ch <- e:
		default:
			slog.Warn("events: a subscriber is too slow; event dropped", "kind", e.Kind)
		}
	}
}
