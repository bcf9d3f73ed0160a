package sso

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Secrets finds a provider's client secret by the name an admin gave,
// never by a path or variable of their choosing: the environment variable
// KITE_OIDC_SECRET_<NAME> (upper case, dashes as underscores), else the
// file <NAME> in Dir. So the secret is never in the database, and an admin
// cannot make Kite send any other secret of the server to a provider.
type Secrets struct {
	Getenv func(string) string
	// Dir is KITE_OIDC_SECRETS_DIR; empty means environment variables only.
	Dir string
}

// secretName: lower-case letters, digits and dashes, as in a file name.
var secretName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// EnvName is the environment variable that holds the secret called name.
func EnvName(name string) string {
	return "KITE_OIDC_SECRET_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

var errNoSecret = errors.New("no such secret")

// Read returns the secret called name ("" for a public client).
func (s Secrets) Read(name string) (string, error) {
	if name == "" {
		return "", nil
	}
	if !secretName.MatchString(name) {
		return "", fmt.Errorf("secret name %q: %w", name, errNoSecret)
	}
	if s.Getenv != nil {
		if v := strings.TrimSpace(s.Getenv(EnvName(name))); v != "" {
			return v, nil
		}
	}
	if s.Dir != "" {
		b, err := os.ReadFile(filepath.Join(s.Dir, name))
		if err == nil && strings.TrimSpace(string(b)) != "" {
			return strings.TrimSpace(string(b)), nil
		}
	}
	return "", fmt.Errorf("secret %q: %w", name, errNoSecret)
}
