package config

import (
	"io"
	"testing"
)

func TestOIDCSignInSettings(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		env  map[string]string
		ok   bool
	}{
		{"off by default", nil, true},
		{"https in production", inProduction(map[string]string{"KITE_PUBLIC_URL": "https://kite.example.org/", "KITE_SIGN_IN_RETURN_URL": "https://portal.example.org/signed-in"}), true},
		{"plain http in production", inProduction(map[string]string{"KITE_PUBLIC_URL": "http://127.0.0.1:8080", "KITE_SIGN_IN_RETURN_URL": "https://portal.example.org/"}), false},
		{"plain http to loopback in development", map[string]string{"KITE_PUBLIC_URL": "http://localhost:8080", "KITE_SIGN_IN_RETURN_URL": "http://localhost:3000/"}, true},
		{"plain http elsewhere in development", map[string]string{"KITE_PUBLIC_URL": "http://kite.example.org", "KITE_SIGN_IN_RETURN_URL": "http://localhost:3000/"}, false},
		{"one without the other", map[string]string{"KITE_PUBLIC_URL": "https://kite.example.org"}, false},
		{"a public URL with a path", map[string]string{"KITE_PUBLIC_URL": "https://example.org/kite", "KITE_SIGN_IN_RETURN_URL": "https://example.org/"}, false},
		{"a return URL with a fragment", map[string]string{"KITE_PUBLIC_URL": "https://kite.example.org", "KITE_SIGN_IN_RETURN_URL": "https://example.org/#x"}, false},
		{"a secrets folder", map[string]string{"KITE_PUBLIC_URL": "https://kite.example.org", "KITE_SIGN_IN_RETURN_URL": "https://example.org/", "KITE_OIDC_SECRETS_DIR": dir}, true},
		{"a missing secrets folder", map[string]string{"KITE_PUBLIC_URL": "https://kite.example.org", "KITE_SIGN_IN_RETURN_URL": "https://example.org/", "KITE_OIDC_SECRETS_DIR": dir + "/missing"}, false},
	}
	for _, tc := range cases {
		cfg, _, err := Load("serve", nil, env(tc.env), io.Discard)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if err == nil && tc.env["KITE_PUBLIC_URL"] == "https://kite.example.org/" && (cfg.SignIn.PublicURL != "https://kite.example.org" || !cfg.SignIn.Secure()) {
			t.Errorf("%s: %+v", tc.name, cfg.SignIn)
		}
	}
}
