package graph_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"kite/ent/auditevent"
	"kite/ent/identitylink"
	"kite/ent/invitation"
	"kite/ent/localauthority"
	"kite/internal/apitest"
	"kite/internal/demo"
	"kite/internal/ident"
	"kite/internal/oidctest"
)

// The staff sign-in tests run Kite's whole HTTP handler against a real
// OpenID provider (internal/oidctest) on a loopback port: the browser's
// part is played here, following redirects by hand and keeping the cookie.

const (
	oidcPublicURL = "http://localhost:8080"
	oidcReturnURL = "http://localhost:3000/signed-in"
	oidcDomain    = "demo-borough.gov.uk"
)

type oidcWorld struct {
	t         *testing.T
	s         *apitest.Server
	op        *oidctest.Provider
	authority ident.ID
	admin     string
}

// newOIDC is the demo data with Demo Borough signing its staff in through
// a provider; settings adds to the provider's input (groupRoles, …).
func newOIDC(t *testing.T, settings map[string]any) *oidcWorld {
	t.Helper()
	s := apitest.NewWith(t, map[string]string{
		"KITE_PUBLIC_URL":               oidcPublicURL,
		"KITE_SIGN_IN_RETURN_URL":       oidcReturnURL,
		"KITE_OIDC_SECRET_DEMO_BOROUGH": "kite-test-secret",
	})
	o := &oidcWorld{t: t, s: s, op: oidctest.Start(t, oidcPublicURL+"/auth/oidc/callback"), admin: s.Login("admin.demo")}
	o.authority = s.Client().LocalAuthority.Query().Where(localauthority.Name("Demo Borough")).OnlyX(apitest.System()).ID
	o.setProvider(settings)
	return o
}

const setProviderMutation = `mutation($in: SetSignInProviderInput!) { setSignInProvider(input: $in) { signInProvider { id issuer clientId allowedEmailDomains groupRoles { group role } requiredForStaff } } }`

func (o *oidcWorld) setProvider(settings map[string]any) *apitest.Response {
	o.t.Helper()
	in := map[string]any{"issuer": o.op.Issuer, "clientId": o.op.ClientID, "clientSecretName": "demo-borough",
		"allowedEmailDomains": []string{oidcDomain}}
	for k, v := range settings {
		in[k] = v
	}
	r := o.s.Query(o.admin, setProviderMutation, map[string]any{"in": in})
	if len(r.Errors) > 0 {
		o.t.Fatalf("setSignInProvider: %s", r.Raw)
	}
	return r
}

// trip is one sign-in as a browser makes it.
type trip struct {
	result   url.Values // the return URL's fragment: code=… or error=…
	callback string     // the callback Kite was sent to, to replay
	cookie   *http.Cookie
}

// kite sends a GET to Kite's handler, as from a browser.
func (o *oidcWorld) kite(path string, cookie *http.Cookie) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if cookie != nil {
		req.AddCookie(cookie)
	}
	rec := httptest.NewRecorder()
	o.s.Handler.ServeHTTP(rec, req)
	return rec
}

// signIn goes through the whole flow as person: Kite's start, the
// provider's authorize, login and callback, and Kite's callback.
func (o *oidcWorld) signIn(person oidctest.User) trip {
	o.t.Helper()
	tr := o.atProvider(person)
	tr.result = o.callback(tr.callback, tr.cookie)
	return tr
}

