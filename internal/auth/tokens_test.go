package auth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"kite/internal/domain"
	"kite/internal/ident"
)

const (
	testIssuer    = "kite"
	testAudience  = "kite-api"
	testUser      = ident.ID("usr_01J9Z3ABCDEFGHJKMNPQRSTVWX")
	testAuthority = ident.ID("la_01J9Z3ABCDEFGHJKMNPQRSTVWX")
	testSession   = "session-1"
)

// testClock is a settable clock.
type testClock struct{ t time.Time }

func (c *testClock) Now() time.Time          { return c.t }
func (c *testClock) Advance(d time.Duration) { c.t = c.t.Add(d) }

func newClock() *testClock {
	return &testClock{t: time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)}
}

func newTestTokens(t *testing.T, ring Keyring, clock *testClock) *Tokens {
	t.Helper()
	tok, err := NewTokens(TokenConfig{Keys: ring, Issuer: testIssuer, Audience: testAudience, Now: clock.Now})
	if err != nil {
		t.Fatalf("NewTokens: %v", err)
	}
	return tok
}

func TestIssueAndVerify(t *testing.T) {
	clock := newClock()
	ring := Keyring{Current: RandomKey()}
	tok := newTestTokens(t, ring, clock)

	token, exp, jti, err := tok.Issue(testUser, testAuthority, domain.RoleIRO, testSession)
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	if want := clock.Now().Add(DefaultAccessTokenLifetime); !exp.Equal(want) {
		t.Errorf("expiresAt = %v, want %v", exp, want)
	}
	if jti == "" {
		t.Error("empty token id")
	}

	header := decodeSegment(t, token, 0)
	if header["alg"] != "HS256" || header["typ"] != "at+jwt" || header["kid"] != ring.Current.ID {
		t.Errorf("header = %v", header)
	}
	payload := decodeSegment(t, token, 1)
	for _, claim := range []string{"sub", "iss", "aud", "exp", "iat", "nbf", "jti", "la", "role", "sid"} {
		if _, ok := payload[claim]; !ok {
			t.Errorf("claim %q missing from %v", claim, payload)
		}
	}

	clock.Advance(DefaultAccessTokenLifetime - time.Second)
	c, err := tok.Verify(token)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if c.UserID() != testUser || c.AuthorityID != testAuthority || c.Role != domain.RoleIRO || c.ID != jti || c.SessionID != testSession {
		t.Errorf("claims = %+v", c)
	}
	if !c.ExpiresAt.Equal(exp) {
		t.Errorf("exp = %v, want %v", c.ExpiresAt, exp)
	}

	_, _, jti2, _ := tok.Issue(testUser, testAuthority, domain.RoleIRO, testSession)
	if jti2 == jti {
		t.Error("two tokens have the same id")
	}
}

