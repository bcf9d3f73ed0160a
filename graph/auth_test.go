package graph_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"kite/ent"
	"kite/ent/auditevent"
	"kite/ent/child"
	"kite/ent/invitation"
	"kite/ent/refreshtoken"
	"kite/ent/user"
	"kite/internal/apitest"
	"kite/internal/auth"
	"kite/internal/demo"
	"kite/internal/domain"
)

const (
	loginMutation   = `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { accessToken refreshToken expiresAt user { id displayName role } } }`
	meQuery         = `{ me { id displayName role child { id preferredName } children { id preferredName } } }`
	refreshMutation = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken expiresAt } }`
	logoutMutation  = `mutation($t: String!) { logout(refreshToken: $t) }`
)

type session struct{ access, refresh string }

func login(t *testing.T, s *apitest.Server, username, password string) (session, *apitest.Response) {
	t.Helper()
	r := s.Query("", loginMutation, map[string]any{"u": username, "p": password})
	if len(r.Errors) > 0 {
		return session{}, r
	}
	p := r.Data["login"].(map[string]any)
	return session{p["accessToken"].(string), p["refreshToken"].(string)}, r
}

func mustLogin(t *testing.T, s *apitest.Server, username string) session {
	t.Helper()
	sess, r := login(t, s, username, demo.Password)
	if len(r.Errors) > 0 {
		t.Fatalf("login %s: %s", username, r.Raw)
	}
	return sess
}

func userID(t *testing.T, s *apitest.Server, username string) ent.User {
	t.Helper()
	return *s.Client().User.Query().Where(user.Username(username)).OnlyX(apitest.System())
}

func auditCount(s *apitest.Server, action string) int {
	return s.Client().AuditEvent.Query().Where(auditevent.Action(action)).CountX(apitest.System())
}

func TestLoginAndMe(t *testing.T) {
	s := apitest.New(t)
	sess, r := login(t, s, "Child.Demo ", demo.Password) // usernames ignore case and spaces around
	if len(r.Errors) > 0 {
		t.Fatalf("login: %s", r.Raw)
	}
	if got := apitest.Path(r.Data, "login", "user", "role"); got != "CHILD" {
		t.Errorf("login user role = %v", got)
	}
	me := s.Query(sess.access, meQuery, nil)
	if len(me.Errors) > 0 {
		t.Fatalf("me: %s", me.Raw)
	}
	if apitest.Path(me.Data, "me", "child", "preferredName") != "Jamie" || len(apitest.Path(me.Data, "me", "children").([]any)) != 0 {
		t.Errorf("child me: %s", me.Raw)
	}

	parent := mustLogin(t, s, "parent.demo")
	me = s.Query(parent.access, meQuery, nil)
	if apitest.Path(me.Data, "me", "child") != nil || apitest.Path(me.Data, "me", "children", 0, "preferredName") != "Ava" ||
		len(apitest.Path(me.Data, "me", "children").([]any)) != 1 {
		t.Errorf("parent me: %s", me.Raw)
	}
	if auditCount(s, "login.succeeded") != 2 {
		t.Errorf("login.succeeded events = %d", auditCount(s, "login.succeeded"))
	}
}

func TestMeWithoutTokenIsUnauthenticated(t *testing.T) {
	s := apitest.New(t)
	if r := s.Query("", meQuery, nil); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("me without a token: %s", r.Raw)
	}
}

// TestLoginFailuresLookTheSame: an unknown user, a wrong password and a
// disabled account get the same response, byte for byte.
func TestLoginFailuresLookTheSame(t *testing.T) {
	s := apitest.New(t)
	admin := mustLogin(t, s, "admin.demo")
	sw := userID(t, s, "sw.demo")
	if r := s.Query(admin.access, `mutation($id: ID!) { setAccountActive(input: {userId: $id, active: false}) { user { id active } } }`,
		map[string]any{"id": sw.ID}); len(r.Errors) > 0 {
		t.Fatalf("disable: %s", r.Raw)
	}
	responses := map[string]string{}
	for name, creds := range map[string][2]string{
		"unknown user":     {"nobody.demo", demo.Password},
		"wrong password":   {"iro.demo", "not the right password at all"},
		"disabled account": {"sw.demo", demo.Password},
	} {
		_, r := login(t, s, creds[0], creds[1])
		if r.Code() != "UNAUTHENTICATED" || r.Data != nil && r.Data["login"] != nil {
			t.Fatalf("%s: %s", name, r.Raw)
		}
		responses[name] = r.Raw
	}
	first := responses["unknown user"]
	for name, raw := range responses {
		if raw != first {
			t.Errorf("%s answers differently:\n%s\nvs\n%s", name, raw, first)
		}
	}
	if !strings.Contains(first, "username or password") {
		t.Errorf("message: %s", first)
	}
	if auditCount(s, "login.failed") != 3 {
		t.Errorf("login.failed events = %d, want 3", auditCount(s, "login.failed"))
	}
}

func TestLoginMustBeTheOnlyRootField(t *testing.T) {
	s := apitest.New(t)
	for name, q := range map[string]string{
		"aliased twice":  `mutation { a: login(input: {username: "iro.demo", password: "guess number one"}) { accessToken } b: login(input: {username: "iro.demo", password: "guess number two"}) { accessToken } }`,
		"beside another": `mutation { login(input: {username: "iro.demo", password: "kite-demo-password"}) { accessToken } logout(refreshToken: "x") }`,
	} {
		r := s.Query("", q, nil)
		if r.Code() != "BAD_USER_INPUT" || strings.Contains(r.Raw, "accessToken\":\"") {
			t.Errorf("%s: %s", name, r.Raw)
		}
	}
}

func TestBatchedRequestsAreRefused(t *testing.T) {
	s := apitest.New(t)
	req := s.Request("", "", nil)
	body := `[{"query":"mutation { login(input: {username: \"iro.demo\", password: \"guess one guess\"}) { accessToken } }"},` +
		`{"query":"mutation { login(input: {username: \"iro.demo\", password: \"guess two guess\"}) { accessToken } }"}]`
	req.Body = apitest.Body(body)
	req.ContentLength = int64(len(body))
	r := s.Do(req)
	if r.Code() != "BAD_USER_INPUT" || strings.Contains(r.Raw, "accessToken\":\"") || strings.Contains(r.Raw, "guess") {
		t.Fatalf("batched login: %d %s", r.Status, r.Raw)
	}
}

func TestLoginThrottling(t *testing.T) {
	s := apitest.New(t)
	attacker, child := "203.0.113.66:5000", "198.51.100.7:6000"
	try := func(addr, username, password string) *apitest.Response {
		return s.QueryFrom(addr, "", loginMutation, map[string]any{"u": username, "p": password})
	}
	for i := 0; i < 5; i++ {
		if r := try(attacker, "child.demo", "wrong password number"); r.Code() != "UNAUTHENTICATED" {
			t.Fatalf("failure %d: %s", i+1, r.Raw)
		}
	}
	r := try(attacker, "child.demo", demo.Password)
	if r.Code() != "RATE_LIMITED" || r.Header.Get("Retry-After") == "" {
		t.Fatalf("6th try, even with the right password: %s %v", r.Raw, r.Header)
	}
	// X-Forwarded-For from an untrusted peer changes nothing (asked at
	// once, while the wait after the 5th failure is still running: the
	// argon2 hashes below can outlast it on a busy machine).
	req := s.Request("", loginMutation, map[string]any{"u": "child.demo", "p": "wrong password number"})
	req.RemoteAddr = attacker
	req.Header.Set("X-Forwarded-For", "192.0.2.200")
	if r := s.Do(req); r.Code() != "RATE_LIMITED" {
		t.Fatalf("spoofed X-Forwarded-For escaped the throttle: %s", r.Raw)
	}
	// The same for a username that does not exist.
	for i := 0; i < 5; i++ {
		try(attacker, "nobody.at.all", "wrong password number")
	}
	if r := try(attacker, "nobody.at.all", "wrong password number"); r.Code() != "RATE_LIMITED" || r.Header.Get("Retry-After") == "" {
		t.Fatalf("unknown username not throttled alike: %s", r.Raw)
	}
	// The child, from their own address, is not kept out.
	if r := try(child, "child.demo", demo.Password); len(r.Errors) > 0 {
		t.Fatalf("the child is locked out by someone else: %s", r.Raw)
	}
	if auditCount(s, "login.throttled") == 0 {
		t.Error("no login.throttled audit event")
	}
}

func TestRefreshRotationAndReuse(t *testing.T) {
	s := apitest.New(t)
	first := mustLogin(t, s, "iro.demo")
	r := s.Query("", refreshMutation, map[string]any{"t": first.refresh})
	if len(r.Errors) > 0 {
		t.Fatalf("refresh: %s", r.Raw)
	}
	second := session{apitest.Path(r.Data, "refreshSession", "accessToken").(string), apitest.Path(r.Data, "refreshSession", "refreshToken").(string)}
	if second.refresh == first.refresh {
		t.Fatal("refresh token not rotated")
	}
	if me := s.Query(second.access, meQuery, nil); len(me.Errors) > 0 {
		t.Fatalf("new access token: %s", me.Raw)
	}
	// Reusing the first refresh token revokes the whole family...
	if r := s.Query("", refreshMutation, map[string]any{"t": first.refresh}); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("reuse: %s", r.Raw)
	}
	// ...including the token it was rotated into.
	if r := s.Query("", refreshMutation, map[string]any{"t": second.refresh}); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("rotated token after reuse: %s", r.Raw)
	}
	// Both presentations were of tokens no longer valid: each is recorded.
	if auditCount(s, "session.refresh_reused") != 2 {
		t.Errorf("refresh_reused events = %d, want 2", auditCount(s, "session.refresh_reused"))
	}
	// Another session of the same user is untouched.
	other := mustLogin(t, s, "iro.demo")
	if r := s.Query("", refreshMutation, map[string]any{"t": other.refresh}); len(r.Errors) > 0 {
		t.Fatalf("other session: %s", r.Raw)
	}
	// Garbage is simply unauthenticated.
	if r := s.Query("", refreshMutation, map[string]any{"t": "not-a-token"}); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("garbage: %s", r.Raw)
	}
}

func TestLogoutRevokesTheFamily(t *testing.T) {
	s := apitest.New(t)
	sess := mustLogin(t, s, "sw.demo")
	r := s.Query("", refreshMutation, map[string]any{"t": sess.refresh})
	rotated := apitest.Path(r.Data, "refreshSession", "refreshToken").(string)
	if r := s.Query("", logoutMutation, map[string]any{"t": rotated}); apitest.Path(r.Data, "logout") != true {
		t.Fatalf("logout: %s", r.Raw)
	}
	if r := s.Query("", refreshMutation, map[string]any{"t": rotated}); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("refresh after logout: %s", r.Raw)
	}
	if auditCount(s, "session.logout") != 1 {
		t.Error("no logout audit event")
	}
	if r := s.Query("", logoutMutation, map[string]any{"t": "unknown"}); apitest.Path(r.Data, "logout") != false {
		t.Fatalf("logout unknown: %s", r.Raw)
	}
}

func TestDisabledAccountStopsAtOnce(t *testing.T) {
	s := apitest.New(t)
	sw := mustLogin(t, s, "sw.demo")
	admin := mustLogin(t, s, "admin.demo")
	swUser := userID(t, s, "sw.demo")
	r := s.Query(admin.access, `mutation($id: ID!) { setAccountActive(input: {userId: $id, active: false}) { user { active } } }`, map[string]any{"id": swUser.ID})
	if apitest.Path(r.Data, "setAccountActive", "user", "active") != false {
		t.Fatalf("disable: %s", r.Raw)
	}
	if r := s.Query(sw.access, meQuery, nil); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("disabled account's token still works: %s", r.Raw)
	}
	if r := s.Query("", refreshMutation, map[string]any{"t": sw.refresh}); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("disabled account refreshed: %s", r.Raw)
	}
	if auditCount(s, "account.disabled") != 1 {
		t.Error("no account.disabled audit event")
	}
	r = s.Query(admin.access, `mutation($id: ID!) { setAccountActive(input: {userId: $id, active: true}) { user { active } } }`, map[string]any{"id": swUser.ID})
	if apitest.Path(r.Data, "setAccountActive", "user", "active") != true {
		t.Fatalf("enable: %s", r.Raw)
	}
	// Re-enabled before the old access token expired: it stays ended.
	if r := s.Query(sw.access, meQuery, nil); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("a token from before the account was disabled works again: %s", r.Raw)
	}
	mustLogin(t, s, "sw.demo")
}

func TestOnlyAnAdminOfTheAuthorityDisablesAccounts(t *testing.T) {
	s := apitest.New(t)
	manager := mustLogin(t, s, "manager.demo")
	admin := mustLogin(t, s, "admin.demo")
	iro := userID(t, s, "iro.demo")
	other := userID(t, s, "iro.other")
	q := `mutation($id: ID!) { setAccountActive(input: {userId: $id, active: false}) { user { id } } }`
	if r := s.Query(manager.access, q, map[string]any{"id": iro.ID}); r.Code() != "FORBIDDEN" {
		t.Errorf("manager disabling: %s", r.Raw)
	}
	if r := s.Query(admin.access, q, map[string]any{"id": other.ID}); r.Code() != "NOT_FOUND" {
		t.Errorf("admin disabling another authority's account: %s", r.Raw)
	}
	if r := s.Query(admin.access, q, map[string]any{"id": "usr_01JAAAAAAAAAAAAAAAAAAAAAAA"}); r.Code() != "NOT_FOUND" {
		t.Errorf("admin disabling a missing account: %s", r.Raw)
	}
	if !s.Client().User.GetX(apitest.System(), other.ID).Active || !s.Client().User.GetX(apitest.System(), iro.ID).Active {
		t.Error("an account was disabled")
	}
}

func TestChangedRoleTakesEffectOnTheNextRequest(t *testing.T) {
	s := apitest.New(t)
	sess := mustLogin(t, s, "sw.demo")
	sw := userID(t, s, "sw.demo")
	s.Client().User.UpdateOneID(sw.ID).SetRole(domain.RoleManager).ExecX(apitest.System())
	if r := s.Query(sess.access, meQuery, nil); apitest.Path(r.Data, "me", "role") != "MANAGER" {
		t.Fatalf("role after change: %s", r.Raw)
	}
}

// liveSession signs username in and returns the id of the new session (its
// refresh token family), for hand-made tokens.
func liveSession(t *testing.T, s *apitest.Server, username string) string {
	t.Helper()
	sess := mustLogin(t, s, username)
	rt := s.Client().RefreshToken.Query().Where(refreshtoken.TokenHash(auth.HashToken(sess.refresh))).OnlyX(apitest.System())
	return rt.Family
}

// signed makes a token with the server's own key, with claims changed.
func signed(t *testing.T, s *apitest.Server, method jwt.SigningMethod, key any, header map[string]any, change func(jwt.MapClaims)) string {
	t.Helper()
	iro := userID(t, s, "iro.demo")
	now := time.Now()
	claims := jwt.MapClaims{
		"iss": "kite", "aud": []string{"kite-api"}, "sub": string(iro.ID), "la": string(iro.AuthorityID),
		"role": "IRO", "jti": "test-token-id", "iat": now.Unix(), "nbf": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(),
		"sid": liveSession(t, s, "iro.demo"),
	}
	if change != nil {
		change(claims)
	}
	tok := jwt.NewWithClaims(method, claims)
	tok.Header["typ"] = "at+jwt"
	tok.Header["kid"] = s.Config.Keys.Current.ID
	for k, v := range header {
		tok.Header[k] = v
	}
	str, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return str
}

func TestBadTokensAreUnauthenticated(t *testing.T) {
	s := apitest.New(t)
	key := s.Config.Keys.Current.Secret
	good := signed(t, s, jwt.SigningMethodHS256, key, nil, nil)
	if r := s.Query(good, meQuery, nil); len(r.Errors) > 0 {
		t.Fatalf("a well-made token is refused, so the cases below prove nothing: %s", r.Raw)
	}
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	parts := strings.Split(good, ".")
	noneHeader := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"at+jwt","kid":"` + s.Config.Keys.Current.ID + `"}`))
	rsaPublicAsHMAC := signed(t, s, jwt.SigningMethodHS256, rsaPEM(t, rsaKey), nil, nil)
	cases := map[string]string{
		"alg none":             noneHeader + "." + parts[1] + ".",
		"RS256 with a new key": signed(t, s, jwt.SigningMethodRS256, rsaKey, nil, nil),
		"HS with an RSA key":   rsaPublicAsHMAC,
		"wrong key":            signed(t, s, jwt.SigningMethodHS256, []byte("another-key-that-is-32-bytes-long!!"), nil, nil),
		"expired":              signed(t, s, jwt.SigningMethodHS256, key, nil, func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() }),
		"missing exp":          signed(t, s, jwt.SigningMethodHS256, key, nil, func(c jwt.MapClaims) { delete(c, "exp") }),
		"wrong issuer":         signed(t, s, jwt.SigningMethodHS256, key, nil, func(c jwt.MapClaims) { c["iss"] = "someone-else" }),
		"wrong audience":       signed(t, s, jwt.SigningMethodHS256, key, nil, func(c jwt.MapClaims) { c["aud"] = []string{"another-api"} }),
		"wrong typ":            signed(t, s, jwt.SigningMethodHS256, key, map[string]any{"typ": "JWT"}, nil),
		"unknown kid":          signed(t, s, jwt.SigningMethodHS256, key, map[string]any{"kid": "00000000"}, nil),
		"other authority":      signed(t, s, jwt.SigningMethodHS256, key, nil, func(c jwt.MapClaims) { c["la"] = "la_01JAAAAAAAAAAAAAAAAAAAAAAA" }),
		// Tokens from before access tokens named their session.
		"no session id":      signed(t, s, jwt.SigningMethodHS256, key, nil, func(c jwt.MapClaims) { delete(c, "sid") }),
		"unknown session id": signed(t, s, jwt.SigningMethodHS256, key, nil, func(c jwt.MapClaims) { c["sid"] = "no-such-session" }),
		"garbage":            "not.a.token",
	}
	for name, tok := range cases {
		r := s.Query(tok, meQuery, nil)
		if r.Code() != "UNAUTHENTICATED" || strings.Contains(strings.ToLower(r.Errors[0].Message), "expired") {
			t.Errorf("%s: %s", name, r.Raw)
		}
	}
}