// atProvider goes as far as the provider's answer: Kite's start, then the
// provider's authorize, login and callback. It returns the callback Kite is
// sent to, not yet followed.
func (o *oidcWorld) atProvider(person oidctest.User) trip {
	o.t.Helper()
	o.op.SignInAs(person)
	start := o.kite("/auth/oidc/"+string(o.authority)+"/start", nil)
	if start.Code != http.StatusFound {
		o.t.Fatalf("start: %d %s", start.Code, start.Body)
	}
	var tr trip
	for _, c := range start.Result().Cookies() {
		if c.Name == "kite_sign_in" {
			tr.cookie = c
		}
	}
	if tr.cookie == nil || !tr.cookie.HttpOnly || tr.cookie.SameSite != http.SameSiteLaxMode {
		o.t.Fatalf("start: no HttpOnly, SameSite=Lax binding cookie: %v", start.Result().Cookies())
	}
	loc := start.Header().Get("Location")
	if !strings.HasPrefix(loc, o.op.Issuer) || !strings.Contains(loc, "code_challenge_method=S256") || !strings.Contains(loc, "nonce=") {
		o.t.Fatalf("start: sent to %s, not the provider with PKCE and a nonce", loc)
	}
	browser := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for hops := 0; !strings.HasPrefix(loc, oidcPublicURL); hops++ {
		resp, err := browser.Get(loc)
		if err != nil || hops > 5 {
			o.t.Fatalf("provider: %v (hop %d)", err, hops)
		}
		resp.Body.Close()
		next, err := resp.Location()
		if err != nil {
			o.t.Fatalf("provider answered %d at %s, not a redirect", resp.StatusCode, loc)
		}
		loc = next.String()
	}
	tr.callback = strings.TrimPrefix(loc, oidcPublicURL)
	return tr
}

// callback sends the provider's answer to Kite and reads where Kite sends
// the browser.
func (o *oidcWorld) callback(path string, cookie *http.Cookie) url.Values {
	o.t.Helper()
	rec := o.kite(path, cookie)
	to := rec.Header().Get("Location")
	if rec.Code != http.StatusFound || !strings.HasPrefix(to, oidcReturnURL+"#") {
		o.t.Fatalf("callback: %d to %q", rec.Code, to)
	}
	v, err := url.ParseQuery(strings.TrimPrefix(to, oidcReturnURL+"#"))
	if err != nil {
		o.t.Fatal(err)
	}
	return v
}

const completeMutation = `mutation($c: String!) { completeStaffSignIn(code: $c) { accessToken refreshToken user { id role } } }`

// complete swaps the one-time code for Kite's tokens.
func (o *oidcWorld) complete(tr trip) *apitest.Response {
	o.t.Helper()
	if tr.result.Get("code") == "" {
		o.t.Fatalf("sign-in failed: %v", tr.result)
	}
	return o.s.Query("", completeMutation, map[string]any{"c": tr.result.Get("code")})
}

// signedIn signs person in and returns their access token and account id.
func (o *oidcWorld) signedIn(person oidctest.User) (string, ident.ID) {
	o.t.Helper()
	r := o.complete(o.signIn(person))
	if len(r.Errors) > 0 {
		o.t.Fatalf("completeStaffSignIn: %s", r.Raw)
	}
	return apitest.Path(r.Data, "completeStaffSignIn", "accessToken").(string),
		ident.ID(apitest.Path(r.Data, "completeStaffSignIn", "user", "id").(string))
}

// newStaff is an account an admin made, with its invitation code unused.
func (o *oidcWorld) newStaff(name, role, email string) ident.ID {
	o.t.Helper()
	r := o.s.Query(o.admin, `mutation($n: String!, $r: Role!, $e: String) { createStaffAccount(input: {displayName: $n, role: $r, workEmail: $e}) { user { id } } }`,
		map[string]any{"n": name, "r": role, "e": email})
	if len(r.Errors) > 0 {
		o.t.Fatalf("createStaffAccount: %s", r.Raw)
	}
	return ident.ID(apitest.Path(r.Data, "createStaffAccount", "user", "id").(string))
}

func (o *oidcWorld) audited(action string) []string {
	var out []string
	for _, e := range o.s.Client().AuditEvent.Query().Where(auditevent.Action(action)).AllX(apitest.System()) {
		out = append(out, e.Reason)
	}
	return out
}

func samira() oidctest.User {
	return oidctest.User{Subject: "entra-0001", Email: "Samira.Khan@" + oidcDomain, EmailVerified: true, Name: "Samira Khan"}
}

