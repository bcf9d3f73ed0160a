// Package events carries "something changed" from the code that changed it
// to the GraphQL subscriptions of every instance. An event holds ids only:
// each subscriber re-reads the record under its own viewer, as they are now,
// so the access rules decide what (if anything) they receive.
//
// A Broker delivers each event to this instance's subscribers at once, and,
// when it has a Bus (KITE_EVENTS: PostgreSQL LISTEN/NOTIFY or NATS), sends it
// to the other instances, whose brokers deliver it to theirs. When the bus's
// connection drops, every subscriber is sent Lost and its channel closed —
// events from other instances may have been missed meanwhile, so it must
// subscribe again — and new subscriptions get the same until the bus is
// back. Nothing is ever silently missed.
package events

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"time"

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
	// Lost: the connection to the other instances dropped, so events may
	// have been missed; the channel closes after it. Subscribe again (the
	// GraphQL subscriptions end with the error code RESUBSCRIBE).
	Lost
)

// Event is one change.
type Event struct {
	Kind         Kind     `json:"k"`
	AuthorityID  ident.ID `json:"a,omitempty"`
	SubmissionID ident.ID `json:"s,omitempty"`
	ChildID      ident.ID `json:"c,omitempty"`
	UserID       ident.ID `json:"u,omitempty"`
	NoticeID     ident.ID `json:"n,omitempty"`
}

// Bus carries events between instances.
type Bus interface {
	// Name is what KITE_EVENTS calls it: postgres or nats.
	Name() string
	// Publish sends one encoded event to every instance (this one too:
	// the broker skips its own).
	Publish(ctx context.Context, payload []byte) error
	// Run receives until ctx ends, reconnecting after a drop: each payload
	// goes to deliver, and state is told of each change of the connection
	// (nil when connected, the error when lost).
	Run(ctx context.Context, deliver func([]byte), state func(error))
}

// Broker fans events out to subscribers, and through its bus (if any) to
// the other instances. It is safe for concurrent use.
type Broker struct {
	bus    Bus
	origin string // this broker's id, so it skips its own events on the bus

	mu   sync.Mutex
	next int
	subs map[int]chan Event
	// down is why the bus is not connected (nil when it is, or there is no
	// bus).
	down error
}

// NewBroker returns a broker for this instance only (the embedded
// database, or KITE_EVENTS=memory).
func NewBroker() *Broker { return &Broker{subs: map[int]chan Event{}} }

// errNotConnected is a bus's state until it first connects.
var errNotConnected = errors.New("events: not connected to the bus yet")

// NewSharedBroker returns a broker that shares events with the other
// instances through bus. It is not connected until Run is.
func NewSharedBroker(bus Bus) *Broker {
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	return &Broker{bus: bus, origin: hex.EncodeToString(id), subs: map[int]chan Event{}, down: errNotConnected}
}

// Bus names the broker's bus: "memory" when there is none.
func (b *Broker) Bus() string {
	if b.bus == nil {
		return "memory"
	}
	return b.bus.Name()
}

// Healthy is nil while the broker reaches the other instances (always,
// without a bus), and otherwise says why not (for /readyz).
func (b *Broker) Healthy() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.down
}

// Run connects to the bus and receives the other instances' events until
// ctx ends. Without a bus it returns at once.
func (b *Broker) Run(ctx context.Context) {
	if b.bus == nil {
		return
	}
	b.bus.Run(ctx, b.receive, b.state)
}

// wire is an event on the bus.
type wire struct {
	Origin string `json:"o"`
	Event
}

// receive delivers another instance's event to this instance's subscribers.
func (b *Broker) receive(payload []byte) {
	var w wire
	if err := json.Unmarshal(payload, &w); err != nil {
		slog.Warn("events: unreadable event on the bus", "error", err)
		return
	}
	if w.Origin == b.origin || w.Kind == Lost {
		return
	}
	b.deliver(w.Event)
}

// state records the bus's connection: on a drop every subscriber is sent
// Lost and closed, as it may miss events until it subscribes again.
func (b *Broker) state(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	was := b.down
	b.down = err
	switch {
	case err == nil && was != nil:
		slog.Info("events: connected to the bus", "bus", b.bus.Name())
	case err != nil && was == nil:
		slog.Error("events: lost the bus; subscriptions are ended so that they subscribe again", "bus", b.bus.Name(), "error", err)
		for id, ch := range b.subs {
			lose(ch)
			delete(b.subs, id)
		}
	}
}

// lose tells a subscriber it may have missed events, and closes it. Lost
// always reaches it: a subscriber whose buffer is full loses its oldest
// event to make room (it is told to subscribe again anyway), so that a
// closed channel without Lost only ever means its context ended. Callers
// hold b.mu, so no other send can fill the room made.
func lose(ch chan Event) {
	select {
	case ch <- Event{Kind: Lost}:
	default:
		select {
		case <-ch:
		default:
		}
		ch <- Event{Kind: Lost}
	}
	close(ch)
}

// buffer is how many events a slow subscriber may fall behind by.
const buffer = 64

// Subscribe returns a channel of events, closed when ctx ends — or, after
// Lost, when the bus drops (a subscription made while the bus is down gets
// Lost at once).
func (b *Broker) Subscribe(ctx context.Context) <-chan Event {
	ch := make(chan Event, buffer)
	b.mu.Lock()
	if b.down != nil {
		b.mu.Unlock()
		lose(ch)
		return ch
	}
	id := b.next
	b.next++
	b.subs[id] = ch
	b.mu.Unlock()
	go func() {
		<-ctx.Done()
		b.mu.Lock()
		if _, ok := b.subs[id]; ok {
			delete(b.subs, id)
			close(ch)
		}
		b.mu.Unlock()
	}()
	return ch
}

// publishTimeout bounds sending one event to the bus.
const publishTimeout = 2 * time.Second

// Publish sends e to every subscriber of this instance without waiting: a
// subscriber that has fallen a whole buffer behind misses the event
// (logged), rather than holding up the change that caused it. With a bus,
// it then sends e to the other instances; if that fails it is logged, and
// the bus's drop ends their subscriptions (Lost).
func (b *Broker) Publish(e Event) {
	if b == nil {
		return
	}
	b.deliver(e)
	if b.bus == nil {
		return
	}
	payload, err := json.Marshal(wire{Origin: b.origin, Event: e})
	if err != nil {
		slog.Error("events: encode", "error", err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), publishTimeout)
	defer cancel()
	if err := b.bus.Publish(ctx, payload); err != nil {
		slog.Error("events: could not send an event to the other instances", "bus", b.bus.Name(), "kind", e.Kind, "error", err)
	}
}

// deliver sends e to this instance's subscribers.
func (b *Broker) deliver(e Event) {
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
