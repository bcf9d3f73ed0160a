package app

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"kite/internal/auth"
	"kite/internal/domain"
	"kite/internal/session"
	"kite/internal/shared"
	"kite/internal/shared/sharedtest"
)

// countingVerifier verifies tokens as Tokens does, and counts them.
type countingVerifier struct {
	*auth.Tokens
	n int
}

func (c *countingVerifier) Verify(token string) (*auth.AccessClaims, error) {
	c.n++
	return c.Tokens.Verify(token)
}

// TestTokenVerifiedOncePerRequest: the rate limiter verifies a request's
// token and the session middleware after it takes that verification, so a
// token is verified once per request; with limiting off, the session
// middleware verifies it itself.
func TestTokenVerifiedOncePerRequest(t *testing.T) {
	tokens, err := auth.NewTokens(auth.TokenConfig{Keys: auth.Keyring{Current: auth.RandomKey()}, Issuer: TokenIssuer, Audience: TokenAudience})
	if err != nil {
		t.Fatal(err)
	}
	token, _, _, err := tokens.Issue("usr_01J9Z3ABCDEFGHJKMNPQRSTVWX", "la_01J9Z3ABCDEFGHJKMNPQRSTVWX", domain.RoleSocialWorker, "session-1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		perMinute int
		header    string
		verified  int
		signedIn  bool
	}{
		{"limited, a valid token", 60, "Bearer " + token, 1, true},
		{"limited, a bad token", 60, "Bearer " + token + "x", 1, false},
		{"limited, no token", 60, "", 0, false},
		{"not limited, a valid token", 0, "Bearer " + token, 1, true},
		{"not limited, a bad token", 0, "Bearer nonsense", 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := &countingVerifier{Tokens: tokens}
			signedIn := false
			// What the session middleware does first (session.Middleware).
			sessionStep := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, claims, err := session.VerifyBearer(r, v)
				signedIn = err == nil && claims != nil
			})
			r := httptest.NewRequest("POST", "/query", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			w := httptest.NewRecorder()
			newBudget(tt.perMinute, v, nil).Middleware(sessionStep).ServeHTTP(w, r)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d", w.Code)
			}
			if v.n != tt.verified {
				t.Errorf("verified %d times, want %d", v.n, tt.verified)
			}
			if signedIn != tt.signedIn {
				t.Errorf("signed in = %v, want %v", signedIn, tt.signedIn)
			}
		})
	}
}

// TestRateLimitSharedAcrossInstances: two instances' budgets over one
// store give a client one budget between them (a limit of 3 a minute: two
// requests on each, the fourth is refused), on every store; in memory each
// instance counts alone.
func TestRateLimitSharedAcrossInstances(t *testing.T) {
	tokens, err := auth.NewTokens(auth.TokenConfig{Keys: auth.Keyring{Current: auth.RandomKey()}, Issuer: TokenIssuer, Audience: TokenAudience})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sharedtest.Stores(t) {
		t.Run(st.Kind(), func(t *testing.T) {
			a, b := newBudget(3, tokens, st), newBudget(3, tokens, st)
			ok := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
			codes := []int{}
			for _, bud := range []*budget{a, b, a, b} {
				w := httptest.NewRecorder()
				r := httptest.NewRequest("POST", "/query", nil)
				r.RemoteAddr = "192.0.2.44:5000"
				bud.Middleware(ok).ServeHTTP(w, r)
				codes = append(codes, w.Code)
			}
			want := []int{200, 200, 200, 429}
			if st.Kind() == shared.KindMemory {
				want = []int{200, 200, 200, 200} // two processes' memories
			}
			if !slices.Equal(codes, want) {
				t.Errorf("codes %v, want %v", codes, want)
			}
		})
	}
}
