package session

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"kite/internal/auth"
)

// Bearer takes the token out of an "Authorization: Bearer <token>" value.
func Bearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// Verifier checks an access token's signature and claims: *auth.Tokens.
type Verifier interface {
	Verify(token string) (*auth.AccessClaims, error)
}

// errNoBearer is VerifyBearer's answer for a request without a bearer token.
var errNoBearer = errors.New("no bearer token")

type verifiedKey struct{}

// verified is the outcome of checking a request's bearer token.
type verified struct {
	by     Verifier
	token  string
	claims *auth.AccessClaims
	err    error
}

// VerifyBearer checks the request's bearer token, at most once per request:
// the first call (the rate limiter's) keeps the outcome, good or bad, in the
// context of the request it returns, and a later call on that request with
// the same Verifier (a pointer) and token (the session middleware's) takes
// it from there. Without a token the error is errNoBearer.
//
// Only for the steps of one HTTP request, which take moments: a WebSocket
// connection lives on, so its token is verified afresh (Authenticate).
func VerifyBearer(r *http.Request, by Verifier) (*http.Request, *auth.AccessClaims, error) {
	token, ok := Bearer(r.Header.Get("Authorization"))
	if !ok {
		return r, nil, errNoBearer
	}
	if v, ok := r.Context().Value(verifiedKey{}).(*verified); ok && v.by == by && v.token == token {
		return r, v.claims, v.err
	}
	claims, err := by.Verify(token)
	ctx := context.WithValue(r.Context(), verifiedKey{}, &verified{by: by, token: token, claims: claims, err: err})
	return r.WithContext(ctx), claims, err
}
