package httpserver

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLimitInFlight: no more than n requests run at once; the rest wait
// their turn and all are served; a client that gives up while waiting
// frees its place in the queue.
func TestLimitInFlight(t *testing.T) {
	var running, most atomic.Int32
	release := make(chan struct{})
	h := limitInFlight(2, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n := running.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		<-release
		running.Add(-1)
	}))
	var wg sync.WaitGroup
	served := atomic.Int32{}
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/query", nil))
			served.Add(1)
		}()
	}
	for running.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	// A client that gives up while waiting is let go.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	gaveUp := make(chan struct{})
	go func() {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/query", nil).WithContext(ctx))
		close(gaveUp)
	}()
	select {
	case <-gaveUp:
	case <-time.After(5 * time.Second):
		t.Fatal("a request whose client gave up kept waiting")
	}
	close(release)
	wg.Wait()
	if most.Load() != 2 || served.Load() != 6 {
		t.Errorf("ran %d at once (want 2) and served %d of 6", most.Load(), served.Load())
	}
	if limitInFlight(0, h) == nil {
		t.Error("no limit must pass requests through")
	}
}
