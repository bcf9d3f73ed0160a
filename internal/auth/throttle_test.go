package auth

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"kite/internal/shared"
	"kite/internal/shared/sharedtest"
)

// newTestThrottle is a throttle over the store under test: memory, unless
// TestThrottleOnSharedStores is running the tests over another.
func newTestThrottle(clock *testClock) *Throttle {
	return NewThrottle(ThrottleConfig{Now: clock.Now, Store: storeUnderTest})
}

// storeUnderTest is the store newTestThrottle uses; nil is memory.
var storeUnderTest shared.Store

// TestThrottleOnSharedStores runs the throttle's tests over each store
// several instances can share (PostgreSQL, Redis), each test with keys of
// its own, so that the counts behave there as in memory.
func TestThrottleOnSharedStores(t *testing.T) {
	tests := map[string]func(*testing.T){
		"FreshLoginsPass": TestThrottleFreshLoginsPass, "PairDelayGrowsAndCaps": TestThrottlePairDelayGrowsAndCaps,
		"DelayNeverExceedsCap": TestThrottleDelayNeverExceedsCap, "PairIsPerAddressAndCaseInsensitive": TestThrottlePairIsPerAddressAndCaseInsensitive,
		"SuccessClearsThePairOnly": TestThrottleSuccessClearsThePairOnly, "PerUsernameIsGentle": TestThrottlePerUsernameIsGentle,
		"KnownAddressSkipsPerUsernameDelay": TestThrottleKnownAddressSkipsPerUsernameDelay, "PerAddressCap": TestThrottlePerAddressCap,
		"IPv6CountsPerSlash64": TestThrottleIPv6CountsPerSlash64, "Forgets": TestThrottleForgets,
	}
	defer func() { storeUnderTest = nil }()
	for _, kind := range []string{shared.KindPostgres, shared.KindRedis} {
		t.Run(kind, func(t *testing.T) {
			for name, test := range tests {
				t.Run(name, func(t *testing.T) {
					if storeUnderTest = sharedtest.Store(t, kind); storeUnderTest == nil {
						t.Skipf("no %s server for tests", kind)
					}
					test(t)
				})
			}
		})
	}
}

// memoryLen is how many keys the throttle's memory store holds (tests of
// the memory store only).
func memoryLen(t *testing.T, th *Throttle) int {
	m, ok := th.store.(*shared.Memory)
	if !ok {
		return -1
	}
	return m.Len()
}

// wantWait checks Check's answer for one username and address.
func wantWait(t *testing.T, th *Throttle, user, addr string, want time.Duration) {
	t.Helper()
	got, ok := th.Check(user, addr)
	if got != want || ok != (want == 0) {
		t.Errorf("Check(%q, %q) = %v, %v; want %v, %v", user, addr, got, ok, want, want == 0)
	}
}

func TestThrottleFreshLoginsPass(t *testing.T) {
	th := newTestThrottle(newClock())
	wantWait(t, th, "child.demo", "192.0.2.1", 0)
	wantWait(t, th, "nobody.at.all", "192.0.2.1", 0)
}

func TestThrottlePairDelayGrowsAndCaps(t *testing.T) {
	clock := newClock()
	th := newTestThrottle(clock)
	const user, addr = "child.demo", "192.0.2.1"

	for range pairFreeFailures - 1 {
		th.Failure(user, addr)
		wantWait(t, th, user, addr, 0)
	}
	// From the 5th failure: 1s, 2s, 4s, … doubling, then 15 minutes.
	want := []time.Duration{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900}
	for i, w := range want {
		th.Failure(user, addr)
		w *= time.Second
		if got, ok := th.Check(user, addr); got != w || ok {
			t.Fatalf("after %d failures: Check = %v, %v; want %v", pairFreeFailures+i, got, ok, w)
		}
		// Checking is not a failure: asking again gives the same answer.
		if got, _ := th.Check(user, addr); got != w {
			t.Fatalf("second Check = %v, want %v", got, w)
		}
		clock.Advance(w - time.Second)
		wantWait(t, th, user, addr, time.Second)
		clock.Advance(time.Second)
		wantWait(t, th, user, addr, 0)
	}
}

