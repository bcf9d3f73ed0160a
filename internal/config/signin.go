package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
)

// SignIn is what staff sign-in through identity providers needs from the
// configuration. Each authority's provider is set through the API
// (setSignInProvider); its client secret comes from here.
type SignIn struct {
	// PublicURL is Kite's address as browsers and providers reach it,
	// without a trailing slash; "" when sign-in through providers is off.
	PublicURL string
	// ReturnURL is the portal page a sign-in returns to.
	ReturnURL string
	// SecretsDir holds client secrets as files named by secret name.
	SecretsDir string
	// Getenv reads KITE_OIDC_SECRET_<NAME> variables.
	Getenv func(string) string
}

// Secure reports whether Kite is reached over https, so its cookies are
// marked Secure.
func (s SignIn) Secure() bool { return strings.HasPrefix(s.PublicURL, "https://") }

// loadSignIn checks the sign-in settings: both URLs or neither; https in
// production (plain http only to this machine otherwise); the secrets
// folder must exist.
func (c *Config) loadSignIn(public, returnURL, dir string) error {
	if public == "" && returnURL == "" {
		if dir != "" {
			return errors.New("KITE_OIDC_SECRETS_DIR needs KITE_PUBLIC_URL and KITE_SIGN_IN_RETURN_URL")
		}
		return nil
	}
	if public == "" || returnURL == "" {
		return errors.New("KITE_PUBLIC_URL and KITE_SIGN_IN_RETURN_URL go together: set both for staff sign-in through identity providers, or neither")
	}
	var errs []error
	for _, u := range []struct{ name, value string }{{"KITE_PUBLIC_URL", public}, {"KITE_SIGN_IN_RETURN_URL", returnURL}} {
		if err := c.checkBrowserURL(u.value); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", u.name, err))
		}
	}
	if pu, err := url.Parse(public); err == nil && pu.Path != "" && pu.Path != "/" {
		errs = append(errs, errors.New("KITE_PUBLIC_URL is Kite's address without a path, such as https://kite.example.org"))
	}
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			errs = append(errs, fmt.Errorf("KITE_OIDC_SECRETS_DIR %q is not a folder", dir))
		}
	}
	c.SignIn = SignIn{PublicURL: strings.TrimSuffix(public, "/"), ReturnURL: returnURL, SecretsDir: dir}
	return errors.Join(errs...)
}

// checkBrowserURL: an absolute https URL without a fragment; plain http
// only to this machine and not in production.
func (c *Config) checkBrowserURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "" || u.Fragment != "" || u.User != nil:
		return fmt.Errorf("%q is not an address such as https://kite.example.org", raw)
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && c.Mode != Production && isLoopback(u.Hostname()):
		return nil
	}
	return fmt.Errorf("%q must use https", raw)
}
