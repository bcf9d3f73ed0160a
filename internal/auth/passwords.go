package auth

import (
	"context"
	"errors"
	"fmt"
	"runtime"

	"github.com/alexedwards/argon2id"
)

// DefaultArgon2Params are the production argon2id parameters: OWASP's
// Password Storage Cheat Sheet minimum of 19 MiB of memory, 2 iterations and
// 1 lane. OWASP lists several equivalent settings; this one uses the least
// memory per hash, which matters because the memory budget is 100 MB
// resident and up to one hash per two CPUs runs at once (NewHasher): on four
// cores 2 × 19 MiB, where the 46 MiB setting would take 92 MiB. One lane
// because the Hasher runs logins side by side already; more lanes would let
// a single login take several cores.
var DefaultArgon2Params = argon2id.Params{
	Memory:      19 * 1024, // KiB
	Iterations:  2,
	Parallelism: 1,
	SaltLength:  16,
	KeyLength:   32,
}

// Limits on the parameters a stored hash may ask for. A hash comes from our
// own database, but a corrupt or tampered row must not be able to make one
// login take gigabytes of memory or minutes of CPU.
const (
	maxHashMemoryKiB  = 64 * 1024
	maxHashIterations = 10
	maxHashLanes      = 8
)

// ErrMalformedHash means a stored password hash could not be read. It is a
// data problem to log; to the user it is the same as a wrong password.
var ErrMalformedHash = errors.New("stored password hash is malformed")

// Hasher hashes and checks passwords with argon2id, running at most a fixed
// number of hashes at once. Argon2id is slow and memory-hungry on purpose;
// without the bound, a burst of logins would take every core and starve the
// other requests. It is safe for concurrent use.
type Hasher struct {
	params argon2id.Params
	slots  chan struct{}
	// dummy is a hash of a random password made with params, compared
	// against when the user does not exist so that the answer takes as long
	// as for a real user.
	dummy string
}

// NewHasher returns a Hasher with the given parameters (DefaultArgon2Params
// in production; small ones in tests) running at most concurrency hashes at
// once; zero or less means half the CPUs (at least one), so that a burst of
// logins leaves the other half to everyone else. It makes the dummy hash, so
// it takes as long as one hash.
func NewHasher(params argon2id.Params, concurrency int) (*Hasher, error) {
	if err := checkParams(params); err != nil {
		return nil, fmt.Errorf("password hasher: %w", err)
	}
	if concurrency <= 0 {
		concurrency = max(1, runtime.NumCPU()/2)
	}
	h := &Hasher{params: params, slots: make(chan struct{}, concurrency)}
	dummy, err := argon2id.CreateHash(randomString(32), &h.params)
	if err != nil {
		return nil, fmt.Errorf("password hasher: make dummy hash: %w", err)
	}
	h.dummy = dummy
	return h, nil
}

// Hash returns the encoded argon2id hash of password (PHC string format,
// salt and parameters included). It waits for a free slot; if ctx ends
// first it returns ctx.Err().
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	encoded, err := argon2id.CreateHash(password, &h.params)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return encoded, nil
}

// Compare reports whether password matches encodedHash, in constant time.
// An empty encodedHash (an account with no password yet) never matches. A
// malformed one returns ErrMalformedHash. Both still do the work of a real
// comparison, so that timing does not tell these accounts apart. If ctx
// ends while waiting for a slot, Compare returns ctx.Err().
func (h *Hasher) Compare(ctx context.Context, password, encodedHash string) (bool, error) {
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	if encodedHash == "" {
		h.compareDummy(password)
		return false, nil
	}
	if err := checkEncoded(encodedHash); err != nil {
		h.compareDummy(password)
		return false, err
	}
	match, err := argon2id.ComparePasswordAndHash(password, encodedHash)
	if err != nil {
		return false, fmt.Errorf("compare password: %w: %w", ErrMalformedHash, err)
	}
	return match, nil
}

// CompareDummy does the work of Compare against a fixed hash and reports
// nothing. Call it for an unknown username so that the answer takes as long
// as a wrong password for a real user. It returns ctx.Err() if ctx ends
// while waiting for a slot.
func (h *Hasher) CompareDummy(ctx context.Context, password string) error {
	if err := h.acquire(ctx); err != nil {
		return err
	}
	defer h.release()
	h.compareDummy(password)
	return nil
}

// NeedsRehash reports whether encodedHash was made with other parameters
// than the Hasher's (or cannot be read), so the caller should store a new
// hash after the next successful login.
func (h *Hasher) NeedsRehash(encodedHash string) bool {
	p, _, _, err := argon2id.DecodeHash(encodedHash)
	if err != nil {
		return true
	}
	return p.Memory != h.params.Memory ||
		p.Iterations != h.params.Iterations ||
		p.Parallelism != h.params.Parallelism ||
		p.SaltLength != h.params.SaltLength ||
		p.KeyLength != h.params.KeyLength
}

func (h *Hasher) compareDummy(password string) {
	// The dummy hash is well formed and its password random, so the result
	// is always false and there is no error to report.
	_, _ = argon2id.ComparePasswordAndHash(password, h.dummy)
}

// acquire takes a slot, or gives up when ctx ends first.
func (h *Hasher) acquire(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.slots }

// checkParams refuses parameters that would make argon2 panic or that are
// too weak to mean anything.
func checkParams(p argon2id.Params) error {
	switch {
	case p.Iterations < 1 || p.Parallelism < 1:
		return errors.New("argon2id iterations and parallelism must be at least 1")
	case p.Memory < 8*uint32(p.Parallelism):
		return errors.New("argon2id memory must be at least 8 KiB per lane")
	case p.SaltLength < 16 || p.KeyLength < 16:
		return errors.New("argon2id salt and key must be at least 16 bytes")
	}
	return nil
}

// checkEncoded reads the parameters of a stored hash and refuses ones that
// argon2 would panic on, that many passwords would match, or that are far
// beyond anything Kite ever used.
func checkEncoded(encodedHash string) error {
	p, _, _, err := argon2id.DecodeHash(encodedHash)
	if err != nil {
		return fmt.Errorf("compare password: %w: %w", ErrMalformedHash, err)
	}
	// An empty key makes argon2 panic, and a short one is matched by many
	// passwords (one in 2^24 for 3 bytes), so short keys are refused too.
	if p.Iterations < 1 || p.Parallelism < 1 || p.KeyLength < 16 || p.SaltLength < 8 ||
		p.Memory > maxHashMemoryKiB || p.Iterations > maxHashIterations || p.Parallelism > maxHashLanes {
		return fmt.Errorf("compare password: %w: parameters out of range", ErrMalformedHash)
	}
	return nil
}
