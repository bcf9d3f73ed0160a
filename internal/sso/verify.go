package sso

import (
	"context"
	"crypto/subtle"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"kite/ent"
)

// person is who the provider says signed in, from a verified ID token.
type person struct {
	Issuer  string
	Subject string
	// Email is set only when the provider vouches for it (verified), in
	// lower case.
	Email  string
	Name   string
	Groups []string
}

// verify swaps the code for tokens (with the PKCE verifier) and checks the
// ID token: signature by the issuer's current keys and an asymmetric
// algorithm, issuer, audience (and the authorized party), expiry, nonce.
// The returned person may be partly filled in when the token was good but
// its email was not, for the audit log.
func (s *Service) verify(ctx context.Context, p *ent.SignInProvider, ps *ent.PendingSignIn, code string) (*person, error) {
	if code == "" {
		return nil, fail(FailCancelled, "the provider sent no code")
	}
	cfg, err := s.oauth2Config(ctx, p)
	if err != nil {
		return nil, err
	}
	tok, err := cfg.Exchange(context.WithValue(ctx, oauth2.HTTPClient, s.HTTP), code, oauth2.VerifierOption(ps.CodeVerifier))
	if err != nil {
		return nil, fail(FailUnavailable, "exchange the code: %v", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, fail(FailTokenRefused, "the provider sent no ID token")
	}
	op, err := s.provider(ctx, p.Issuer)
	if err != nil {
		return nil, fail(FailUnavailable, "%v", err)
	}
	idt, err := op.Verifier(&oidc.Config{ClientID: p.ClientID, SupportedSigningAlgs: signingAlgs, Now: s.Now}).Verify(ctx, raw)
	if err != nil {
		return nil, fail(FailTokenRefused, "%v", err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(ps.Nonce)) != 1 {
		return nil, fail(FailTokenRefused, "the ID token's nonce is not the one sent")
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return nil, fail(FailTokenRefused, "read claims: %v", err)
	}
	azp, _ := claims["azp"].(string)
	if !singleAudience(idt, azp, p.ClientID) {
		return nil, fail(FailTokenRefused, "the ID token has several audiences and was not issued to Kite (azp %q)", azp)
	}
	who := &person{Issuer: idt.Issuer, Subject: idt.Subject, Name: text(claims["name"]), Groups: stringList(claims[p.GroupsClaim])}
	email := strings.ToLower(strings.TrimSpace(text(claims["email"])))
	if email == "" || !emailVerified(claims) {
		return who, fail(FailEmailNotVerified, "the provider does not vouch for the email address %q", email)
	}
	who.Email = email
	return who, nil
}

// emailVerified: the standard email_verified claim; or, from Microsoft
// Entra ID, which never sends it, the optional xms_edov claim (the email's
// domain is verified as the tenant's own) when email_verified is absent.
func emailVerified(claims map[string]any) bool {
	if v, ok := claims["email_verified"]; ok {
		return isTrue(v)
	}
	return isTrue(claims["xms_edov"])
}

// isTrue: JSON true, or the string "true" some providers send.
func isTrue(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case string:
		return v == "true"
	}
	return false
}

func text(v any) string {
	s, _ := v.(string)
	return s
}

// stringList reads a claim that lists strings (a single string counts as a
// list of one).
func stringList(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
