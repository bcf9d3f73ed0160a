package auth

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"math"
	"regexp"
	"strings"
	"testing"
)

func TestNewRefreshToken(t *testing.T) {
	token, hash := NewRefreshToken()
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(raw) != 32 {
		t.Fatalf("token %q: %d bytes, %v; want 32 bytes of unpadded base64url", token, len(raw), err)
	}
	sum := sha256.Sum256([]byte(token))
	if hash != hex.EncodeToString(sum[:]) || hash != HashToken(token) {
		t.Errorf("hash = %q, want hex SHA-256 of the token", hash)
	}
	if strings.Contains(hash, token) {
		t.Error("hash contains the token")
	}
	seen := map[string]bool{}
	for range 1000 {
		tok, _ := NewRefreshToken()
		if seen[tok] {
			t.Fatal("refresh token repeated")
		}
		seen[tok] = true
	}
}

func TestHashToken(t *testing.T) {
	if HashToken("a") != HashToken("a") || HashToken("a") == HashToken("b") {
		t.Error("HashToken is not a function of its input")
	}
	// A known SHA-256 value, so that stored hashes stay readable.
	if got := HashToken("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("HashToken(abc) = %s", got)
	}
}

func TestNewFamilyID(t *testing.T) {
	a, b := NewFamilyID(), NewFamilyID()
	if a == b || len(a) != 22 {
		t.Errorf("family ids %q, %q: want distinct 22-character ids", a, b)
	}
}

var invitationPattern = regexp.MustCompile(`^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}(-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}){3}$`)

func TestNewInvitationCode(t *testing.T) {
	counts := map[rune]int{}
	seen := map[string]bool{}
	for range 2000 {
		code, hash := NewInvitationCode()
		if !invitationPattern.MatchString(code) {
			t.Fatalf("code %q is not four groups of four unambiguous characters", code)
		}
		if strings.ContainsAny(code, "01OIL") {
			t.Fatalf("code %q has an ambiguous character", code)
		}
		if hash != HashInvitationCode(code) || hash != HashToken(strings.ReplaceAll(code, "-", "")) {
			t.Fatalf("hash of %q is not the hash of its normal form", code)
		}
		if seen[code] {
			t.Fatalf("code %q repeated", code)
		}
		seen[code] = true
		for _, r := range strings.ReplaceAll(code, "-", "") {
			counts[r]++
		}
	}
	// Every character of the alphabet turns up (each is expected about
	// 1,000 times here), so none is left out by an off-by-one.
	for _, r := range invitationAlphabet {
		if counts[r] == 0 {
			t.Errorf("character %q never used", r)
		}
	}
}

func TestInvitationCodeEntropy(t *testing.T) {
	bits := float64(invitationLength) * math.Log2(float64(len(invitationAlphabet)))
	if bits < 60 {
		t.Errorf("invitation codes have %.1f bits, want at least 60", bits)
	}
	if len(invitationAlphabet) != 31 || strings.ContainsAny(invitationAlphabet, "01OIL") {
		t.Errorf("alphabet %q", invitationAlphabet)
	}
}

func TestNormaliseInvitationCode(t *testing.T) {
	const want = "K7PMQ3XRT9WDH4NC"
	for _, in := range []string{
		"K7PM-Q3XR-T9WD-H4NC",
		"k7pm-q3xr-t9wd-h4nc",
		"k7pm q3xr t9wd h4nc",
		" K7PMQ3XRT9WDH4NC\n",
		"K7PM–Q3XR—T9WD‑H4NC", // dashes a phone might substitute
		"K7PM\tQ3XR\u00a0T9WD - H4NC",
	} {
		if got := NormaliseInvitationCode(in); got != want {
			t.Errorf("NormaliseInvitationCode(%q) = %q, want %q", in, got, want)
		}
		if HashInvitationCode(in) != HashToken(want) {
			t.Errorf("HashInvitationCode(%q) differs from the hash of the normal form", in)
		}
	}
	if HashInvitationCode("K7PM-Q3XR-T9WD-H4NC") == HashInvitationCode("K7PM-Q3XR-T9WD-H4ND") {
		t.Error("different codes hash alike")
	}
}

func TestEqualConstantTime(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"abc", "abc", true},
		{"", "", true},
		{"abc", "abd", false},
		{"abc", "ab", false},
		{"", "a", false},
	}
	for _, c := range cases {
		if got := EqualConstantTime(c.a, c.b); got != c.want {
			t.Errorf("EqualConstantTime(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
