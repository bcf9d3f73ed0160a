package auth

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"kite/internal/domain"
	"kite/internal/ident"
)

// ErrInvalidToken is the one error Verify returns, whatever was wrong. The
// detail is joined to it for logs; clients are told only that the token is
// not valid, so that a forger learns nothing about which check failed.
var ErrInvalidToken = errors.New("invalid access token")

// DefaultAccessTokenLifetime is short on purpose: an access token is checked
// against its session (the sid claim) only to see that the session has not
// ended, so a stolen one is useful for at most this long while its session
// lasts. Refresh tokens carry the session beyond it.
const DefaultAccessTokenLifetime = 15 * time.Minute

// AccessTokenType is the typ header of an access token (RFC 9068 §2.1). It
// stops any other JWT signed with the same key (for example a future ID
// token) from being accepted as an access token.
const AccessTokenType = "at+jwt"

// clockLeeway allows for small clock differences between servers. It is
// kept well below the token lifetime.
const clockLeeway = 30 * time.Second

// maxTokenLength bounds the work done on a token before its signature is
// checked. Kite's tokens are a few hundred bytes.
const maxTokenLength = 4096

// signingMethod is the only algorithm Kite issues or accepts (RFC 8725 §3.1:
// pin the algorithm rather than trusting the token's alg header).
var signingMethod = jwt.SigningMethodHS256

func init() {
	// Token times in milliseconds rather than whole seconds, so that "issued
	// before the password changed" is exact: a token issued in the same
	// second as a password change, but before it, is still refused.
	jwt.TimePrecision = time.Millisecond
}

// AccessClaims are the claims of a Kite access token. Subject is the user
// id and ID (jti) the token id.
type AccessClaims struct {
	jwt.RegisteredClaims
	// AuthorityID is the user's local authority.
	AuthorityID ident.ID `json:"la"`
	// Role is the user's role when the token was issued. The viewer is
	// reloaded from the database on every request, so this is a hint, not
	// the authority on what the user may do.
	Role domain.Role `json:"role"`
	// SessionID is the session (refresh token family) the token was issued
	// for: when the session ends (logout, a reused refresh token), its
	// access tokens stop working too.
	SessionID string `json:"sid"`
}

// UserID is the token's subject as an id.
func (c *AccessClaims) UserID() ident.ID { return ident.ID(c.Subject) }

// TokenConfig configures Tokens.
type TokenConfig struct {
	// Keys sign (Current only) and verify (Current and Previous) tokens.
	Keys Keyring
	// Issuer and Audience go into every token and must match on Verify.
	Issuer   string
	Audience string
	// Lifetime of an access token; zero means DefaultAccessTokenLifetime.
	Lifetime time.Duration
	// Now is the clock; nil means time.Now. Tests set it.
	Now func() time.Time
}

// Tokens issues and verifies access tokens. It is safe for concurrent use.
type Tokens struct {
	keys     Keyring
	issuer   string
	audience string
	lifetime time.Duration
	now      func() time.Time
}

// NewTokens checks cfg and returns Tokens built from it.
func NewTokens(cfg TokenConfig) (*Tokens, error) {
	if len(cfg.Keys.Current.Secret) < MinKeyBytes || cfg.Keys.Current.ID == "" {
		return nil, fmt.Errorf("access tokens: the current signing key must be at least %d bytes and have an id", MinKeyBytes)
	}
	if cfg.Issuer == "" || cfg.Audience == "" {
		return nil, errors.New("access tokens: issuer and audience are required")
	}
	if cfg.Lifetime < 0 {
		return nil, errors.New("access tokens: lifetime must not be negative")
	}
	t := &Tokens{
		keys:     cfg.Keys,
		issuer:   cfg.Issuer,
		audience: cfg.Audience,
		lifetime: cfg.Lifetime,
		now:      cfg.Now,
	}
	if t.lifetime == 0 {
		t.lifetime = DefaultAccessTokenLifetime
	}
	if t.now == nil {
		t.now = time.Now
	}
	return t, nil
}

// Lifetime is how long an access token issued now stays valid.
func (t *Tokens) Lifetime() time.Duration { return t.lifetime }

