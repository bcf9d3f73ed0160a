package app

import (
	"context"
	"net/http"

	"kite/internal/config"
	"kite/internal/httpserver"
	"kite/internal/session"
	"kite/internal/sso"
)

// browserSessions gives the browser session routes the same sign-in,
// refresh and logout as the token API's mutations.
type browserSessions struct {
	sessions *session.Service
	signIn   *sso.Service
}

func browserTokens(t *session.Tokens, err error) (httpserver.BrowserTokens, error) {
	if err != nil {
		return httpserver.BrowserTokens{}, err
	}
	return httpserver.BrowserTokens{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, ExpiresAt: t.ExpiresAt}, nil
}

func (b browserSessions) Login(ctx context.Context, username, password string) (httpserver.BrowserTokens, error) {
	return browserTokens(b.sessions.Login(ctx, username, password))
}

func (b browserSessions) CompleteStaffSignIn(ctx context.Context, code string) (httpserver.BrowserTokens, error) {
	return browserTokens(b.signIn.Complete(ctx, code))
}

func (b browserSessions) Refresh(ctx context.Context, token string) (httpserver.BrowserTokens, error) {
	return browserTokens(b.sessions.Refresh(ctx, token))
}

func (b browserSessions) Logout(ctx context.Context, token string) error {
	_, err := b.sessions.Logout(ctx, token)
	return err
}

// secureCookies reports whether the browser's cookies must be Secure: always,
// except on a development server only this machine can reach (plain http to
// 127.0.0.1).
func secureCookies(cfg *config.Config) bool {
	return cfg.Mode != config.Development || !cfg.Loopback()
}

// browserRoutes are the browser session routes behind the rate limit (per
// address, like login).
func browserRoutes(s *session.Service, signIn *sso.Service, cfg *config.Config, limit *budget) http.Handler {
	return limit.Middleware(httpserver.BrowserSessionRoutes(browserSessions{sessions: s, signIn: signIn},
		secureCookies(cfg), cfg.RefreshTokenTTL))
}
