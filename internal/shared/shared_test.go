package shared_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"kite/internal/shared"
	"kite/internal/shared/sharedtest"
)

// TestStores: every store keeps, changes, counts and forgets entries alike,
// and its Update and Add are atomic under concurrent use.
func TestStores(t *testing.T) {
	for _, st := range sharedtest.Stores(t) {
		t.Run(st.Kind(), func(t *testing.T) {
			ctx := context.Background()
			now := time.Now()
			if _, ok, err := st.Get(ctx, "missing", now); ok || err != nil {
				t.Fatalf("Get(missing) = %v, %v", ok, err)
			}
			set := func(e *shared.Entry) { e.Count++; e.Last = now; e.Expires = now.Add(time.Minute) }
			for range 3 {
				if err := st.Update(ctx, "k", now, set); err != nil {
					t.Fatal(err)
				}
			}
			e, ok, err := st.Get(ctx, "k", now)
			if !ok || err != nil || e.Count != 3 || !e.Last.Equal(now) {
				t.Fatalf("Get(k) = %+v, %v, %v; want count 3", e, ok, err)
			}
			if _, ok, _ := st.Get(ctx, "k", now.Add(time.Minute)); ok {
				t.Error("an entry is live at its expiry")
			}
			// An expired entry starts again from nothing.
			later := now.Add(2 * time.Minute)
			if err := st.Update(ctx, "k", later, func(e *shared.Entry) {
				if e.Count != 0 {
					t.Errorf("Update saw an expired entry: %+v", e)
				}
				e.Count, e.Expires = 1, later.Add(time.Minute)
			}); err != nil {
				t.Fatal(err)
			}
			// Add: counts from nothing, keeps the first expiry, restarts
			// once expired.
			for i, want := range []int{2, 5} {
				got, err := st.Add(ctx, "w", []int{2, 3}[i], now, now.Add(time.Minute+time.Duration(i)*time.Hour))
				if err != nil || got != want {
					t.Fatalf("Add = %d, %v; want %d", got, err, want)
				}
			}
			if e, ok, _ := st.Get(ctx, "w", now); !ok || e.Count != 5 {
				t.Errorf("Get(w) = %+v, %v; want count 5", e, ok)
			}
			if got, _ := st.Add(ctx, "w", 1, later, later.Add(time.Minute)); got != 1 {
				t.Errorf("Add after expiry = %d, want 1", got)
			}
			// Atomic: 4 goroutines × 10 of each.
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					for range 10 {
						if err := st.Update(ctx, "race", now, set); err != nil {
							t.Error(err)
						}
						if _, err := st.Add(ctx, "race-n", 1, now, now.Add(time.Minute)); err != nil {
							t.Error(err)
						}
					}
				})
			}
			wg.Wait()
			if e, _, _ := st.Get(ctx, "race", now); e.Count != 40 {
				t.Errorf("concurrent Update: count %d, want 40", e.Count)
			}
			if e, _, _ := st.Get(ctx, "race-n", now); e.Count != 40 {
				t.Errorf("concurrent Add: count %d, want 40", e.Count)
			}
			if err := st.Ping(ctx); err != nil {
				t.Error(err)
			}
		})
	}
}
