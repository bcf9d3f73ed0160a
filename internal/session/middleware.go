package session

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"kite/internal/apierr"
	"kite/internal/reqlog"
	"kite/internal/viewer"
)

// Middleware puts the viewer in the request context, once, from the
// Authorization header. A missing, malformed, expired or revoked token
// leaves the request anonymous: public fields still answer, and everything
// else is UNAUTHENTICATED, so a client knows to refresh or sign in again.
func (s *Service) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, ok := Bearer(r.Header.Get("Authorization"))
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		v, err := s.Authenticate(r.Context(), token)
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

// Bearer takes the token out of an "Authorization: Bearer <token>" value.
func Bearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
