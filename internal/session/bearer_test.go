package session

import (
	"errors"
	"net/http/httptest"
	"testing"

	"kite/internal/auth"
	"kite/internal/domain"
	"kite/internal/ident"
)

func TestBearer(t *testing.T) {
	tests := []struct {
		header, token string
		ok            bool
	}{
		{"Bearer abc.def", "abc.def", true},
		{"bearer abc.def", "abc.def", true},
		{"  Bearer   abc.def  ", "abc.def", true},
		{"", "", false},
		{"Bearer", "", false},
		{"Bearer   ", "", false},
		{"Basic dXNlcjpwYXNz", "", false},
		{"abc.def", "", false},
		{"Token abc.def", "", false},
	}
	for _, tt := range tests {
		token, ok := Bearer(tt.header)
		if token != tt.token || ok != tt.ok {
			t.Errorf("Bearer(%q) = %q, %v; want %q, %v", tt.header, token, ok, tt.token, tt.ok)
		}
	}
}

// countingVerifier verifies tokens as Tokens does, and counts them.
type countingVerifier struct {
	*auth.Tokens
	n int
}

func (c *countingVerifier) Verify(token string) (*auth.AccessClaims, error) {
	c.n++
	return c.Tokens.Verify(token)
}

func testTokens(t *testing.T) *auth.Tokens {
	t.Helper()
	tokens, err := auth.NewTokens(auth.TokenConfig{Keys: auth.Keyring{Current: auth.RandomKey()}, Issuer: "kite", Audience: "kite-api"})
	if err != nil {
		t.Fatal(err)
	}
	return tokens
}

// TestVerifyBearerOncePerRequest: the rate limiter and then the session
// middleware ask for the same request's token; it is verified once, and
// both get the same answer.
func TestVerifyBearerOncePerRequest(t *testing.T) {
	tokens := testTokens(t)
	user := ident.ID("usr_01J9Z3ABCDEFGHJKMNPQRSTVWX")
	good, _, _, err := tokens.Issue(user, "la_01J9Z3ABCDEFGHJKMNPQRSTVWX", domain.RoleIRO, "session-1")
	if err != nil {
		t.Fatal(err)
	}
	forged, _, _, err := testTokens(t).Issue(user, "la_01J9Z3ABCDEFGHJKMNPQRSTVWX", domain.RoleIRO, "session-1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		header   string
		verified int
		valid    bool
	}{
		{"a valid token", "Bearer " + good, 1, true},
		{"a token signed with another key", "Bearer " + forged, 1, false},
		{"not a token", "Bearer nonsense", 1, false},
		{"no token", "", 0, false},
		{"another scheme", "Basic " + good, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := &countingVerifier{Tokens: tokens}
			r := httptest.NewRequest("POST", "/query", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			r, first, err1 := VerifyBearer(r, v)
			_, second, err2 := VerifyBearer(r, v)
			if v.n != tt.verified {
				t.Errorf("verified %d times, want %d", v.n, tt.verified)
			}
			if first != second || !errors.Is(err2, err1) {
				t.Errorf("the second answer (%v, %v) differs from the first (%v, %v)", second, err2, first, err1)
			}
			if valid := err1 == nil && first != nil && first.UserID() == user; valid != tt.valid {
				t.Errorf("valid = %v (%v), want %v", valid, err1, tt.valid)
			}
			if tt.header == "" && !errors.Is(err1, errNoBearer) {
				t.Errorf("no token: err = %v, want errNoBearer", err1)
			}
		})
	}
}

// TestVerifyBearerNotReusedElsewhere: a stored verification serves only the
// same verifier and the same token.
func TestVerifyBearerNotReusedElsewhere(t *testing.T) {
	tokens := testTokens(t)
	token, _, _, err := tokens.Issue("usr_01J9Z3ABCDEFGHJKMNPQRSTVWX", "la_01J9Z3ABCDEFGHJKMNPQRSTVWX", domain.RoleParent, "session-1")
	if err != nil {
		t.Fatal(err)
	}
	first := &countingVerifier{Tokens: tokens}
	r := httptest.NewRequest("POST", "/query", nil)
	r.Header.Set("Authorization", "Bearer "+token)
	r, _, _ = VerifyBearer(r, first)

	other := &countingVerifier{Tokens: testTokens(t)} // other keys
	if _, _, err := VerifyBearer(r, other); err == nil || other.n != 1 {
		t.Errorf("another verifier took the stored answer (err %v, verified %d)", err, other.n)
	}
	r.Header.Set("Authorization", "Bearer forged")
	if _, _, err := VerifyBearer(r, first); err == nil || first.n != 2 {
		t.Errorf("a changed token took the stored answer (err %v, verified %d)", err, first.n)
	}
}
