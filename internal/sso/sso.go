// Package sso signs staff in through their authority's identity provider
// with OpenID Connect: the authorization code flow with PKCE, state and
// nonce (coreos/go-oidc and x/oauth2 do the protocol), then the choice of
// the Kite account the provider's person is — by the link made on their
// first sign-in, by a verified work email an admin gave their account, or,
// only where the authority mapped groups to roles, a new account — and a
// one-time code the client swaps for Kite's own tokens (internal/session).
//
// The provider proves who the person is; Kite alone decides what they may
// do. Roles come from the Kite account, never from the provider, except
// the role an account made from a group starts with (never ADMIN), and a
// disabled Kite account stays out whatever the provider says.
//
// Work here runs before anyone is signed in, so it reads and writes in the
// system context; each use says why. An admin's settings (settings.go) go
// through the access rules like any change.
package sso

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"kite/ent"
	"kite/ent/privacy"
	"kite/internal/clock"
	"kite/internal/session"
)

// Lifetimes of a sign-in's steps.
const (
	// startTTL is how long a person has at the provider before the
	// sign-in they started runs out.
	startTTL = 10 * time.Minute
	// handoffTTL is how long the one-time code works once the provider
	// has answered: the portal swaps it at once.
	handoffTTL = 2 * time.Minute
	// discoveryTTL is how long a provider's discovery document is kept
	// before it is read again. Its signing keys are read again sooner, as
	// soon as a token names a key Kite has not seen (key rotation).
	discoveryTTL = time.Hour
)

// Service runs staff sign-in through identity providers.
type Service struct {
	Client   *ent.Client
	Sessions *session.Service
	// RedirectURL is Kite's callback as browsers and providers reach it
	// (KITE_PUBLIC_URL + CallbackPath); empty turns sign-in through
	// providers off.
	RedirectURL string
	// ReturnURL is the portal page that finishes a sign-in: the browser is
	// sent there with #code=… or #error=… (KITE_SIGN_IN_RETURN_URL).
	ReturnURL string
	// Secrets finds client secrets by name.
	Secrets Secrets
	// HTTP makes the requests to providers (discovery, keys, tokens).
	HTTP *http.Client
	// AllowLoopbackHTTP lets an issuer on this machine use plain http
	// (development and tests); every other issuer must use https.
	AllowLoopbackHTTP bool
	clock.Clock

	providers providerCache
}

// CallbackPath is where providers send the browser back to.
const CallbackPath = "/auth/oidc/callback"

// Enabled reports whether sign-in through providers is configured.
func (s *Service) Enabled() bool { return s.RedirectURL != "" && s.ReturnURL != "" }

// system is the context for the sign-in's own reads and writes, made
// before anyone is signed in.
func system(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// ErrNoProvider means the authority has no identity provider (or sign-in
// through providers is off).
var ErrNoProvider = errors.New("sso: no identity provider for this authority")

// Failure is why a sign-in through a provider did not work. Its Code goes
// to the portal in the return URL (#error=CODE); the detail goes only to
// the log and the audit log.
type Failure struct {
	Code   string
	Detail string
}

func (f *Failure) Error() string { return fmt.Sprintf("sso: %s: %s", f.Code, f.Detail) }

// The codes a failed sign-in sends to the portal (docs/api.md lists them
// with the words to show).
const (
	FailCancelled          = "cancelled"
	FailExpired            = "expired"
	FailUnavailable        = "provider_unavailable"
	FailTokenRefused       = "token_refused"
	FailEmailNotVerified   = "email_not_verified"
	FailDomainNotAllowed   = "email_domain_not_allowed"
	FailNoAccount          = "no_account"
	FailAccountDisabled    = "account_disabled"
	FailAmbiguous          = "ambiguous"
	FailLinkedElsewhere    = "linked_to_another_sign_in"
	FailGroupRoleWithdrawn = "group_role_withdrawn"
)

func fail(code, format string, args ...any) *Failure {
	return &Failure{Code: code, Detail: fmt.Sprintf(format, args...)}
}
