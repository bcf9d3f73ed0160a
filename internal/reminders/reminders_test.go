package reminders

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	_ "kite/ent/runtime" // the access policies
	"kite/internal/civil"
	"kite/internal/testdb"
)

// TestRunLooksOnItsClockAndStops: Run looks at once and then every
// interval, by its own clock, and returns when its context ends.
func TestRunLooksOnItsClockAndStops(t *testing.T) {
	st := testdb.Open(t)
	var looks atomic.Int32
	s := &Scheduler{Client: st.Client, Interval: 10 * time.Millisecond, Now: func() time.Time {
		looks.Add(1)
		return time.Date(2026, 3, 2, 9, 0, 0, 0, civil.London)
	}}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() {
		s.Run(ctx)
		close(stopped)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for looks.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if looks.Load() < 3 {
		t.Fatalf("looked %d times in 5 seconds at a 10ms interval", looks.Load())
	}
	cancel()
	select {
	case <-stopped:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not stop when its context ended")
	}
}

// TestAtIsLondonTime: an hour o'clock is London's, in summer and in winter
// and on the days the clocks change.
func TestAtIsLondonTime(t *testing.T) {
	for _, tt := range []struct {
		day  string
		hour int
		utc  string
	}{
		{"2026-01-15", 8, "2026-01-15T08:00:00Z"},
		{"2026-07-15", 8, "2026-07-15T07:00:00Z"},
		{"2026-03-29", 8, "2026-03-29T07:00:00Z"}, // the clocks went forward at 1am
		{"2026-10-25", 8, "2026-10-25T08:00:00Z"}, // and back at 2am
		{"2026-10-25", 0, "2026-10-24T23:00:00Z"},
	} {
		if got := at(civil.MustParse(tt.day), tt.hour).UTC().Format(time.RFC3339); got != tt.utc {
			t.Errorf("at(%s, %d) = %s, want %s", tt.day, tt.hour, got, tt.utc)
		}
	}
}
