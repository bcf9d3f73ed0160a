package app_test

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kite/internal/apitest"
	"kite/internal/demo"
	"kite/internal/httpserver"
)

// browserCall is one request to a browser session route, as the portal
// sends it unless a test changes it.
type browserCall struct {
	route   string // login, refresh, logout
	body    string
	cookie  string // the refresh cookie's value, if any
	origin  string // "" for the server's own
	noMark  bool   // leave out X-Kite-Browser
	noOrig  bool   // leave out Origin
	fetchBy string // Sec-Fetch-Site, if set
}

func (c browserCall) do(s *apitest.Server) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, httpserver.BrowserPath+c.route, strings.NewReader(c.body))
	req.Host = "127.0.0.1:8080"
	req.Header.Set("Content-Type", "application/json")
	if !c.noMark {
		req.Header.Set(httpserver.BrowserHeader, httpserver.BrowserHeaderValue)
	}
	switch {
	case c.noOrig:
	case c.origin != "":
		req.Header.Set("Origin", c.origin)
	default:
		req.Header.Set("Origin", "http://127.0.0.1:8080")
	}
	if c.fetchBy != "" {
		req.Header.Set("Sec-Fetch-Site", c.fetchBy)
	}
	if c.cookie != "" {
		req.AddCookie(&http.Cookie{Name: httpserver.RefreshCookie, Value: c.cookie})
	}
	rec := httptest.NewRecorder()
	s.Handler.ServeHTTP(rec, req)
	return rec
}

// refreshCookie is the refresh cookie a response set, or nil.
func refreshCookie(rec *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == httpserver.RefreshCookie {
			return c
		}
	}
	return nil
}

func accessToken(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var out struct{ AccessToken, ExpiresAt string }
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.AccessToken == "" || out.ExpiresAt == "" {
		t.Fatalf("no access token in %d %s", rec.Code, rec.Body)
	}
	return out.AccessToken
}

// signedIn reports whether an access token still works.
func signedIn(s *apitest.Server, token string) bool {
	r := s.Query(token, `{ me { id } }`, nil)
	return len(r.Errors) == 0
}

func errorCode(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	var out struct {
		Errors []struct {
			Message    string
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Errors) != 1 || out.Errors[0].Message == "" {
		t.Fatalf("not an API error: %d %s", rec.Code, rec.Body)
	}
	return out.Errors[0].Extensions.Code
}

var childLogin = `{"username":"child.demo","password":"` + demo.Password + `"}`

func TestBrowserSignInSetsTheRefreshCookie(t *testing.T) {
	s := apitest.New(t)
	rec := browserCall{route: "login", body: childLogin}.do(s)
	if rec.Code != http.StatusOK {
		t.Fatalf("login: %d %s", rec.Code, rec.Body)
	}
	if strings.Contains(rec.Body.String(), "refresh") {
		t.Errorf("the refresh token must stay out of the page's reach: %s", rec.Body)
	}
	c := refreshCookie(rec)
	switch {
	case c == nil || c.Value == "":
		t.Fatalf("no refresh cookie: %v", rec.Header())
	case !c.HttpOnly, c.SameSite != http.SameSiteStrictMode, c.Path != httpserver.BrowserPath:
		t.Errorf("cookie %+v: want HttpOnly, SameSite=Strict, Path=%s", c, httpserver.BrowserPath)
	case c.Secure:
		t.Errorf("a development server on loopback serves plain http: the cookie cannot be Secure there")
	case c.MaxAge != int(s.Config.RefreshTokenTTL.Seconds()):
		t.Errorf("cookie lasts %ds, want the refresh token's %s", c.MaxAge, s.Config.RefreshTokenTTL)
	}
	if !signedIn(s, accessToken(t, rec)) {
		t.Errorf("the access token from a browser sign-in does not work on /query")
	}

	wrong := browserCall{route: "login", body: `{"username":"child.demo","password":"not the password"}`}.do(s)
	if wrong.Code != http.StatusUnauthorized || errorCode(t, wrong) != "UNAUTHENTICATED" || refreshCookie(wrong) != nil {
		t.Errorf("wrong password: %d %s %v", wrong.Code, wrong.Body, wrong.Header())
	}
}

func TestBrowserCookieIsSecureBeyondLoopback(t *testing.T) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		t.Fatal(err)
	}
	production := map[string]string{"KITE_MODE": "production", "KITE_SIGNING_KEY": base64.StdEncoding.EncodeToString(key),
		"KITE_SMTP_URL": "smtp://mail.example.org:587?from=kite@example.org"}
	for _, settings := range []map[string]string{
		{"KITE_ADDR": "0.0.0.0:8080"},
		{"KITE_ADDR": "192.0.2.10:8080"},
		production, // on loopback, but production
	} {
		s := apitest.NewWith(t, settings)
		rec := browserCall{route: "login", body: childLogin}.do(s)
		if c := refreshCookie(rec); c == nil || !c.Secure || !c.HttpOnly {
			t.Errorf("%v: cookie %+v, want Secure and HttpOnly", settings, c)
		}
		// The portal is there in production too.
		page := httptest.NewRecorder()
		s.Handler.ServeHTTP(page, httptest.NewRequest(http.MethodGet, "/portal/", nil))
		if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `<script type="module" src="app.js">`) {
			t.Errorf("%v: /portal/ = %d", settings, page.Code)
		}
	}
}