func TestThrottleDelayNeverExceedsCap(t *testing.T) {
	clock := newClock()
	th := newTestThrottle(clock)
	for range 200 {
		th.Failure("child.demo", "192.0.2.1")
	}
	wantWait(t, th, "child.demo", "192.0.2.1", pairMaxDelay)
}

func TestThrottlePairIsPerAddressAndCaseInsensitive(t *testing.T) {
	th := newTestThrottle(newClock())
	for range 6 {
		th.Failure("Child.Demo", "192.0.2.1")
	}
	wantWait(t, th, "child.demo", "192.0.2.1", 2*time.Second)
	wantWait(t, th, " CHILD.DEMO ", "192.0.2.1", 2*time.Second)
	wantWait(t, th, "child.demo", "192.0.2.1:51234", 2*time.Second) // a port is ignored
	wantWait(t, th, "child.demo", "198.51.100.7", 0)                // another address
	wantWait(t, th, "child2.demo", "192.0.2.1", 0)                  // another user
}

func TestThrottleSuccessClearsThePairOnly(t *testing.T) {
	clock := newClock()
	th := newTestThrottle(clock)
	const user, addr = "child.demo", "192.0.2.1"
	for range 8 {
		th.Failure(user, addr)
	}
	th.Success(user, addr)
	wantWait(t, th, user, addr, 0)

	// Failures spread over many usernames from one address are not wiped
	// by the attacker signing in to an account of their own.
	const attacker = "203.0.113.9"
	for i := range addrMaxFailures {
		th.Failure(fmt.Sprintf("user%d", i), attacker)
	}
	th.Success("attackers.own", attacker)
	if _, ok := th.Check("another.user", attacker); ok {
		t.Error("per-address count was cleared by a success")
	}
}

func TestThrottlePerUsernameIsGentle(t *testing.T) {
	clock := newClock()
	th := newTestThrottle(clock)
	const user = "child.demo"
	// An attacker elsewhere fails from a different address each time, so
	// no per-pair delay applies: only the per-username one.
	attack := func(n int) {
		for i := range n {
			th.Failure(user, fmt.Sprintf("198.51.100.%d", i%250))
		}
	}
	attack(userFreeFailures - 1)
	wantWait(t, th, user, "192.0.2.1", 0)
	attack(1)
	wantWait(t, th, user, "192.0.2.1", userBaseDelay)

	// However hard the attack, the child waits at most a minute.
	attack(1000)
	wantWait(t, th, user, "192.0.2.1", userMaxDelay)
	clock.Advance(userMaxDelay)
	wantWait(t, th, user, "192.0.2.1", 0)

	// Other usernames are not affected.
	wantWait(t, th, "child2.demo", "192.0.2.1", 0)
}

func TestThrottleKnownAddressSkipsPerUsernameDelay(t *testing.T) {
	clock := newClock()
	th := newTestThrottle(clock)
	const user, home = "child.demo", "192.0.2.1"
	th.Success(user, home)
	clock.Advance(time.Hour)
	for i := range 500 {
		th.Failure(user, fmt.Sprintf("198.51.100.%d", i%250))
	}
	// The child at home is not slowed down by the attack elsewhere...
	wantWait(t, th, user, home, 0)
	// ...but from a new place the gentle per-username delay applies.
	wantWait(t, th, user, "203.0.113.5", userMaxDelay)
	// Failing at home still counts for the home pair.
	for range pairFreeFailures {
		th.Failure(user, home)
	}
	wantWait(t, th, user, home, pairBaseDelay)
	// And the exemption ends after a month without a sign-in from there.
	th.Success(user, home)
	clock.Advance(knownAddressMemory)
	for i := range 30 {
		th.Failure(user, fmt.Sprintf("198.51.100.%d", i))
	}
	wantWait(t, th, user, home, userMaxDelay)
}

