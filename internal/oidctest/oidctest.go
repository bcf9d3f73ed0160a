// Package oidctest runs a real OpenID Connect provider in the test process,
// for the tests of staff sign-in: zitadel/oidc's op package (discovery,
// keys, the authorize, callback and token endpoints, ID tokens signed with
// RS256) over a small in-memory storage written here. The tests choose who
// signs in, and may make the provider misbehave in the ways a broken or
// hostile provider could: another audience or nonce, an expired token, a
// token from another issuer or with "alg": "none", rotated keys.
package oidctest

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// User is a person at the provider.
type User struct {
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
	Groups        []string
}

// Provider is a running OpenID provider with one registered client.
type Provider struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	// RedirectURI is the client's registered redirect URI.
	RedirectURI string

	server *httptest.Server
	store  *storage
}

// Start runs a provider for a client with the given redirect URI; it stops
// when the test ends.
func Start(t testing.TB, redirectURI string) *Provider {
	t.Helper()
	st := &storage{requests: map[string]*authRequest{}, codes: map[string]string{}}
	st.rotate()
	var handler http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	p := &Provider{Issuer: srv.URL, ClientID: "kite", ClientSecret: "kite-test-secret", RedirectURI: redirectURI, server: srv, store: st}
	st.client = &client{id: p.ClientID, secret: p.ClientSecret, redirect: redirectURI, issuer: srv.URL, store: st}
	var key [32]byte
	if _, err := rand.Read(key[:]); err != nil {
		t.Fatal(err)
	}
	provider, err := op.NewProvider(&op.Config{CryptoKey: key, CodeMethodS256: true, AuthMethodPost: true},
		st, op.StaticIssuer(srv.URL), op.WithAllowInsecure())
	if err != nil {
		t.Fatalf("oidctest: %v", err)
	}
	mux := http.NewServeMux()
	login := op.NewIssuerInterceptor(provider.IssuerFromRequest).HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("id")
		if err := st.logIn(id); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		http.Redirect(w, r, op.AuthCallbackURL(provider)(r.Context(), id), http.StatusFound)
	})
	mux.Handle("GET /login", login)
	mux.Handle("POST /oauth/token", st.tamper(provider))
	mux.Handle("/", provider)
	handler = mux
	return p
}

// SignInAs says who signs in at the provider next.
func (p *Provider) SignInAs(u User) {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.next = &u
}

// Misbehave changes what the provider puts in the next ID tokens; the zero
// value puts things right. (A token for another audience is made with
// Replace: asked for one, the provider still adds the client and names it
// the authorized party, which makes a good token.)
type Misbehave struct {
	// Nonce replaces the nonce the client sent.
	Nonce string
	// Lifetime replaces the tokens' lifetime (negative: already expired).
	Lifetime time.Duration
	// Replace swaps the ID token the token endpoint sends for another.
	Replace func(idToken string) string
}

// Misbehave sets how the provider misbehaves from now on.
func (p *Provider) Misbehave(m Misbehave) {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	p.store.misbehave = m
}

// Rotate makes a new signing key and retires the old one: the key set
// publishes the new key only.
func (p *Provider) Rotate() *rsa.PrivateKey {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	old := p.store.key
	p.store.rotate()
	return old
}

// SignedBy signs claims with key under key id kid (RS256), as a provider
// would; with a key the provider does not publish, nothing can check it.
func SignedBy(key *rsa.PrivateKey, kid string, claims map[string]any) string {
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", kid))
	if err != nil {
		panic(err)
	}
	payload, _ := json.Marshal(claims)
	jws, err := signer.Sign(payload)
	if err != nil {
		panic(err)
	}
	out, err := jws.CompactSerialize()
	if err != nil {
		panic(err)
	}
	return out
}

// Unsigned is claims as a token with "alg": "none" and no signature.
func Unsigned(claims map[string]any) string {
	header, _ := json.Marshal(map[string]string{"alg": "none", "typ": "JWT"})
	payload, _ := json.Marshal(claims)
	enc := base64.RawURLEncoding.EncodeToString
	return enc(header) + "." + enc(payload) + "."
}

// Claims reads a token's claims without checking it.
func Claims(token string) map[string]any {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil
	}
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}

// NewKey makes an RSA key (2048 bits) and its id.
func NewKey() (*rsa.PrivateKey, string) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	id := make([]byte, 8)
	_, _ = rand.Read(id)
	return k, fmt.Sprintf("%x", id)
}

// tamper serves the token endpoint and, when the test asked for it,
// replaces the ID token in the answer.
func (s *storage) tamper(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		replace := s.misbehave.Replace
		s.mu.Unlock()
		if replace == nil {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		var body map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body["id_token"] == nil {
			dump, _ := httputil.DumpResponse(rec.Result(), true)
			http.Error(w, "oidctest: token endpoint: "+string(dump), http.StatusInternalServerError)
			return
		}
		body["id_token"] = replace(body["id_token"].(string))
		var out bytes.Buffer
		_ = json.NewEncoder(&out).Encode(body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(out.Bytes())
	})
}

// SigningKey is the key the provider signs with now, and its id.
func (p *Provider) SigningKey() (*rsa.PrivateKey, string) {
	p.store.mu.Lock()
	defer p.store.mu.Unlock()
	return p.store.key, p.store.keyID
}