func TestIssueLifetime(t *testing.T) {
	clock := newClock()
	clock.t = clock.t.Add(700 * time.Millisecond) // JWT times are whole seconds
	tok, err := NewTokens(TokenConfig{Keys: Keyring{Current: RandomKey()}, Issuer: testIssuer,
		Audience: testAudience, Lifetime: 5 * time.Minute, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	token, exp, _, err := tok.Issue(testUser, testAuthority, domain.RoleChild, testSession)
	if err != nil {
		t.Fatal(err)
	}
	if want := clock.Now().Truncate(time.Millisecond).Add(5 * time.Minute); !exp.Equal(want) {
		t.Errorf("expiresAt = %v, want %v", exp, want)
	}
	if c, err := tok.Verify(token); err != nil || !c.ExpiresAt.Equal(exp) {
		t.Errorf("Verify = %v, %v; exp should be %v", c, err, exp)
	}
}

func TestIssueRefusesIncompleteClaims(t *testing.T) {
	tok := newTestTokens(t, Keyring{Current: RandomKey()}, newClock())
	cases := []struct {
		user, authority ident.ID
		role            domain.Role
		session         string
	}{
		{"", testAuthority, domain.RoleChild, testSession},
		{testUser, "", domain.RoleChild, testSession},
		{testUser, testAuthority, "", testSession},
		{testUser, testAuthority, "SUPERUSER", testSession},
		{testUser, testAuthority, domain.RoleChild, ""},
	}
	for _, c := range cases {
		if _, _, _, err := tok.Issue(c.user, c.authority, c.role, c.session); err == nil {
			t.Errorf("Issue(%q, %q, %q, %q) succeeded", c.user, c.authority, c.role, c.session)
		}
	}
}

func TestNewTokensChecksConfig(t *testing.T) {
	good := TokenConfig{Keys: Keyring{Current: RandomKey()}, Issuer: testIssuer, Audience: testAudience}
	if _, err := NewTokens(good); err != nil {
		t.Fatalf("good config refused: %v", err)
	}
	bad := map[string]func(c *TokenConfig){
		"no key":            func(c *TokenConfig) { c.Keys = Keyring{} },
		"short key":         func(c *TokenConfig) { c.Keys.Current.Secret = c.Keys.Current.Secret[:16] },
		"no issuer":         func(c *TokenConfig) { c.Issuer = "" },
		"no audience":       func(c *TokenConfig) { c.Audience = "" },
		"negative lifetime": func(c *TokenConfig) { c.Lifetime = -time.Minute },
	}
	for name, change := range bad {
		c := good
		change(&c)
		if _, err := NewTokens(c); err == nil {
			t.Errorf("%s: NewTokens succeeded", name)
		}
	}
}

// validClaims are the claims Issue would make at now.
func validClaims(now time.Time) jwt.MapClaims {
	return jwt.MapClaims{
		"iss":  testIssuer,
		"aud":  []string{testAudience},
		"sub":  string(testUser),
		"la":   string(testAuthority),
		"role": string(domain.RoleChild),
		"iat":  now.Unix(),
		"nbf":  now.Unix(),
		"exp":  now.Add(10 * time.Minute).Unix(),
		"jti":  "token-1",
		"sid":  testSession,
	}
}

// sign makes a token by hand with the given method, key, header fields and
// claims, for the rejection tests.
func sign(t *testing.T, method jwt.SigningMethod, key any, header map[string]any, claims jwt.MapClaims) string {
	t.Helper()
	jt := jwt.NewWithClaims(method, claims)
	for k, v := range header {
		if v == nil {
			delete(jt.Header, k)
		} else {
			jt.Header[k] = v
		}
	}
	s, err := jt.SignedString(key)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return s
}

// unsigned builds a token from raw JSON parts and a raw signature, for
// tokens the jwt library will not make.
func unsigned(header, payload string, sig string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(header)) + "." + enc([]byte(payload)) + "." + sig
}

func with(c jwt.MapClaims, key string, value any) jwt.MapClaims {
	out := jwt.MapClaims{}
	for k, v := range c {
		out[k] = v
	}
	if value == nil {
		delete(out, key)
	} else {
		out[key] = value
	}
	return out
}

func TestVerifyRejects(t *testing.T) {
	clock := newClock()
	cur := RandomKey()
	ring := Keyring{Current: cur}
	tok := newTestTokens(t, ring, clock)
	now := clock.Now()
	claims := validClaims(now)
	hdr := map[string]any{"typ": "at+jwt", "kid": cur.ID}
	hs := func(c jwt.MapClaims) string { return sign(t, jwt.SigningMethodHS256, cur.Secret, hdr, c) }

	// The hand-made control must pass, so that each case below fails for
	// its own reason and not because the helpers are wrong.
	if _, err := tok.Verify(hs(claims)); err != nil {
		t.Fatalf("control token rejected: %v", err)
	}

	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(claims)
	control := hs(claims)
	parts := strings.Split(control, ".")

	cases := map[string]string{
		"alg none, no signature":   unsigned(`{"alg":"none","typ":"at+jwt","kid":"`+cur.ID+`"}`, string(payload), ""),
		"alg none, real signature": unsigned(`{"alg":"none","typ":"at+jwt","kid":"`+cur.ID+`"}`, string(payload), parts[2]),
		"alg None":                 unsigned(`{"alg":"None","typ":"at+jwt","kid":"`+cur.ID+`"}`, string(payload), ""),
		"alg none via library":     sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, hdr, claims),
		"no alg":                   unsigned(`{"typ":"at+jwt","kid":"`+cur.ID+`"}`, string(payload), parts[2]),
		"RS256":                    sign(t, jwt.SigningMethodRS256, rsaKey, hdr, claims),
		"ES256":                    sign(t, jwt.SigningMethodES256, ecKey, hdr, claims),
		"HS384 with the right key": sign(t, jwt.SigningMethodHS384, cur.Secret, hdr, claims),
		"HS512 with the right key": sign(t, jwt.SigningMethodHS512, cur.Secret, hdr, claims),
		// Algorithm confusion: an HMAC made with our secret, labelled as
		// RS256, must not be checked as anything but RS256 (and refused).
		"HMAC signature labelled RS256": unsigned(`{"alg":"RS256","typ":"at+jwt","kid":"`+cur.ID+`"}`, string(payload), parts[2]),
		"wrong key, current kid":        sign(t, jwt.SigningMethodHS256, RandomKey().Secret, hdr, claims),
		"tampered payload":              parts[0] + "." + base64.RawURLEncoding.EncodeToString(mustJSON(t, with(claims, "role", "ADMIN"))) + "." + parts[2],
		"tampered signature":            parts[0] + "." + parts[1] + "." + flipLast(parts[2]),
		"no signature":                  parts[0] + "." + parts[1] + ".",
		"expired":                       hs(with(claims, "exp", now.Add(-time.Minute).Unix())),
		"no exp":                        hs(with(claims, "exp", nil)),
		"exp as text":                   hs(with(claims, "exp", "tomorrow")),
		"not yet valid":                 hs(with(claims, "nbf", now.Add(5*time.Minute).Unix())),
		"issued in the future":          hs(with(claims, "iat", now.Add(5*time.Minute).Unix())),
		"no iat":                        hs(with(claims, "iat", nil)),
		"wrong issuer":                  hs(with(claims, "iss", "evil")),
		"no issuer":                     hs(with(claims, "iss", nil)),
		"wrong audience":                hs(with(claims, "aud", []string{"other-api"})),
		"no audience":                   hs(with(claims, "aud", nil)),
		"no sub":                        hs(with(claims, "sub", nil)),
		"no sid (issued before sessions were named)": hs(with(claims, "sid", nil)),
		"empty sub":       hs(with(claims, "sub", "")),
		"no la":           hs(with(claims, "la", nil)),
		"la as number":    hs(with(claims, "la", 42)),
		"no role":         hs(with(claims, "role", nil)),
		"unknown role":    hs(with(claims, "role", "SUPERUSER")),
		"lower-case role": hs(with(claims, "role", "admin")),
		"no jti":          hs(with(claims, "jti", nil)),
		"typ JWT":         sign(t, jwt.SigningMethodHS256, cur.Secret, map[string]any{"typ": "JWT", "kid": cur.ID}, claims),
		"no typ":          sign(t, jwt.SigningMethodHS256, cur.Secret, map[string]any{"typ": nil, "kid": cur.ID}, claims),
		"no kid":          sign(t, jwt.SigningMethodHS256, cur.Secret, map[string]any{"typ": "at+jwt"}, claims),
		"unknown kid":     sign(t, jwt.SigningMethodHS256, cur.Secret, map[string]any{"typ": "at+jwt", "kid": "00000000"}, claims),
		"kid as number":   sign(t, jwt.SigningMethodHS256, cur.Secret, map[string]any{"typ": "at+jwt", "kid": 7}, claims),
		"empty":           "",
		"garbage":         "not a token",
		"three dots":      "a.b.c",
		"bearer prefix":   "Bearer " + control,
		"padded base64":   parts[0] + "=." + parts[1] + "." + parts[2],
		"too long":        hs(with(claims, "pad", strings.Repeat("x", 5000))),
	}
	for name, token := range cases {
		t.Run(name, func(t *testing.T) {
			c, err := tok.Verify(token)
			if !errors.Is(err, ErrInvalidToken) {
				t.Fatalf("Verify = %v, %v; want ErrInvalidToken", c, err)
			}
			if c != nil {
				t.Errorf("claims returned with the error: %+v", c)
			}
			if strings.Contains(err.Error(), base64.RawURLEncoding.EncodeToString(cur.Secret)) {
				t.Error("error contains the key")
			}
		})
	}
}

