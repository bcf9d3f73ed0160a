package auth

import (
	"errors"
	"kite/internal/domain"
	"strings"
	"testing"
	"unicode/utf8"
)

// The fuzz tests run their seeds as ordinary tests; run them for longer
// with, for example, go test -fuzz FuzzVerify ./internal/auth/.

func FuzzVerify(f *testing.F) {
	clock := newClock()
	ring := Keyring{Current: RandomKey()}
	tok, err := NewTokens(TokenConfig{Keys: ring, Issuer: testIssuer, Audience: testAudience, Now: clock.Now})
	if err != nil {
		f.Fatal(err)
	}
	good, _, _, err := tok.Issue(testUser, testAuthority, domain.RoleChild, testSession)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add("")
	f.Add("a.b.c")
	f.Add("eyJhbGciOiJub25lIn0.e30.")
	f.Fuzz(func(t *testing.T, token string) {
		c, err := tok.Verify(token)
		if err != nil {
			if !errors.Is(err, ErrInvalidToken) || c != nil {
				t.Fatalf("Verify = %v, %v", c, err)
			}
			return
		}
		// Anything accepted must be a complete, known token.
		if c.Subject == "" || c.AuthorityID == "" || !knownRole(c.Role) {
			t.Fatalf("accepted incomplete claims %+v", c)
		}
	})
}

func FuzzCheckPassword(f *testing.F) {
	for _, s := range []string{"", "password1234", "teapot river jumper", "🦊🐻🐼🐸🐙🦄🐝🦋🐢🐬🦉🐧", "\xff\xfe", "ab\u0301cdefghijkl", strings.Repeat("é", 128)} {
		f.Add(s, "tiger.lily")
	}
	f.Fuzz(func(t *testing.T, pw, input string) {
		err := CheckPassword(pw, input)
		if err == nil {
			if n := utf8.RuneCountInString(pw); n < MinPasswordLength || n > MaxPasswordLength {
				t.Fatalf("accepted a password of %d characters", n)
			}
			return
		}
		var pe *PolicyError
		if !errors.As(err, &pe) {
			t.Fatalf("error %T is not a *PolicyError", err)
		}
	})
}

func FuzzParseKey(f *testing.F) {
	for _, s := range []string{"", "=", "====", "YWJj", strings.Repeat("A", 43), strings.Repeat("-_", 30)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseKey(s)
		if err == nil && (len(k.Secret) < MinKeyBytes || len(k.ID) != 8) {
			t.Fatalf("accepted a %d-byte key with id %q", len(k.Secret), k.ID)
		}
	})
}

func FuzzInvitationCode(f *testing.F) {
	f.Add("K7PM-Q3XR-T9WD-H4NC")
	f.Add(" k7pm\u2013q3xr ")
	f.Fuzz(func(t *testing.T, in string) {
		n := NormaliseInvitationCode(in)
		if NormaliseInvitationCode(n) != n {
			t.Fatalf("normalising %q twice changes it", in)
		}
		if strings.ContainsAny(n, " -") {
			t.Fatalf("normal form %q keeps a space or dash", n)
		}
	})
}