// TestOIDCLinksTheAdminsAccountThenUsesTheSubject: an admin makes Samira's
// account with her work email; her first sign-in links it to her subject at
// the provider and uses up her invitation; from then on the subject signs
// her in, whatever her email; someone else with her email does not.
func TestOIDCLinksTheAdminsAccountThenUsesTheSubject(t *testing.T) {
	o := newOIDC(t, nil)
	id := o.newStaff("Samira Khan", "IRO", "samira.khan@"+oidcDomain)
	token, got := o.signedIn(samira())
	if got != id {
		t.Fatalf("signed in as %s, want the admin's account %s", got, id)
	}
	r := o.s.Query(token, `{ me { id role displayName } }`, nil)
	if apitest.Path(r.Data, "me", "role") != "IRO" || apitest.Path(r.Data, "me", "id") != string(id) {
		t.Fatalf("me: %s", r.Raw)
	}
	link := o.s.Client().IdentityLink.Query().Where(identitylink.UserID(id)).OnlyX(apitest.System())
	if link.Subject != "entra-0001" || link.Issuer != o.op.Issuer || link.FromGroup {
		t.Fatalf("link: %+v", link)
	}
	if n := o.s.Client().Invitation.Query().Where(invitation.UserID(id), invitation.UsedAtIsNil()).CountX(apitest.System()); n != 0 {
		t.Errorf("the account's invitation code still works after linking")
	}
	want := "provider " + o.op.Issuer + " subject entra-0001"
	if got := o.audited("account.identity_linked"); len(got) != 1 || got[0] != want {
		t.Errorf("link audited as %q, want %q", got, want)
	}
	if got := o.audited("login.sso_succeeded"); len(got) != 1 || got[0] != want {
		t.Errorf("sign-in audited as %q, want %q", got, want)
	}

	// The subject, not the email, identifies her now.
	moved := samira()
	moved.Email = "s.khan@" + oidcDomain
	if _, again := o.signedIn(moved); again != id {
		t.Errorf("after an email change signed in as %s, want %s", again, id)
	}
	// Another person at the provider with her email gets nothing.
	impostor := samira()
	impostor.Subject = "entra-9999"
	if tr := o.signIn(impostor); tr.result.Get("error") != "linked_to_another_sign_in" {
		t.Errorf("another subject with a linked account's email: %v", tr.result)
	}
	if n := o.s.Client().IdentityLink.Query().CountX(apitest.System()); n != 1 {
		t.Errorf("%d links, want 1", n)
	}
	// Her account at the provider was replaced: an admin removes the link,
	// and the next sign-in with her work email links the new one.
	if r := o.s.Query(o.admin, `mutation($id: ID!) { removeSignInLink(userId: $id) }`, map[string]any{"id": id}); apitest.Path(r.Data, "removeSignInLink") != true {
		t.Fatalf("removeSignInLink: %s", r.Raw)
	}
	if len(o.audited("account.identity_unlinked")) != 1 {
		t.Errorf("the unlinking was not audited")
	}
	if _, again := o.signedIn(impostor); again != id {
		t.Errorf("after the link was removed, signed in as %s, want %s", again, id)
	}
}

