package session

import (
	"errors"
	"log/slog"
	"net/http"

	"kite/internal/apierr"
	"kite/internal/reqlog"
	"kite/internal/viewer"
)

// Middleware puts the viewer in the request context, once, from the
// Authorization header. A missing, malformed, expired or revoked token
// leaves the request anonymous: public fields still answer, and everything
// else is UNAUTHENTICATED, so a client knows to refresh or sign in again.
// The token is verified once per request: when the rate limiter has
// verified it already, its result is used (VerifyBearer).
func (s *Service) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, claims, err := VerifyBearer(r, s.Tokens)
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		v, err := s.load(r.Context(), viewerOf(claims))
		switch {
		case err == nil:
			reqlog.SetViewer(r.Context(), string(v.UserID))
			r = r.WithContext(viewer.NewContext(r.Context(), v))
		case !errors.Is(err, errNoViewer):
			slog.ErrorContext(r.Context(), "authenticate", "error", err)
			apierr.WriteHTTP(w, r, http.StatusServiceUnavailable, apierr.InternalError())
			return
		}
		next.ServeHTTP(w, r)
	})
}