func TestThrottlePerAddressCap(t *testing.T) {
	clock := newClock()
	th := newTestThrottle(clock)
	const addr = "203.0.113.9"
	for i := range addrMaxFailures - 1 {
		th.Failure(fmt.Sprintf("user%d", i), addr)
		clock.Advance(5 * time.Second)
	}
	wantWait(t, th, "fresh.user", addr, 0)
	th.Failure("user99", addr)
	// The window started at the first failure, 99×5s = 495s ago.
	wantWait(t, th, "fresh.user", addr, addrWindow-495*time.Second)
	wantWait(t, th, "fresh.user", "198.51.100.1", 0) // other addresses are fine
	clock.Advance(addrWindow - 495*time.Second)
	wantWait(t, th, "fresh.user", addr, 0)
	// A new window starts counting from zero.
	th.Failure("user0", addr)
	wantWait(t, th, "fresh.user", addr, 0)
}

func TestThrottleIPv6CountsPerSlash64(t *testing.T) {
	th := newTestThrottle(newClock())
	for i := range addrMaxFailures {
		th.Failure(fmt.Sprintf("user%d", i), fmt.Sprintf("2001:db8:1:2::%x", i+1))
	}
	if _, ok := th.Check("fresh.user", "2001:db8:1:2:ffff::1"); ok {
		t.Error("another address in the same /64 was not throttled")
	}
	if _, ok := th.Check("fresh.user", "[2001:db8:1:2::abcd]:443"); ok {
		t.Error("an address with a port in the same /64 was not throttled")
	}
	wantWait(t, th, "fresh.user", "2001:db8:1:3::1", 0)
}

func TestThrottleForgets(t *testing.T) {
	clock := newClock()
	th := newTestThrottle(clock)
	for range 10 {
		th.Failure("child.demo", "192.0.2.1")
	}
	clock.Advance(pairMemory)
	wantWait(t, th, "child.demo", "192.0.2.1", 0)
	// Forgotten means counting starts again, not just that the wait ran out.
	th.Failure("child.demo", "192.0.2.1")
	wantWait(t, th, "child.demo", "192.0.2.1", 0)

	// Expired entries are swept as new failures arrive.
	for i := range 50 {
		th.Failure(fmt.Sprintf("user%d", i), "198.51.100.1")
	}
	clock.Advance(pairMemory)
	th.Failure("late.user", "198.51.100.2")
	if n := memoryLen(t, th); n != 3 && n != -1 {
		t.Errorf("%d entries tracked after the others expired, want 3 (the new pair, user, address)", n)
	}
}

func TestThrottleMemoryIsBounded(t *testing.T) {
	clock := newClock()
	th := NewThrottle(ThrottleConfig{Now: clock.Now, MaxKeys: 30})
	for i := range 1000 {
		th.Failure(fmt.Sprintf("user%d", i), fmt.Sprintf("10.0.%d.%d", i/250, i%250))
	}
	if n := memoryLen(t, th); n > 30 {
		t.Errorf("%d entries, want at most 30", n)
	}
	// The most recent keys are the ones kept.
	for range 4 {
		th.Failure("user999", "10.0.3.249")
	}
	wantWait(t, th, "user999", "10.0.3.249", pairBaseDelay)
	if n := memoryLen(t, th); n > 30 {
		t.Errorf("%d entries, want at most 30", n)
	}
	if NewThrottle(ThrottleConfig{}).store.(*shared.Memory) == nil {
		t.Error("no memory store by default")
	}
}

func TestBackoff(t *testing.T) {
	cases := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {4, 0}, {5, time.Second}, {6, 2 * time.Second}, {14, 512 * time.Second},
		{15, 15 * time.Minute}, {40, 15 * time.Minute}, {1 << 30, 15 * time.Minute},
	}
	for _, c := range cases {
		if got := backoff(c.failures, pairFreeFailures, pairBaseDelay, pairMaxDelay); got != c.want {
			t.Errorf("backoff(%d) = %v, want %v", c.failures, got, c.want)
		}
	}
}

func TestThrottleConcurrentUse(t *testing.T) {
	th := NewThrottle(ThrottleConfig{MaxKeys: 500})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				user := fmt.Sprintf("user%d", i%300)
				addr := fmt.Sprintf("10.0.%d.%d", g, i%7)
				th.Check(user, addr)
				if i%5 == 0 {
					th.Success(user, addr)
				} else {
					th.Failure(user, addr)
				}
			}
		}()
	}
	wg.Wait()
	if n := memoryLen(t, th); n > 500 {
		t.Errorf("%d entries after concurrent use, want at most 500", n)
	}
}