// TestOIDCRefusesBadTokens: each way an ID token can be wrong is refused,
// links nothing and gives no code.
func TestOIDCRefusesBadTokens(t *testing.T) {
	o := newOIDC(t, nil)
	o.newStaff("Samira Khan", "IRO", "samira.khan@"+oidcDomain)
	other := oidctest.Start(t, oidcPublicURL+"/auth/oidc/callback")
	resign := func(change func(map[string]any)) func(string) string {
		return func(tok string) string {
			claims := oidctest.Claims(tok)
			change(claims)
			key, kid := o.op.SigningKey()
			return oidctest.SignedBy(key, kid, claims)
		}
	}
	cases := []struct {
		name   string
		bad    oidctest.Misbehave
		person func(*oidctest.User)
		want   string
	}{
		{name: "wrong audience", bad: oidctest.Misbehave{Replace: resign(func(c map[string]any) {
			c["aud"] = "another-app"
			delete(c, "azp")
		})}, want: "token_refused"},
		{name: "wrong nonce", bad: oidctest.Misbehave{Nonce: "a-nonce-kite-never-sent"}, want: "token_refused"},
		{name: "expired token", bad: oidctest.Misbehave{Lifetime: -time.Minute}, want: "token_refused"},
		{name: "unverified email", person: func(u *oidctest.User) { u.EmailVerified = false }, want: "email_not_verified"},
		{name: "email in another domain", person: func(u *oidctest.User) { u.Email = "samira.khan@example.com" }, want: "email_domain_not_allowed"},
		{name: "token from another issuer", bad: oidctest.Misbehave{Replace: func(tok string) string {
			claims := oidctest.Claims(tok)
			claims["iss"] = other.Issuer
			key, kid := other.SigningKey()
			return oidctest.SignedBy(key, kid, claims)
		}}, want: "token_refused"},
		{name: "another issuer named, signed with the right key", bad: oidctest.Misbehave{Replace: resign(func(c map[string]any) { c["iss"] = other.Issuer })}, want: "token_refused"},
		{name: "alg none", bad: oidctest.Misbehave{Replace: func(tok string) string { return oidctest.Unsigned(oidctest.Claims(tok)) }}, want: "token_refused"},
		{name: "several audiences, not issued to Kite", bad: oidctest.Misbehave{Replace: resign(func(c map[string]any) {
			c["aud"] = []string{"kite", "another-app"}
			c["azp"] = "another-app"
		})}, want: "token_refused"},
		{name: "signed by an unknown key", bad: oidctest.Misbehave{Replace: func(tok string) string {
			key, kid := oidctest.NewKey()
			return oidctest.SignedBy(key, kid, oidctest.Claims(tok))
		}}, want: "token_refused"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o.op.Misbehave(tc.bad)
			defer o.op.Misbehave(oidctest.Misbehave{})
			person := samira()
			if tc.person != nil {
				tc.person(&person)
			}
			tr := o.signIn(person)
			if got := tr.result.Get("error"); got != tc.want || tr.result.Get("code") != "" {
				t.Errorf("got %v, want error=%s", tr.result, tc.want)
			}
			if n := o.s.Client().IdentityLink.Query().CountX(apitest.System()); n != 0 {
				t.Errorf("a refused sign-in linked an account")
			}
		})
	}
	if n := len(o.audited("login.sso_failed")); n != len(cases) {
		t.Errorf("%d failures audited, want %d", n, len(cases))
	}
	// The provider behaving again, Samira signs in.
	o.signedIn(samira())
}

// TestOIDCKeyRotation: after the provider rotates its signing key, Kite
// reads the new key set and signs people in; a token signed with the
// retired key is refused.
func TestOIDCKeyRotation(t *testing.T) {
	o := newOIDC(t, nil)
	o.newStaff("Samira Khan", "IRO", "samira.khan@"+oidcDomain)
	o.signedIn(samira()) // Kite now holds the first key
	oldKey, oldKid := o.op.SigningKey()
	o.op.Rotate()
	if _, newKid := o.op.SigningKey(); newKid == oldKid {
		t.Fatal("the key did not change")
	}
	o.signedIn(samira())
	o.op.Misbehave(oidctest.Misbehave{Replace: func(tok string) string {
		return oidctest.SignedBy(oldKey, oldKid, oidctest.Claims(tok))
	}})
	if tr := o.signIn(samira()); tr.result.Get("error") != "token_refused" {
		t.Errorf("a token signed with the retired key: %v", tr.result)
	}
}

