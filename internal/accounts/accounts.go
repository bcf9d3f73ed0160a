// Package accounts manages accounts: an admin makes staff accounts and can
// disable and re-enable them; a manager invites a child or parent; anyone
// with an invitation code sets up their account; a signed-in user changes
// their password.
//
// Changes made for a viewer go through ent with the viewer's context, so the
// access rules (internal/access) decide them. Setting up an account with a
// code happens before anyone is signed in, so it uses the system context
// after checking the code; each such use says why.
package accounts

import (
	"context"
	"errors"
	"regexp"
	"time"

	"kite/ent"
	"kite/ent/privacy"
	"kite/internal/apierr"
	"kite/internal/auth"
	"kite/internal/clock"
	"kite/internal/session"
)

// DefaultInvitationTTL is how long an invitation code works.
const DefaultInvitationTTL = 14 * 24 * time.Hour

// Service holds what account management needs.
type Service struct {
	Client        *ent.Client
	Sessions      *session.Service
	Hasher        *auth.Hasher
	Throttle      *auth.Throttle
	InvitationTTL time.Duration
	clock.Clock
}

func (s *Service) invitationTTL() time.Duration {
	if s.InvitationTTL > 0 {
		return s.InvitationTTL
	}
	return DefaultInvitationTTL
}

// system is the context for work done before anyone is signed in, or on the
// signed-in user's own credentials after they have been checked.
func system(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// usernamePattern: 3 to 64 lower-case letters, digits, dots, dashes and
// underscores, starting with a letter or digit. Usernames are stored lower
// case, so "Sam.P" and "sam.p" are one name.
var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,63}$`)

func checkUsername(username string) error {
	if !usernamePattern.MatchString(username) {
		return apierr.BadInput("username", "Please choose a username of 3 to 64 letters or numbers. You can use dots, dashes and underscores too.")
	}
	return nil
}

// checkNewPassword applies the password policy and returns a BAD_USER_INPUT
// on field when it is refused.
func checkNewPassword(field, password string, personal ...string) error {
	err := auth.CheckPassword(password, personal...)
	var policy *auth.PolicyError
	if errors.As(err, &policy) {
		return apierr.BadInput(field, policy.Message)
	}
	return err
}
