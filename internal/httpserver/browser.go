package httpserver

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"kite/internal/apierr"
)

// BrowserPath is where the browser session routes live, and the path the
// refresh cookie is scoped to: the browser sends it to these routes only,
// never to /query.
const BrowserPath = "/auth/browser/"

// RefreshCookie holds a browser's refresh token (HttpOnly: the page's
// scripts never see it).
const RefreshCookie = "kite_refresh"

// BrowserHeader must be on every request to the browser session routes,
// with the value BrowserHeaderValue. A page on another site cannot send a
// custom header without a CORS preflight, which Kite never allows for it.
const (
	BrowserHeader      = "X-Kite-Browser"
	BrowserHeaderValue = "1"
)

// BrowserTokens are what a browser sign-in gives: the access token for the
// page to keep in memory, and the refresh token for the cookie.
type BrowserTokens struct {
	AccessToken  string
	RefreshToken string
	ExpiresAt    time.Time
}

// BrowserSessions signs a browser in, refreshes and ends its session; the
// same work as the login, completeStaffSignIn, refreshSession and logout
// mutations (internal/session).
type BrowserSessions interface {
	Login(ctx context.Context, username, password string) (BrowserTokens, error)
	// CompleteStaffSignIn swaps the one-time code of a sign-in through an
	// identity provider for tokens.
	CompleteStaffSignIn(ctx context.Context, code string) (BrowserTokens, error)
	Refresh(ctx context.Context, refreshToken string) (BrowserTokens, error)
	Logout(ctx context.Context, refreshToken string) error
}

// browserBodyLimit is far more than a username and password need.
const browserBodyLimit = 8 << 10

// BrowserSessionRoutes serves the browser sign-in beside the token API:
//
//	POST /auth/browser/login   {"username","password"}
//	POST /auth/browser/staff   {"code"} (from a sign-in through an identity provider)
//	POST /auth/browser/refresh (the cookie)
//	POST /auth/browser/logout  (the cookie)
//
// Each answers {"accessToken","expiresAt"} (logout: {"ok":true}) and sets or
// clears the refresh cookie: HttpOnly, SameSite=Strict, Path /auth/browser/,
// Secure when secure (everywhere but a development server on loopback),
// lasting refreshTTL. Every request must come from a page of this origin
// (sameOrigin), which is the protection against cross-site request forgery.
func BrowserSessionRoutes(s BrowserSessions, secure bool, refreshTTL time.Duration) http.Handler {
	setCookie := func(w http.ResponseWriter, token string) {
		http.SetCookie(w, &http.Cookie{Name: RefreshCookie, Value: token, Path: BrowserPath,
			MaxAge: int(refreshTTL / time.Second), HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode})
	}
	clearCookie := func(w http.ResponseWriter) {
		http.SetCookie(w, &http.Cookie{Name: RefreshCookie, Value: "", Path: BrowserPath, MaxAge: -1,
			HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode})
	}
	// answer sets the cookie and answers the access token, or the error; a
	// refresh token refused (forget) is cleared from the browser.
	answer := func(w http.ResponseWriter, r *http.Request, t BrowserTokens, err error, forget bool) {
		if err != nil {
			var e *apierr.Error
			if forget && errors.As(err, &e) && e.Code == apierr.CodeUnauthenticated {
				clearCookie(w)
			}
			writeBrowserError(w, r, err)
			return
		}
		setCookie(w, t.RefreshToken)
		writeJSON(w, http.StatusOK, map[string]any{"accessToken": t.AccessToken, "expiresAt": t.ExpiresAt.UTC().Format(time.RFC3339)})
	}
	cookie := func(r *http.Request) string {
		if c, err := r.Cookie(RefreshCookie); err == nil {
			return c.Value
		}
		return ""
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+BrowserPath+"login", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Username, Password string }
		if !readBrowserJSON(w, r, &in) {
			return
		}
		t, err := s.Login(r.Context(), in.Username, in.Password)
		answer(w, r, t, err, false)
	})
	mux.HandleFunc("POST "+BrowserPath+"staff", func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Code string }
		if !readBrowserJSON(w, r, &in) {
			return
		}
		t, err := s.CompleteStaffSignIn(r.Context(), in.Code)
		answer(w, r, t, err, false)
	})
	mux.HandleFunc("POST "+BrowserPath+"refresh", func(w http.ResponseWriter, r *http.Request) {
		token := cookie(r)
		if token == "" {
			writeBrowserError(w, r, apierr.Unauthenticated())
			return
		}
		t, err := s.Refresh(r.Context(), token)
		answer(w, r, t, err, true)
	})
	mux.HandleFunc("POST "+BrowserPath+"logout", func(w http.ResponseWriter, r *http.Request) {
		if token := cookie(r); token != "" {
			if err := s.Logout(r.Context(), token); err != nil {
				writeBrowserError(w, r, err)
				return
			}
		}
		clearCookie(w)
		writeJSON(w, http.StatusOK, map[string]any{"ok": true})
	})
	return sameOrigin(http.MaxBytesHandler(mux, browserBodyLimit))
}

// sameOrigin refuses a request that a page of another site could have made:
// it must carry BrowserHeader (a custom header, so another origin's page
// needs a CORS preflight, which Kite does not allow for it), an Origin
// whose host is the one asked for, and, when the browser says, Sec-Fetch-Site
// same-origin. With the cookie's SameSite=Strict this is defence in depth:
// either alone stops a forged refresh, login or logout.
func sameOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin, err := url.Parse(r.Header.Get("Origin"))
		switch {
		case r.Header.Get(BrowserHeader) != BrowserHeaderValue,
			err != nil || origin.Host == "" || origin.Host != r.Host,
			r.Header.Get("Sec-Fetch-Site") != "" && r.Header.Get("Sec-Fetch-Site") != "same-origin":
			apierr.WriteHTTP(w, r, http.StatusForbidden, &apierr.Error{Code: apierr.CodeForbidden,
				Message: "This request did not come from the Kite portal, so it was refused."})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// readBrowserJSON decodes a small JSON body, answering BAD_USER_INPUT when
// it is not one.
func readBrowserJSON(w http.ResponseWriter, r *http.Request, into any) bool {
	if err := json.NewDecoder(r.Body).Decode(into); err != nil {
		apierr.WriteHTTP(w, r, http.StatusBadRequest, apierr.BadInput("", "The request could not be read."))
		return false
	}
	return true
}

// writeBrowserError answers with the API's error, in its words; anything
// unexpected is logged and answered as INTERNAL.
func writeBrowserError(w http.ResponseWriter, r *http.Request, err error) {
	var e *apierr.Error
	if !errors.As(err, &e) {
		slog.ErrorContext(r.Context(), "browser session", "error", err)
		apierr.WriteHTTP(w, r, http.StatusInternalServerError, apierr.InternalError())
		return
	}
	status := http.StatusBadRequest
	switch e.Code {
	case apierr.CodeUnauthenticated:
		status = http.StatusUnauthorized
	case apierr.CodeForbidden:
		status = http.StatusForbidden
	case apierr.CodeRateLimited:
		status = http.StatusTooManyRequests
	}
	apierr.WriteHTTP(w, r, status, e)
}
