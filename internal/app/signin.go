package app

import (
	"net/http"
	"time"

	"kite/internal/config"
	"kite/internal/httpserver"
	"kite/internal/session"
	"kite/internal/sso"
	"kite/internal/store"
)

// staffSignIn assembles sign-in through identity providers. Without
// KITE_PUBLIC_URL it is there but off: the API still lets an admin set a
// provider, and the routes are not served.
func staffSignIn(cfg *config.Config, st *store.Store, sessions *session.Service, opts Options) *sso.Service {
	s := &sso.Service{Client: st.Client, Sessions: sessions, Clock: opts.Now,
		ReturnURL: cfg.SignIn.ReturnURL,
		Secrets:   sso.Secrets{Getenv: cfg.SignIn.Getenv, Dir: cfg.SignIn.SecretsDir},
		// A provider that does not answer must not hold a sign-in open.
		HTTP:              &http.Client{Timeout: 10 * time.Second},
		AllowLoopbackHTTP: cfg.Mode == config.Development,
	}
	if cfg.SignIn.PublicURL != "" {
		s.RedirectURL = cfg.SignIn.PublicURL + sso.CallbackPath
	}
	return s
}

// signInRoutes are the sign-in routes behind the rate limit (per address:
// nobody is signed in yet), or nil when sign-in through providers is off.
func signInRoutes(s *sso.Service, cfg *config.Config, limit *budget) http.Handler {
	if !s.Enabled() {
		return nil
	}
	return limit.Middleware(httpserver.SignInRoutes(s, cfg.SignIn.Secure()))
}
