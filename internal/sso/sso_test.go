package sso

import (
	"os"
	"path/filepath"
	"testing"
)

func TestOIDCEmailVerified(t *testing.T) {
	cases := []struct {
		name   string
		claims map[string]any
		want   bool
	}{
		{"email_verified true", map[string]any{"email_verified": true}, true},
		{"email_verified as text", map[string]any{"email_verified": "true"}, true},
		{"email_verified false", map[string]any{"email_verified": false}, false},
		{"email_verified false wins over xms_edov", map[string]any{"email_verified": false, "xms_edov": true}, false},
		{"Entra ID: xms_edov without email_verified", map[string]any{"xms_edov": true}, true},
		{"Entra ID: xms_edov false", map[string]any{"xms_edov": false}, false},
		{"nothing said", map[string]any{}, false},
		{"a number is not true", map[string]any{"email_verified": 1.0}, false},
	}
	for _, tc := range cases {
		if got := emailVerified(tc.claims); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestOIDCEmailDomainAllowed(t *testing.T) {
	allowed := []string{"demo-borough.gov.uk"}
	for email, want := range map[string]bool{
		"sam@demo-borough.gov.uk":       true,
		"sam@evil-demo-borough.gov.uk":  false,
		"sam@demo-borough.gov.uk.evil":  false,
		"sam@sub.demo-borough.gov.uk":   false,
		"demo-borough.gov.uk":           false,
		"sam@demo-borough.gov.uk@x.org": false,
	} {
		if got := domainAllowed(email, allowed); got != want {
			t.Errorf("%s: %v, want %v", email, got, want)
		}
	}
}

func TestOIDCSecretsAreFoundByNameOnly(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "other-shire"), []byte("file-secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"KITE_OIDC_SECRET_DEMO_BOROUGH": "env-secret", "KITE_SIGNING_KEY": "the signing key"}
	s := Secrets{Getenv: func(k string) string { return env[k] }, Dir: dir}
	for name, want := range map[string]string{"demo-borough": "env-secret", "other-shire": "file-secret", "": ""} {
		if got, err := s.Read(name); err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", name, got, err, want)
		}
	}
	// Nothing but a KITE_OIDC_SECRET_ variable or a file in the folder.
	for _, name := range []string{"missing", "../other-shire", "SIGNING_KEY", "/etc/passwd", "a/b"} {
		if got, err := s.Read(name); err == nil {
			t.Errorf("%q read %q", name, got)
		}
	}
}

func TestOIDCIssuerMustUseHTTPS(t *testing.T) {
	strict, dev := &Service{}, &Service{AllowLoopbackHTTP: true}
	cases := []struct {
		issuer      string
		strict, dev bool
	}{
		{"https://login.microsoftonline.com/tenant/v2.0", true, true},
		{"http://login.example.org/realm", false, false},
		{"http://127.0.0.1:8080", false, true},
		{"http://localhost:8080/realms/kite", false, true},
		{"https://login.example.org/realm?x=1", false, false},
		{"https://user:pw@login.example.org", false, false},
		{"login.example.org", false, false},
	}
	for _, tc := range cases {
		if got := strict.checkIssuer(tc.issuer) == nil; got != tc.strict {
			t.Errorf("%s in production: %v", tc.issuer, got)
		}
		if got := dev.checkIssuer(tc.issuer) == nil; got != tc.dev {
			t.Errorf("%s in development: %v", tc.issuer, got)
		}
	}
}
