package events

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// fakeBus is a bus between brokers in one process.
type fakeBus struct {
	mu      sync.Mutex
	deliver []func([]byte)
	state   []func(error)
}

func (f *fakeBus) Name() string { return "fake" }

func (f *fakeBus) Publish(_ context.Context, p []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, d := range f.deliver {
		d(p)
	}
	return nil
}

func (f *fakeBus) Run(ctx context.Context, deliver func([]byte), state func(error)) {
	f.mu.Lock()
	f.deliver = append(f.deliver, deliver)
	f.state = append(f.state, state)
	f.mu.Unlock()
	state(nil)
}

// drop tells every broker its connection dropped.
func (f *fakeBus) drop() {
	for _, s := range f.state {
		s(errors.New("connection reset"))
	}
}

// TestBrokersShareEvents: an event published on one broker reaches the
// subscribers of every broker on the bus, once each (a broker does not
// deliver its own twice).
func TestBrokersShareEvents(t *testing.T) {
	bus := &fakeBus{}
	a, b := NewSharedBroker(bus), NewSharedBroker(bus)
	ctx := context.Background()
	for _, br := range []*Broker{a, b} {
		if br.Healthy() == nil {
			t.Error("healthy before connecting")
		}
		br.Run(ctx)
		if err := br.Healthy(); err != nil {
			t.Fatal(err)
		}
	}
	onA, onB := a.Subscribe(ctx), b.Subscribe(ctx)
	e := Event{Kind: SubmissionReceived, AuthorityID: "la_1", SubmissionID: "waf_1", ChildID: "chd_1"}
	a.Publish(e)
	for name, ch := range map[string]<-chan Event{"A": onA, "B": onB} {
		if got := <-ch; got != e {
			t.Errorf("%s received %+v, want %+v", name, got, e)
		}
		select {
		case extra := <-ch:
			t.Errorf("%s received a second event %+v", name, extra)
		default:
		}
	}
}

// TestLostBusEndsSubscriptions: when the bus drops, every subscriber gets
// Lost and its channel closes; a subscription made while it is down gets
// the same at once; once it is back, subscriptions work again.
func TestLostBusEndsSubscriptions(t *testing.T) {
	bus := &fakeBus{}
	br := NewSharedBroker(bus)
	ctx := context.Background()
	br.Run(ctx)
	sub := br.Subscribe(ctx)
	bus.drop()
	if e, ok := <-sub; !ok || e.Kind != Lost {
		t.Fatalf("after a drop: %+v, %v; want Lost", e, ok)
	}
	if _, ok := <-sub; ok {
		t.Fatal("the channel stays open after Lost")
	}
	if br.Healthy() == nil {
		t.Error("healthy while the bus is down")
	}
	if e := <-br.Subscribe(ctx); e.Kind != Lost {
		t.Errorf("a subscription while down got %+v, want Lost", e)
	}
	bus.state[0](nil)
	again := br.Subscribe(ctx)
	br.Publish(Event{Kind: NoticeAdded, UserID: "usr_1"})
	if e := <-again; e.Kind != NoticeAdded {
		t.Errorf("after reconnecting: %+v", e)
	}
}

// TestLostReachesASubscriberThatFellBehind: a subscriber whose buffer is
// full when the bus drops still ends with Lost (its oldest event makes
// room), not a bare close that would read as a normal end.
func TestLostReachesASubscriberThatFellBehind(t *testing.T) {
	bus := &fakeBus{}
	br := NewSharedBroker(bus)
	ctx := context.Background()
	br.Run(ctx)
	sub := br.Subscribe(ctx)
	for range buffer + 5 {
		br.Publish(Event{Kind: SubmissionReceived, SubmissionID: "waf_1"})
	}
	bus.drop()
	var last Event
	n := 0
	for e := range sub {
		last = e
		n++
	}
	if last.Kind != Lost || n != buffer {
		t.Errorf("%d events ending with %+v; want %d ending with Lost", n, last, buffer)
	}
}

// TestMemoryBrokerIsAlwaysHealthy: without a bus there is nothing to lose.
func TestMemoryBrokerIsAlwaysHealthy(t *testing.T) {
	br := NewBroker()
	br.Run(context.Background())
	if err := br.Healthy(); err != nil || br.Bus() != "memory" {
		t.Errorf("Healthy() = %v, Bus() = %q", err, br.Bus())
	}
}