// TestOIDCGroupMappedToIROGetsIRONothingMore: where the authority maps a
// group to IRO, a member of that group with no account gets an IRO account
// — IRO access, no more — and loses it when the group no longer gives it.
// ADMIN can never come from a group, and no account comes from a group
// where nothing is mapped.
func TestOIDCGroupMappedToIROGetsIRONothingMore(t *testing.T) {
	o := newOIDC(t, nil)
	omar := oidctest.User{Subject: "kc-omar", Email: "omar.ali@" + oidcDomain, EmailVerified: true, Name: "Omar Ali",
		Groups: []string{"kite-iros", "all-staff"}}
	users := o.s.Client().User.Query().CountX(apitest.System())
	if tr := o.signIn(omar); tr.result.Get("error") != "no_account" {
		t.Fatalf("no mapping, no account: %v", tr.result)
	}
	if n := o.s.Client().User.Query().CountX(apitest.System()); n != users {
		t.Fatalf("an account was made without a group mapping")
	}

	admin := o.s.Query(o.admin, setProviderMutation, map[string]any{"in": map[string]any{"issuer": o.op.Issuer, "clientId": o.op.ClientID,
		"allowedEmailDomains": []string{oidcDomain}, "groupRoles": []map[string]any{{"group": "kite-admins", "role": "ADMIN"}}}})
	if admin.Code() != "BAD_USER_INPUT" {
		t.Fatalf("a group mapped to ADMIN: %s", admin.Raw)
	}
	o.setProvider(map[string]any{"groupRoles": []map[string]any{{"group": "kite-iros", "role": "IRO"}, {"group": "kite-managers", "role": "MANAGER"}}})

	token, id := o.signedIn(omar)
	u := o.s.Client().User.GetX(apitest.System(), id)
	if u.Role != "IRO" || u.AuthorityID != o.authority || u.WorkEmail != "omar.ali@"+oidcDomain || u.DisplayName != "Omar Ali" {
		t.Fatalf("account from the group: %+v", u)
	}
	if r := o.s.Query(token, `{ me { role } }`, nil); apitest.Path(r.Data, "me", "role") != "IRO" {
		t.Fatalf("me: %s", r.Raw)
	}
	// IRO access and nothing more: no child of the authority (he is
	// allocated to none), nothing an admin or manager does.
	jamie := childNamed(t, o.s, "Jamie")
	if r := o.s.Query(token, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": jamie.ID}); apitest.Path(r.Data, "node") != nil {
		t.Errorf("an unallocated IRO sees a child: %s", r.Raw)
	}
	if r := o.s.Query(token, `{ signInProvider { id } }`, nil); apitest.Path(r.Data, "signInProvider") != nil {
		t.Errorf("an IRO reads the sign-in provider: %s", r.Raw)
	}
	for _, m := range []string{
		`mutation { createStaffAccount(input: {displayName: "X", role: ADMIN}) { code } }`,
		`mutation { removeSignInProvider }`,
		`mutation($id: ID!) { breakGlass(childId: $id, reason: "Checking a complaint about this case.") { grant { id } } }`,
	} {
		if r := o.s.Query(token, m, map[string]any{"id": jamie.ID}); r.Code() != "FORBIDDEN" && r.Code() != "NOT_FOUND" {
			t.Errorf("an IRO from a group: %s", r.Raw)
		}
	}

	// Groups that give two roles give none.
	both := oidctest.User{Subject: "kc-both", Email: "both@" + oidcDomain, EmailVerified: true, Groups: []string{"kite-iros", "kite-managers"}}
	if tr := o.signIn(both); tr.result.Get("error") != "ambiguous" {
		t.Errorf("two roles: %v", tr.result)
	}
	// Out of the group, out of Kite.
	omar.Groups = []string{"all-staff"}
	if tr := o.signIn(omar); tr.result.Get("error") != "group_role_withdrawn" {
		t.Errorf("no longer in the group: %v", tr.result)
	}
}