func TestBrowserSessionRoutesRefuseOtherSites(t *testing.T) {
	s := apitest.New(t)
	login := browserCall{route: "login", body: childLogin}.do(s)
	cookie := refreshCookie(login).Value
	forged := []struct {
		name string
		call browserCall
	}{
		{"login without the portal's header", browserCall{route: "login", body: childLogin, noMark: true}},
		{"login from another site", browserCall{route: "login", body: childLogin, origin: "https://evil.example"}},
		{"login without an Origin", browserCall{route: "login", body: childLogin, noOrig: true}},
		{"refresh without the portal's header", browserCall{route: "refresh", cookie: cookie, noMark: true}},
		{"refresh from another site", browserCall{route: "refresh", cookie: cookie, origin: "https://evil.example"}},
		{"refresh from a look-alike host", browserCall{route: "refresh", cookie: cookie, origin: "http://127.0.0.1:8080.evil.example"}},
		{"refresh from another port", browserCall{route: "refresh", cookie: cookie, origin: "http://127.0.0.1:9999"}},
		{"refresh without an Origin", browserCall{route: "refresh", cookie: cookie, noOrig: true}},
		{"refresh the browser calls cross-site", browserCall{route: "refresh", cookie: cookie, fetchBy: "cross-site"}},
		{"refresh the browser calls same-site", browserCall{route: "refresh", cookie: cookie, fetchBy: "same-site"}},
		{"logout from another site", browserCall{route: "logout", cookie: cookie, origin: "https://evil.example"}},
	}
	for _, f := range forged {
		rec := f.call.do(s)
		if rec.Code != http.StatusForbidden || errorCode(t, rec) != "FORBIDDEN" || refreshCookie(rec) != nil {
			t.Errorf("%s: %d %s %v", f.name, rec.Code, rec.Body, rec.Header())
		}
	}
	// None of them used the token: it still works, once.
	ok := browserCall{route: "refresh", cookie: cookie, fetchBy: "same-origin"}.do(s)
	if ok.Code != http.StatusOK {
		t.Errorf("the refresh cookie stopped working after refused requests: %d %s", ok.Code, ok.Body)
	}
}

func TestBrowserRefreshRotatesAndReuseEndsTheSession(t *testing.T) {
	s := apitest.New(t)
	first := refreshCookie(browserCall{route: "login", body: childLogin}.do(s)).Value

	rec := browserCall{route: "refresh", cookie: first}.do(s)
	if rec.Code != http.StatusOK {
		t.Fatalf("refresh: %d %s", rec.Code, rec.Body)
	}
	second := refreshCookie(rec)
	if second == nil || second.Value == "" || second.Value == first || !second.HttpOnly || second.Path != httpserver.BrowserPath {
		t.Fatalf("refresh did not rotate the cookie: %+v", second)
	}
	access := accessToken(t, rec)
	if !signedIn(s, access) {
		t.Fatalf("the refreshed access token does not work")
	}

	// The first token again: someone has a copy. The whole session ends.
	reused := browserCall{route: "refresh", cookie: first}.do(s)
	if reused.Code != http.StatusUnauthorized || errorCode(t, reused) != "UNAUTHENTICATED" {
		t.Errorf("reused refresh token: %d %s", reused.Code, reused.Body)
	}
	if c := refreshCookie(reused); c == nil || c.MaxAge >= 0 {
		t.Errorf("a refused refresh token is not cleared from the browser: %+v", c)
	}
	if rec := (browserCall{route: "refresh", cookie: second.Value}).do(s); rec.Code != http.StatusUnauthorized {
		t.Errorf("after reuse, the newest refresh token still works: %d", rec.Code)
	}
	if signedIn(s, access) {
		t.Errorf("after reuse, the session's access token still works")
	}
	if rec := (browserCall{route: "refresh"}).do(s); rec.Code != http.StatusUnauthorized {
		t.Errorf("refresh without a cookie: %d", rec.Code)
	}
}

func TestBrowserLogoutClearsTheCookie(t *testing.T) {
	s := apitest.New(t)
	login := browserCall{route: "login", body: childLogin}.do(s)
	cookie, access := refreshCookie(login).Value, accessToken(t, login)
	rec := browserCall{route: "logout", cookie: cookie}.do(s)
	c := refreshCookie(rec)
	if rec.Code != http.StatusOK || c == nil || c.MaxAge >= 0 || c.Value != "" || c.Path != httpserver.BrowserPath {
		t.Errorf("logout: %d %s, cookie %+v", rec.Code, rec.Body, c)
	}
	if signedIn(s, access) {
		t.Errorf("after logout the access token still works")
	}
	if rec := (browserCall{route: "refresh", cookie: cookie}).do(s); rec.Code != http.StatusUnauthorized {
		t.Errorf("after logout the refresh token still works: %d", rec.Code)
	}
	// Logging out with no session left still clears the cookie.
	if rec := (browserCall{route: "logout"}).do(s); rec.Code != http.StatusOK || refreshCookie(rec) == nil {
		t.Errorf("logout without a cookie: %d %v", rec.Code, rec.Header())
	}
}

func TestPortalIsServedUnderAStrictPolicy(t *testing.T) {
	s := apitest.New(t)
	for _, path := range []string{"/portal/", "/portal/app.js", "/portal/style.css"} {
		rec := httptest.NewRecorder()
		s.Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		h := rec.Header()
		if rec.Code != http.StatusOK {
			t.Errorf("%s: %d", path, rec.Code)
			continue
		}
		if h.Get("Content-Security-Policy") != httpserver.PortalCSP || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
	for _, want := range []string{"default-src 'self'", "script-src 'self';", "style-src 'self';", "frame-ancestors 'none'", "object-src 'none'"} {
		if !strings.Contains(httpserver.PortalCSP, want) {
			t.Errorf("the portal's policy lacks %q", want)
		}
	}
	if strings.Contains(httpserver.PortalCSP, "unsafe") || strings.Contains(httpserver.PortalCSP, "http") {
		t.Errorf("the portal's policy allows inline code or another origin: %s", httpserver.PortalCSP)
	}
}
