package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// MinKeyBytes is the shortest signing key accepted. HS256 is only as strong
// as its key; RFC 7518 §3.2 asks for a key at least as long as the hash
// output (256 bits).
const MinKeyBytes = 32

// minDistinctKeyBytes catches keys that are long but plainly not random
// (a repeated character, a short phrase typed out twice). Random keys of 32
// bytes have about 30 distinct byte values; the chance of fewer than 16 is
// negligible, so no real key is refused.
const minDistinctKeyBytes = 16

// Key is one HS256 signing key. ID names it in the token's kid header so
// that, after a rotation, the verifier knows which key to try.
type Key struct {
	// ID is the first 8 hex digits of the SHA-256 of Secret. It reveals
	// nothing useful about the secret, and operators can compute it by hand.
	ID string
	// Secret is never marshalled to JSON (nor printed: see String), so a
	// Key or Keyring that reaches a log by mistake does not leak it.
	Secret []byte `json:"-"`
}

// String names the key by its id only, so that printing or logging a Key
// by mistake does not reveal the secret.
func (k Key) String() string { return "signing key " + k.ID }

// GoString is String, for %#v.
func (k Key) GoString() string { return k.String() }

// LogValue is String, for log/slog.
func (k Key) LogValue() slog.Value { return slog.StringValue(k.String()) }

// ParseKey reads a signing key given as base64 in the standard or URL
// alphabet, with or without padding (surrounding spaces and newlines are
// ignored). The decoded key must be at least MinKeyBytes long and look random.
func ParseKey(s string) (Key, error) {
	secret, err := decodeBase64(strings.TrimSpace(s))
	if err != nil {
		return Key{}, err
	}
	return keyFromSecret(secret)
}

// ParseKeyList reads a comma-separated list of keys, as in
// KITE_PREVIOUS_SIGNING_KEYS. Blank entries are ignored, so "" gives none.
func ParseKeyList(csv string) ([]Key, error) {
	var keys []Key
	for i, part := range strings.Split(csv, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		k, err := ParseKey(part)
		if err != nil {
			// The position, not the value: the value is a secret.
			return nil, fmt.Errorf("previous signing key %d: %w", i+1, err)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// RandomKey makes a fresh random key. Development mode uses one per start,
// so tokens from an earlier run simply stop working.
func RandomKey() Key {
	secret := make([]byte, MinKeyBytes)
	// crypto/rand.Read never fails since Go 1.24 (it crashes the program
	// instead), so there is no error to handle.
	_, _ = rand.Read(secret)
	return Key{ID: keyID(secret), Secret: secret}
}

// Keyring holds the key that signs new tokens and the earlier keys that are
// still accepted, so that a key can be rotated without signing everyone out.
type Keyring struct {
	Current  Key
	Previous []Key
}

// Lookup finds the key with the given id, current or previous.
func (r Keyring) Lookup(id string) (Key, bool) {
	if id == "" {
		return Key{}, false
	}
	if r.Current.ID == id {
		return r.Current, true
	}
	for _, k := range r.Previous {
		if k.ID == id {
			return k, true
		}
	}
	return Key{}, false
}

// encodings are tried in turn. A given string is valid in at most one
// alphabet-and-padding combination that decodes differently, so the order
// does not change the result.
var encodings = []*base64.Encoding{
	base64.StdEncoding,
	base64.RawStdEncoding,
	base64.URLEncoding,
	base64.RawURLEncoding,
}

func decodeBase64(s string) ([]byte, error) {
	if s == "" {
		return nil, errors.New("signing key is empty")
	}
	for _, enc := range encodings {
		if b, err := enc.DecodeString(s); err == nil {
			return b, nil
		}
	}
	return nil, errors.New("signing key is not valid base64 (standard or URL alphabet)")
}

func keyFromSecret(secret []byte) (Key, error) {
	if len(secret) < MinKeyBytes {
		return Key{}, fmt.Errorf("signing key is %d bytes; at least %d are needed (try: openssl rand -base64 32)", len(secret), MinKeyBytes)
	}
	if distinctBytes(secret) < minDistinctKeyBytes {
		return Key{}, errors.New("signing key does not look random (try: openssl rand -base64 32)")
	}
	return Key{ID: keyID(secret), Secret: secret}, nil
}

func keyID(secret []byte) string {
	sum := sha256.Sum256(secret)
	return hex.EncodeToString(sum[:4])
}

func distinctBytes(b []byte) int {
	var seen [256]bool
	n := 0
	for _, c := range b {
		if !seen[c] {
			seen[c] = true
			n++
		}
	}
	return n
}