// TestOIDCRequiredRefusesPasswords: where the authority requires its
// provider, a member of staff's password and invitation code are refused
// with words that say what to do; children and parents keep their
// passwords; removing the provider gives staff their passwords back.
func TestOIDCRequiredRefusesPasswords(t *testing.T) {
	o := newOIDC(t, map[string]any{"requiredForStaff": true})
	r := o.s.Query("", `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { accessToken } }`,
		map[string]any{"u": "iro.demo", "p": demo.Password})
	if r.Code() != "FORBIDDEN" || !strings.Contains(r.Errors[0].Message, "Sign in with your organisation") {
		t.Fatalf("staff password where the provider is required: %s", r.Raw)
	}
	if len(o.audited("login.sso_required")) != 1 {
		t.Errorf("the refusal was not audited")
	}
	// A wrong password is the usual failure: the refusal says nothing to
	// someone who does not know the password.
	r = o.s.Query("", `mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { accessToken } }`,
		map[string]any{"u": "iro.demo", "p": "not the password at all"})
	if r.Code() != "UNAUTHENTICATED" {
		t.Errorf("a wrong password: %s", r.Raw)
	}
	o.s.Login("child.demo")
	o.s.Login("parent.demo")

	code := o.s.Query(o.admin, `mutation { createStaffAccount(input: {displayName: "New Person", role: SOCIAL_WORKER}) { code } }`, nil)
	r = o.s.Query("", activateMutation, map[string]any{"c": apitest.Path(code.Data, "createStaffAccount", "code"),
		"u": "new.person", "p": "otter pencil cloud lamp"})
	if r.Code() != "FORBIDDEN" {
		t.Errorf("a staff invitation code where the provider is required: %s", r.Raw)
	}

	if r := o.s.Query(o.admin, `mutation { removeSignInProvider }`, nil); apitest.Path(r.Data, "removeSignInProvider") != true {
		t.Fatalf("removeSignInProvider: %s", r.Raw)
	}
	o.s.Login("iro.demo")
}

// TestOIDCDisabledAccountStaysOut: disabling the Kite account ends access
// whatever the provider says, before and after the one-time code.
func TestOIDCDisabledAccountStaysOut(t *testing.T) {
	o := newOIDC(t, nil)
	id := o.newStaff("Samira Khan", "IRO", "samira.khan@"+oidcDomain)
	o.signedIn(samira())
	tr := o.signIn(samira()) // a code in hand
	disable := `mutation($id: ID!) { setAccountActive(input: {userId: $id, active: false}) { user { id } } }`
	if r := o.s.Query(o.admin, disable, map[string]any{"id": id}); len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	if r := o.complete(tr); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a code for a disabled account: %s", r.Raw)
	}
	if tr := o.signIn(samira()); tr.result.Get("error") != "account_disabled" {
		t.Errorf("a disabled account signing in: %v", tr.result)
	}
}

// TestOIDCCodesAndStatesWorkOnce: the one-time code works once; the
// provider's answer works once, and only in the browser that started.
func TestOIDCCodesAndStatesWorkOnce(t *testing.T) {
	o := newOIDC(t, nil)
	o.newStaff("Samira Khan", "IRO", "samira.khan@"+oidcDomain)
	tr := o.signIn(samira())
	if r := o.complete(tr); len(r.Errors) > 0 {
		t.Fatal(r.Raw)
	}
	if r := o.complete(tr); r.Code() != "BAD_USER_INPUT" {
		t.Errorf("the code a second time: %s", r.Raw)
	}
	if again := o.callback(tr.callback, tr.cookie); again.Get("error") != "expired" {
		t.Errorf("the provider's answer a second time: %v", again)
	}
	// Someone else's browser (no cookie, or another sign-in's) gets
	// nothing; the browser that started still finishes.
	first, second := o.atProvider(samira()), o.atProvider(samira())
	for _, c := range []*http.Cookie{nil, second.cookie} {
		if got := o.callback(first.callback, c); got.Get("error") != "expired" {
			t.Errorf("the answer in another browser (cookie %v): %v", c, got)
		}
	}
	if got := o.callback(first.callback, first.cookie); got.Get("code") == "" {
		t.Errorf("the browser that started: %v", got)
	}
	r := o.s.Query("", `mutation { completeStaffSignIn(code: "not-a-code") { accessToken } }`, nil)
	if r.Code() != "BAD_USER_INPUT" {
		t.Errorf("a made-up code: %s", r.Raw)
	}
	if rec := o.kite("/auth/oidc/la_01J00000000000000000000000/start", nil); rec.Code != http.StatusNotFound {
		t.Errorf("an authority without a provider: %d", rec.Code)
	}
}
