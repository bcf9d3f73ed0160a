package sso

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"kite/ent"
	"kite/ent/pendingsignin"
	"kite/ent/signinprovider"
	"kite/internal/apierr"
	"kite/internal/audit"
	"kite/internal/auth"
	"kite/internal/ident"
	"kite/internal/session"
)

// signingAlgs are the ID token algorithms Kite accepts: asymmetric ones
// only. "none" and the HMAC algorithms (whose key would be the client
// secret) are refused whatever a provider advertises.
var signingAlgs = []string{oidc.RS256, oidc.RS384, oidc.RS512, oidc.ES256, oidc.ES384, oidc.ES512,
	oidc.PS256, oidc.PS384, oidc.PS512, oidc.EdDSA}

// scopes Kite asks for: the ID token, the email address and the name.
var scopes = []string{oidc.ScopeOpenID, "email", "profile"}

// Start begins a sign-in for a member of staff of the authority: it stores
// the state, nonce and PKCE verifier, and returns the provider's
// authorization URL and the binding that ties the sign-in to this browser.
// The caller keeps the binding in the browser (a cookie) and gives it back
// with the provider's answer, so that an answer cannot be replayed into
// someone else's browser.
func (s *Service) Start(ctx context.Context, authority ident.ID) (providerURL, binding string, err error) {
	if !s.Enabled() {
		return "", "", ErrNoProvider
	}
	p, err := s.settingsOf(ctx, authority)
	if err != nil {
		return "", "", err
	}
	cfg, err := s.oauth2Config(ctx, p)
	if err != nil {
		return "", "", err
	}
	state, nonce, verifier := auth.RandomToken(), auth.RandomToken(), oauth2.GenerateVerifier()
	binding = auth.RandomToken()
	now := s.Now()
	sys := system(ctx) // System context: nobody is signed in yet.
	// Finished and abandoned sign-ins are of no further use.
	if _, err := s.Client.PendingSignIn.Delete().Where(pendingsignin.ExpiresAtLT(now)).Exec(sys); err != nil {
		return "", "", fmt.Errorf("sign in: clear old sign-ins: %w", err)
	}
	err = s.Client.PendingSignIn.Create().
		SetAuthorityID(authority).
		SetStateHash(auth.HashToken(state)).
		SetBindingHash(auth.HashToken(binding)).
		SetNonce(nonce).
		SetCodeVerifier(verifier).
		SetExpiresAt(now.Add(startTTL)).
		Exec(sys)
	if err != nil {
		return "", "", fmt.Errorf("sign in: store: %w", err)
	}
	return cfg.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), binding, nil
}

// NoProvider reports whether err means the authority has no provider.
func (s *Service) NoProvider(err error) bool { return errors.Is(err, ErrNoProvider) }

// settingsOf reads the authority's provider settings.
func (s *Service) settingsOf(ctx context.Context, authority ident.ID) (*ent.SignInProvider, error) {
	// System context: the provider is read before anyone is signed in.
	p, err := s.Client.SignInProvider.Query().Where(signinprovider.AuthorityID(authority)).Only(system(ctx))
	if ent.IsNotFound(err) {
		return nil, ErrNoProvider
	}
	if err != nil {
		return nil, fmt.Errorf("sign in: provider settings: %w", err)
	}
	return p, nil
}

// oauth2Config is the authorization code flow's settings for p, from its
// discovery document.
func (s *Service) oauth2Config(ctx context.Context, p *ent.SignInProvider) (*oauth2.Config, error) {
	op, err := s.provider(ctx, p.Issuer)
	if err != nil {
		return nil, fail(FailUnavailable, "%v", err)
	}
	secret, err := s.Secrets.Read(p.ClientSecretName)
	if err != nil {
		return nil, fail(FailUnavailable, "%v", err)
	}
	return &oauth2.Config{ClientID: p.ClientID, ClientSecret: secret, Endpoint: op.Endpoint(),
		RedirectURL: s.RedirectURL, Scopes: scopes}, nil
}

// Callback takes the provider's answer (the callback's query) and the
// browser's binding, and returns where to send the browser: the portal's
// return URL with a one-time code, or with an error code. It never fails
// otherwise: every failure is logged, shown as a code, and — once the
// provider's answer has been checked against the authority's settings —
// audited.
func (s *Service) Callback(ctx context.Context, query url.Values, binding string) string {
	code, err := s.callback(ctx, query, binding)
	if err != nil {
		var f *Failure
		if !errors.As(err, &f) {
			f = fail(FailUnavailable, "%v", err)
		}
		slog.WarnContext(ctx, "sign in through identity provider failed", "code", f.Code, "detail", f.Detail)
		return s.returnTo("error", f.Code)
	}
	return s.returnTo("code", code)
}

// returnTo is the portal's return URL with key=value in its fragment, which
// browsers never send to a server or in a Referer.
func (s *Service) returnTo(key, value string) string {
	return s.ReturnURL + "#" + url.Values{key: {value}}.Encode()
}