func rsaPEM(t *testing.T, k *rsa.PrivateKey) []byte {
	t.Helper()
	b, err := json.Marshal(k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestChangePassword(t *testing.T) {
	s := apitest.New(t)
	here := mustLogin(t, s, "iro.demo")
	elsewhere := mustLogin(t, s, "iro.demo")
	q := `mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) { accessToken refreshToken } }`
	if r := s.Query(here.access, q, map[string]any{"c": "not my password at all", "n": "velvet harbour lantern"}); r.Code() != "BAD_USER_INPUT" ||
		r.Errors[0].Extensions["field"] != "currentPassword" {
		t.Fatalf("wrong current password: %s", r.Raw)
	}
	if r := s.Query(here.access, q, map[string]any{"c": demo.Password, "n": "password1234"}); r.Code() != "BAD_USER_INPUT" ||
		r.Errors[0].Extensions["field"] != "newPassword" {
		t.Fatalf("guessable new password: %s", r.Raw)
	}
	r := s.Query(here.access, q, map[string]any{"c": demo.Password, "n": "velvet harbour lantern"})
	if len(r.Errors) > 0 {
		t.Fatalf("change: %s", r.Raw)
	}
	fresh := apitest.Path(r.Data, "changePassword", "accessToken").(string)
	if r := s.Query(fresh, meQuery, nil); len(r.Errors) > 0 {
		t.Fatalf("new token: %s", r.Raw)
	}
	for name, tok := range map[string]string{"this session's old token": here.access, "another session": elsewhere.access} {
		if r := s.Query(tok, meQuery, nil); r.Code() != "UNAUTHENTICATED" {
			t.Errorf("%s still works: %s", name, r.Raw)
		}
	}
	if r := s.Query("", refreshMutation, map[string]any{"t": elsewhere.refresh}); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("another session refreshed: %s", r.Raw)
	}
	if _, r := login(t, s, "iro.demo", demo.Password); r.Code() != "UNAUTHENTICATED" {
		t.Errorf("old password still works")
	}
	if _, r := login(t, s, "iro.demo", "velvet harbour lantern"); len(r.Errors) > 0 {
		t.Errorf("new password: %s", r.Raw)
	}
	if auditCount(s, "account.password_changed") != 1 {
		t.Error("no password_changed audit event")
	}
}

const (
	inviteMutation   = `mutation($in: CreateInvitationInput!) { createInvitation(input: $in) { code invitation { id role expiresAt } } }`
	activateMutation = `mutation($c: String!, $u: String!, $p: String!) { activateAccount(input: {code: $c, username: $u, password: $p}) { accessToken refreshToken user { id role } } }`
)

func childNamed(t *testing.T, s *apitest.Server, name string) *ent.Child {
	t.Helper()
	return s.Client().Child.Query().Where(child.PreferredName(name)).OnlyX(apitest.System())
}

func TestInviteAndActivateAChild(t *testing.T) {
	s := apitest.New(t)
	manager := mustLogin(t, s, "manager.demo")
	leo := childNamed(t, s, "Leo") // a child with no account
	r := s.Query(manager.access, inviteMutation, map[string]any{"in": map[string]any{"childId": leo.ID, "role": "CHILD", "displayName": "Leo"}})
	if len(r.Errors) > 0 {
		t.Fatalf("invite: %s", r.Raw)
	}
	code := apitest.Path(r.Data, "createInvitation", "code").(string)
	stored := s.Client().Invitation.Query().OnlyX(apitest.System())
	if strings.Contains(stored.CodeHash, strings.ReplaceAll(code, "-", "")) || len(strings.ReplaceAll(code, "-", "")) < 12 {
		t.Fatalf("code %q stored as %q", code, stored.CodeHash)
	}
	vars := func(code, username, password string) map[string]any {
		return map[string]any{"c": code, "u": username, "p": password}
	}
	if r := s.Query("", activateMutation, vars(code, "leo.new", "password")); r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "password" {
		t.Fatalf("short password: %s", r.Raw)
	}
	if r := s.Query("", activateMutation, vars(code, "child.demo", "velvet harbour lantern")); r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "username" {
		t.Fatalf("taken username: %s", r.Raw)
	}
	if r := s.Query("", activateMutation, vars(code, "x", "velvet harbour lantern")); r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "username" {
		t.Fatalf("bad username: %s", r.Raw)
	}
	r = s.Query("", activateMutation, vars(strings.ToLower(code), "Leo.New", "velvet harbour lantern"))
	if len(r.Errors) > 0 {
		t.Fatalf("activate: %s", r.Raw)
	}
	token := apitest.Path(r.Data, "activateAccount", "accessToken").(string)
	if me := s.Query(token, meQuery, nil); apitest.Path(me.Data, "me", "child", "preferredName") != "Leo" {
		t.Fatalf("me after activation: %s", me.Raw)
	}
	if r := s.Query("", activateMutation, vars(code, "leo.again", "velvet harbour lantern")); r.Code() != "BAD_USER_INPUT" || r.Errors[0].Extensions["field"] != "code" {
		t.Fatalf("code used twice: %s", r.Raw)
	}
	if _, r := login(t, s, "leo.new", "velvet harbour lantern"); len(r.Errors) > 0 {
		t.Fatalf("login with the new account: %s", r.Raw)
	}
	if auditCount(s, "invitation.created") != 1 || auditCount(s, "invitation.used") != 1 {
		t.Error("invitation audit events missing")
	}
}

func TestInviteAParent(t *testing.T) {
	s := apitest.New(t)
	manager := mustLogin(t, s, "manager.demo")
	leo := childNamed(t, s, "Leo")
	r := s.Query(manager.access, inviteMutation, map[string]any{"in": map[string]any{
		"childId": leo.ID, "role": "PARENT", "displayName": "Sam Carter", "relationship": "father", "parentalResponsibility": true}})
	if len(r.Errors) > 0 {
		t.Fatalf("invite: %s", r.Raw)
	}
	code := apitest.Path(r.Data, "createInvitation", "code").(string)
	r = s.Query("", activateMutation, map[string]any{"c": code, "u": "sam.carter", "p": "velvet harbour lantern"})
	if len(r.Errors) > 0 {
		t.Fatalf("activate: %s", r.Raw)
	}
	token := apitest.Path(r.Data, "activateAccount", "accessToken").(string)
	if me := s.Query(token, meQuery, nil); apitest.Path(me.Data, "me", "children", 0, "preferredName") != "Leo" {
		t.Fatalf("parent's children: %s", me.Raw)
	}
}

func TestInvitationsAreForManagersOfTheChildsAuthority(t *testing.T) {
	s := apitest.New(t)
	manager := mustLogin(t, s, "manager.demo")
	iro := mustLogin(t, s, "iro.demo")
	other := s.Client().Child.Query().Where(child.PreferredName("Noah")).OnlyX(apitest.System()) // Other Shire
	jamie := childNamed(t, s, "Jamie")
	in := func(id any) map[string]any {
		return map[string]any{"in": map[string]any{"childId": id, "role": "PARENT", "displayName": "A Parent", "relationship": "aunt"}}
	}
	if r := s.Query(manager.access, inviteMutation, in(other.ID)); r.Code() != "NOT_FOUND" {
		t.Errorf("another authority's child: %s", r.Raw)
	}
	if r := s.Query(manager.access, inviteMutation, in("chd_01JAAAAAAAAAAAAAAAAAAAAAAA")); r.Code() != "NOT_FOUND" {
		t.Errorf("a missing child: %s", r.Raw)
	}
	if r := s.Query(iro.access, inviteMutation, in(jamie.ID)); r.Code() != "FORBIDDEN" {
		t.Errorf("an IRO inviting for their own child: %s", r.Raw)
	}
	if r := s.Query(manager.access, inviteMutation, map[string]any{"in": map[string]any{"childId": jamie.ID, "role": "CHILD", "displayName": "Jamie"}}); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a child who has an account already: %s", r.Raw)
	}
	if n := s.Client().Invitation.Query().CountX(apitest.System()); n != 0 {
		t.Errorf("%d invitations stored", n)
	}
}