func TestVerifyLeeway(t *testing.T) {
	clock := newClock()
	tok := newTestTokens(t, Keyring{Current: RandomKey()}, clock)
	token, exp, _, err := tok.Issue(testUser, testAuthority, domain.RoleParent, testSession)
	if err != nil {
		t.Fatal(err)
	}
	clock.t = exp.Add(clockLeeway - time.Second)
	if _, err := tok.Verify(token); err != nil {
		t.Errorf("within the leeway after expiry: %v", err)
	}
	clock.t = exp.Add(clockLeeway + time.Second)
	if _, err := tok.Verify(token); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("past the leeway: err = %v, want ErrInvalidToken", err)
	}
}

func TestKeyRotation(t *testing.T) {
	clock := newClock()
	oldKey, newKey, stranger := RandomKey(), RandomKey(), RandomKey()

	before := newTestTokens(t, Keyring{Current: oldKey}, clock)
	oldToken, _, _, err := before.Issue(testUser, testAuthority, domain.RoleChild, testSession)
	if err != nil {
		t.Fatal(err)
	}
	strangerTokens := newTestTokens(t, Keyring{Current: stranger}, clock)
	strangerToken, _, _, err := strangerTokens.Issue(testUser, testAuthority, domain.RoleChild, testSession)
	if err != nil {
		t.Fatal(err)
	}

	after := newTestTokens(t, Keyring{Current: newKey, Previous: []Key{oldKey}}, clock)
	if _, err := after.Verify(oldToken); err != nil {
		t.Errorf("token signed with a previous key: %v", err)
	}
	newToken, _, _, err := after.Issue(testUser, testAuthority, domain.RoleChild, testSession)
	if err != nil {
		t.Fatal(err)
	}
	if kid := decodeSegment(t, newToken, 0)["kid"]; kid != newKey.ID {
		t.Errorf("new token kid = %v, want the current key %s", kid, newKey.ID)
	}
	if _, err := after.Verify(newToken); err != nil {
		t.Errorf("token signed with the current key: %v", err)
	}
	if _, err := after.Verify(strangerToken); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("token signed with a key not in the ring: err = %v", err)
	}
	// A token naming a previous key's id but signed with another secret.
	forged := sign(t, jwt.SigningMethodHS256, stranger.Secret,
		map[string]any{"typ": "at+jwt", "kid": oldKey.ID}, validClaims(clock.Now()))
	if _, err := after.Verify(forged); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("forged token with a previous kid: err = %v", err)
	}

	// Once the old key is retired, its tokens stop working.
	retired := newTestTokens(t, Keyring{Current: newKey}, clock)
	if _, err := retired.Verify(oldToken); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("token signed with a retired key: err = %v", err)
	}
}

func decodeSegment(t *testing.T, token string, i int) map[string]any {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token has %d parts", len(parts))
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[i])
	if err != nil {
		t.Fatalf("decode part %d: %v", i, err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("part %d: %v", i, err)
	}
	return m
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// flipLast changes the last character of a base64url string to another
// one that still decodes.
func flipLast(s string) string {
	last := s[len(s)-1]
	repl := byte('A')
	if last == 'A' {
		repl = 'E'
	}
	return s[:len(s)-1] + string(repl)
}