// Issue signs a new access token for a user's session with the current key.
// It returns the token, when it expires, and its id (jti) for audit.
func (t *Tokens) Issue(userID, authorityID ident.ID, role domain.Role, sessionID string) (token string, expiresAt time.Time, tokenID string, err error) {
	if userID == "" || authorityID == "" || !knownRole(role) || sessionID == "" {
		// Refuse to mint a token that Verify would reject.
		return "", time.Time{}, "", errors.New("issue access token: user id, authority id, a known role and a session id are required")
	}
	// Token times carry milliseconds (see init); truncating here makes
	// expiresAt equal to the exp claim.
	now := t.now().UTC().Truncate(time.Millisecond)
	expiresAt = now.Add(t.lifetime)
	tokenID = randomString(16)
	claims := &AccessClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    t.issuer,
			Subject:   string(userID),
			Audience:  jwt.ClaimStrings{t.audience},
			ExpiresAt: jwt.NewNumericDate(expiresAt),
			NotBefore: jwt.NewNumericDate(now),
			IssuedAt:  jwt.NewNumericDate(now),
			ID:        tokenID,
		},
		AuthorityID: authorityID,
		Role:        role,
		SessionID:   sessionID,
	}
	jt := jwt.NewWithClaims(signingMethod, claims)
	jt.Header["typ"] = AccessTokenType
	jt.Header["kid"] = t.keys.Current.ID
	token, err = jt.SignedString(t.keys.Current.Secret)
	if err != nil {
		return "", time.Time{}, "", fmt.Errorf("issue access token: sign: %w", err)
	}
	return token, expiresAt, tokenID, nil
}

// Verify checks a token's signature, header and claims and returns its
// claims. Every failure is ErrInvalidToken (errors.Is), with the detail
// joined for logs.
func (t *Tokens) Verify(token string) (*AccessClaims, error) {
	if len(token) > maxTokenLength {
		return nil, fmt.Errorf("%w: token is %d bytes long", ErrInvalidToken, len(token))
	}
	claims := &AccessClaims{}
	if _, err := t.parser().ParseWithClaims(token, claims, t.keyFor); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	if err := checkClaims(claims); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	return claims, nil
}

// parser is built per call: jwt.Parser is cheap, and a fresh one avoids
// relying on it being safe to share between goroutines.
func (t *Tokens) parser() *jwt.Parser {
	return jwt.NewParser(
		jwt.WithValidMethods([]string{signingMethod.Alg()}),
		jwt.WithIssuer(t.issuer),
		jwt.WithAudience(t.audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(clockLeeway),
		jwt.WithTimeFunc(t.now),
		jwt.WithStrictDecoding(),
	)
}

// keyFor checks the header and picks the verification key by kid. Only
// keys in the keyring are ever returned, and always as []byte, so a token
// cannot choose its own key or make the verifier use an asymmetric method.
func (t *Tokens) keyFor(jt *jwt.Token) (any, error) {
	if typ, _ := jt.Header["typ"].(string); typ != AccessTokenType {
		return nil, errors.New("wrong or missing typ header")
	}
	kid, _ := jt.Header["kid"].(string)
	key, ok := t.keys.Lookup(kid)
	if !ok {
		return nil, errors.New("unknown or missing kid header")
	}
	return key.Secret, nil
}

// checkClaims requires the claims that Kite's own tokens always carry, so a
// token signed with our key for another purpose is still refused.
func checkClaims(c *AccessClaims) error {
	switch {
	case c.Subject == "":
		return errors.New("missing sub")
	case c.AuthorityID == "":
		return errors.New("missing la")
	case !knownRole(c.Role):
		return errors.New("missing or unknown role")
	case c.ID == "":
		return errors.New("missing jti")
	case c.IssuedAt == nil:
		return errors.New("missing iat")
	case c.SessionID == "":
		// Tokens issued before sessions were named in them: the session
		// they belong to cannot be checked, so they are refused (they
		// expired within minutes of the change anyway).
		return errors.New("missing sid")
	}
	return nil
}

// knownRole reports whether r is one of viewer's roles. Keep in step with
// the constants in package viewer.
func knownRole(r domain.Role) bool {
	switch r {
	case domain.RoleChild, domain.RoleParent, domain.RoleIRO, domain.RoleCPChair,
		domain.RoleSocialWorker, domain.RoleManager, domain.RoleAdmin:
		return true
	}
	return false
}

// randomString returns n random bytes as unpadded base64url.
func randomString(n int) string {
	b := make([]byte, n)
	// crypto/rand.Read never fails since Go 1.24.
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
