package httpserver

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/url"

	"kite/internal/apierr"
	"kite/internal/ident"
)

// StaffSignIn is the sign-in through an authority's identity provider
// (internal/sso), as its routes need it.
type StaffSignIn interface {
	// Start returns the provider's URL to send the browser to, and a
	// binding to keep in the browser until the provider sends it back.
	Start(ctx context.Context, authority ident.ID) (providerURL, binding string, err error)
	// Callback takes the provider's answer and the binding, and returns
	// where to send the browser (the portal, with a one-time code or an
	// error code).
	Callback(ctx context.Context, query url.Values, binding string) string
	// NoProvider reports whether err means the authority has no provider.
	NoProvider(err error) bool
}

// bindingCookie ties a sign-in to the browser that started it: without it
// someone could start a sign-in, finish it at the provider as themself,
// and send the callback link to someone else (login cross-site request
// forgery). It lives only on the sign-in paths, only as long as a sign-in.
const bindingCookie = "kite_sign_in"

// SignInRoutes serves /auth/oidc/{authority}/start and /auth/oidc/callback.
// secure marks the cookie Secure (a public URL over https).
func SignInRoutes(flow StaffSignIn, secure bool) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /auth/oidc/{authority}/start", func(w http.ResponseWriter, r *http.Request) {
		authority := ident.ID(r.PathValue("authority"))
		if !authority.Valid() {
			apierr.WriteHTTP(w, r, http.StatusNotFound, apierr.NotFound())
			return
		}
		to, binding, err := flow.Start(r.Context(), authority)
		switch {
		case flow.NoProvider(err):
			apierr.WriteHTTP(w, r, http.StatusNotFound, &apierr.Error{Code: apierr.CodeNotFound,
				Message: "This council does not sign its staff in through an identity provider."})
			return
		case err != nil:
			slog.ErrorContext(r.Context(), "sign in: start", "error", err)
			apierr.WriteHTTP(w, r, http.StatusBadGateway, &apierr.Error{Code: apierr.CodeInternal,
				Message: "Kite cannot reach your organisation's sign-in just now. Please try again in a few minutes."})
			return
		}
		http.SetCookie(w, &http.Cookie{Name: bindingCookie, Value: binding, Path: "/auth/oidc/", MaxAge: 600,
			HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
		http.Redirect(w, r, to, http.StatusFound)
	})
	mux.HandleFunc("GET /auth/oidc/callback", func(w http.ResponseWriter, r *http.Request) {
		binding := ""
		if c, err := r.Cookie(bindingCookie); err == nil {
			binding = c.Value
		} else if !errors.Is(err, http.ErrNoCookie) {
			slog.WarnContext(r.Context(), "sign in: binding cookie", "error", err)
		}
		// The binding is used once, whatever the answer.
		http.SetCookie(w, &http.Cookie{Name: bindingCookie, Value: "", Path: "/auth/oidc/", MaxAge: -1,
			HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
		http.Redirect(w, r, flow.Callback(r.Context(), r.URL.Query(), binding), http.StatusFound)
	})
	return mux
}