// callback checks the answer, verifies the ID token, chooses the account
// and returns the one-time code for it.
func (s *Service) callback(ctx context.Context, query url.Values, binding string) (string, error) {
	ps, err := s.pending(ctx, query.Get("state"), binding)
	if err != nil {
		return "", err
	}
	if e := query.Get("error"); e != "" {
		return "", fail(FailCancelled, "the provider answered %q", e)
	}
	p, err := s.settingsOf(ctx, ps.AuthorityID)
	if err != nil {
		return "", fail(FailExpired, "the authority's provider was removed during the sign-in")
	}
	person, err := s.verify(ctx, p, ps, query.Get("code"))
	if err != nil {
		s.auditFailure(ctx, p, person, err)
		return "", err
	}
	u, err := s.account(ctx, p, person)
	if err != nil {
		s.auditFailure(ctx, p, person, err)
		return "", err
	}
	handoff := auth.RandomToken()
	// System context: the sign-in is proven; the code stands for it until
	// the client swaps it.
	err = s.Client.PendingSignIn.UpdateOneID(ps.ID).
		SetUserID(u.ID).
		SetHandoffHash(auth.HashToken(handoff)).
		SetExpiresAt(s.Now().Add(handoffTTL)).
		Exec(system(ctx))
	if err != nil {
		return "", fmt.Errorf("sign in: store code: %w", err)
	}
	return handoff, nil
}

// pending finds the sign-in the state names, checks that it is this
// browser's and not run out, and marks it answered, so that a state works
// once.
func (s *Service) pending(ctx context.Context, state, binding string) (*ent.PendingSignIn, error) {
	if state == "" {
		return nil, fail(FailExpired, "no state")
	}
	sys := system(ctx) // System context: the state is the credential.
	ps, err := s.Client.PendingSignIn.Query().Where(pendingsignin.StateHash(auth.HashToken(state))).Only(sys)
	if ent.IsNotFound(err) {
		return nil, fail(FailExpired, "unknown state")
	}
	if err != nil {
		return nil, fmt.Errorf("sign in: find state: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(ps.BindingHash), []byte(auth.HashToken(binding))) != 1 {
		return nil, fail(FailExpired, "the answer came to another browser than the one that started")
	}
	now := s.Now()
	if !now.Before(ps.ExpiresAt) {
		return nil, fail(FailExpired, "the sign-in ran out")
	}
	n, err := s.Client.PendingSignIn.Update().
		Where(pendingsignin.ID(ps.ID), pendingsignin.AnsweredAtIsNil()).
		SetAnsweredAt(now).
		Save(sys)
	if err != nil {
		return nil, fmt.Errorf("sign in: mark answered: %w", err)
	}
	if n == 0 {
		return nil, fail(FailExpired, "the state was already used")
	}
	return ps, nil
}

// Complete swaps the one-time code from a finished sign-in for Kite's
// tokens. The code works once, for two minutes; the account must still be
// active then.
func (s *Service) Complete(ctx context.Context, code string) (*session.Tokens, error) {
	sys := system(ctx) // System context: the one-time code is the credential.
	ps, err := s.Client.PendingSignIn.Query().Where(pendingsignin.HandoffHash(auth.HashToken(code))).Only(sys)
	if ent.IsNotFound(err) {
		return nil, errBadHandoff
	}
	if err != nil {
		return nil, fmt.Errorf("complete sign in: %w", err)
	}
	now := s.Now()
	if ps.UserID == nil || ps.UsedAt != nil || !now.Before(ps.ExpiresAt) {
		return nil, errBadHandoff
	}
	n, err := s.Client.PendingSignIn.Update().
		Where(pendingsignin.ID(ps.ID), pendingsignin.UsedAtIsNil()).
		SetUsedAt(now).
		Save(sys)
	if err != nil {
		return nil, fmt.Errorf("complete sign in: %w", err)
	}
	if n == 0 {
		return nil, errBadHandoff
	}
	u, err := s.Client.User.Get(sys, *ps.UserID)
	if err != nil {
		return nil, fmt.Errorf("complete sign in: %w", err)
	}
	if !u.Active || !u.Role.IsStaff() {
		return nil, errBadHandoff
	}
	link, err := s.linkOf(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	return s.Sessions.SignInThrough(ctx, u, audit.LoginSSOSucceeded, providerAndSubject(link.Issuer, link.Subject))
}

// errBadHandoff is every failure of Complete, alike.
var errBadHandoff = apierr.BadInput("code", "That sign-in has run out or was already used. Please sign in again.")

// providerAndSubject is what an audit event says of the person at the
// provider.
func providerAndSubject(issuer, subject string) string {
	return fmt.Sprintf("provider %s subject %s", issuer, subject)
}

// singleAudience: a token for several audiences must name Kite as the
// party it was issued to (azp), as OpenID Connect Core 3.1.3.7 says.
func singleAudience(idt *oidc.IDToken, azp, clientID string) bool {
	return len(idt.Audience) == 1 || (azp == clientID && slices.Contains(idt.Audience, clientID))
}