func TestExpiredInvitation(t *testing.T) {
	s := apitest.New(t)
	manager := mustLogin(t, s, "manager.demo")
	r := s.Query(manager.access, inviteMutation, map[string]any{"in": map[string]any{"childId": childNamed(t, s, "Leo").ID, "role": "CHILD", "displayName": "Leo"}})
	code := apitest.Path(r.Data, "createInvitation", "code").(string)
	// Invitations are immutable through the API; the test moves time on directly.
	s.Store.DB.Exec(`UPDATE invitations SET expires_at = $1`, time.Now().Add(-time.Minute).UTC())
	if r := s.Query("", activateMutation, map[string]any{"c": code, "u": "leo.late", "p": "velvet harbour lantern"}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("expired code: %s", r.Raw)
	}
	if s.Client().Invitation.Query().Where(invitation.UsedAtNotNil()).ExistX(apitest.System()) {
		t.Fatal("expired code marked used")
	}
}

func TestAdminCreatesStaffWhoSetUpTheirAccount(t *testing.T) {
	s := apitest.New(t)
	admin := mustLogin(t, s, "admin.demo")
	manager := mustLogin(t, s, "manager.demo")
	q := `mutation($in: CreateStaffAccountInput!) { createStaffAccount(input: $in) { code user { id role displayName } invitation { role } } }`
	in := map[string]any{"in": map[string]any{"displayName": "Priya Shah", "role": "IRO", "workEmail": "priya.shah@example.org"}}
	if r := s.Query(manager.access, q, in); r.Code() != "FORBIDDEN" {
		t.Fatalf("a manager making staff: %s", r.Raw)
	}
	if r := s.Query(admin.access, q, map[string]any{"in": map[string]any{"displayName": "Kid", "role": "CHILD"}}); r.Code() != "BAD_USER_INPUT" {
		t.Fatalf("admin making a child account: %s", r.Raw)
	}
	r := s.Query(admin.access, q, in)
	if len(r.Errors) > 0 {
		t.Fatalf("create staff: %s", r.Raw)
	}
	code := apitest.Path(r.Data, "createStaffAccount", "code").(string)
	if _, r := login(t, s, "priya.shah", "anything at all here"); r.Code() != "UNAUTHENTICATED" {
		t.Fatalf("login before set-up: %s", r.Raw)
	}
	r = s.Query("", activateMutation, map[string]any{"c": code, "u": "priya.shah", "p": "velvet harbour lantern"})
	if apitest.Path(r.Data, "activateAccount", "user", "role") != "IRO" {
		t.Fatalf("activate staff: %s", r.Raw)
	}
	if auditCount(s, "account.created") != 1 {
		t.Error("no account.created audit event")
	}
}

