package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"math/big"
	"strings"
	"unicode"
)

// refreshTokenBytes is the refresh token's randomness: 256 bits, far beyond
// guessing, which is what lets it be stored under a fast hash.
const refreshTokenBytes = 32

// NewRefreshToken makes a refresh token to give the client and the hash to
// store. The token is 32 random bytes as unpadded base64url (43 characters).
// Only the hash is stored, so a copy of the database cannot be used to sign
// in. SHA-256 (not a slow password hash) is right here because the token
// is random and too long to guess; a slow hash protects only weak secrets.
func NewRefreshToken() (token, hash string) {
	token = randomString(refreshTokenBytes)
	return token, HashToken(token)
}

// HashToken returns the hex SHA-256 of a refresh token, to look it up by.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewFamilyID makes the id shared by a chain of rotated refresh tokens, so
// that reuse of an old token can revoke the whole chain. It is random (128
// bits) so that it reveals nothing about other sessions.
func NewFamilyID() string {
	return randomString(16)
}

// invitationAlphabet leaves out characters easily misread for one another:
// 0 and O, 1, I and L. Its 31 characters give about 4.95 bits each.
const invitationAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// Invitation codes are 16 characters (about 79 bits) in groups of 4, like
// "K7PM-Q3XR-T9WD-H4NC". 12 characters would give only 59 bits; 16 keeps
// well clear of guessing even online, and groups of 4 are easy to copy.
const (
	invitationLength    = 16
	invitationGroupSize = 4
)

// NewInvitationCode makes an invitation code to send to the user and the
// hash to store. Only the hash is stored, as for refresh tokens.
func NewInvitationCode() (code, hash string) {
	var b strings.Builder
	for i := range invitationLength {
		if i > 0 && i%invitationGroupSize == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(invitationAlphabet[randomIndex(len(invitationAlphabet))])
	}
	code = b.String()
	return code, HashInvitationCode(code)
}

// NormaliseInvitationCode turns what a user typed into the code's canonical
// form: upper case, without spaces or dashes, so "k7pm q3xr-t9wd h4nc" and
// "K7PM-Q3XR-T9WD-H4NC" are the same code.
func NormaliseInvitationCode(input string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(input) {
		// Any dash (phones turn "-" into "–") and any kind of space.
		if unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// HashInvitationCode returns the hex SHA-256 of the normalised code, to
// look it up by. A fast hash is enough for the same reason as for refresh
// tokens: 79 random bits cannot be searched.
func HashInvitationCode(input string) string {
	return HashToken(NormaliseInvitationCode(input))
}

// EqualConstantTime reports whether a and b are equal, taking time that
// depends only on their lengths, for comparing secrets or their hashes.
func EqualConstantTime(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// randomIndex returns a uniformly random number in [0, n).
func randomIndex(n int) int {
	// rand.Int avoids the bias of taking a random byte modulo n.
	i, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		// crypto/rand does not fail on supported platforms; a code made
		// without randomness would be worse than stopping.
		panic("auth: read random bytes: " + err.Error())
	}
	return int(i.Int64())
}

// RandomToken is 256 random bits as unpadded base64url: for one-time values
// such as a sign-in's state, nonce and one-time code. Store only its
// HashToken where it is looked up.
func RandomToken() string { return randomString(refreshTokenBytes) }
