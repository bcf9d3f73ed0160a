package auth

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
)

// testParams keep hashing fast in tests; production uses
// DefaultArgon2Params.
var testParams = argon2id.Params{Memory: 64, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

func newTestHasher(t *testing.T, concurrency int) *Hasher {
	t.Helper()
	h, err := NewHasher(testParams, concurrency)
	if err != nil {
		t.Fatalf("NewHasher: %v", err)
	}
	return h
}

func TestDefaultArgon2Params(t *testing.T) {
	// OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1.
	p := DefaultArgon2Params
	if p.Memory != 19456 || p.Iterations != 2 || p.Parallelism != 1 || p.SaltLength < 16 || p.KeyLength < 32 {
		t.Errorf("DefaultArgon2Params = %+v", p)
	}
	if err := checkParams(p); err != nil {
		t.Errorf("checkParams: %v", err)
	}
}

func TestHashAndCompare(t *testing.T) {
	ctx := context.Background()
	h := newTestHasher(t, 2)
	const pw = "otter pencil 🌧 cloud"

	hash, err := h.Hash(ctx, pw)
	if err != nil {
		t.Fatalf("Hash: %v", err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash = %q, want argon2id with the test parameters", hash)
	}
	if strings.Contains(hash, pw) {
		t.Error("hash contains the password")
	}
	again, _ := h.Hash(ctx, pw)
	if again == hash {
		t.Error("two hashes of one password are equal: salt not random")
	}

	for _, tc := range []struct {
		pw   string
		want bool
	}{
		{pw, true},
		{"otter pencil 🌧 cloud ", false},
		{"Otter pencil 🌧 cloud", false},
		{"", false},
	} {
		got, err := h.Compare(ctx, tc.pw, hash)
		if err != nil || got != tc.want {
			t.Errorf("Compare(%q) = %v, %v; want %v", tc.pw, got, err, tc.want)
		}
	}
}

func TestCompareOlderParameters(t *testing.T) {
	ctx := context.Background()
	h := newTestHasher(t, 1)
	older := testParams
	older.Iterations = 2
	oldHash, err := argon2id.CreateHash("long enough password", &older)
	if err != nil {
		t.Fatal(err)
	}
	ok, err := h.Compare(ctx, "long enough password", oldHash)
	if !ok || err != nil {
		t.Errorf("Compare with a hash of other parameters = %v, %v", ok, err)
	}
	if !h.NeedsRehash(oldHash) {
		t.Error("NeedsRehash(other parameters) = false")
	}
	current, _ := h.Hash(ctx, "long enough password")
	if h.NeedsRehash(current) {
		t.Error("NeedsRehash(current parameters) = true")
	}
	if !h.NeedsRehash("not a hash") {
		t.Error("NeedsRehash(malformed) = false")
	}
}

func TestCompareEmptyHashNeverMatches(t *testing.T) {
	h := newTestHasher(t, 1)
	for _, pw := range []string{"", "anything at all"} {
		ok, err := h.Compare(context.Background(), pw, "")
		if ok || err != nil {
			t.Errorf("Compare(%q, \"\") = %v, %v; want false, nil", pw, ok, err)
		}
	}
}

func TestCompareRefusesMalformedHashes(t *testing.T) {
	h := newTestHasher(t, 1)
	const salt = "c29tZXNhbHRzb21lc2FsdA" // 16 bytes
	const key = "RdescudvJCsgt3ub+b+dWRWJTmaaJObGRdescudvJCs"
	cases := map[string]string{
		"garbage":         "not a hash",
		"bcrypt":          "$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
		"argon2i":         "$argon2i$v=19$m=64,t=1,p=1$" + salt + "$" + key,
		"old version":     "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key,
		"bad base64":      "$argon2id$v=19$m=64,t=1,p=1$!!$" + key,
		"no iterations":   "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key,
		"no lanes":        "$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key,
		"huge memory":     "$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + key,
		"many iterations": "$argon2id$v=19$m=64,t=1000,p=1$" + salt + "$" + key,
		// An empty key makes argon2 panic; a short one matches many passwords.
		"empty key":  "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$",
		"short key":  "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$AAAA",
		"empty salt": "$argon2id$v=19$m=64,t=1,p=1$$" + key,
	}
	for name, hash := range cases {
		t.Run(name, func(t *testing.T) {
			ok, err := h.Compare(context.Background(), "any password", hash)
			if ok || !errors.Is(err, ErrMalformedHash) {
				t.Errorf("Compare = %v, %v; want false, ErrMalformedHash", ok, err)
			}
		})
	}
}

func TestCompareDummy(t *testing.T) {
	h := newTestHasher(t, 1)
	if !strings.HasPrefix(h.dummy, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("dummy hash %q does not use the hasher's parameters", h.dummy)
	}
	if err := h.CompareDummy(context.Background(), "whatever"); err != nil {
		t.Errorf("CompareDummy: %v", err)
	}
	other := newTestHasher(t, 1)
	if other.dummy == h.dummy {
		t.Error("two hashers share a dummy hash")
	}
}

func TestNewHasher(t *testing.T) {
	h := newTestHasher(t, 0)
	if want := max(1, runtime.NumCPU()/2); cap(h.slots) != want {
		t.Errorf("default concurrency = %d, want %d", cap(h.slots), want)
	}
	if h := newTestHasher(t, 3); cap(h.slots) != 3 {
		t.Errorf("concurrency = %d, want 3", cap(h.slots))
	}
	bad := map[string]func(p *argon2id.Params){
		"no iterations": func(p *argon2id.Params) { p.Iterations = 0 },
		"no lanes":      func(p *argon2id.Params) { p.Parallelism = 0 },
		"tiny memory":   func(p *argon2id.Params) { p.Memory = 4 },
		"short salt":    func(p *argon2id.Params) { p.SaltLength = 8 },
		"short key":     func(p *argon2id.Params) { p.KeyLength = 8 },
	}
	for name, change := range bad {
		p := testParams
		change(&p)
		if _, err := NewHasher(p, 1); err == nil {
			t.Errorf("%s: NewHasher succeeded", name)
		}
	}
}

func TestHasherCancelledContext(t *testing.T) {
	h := newTestHasher(t, 1)
	hash, _ := h.Hash(context.Background(), "a password to check")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// Even with a free slot, a finished context does no work.
	if _, err := h.Hash(ctx, "pw"); !errors.Is(err, context.Canceled) {
		t.Errorf("Hash: err = %v, want context.Canceled", err)
	}
	if ok, err := h.Compare(ctx, "a password to check", hash); ok || !errors.Is(err, context.Canceled) {
		t.Errorf("Compare = %v, %v; want false, context.Canceled", ok, err)
	}
	if err := h.CompareDummy(ctx, "pw"); !errors.Is(err, context.Canceled) {
		t.Errorf("CompareDummy: err = %v, want context.Canceled", err)
	}
}

func TestHasherWaitsForASlot(t *testing.T) {
	h := newTestHasher(t, 1)
	hash, _ := h.Hash(context.Background(), "a password to check")

	// Hold the only slot, as a long hash would.
	if err := h.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}

	// A waiting call gives up when its context ends.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := h.Compare(ctx, "a password to check", hash); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Compare while the slot is held: err = %v, want DeadlineExceeded", err)
	}

	// A call with no deadline waits, and finishes once the slot is free.
	done := make(chan bool)
	go func() {
		ok, _ := h.Compare(context.Background(), "a password to check", hash)
		done <- ok
	}()
	select {
	case <-done:
		t.Fatal("Compare ran while the only slot was held")
	case <-time.After(50 * time.Millisecond):
	}
	h.release()
	if ok := <-done; !ok {
		t.Error("Compare after the slot was freed = false")
	}
	if n := len(h.slots); n != 0 {
		t.Errorf("%d slots still held after all calls returned", n)
	}
}

func TestHasherConcurrentUse(t *testing.T) {
	h := newTestHasher(t, 2)
	hash, _ := h.Hash(context.Background(), "a password to check")
	errs := make(chan error, 16)
	for range 16 {
		go func() {
			ok, err := h.Compare(context.Background(), "a password to check", hash)
			if err == nil && !ok {
				err = errors.New("no match")
			}
			errs <- err
		}()
	}
	for range 16 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if n := len(h.slots); n != 0 {
		t.Errorf("%d slots still held after all calls returned", n)
	}
}

// BenchmarkHashDefault shows the cost of one production hash.
func BenchmarkHashDefault(b *testing.B) {
	h, err := NewHasher(DefaultArgon2Params, 1)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := h.Hash(context.Background(), "otter pencil cloud"); err != nil {
			b.Fatal(err)
		}
	}
}