func TestGetCannotMutate(t *testing.T) {
	s := apitest.New(t)
	r := s.Get(`mutation { logout(refreshToken: "x") }`)
	if len(r.Errors) == 0 || r.Data != nil && r.Data["logout"] != nil {
		t.Fatalf("mutation over GET: %d %s", r.Status, r.Raw)
	}
}

func TestPasswordPolicyIsPublic(t *testing.T) {
	s := apitest.New(t)
	r := s.Query("", `{ passwordPolicy { minLength maxLength hint } }`, nil)
	if apitest.Path(r.Data, "passwordPolicy", "minLength") != float64(12) || !strings.Contains(strings.ToLower(apitest.Path(r.Data, "passwordPolicy", "hint").(string)), "three random words") {
		t.Fatalf("policy: %s", r.Raw)
	}
}

// TestWrongCodesElsewhereDoNotHoldUpASetUp: guessing codes is throttled per
// address, so failures from many other addresses do not slow someone with a
// real code.
func TestWrongCodesElsewhereDoNotHoldUpASetUp(t *testing.T) {
	s := apitest.New(t)
	manager := mustLogin(t, s, "manager.demo")
	leo := childNamed(t, s, "Leo")
	r := s.Query(manager.access, inviteMutation, map[string]any{"in": map[string]any{"childId": leo.ID, "role": "CHILD", "displayName": "Leo"}})
	code, _ := apitest.Path(r.Data, "createInvitation", "code").(string)
	if code == "" {
		t.Fatalf("invite: %s", r.Raw)
	}
	for i := 0; i < 30; i++ {
		r := s.QueryFrom(fmt.Sprintf("198.51.100.%d:4000", i), "", activateMutation,
			map[string]any{"c": "AAAA-BBBB-CCCC-DDDD", "u": fmt.Sprintf("guess%d", i), "p": "velvet harbour lantern"})
		if r.Code() != "BAD_USER_INPUT" {
			t.Fatalf("wrong code %d: %s", i, r.Raw)
		}
	}
	r = s.QueryFrom("203.0.113.7:4000", "", activateMutation, map[string]any{"c": code, "u": "leo.new", "p": "velvet harbour lantern"})
	if len(r.Errors) > 0 {
		t.Fatalf("a real code after others' wrong guesses: %s", r.Raw)
	}
	// One address guessing is held back.
	var last *apitest.Response
	for i := 0; i < 8; i++ {
		last = s.QueryFrom("198.51.100.200:4000", "", activateMutation,
			map[string]any{"c": "AAAA-BBBB-CCCC-DDDD", "u": "guess", "p": "velvet harbour lantern"})
	}
	if last.Code() != "RATE_LIMITED" {
		t.Fatalf("one address guessing codes: %s", last.Raw)
	}
}
