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
	"fmt"
	"regexp"
	"time"

	"kite/ent"
	"kite/ent/childidentity"
	"kite/ent/privacy"
	"kite/internal/apierr"
	"kite/internal/auth"
	"kite/internal/civil"
	"kite/internal/clock"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/session"
	"kite/internal/viewer"
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

// checkNewPassword applies a password rule and returns a BAD_USER_INPUT on
// field when it is refused.
func checkNewPassword(rule auth.PasswordRule, field, password string, personal ...string) error {
	err := rule.Check(password, personal...)
	var policy *auth.PolicyError
	if errors.As(err, &policy) {
		return apierr.BadInput(field, policy.Message)
	}
	return err
}

// passwordRule is the rule a new password of an account must meet: the
// shorter secret for a child under auth.YoungChildAge whose authority
// allows it (off unless it does; the README sets out the risk), the
// standard rule for everyone else. childID is the child's record for a
// CHILD account. System context: the authority's setting and the child's
// date of birth are read for this alone, and only the rule leaves.
func (s *Service) passwordRule(ctx context.Context, authority ident.ID, role domain.Role, childID *ident.ID) (auth.PasswordRule, error) {
	if role != domain.RoleChild || childID == nil {
		return auth.StandardPasswords, nil
	}
	la, err := s.Client.LocalAuthority.Get(system(ctx), authority)
	if err != nil {
		return auth.StandardPasswords, fmt.Errorf("password rule: authority: %w", err)
	}
	if !la.ShortPasswordsUnder12 {
		return auth.StandardPasswords, nil
	}
	id, err := s.Client.ChildIdentity.Query().Where(childidentity.ChildID(*childID)).Only(system(ctx))
	if ent.IsNotFound(err) {
		return auth.StandardPasswords, nil
	}
	if err != nil {
		return auth.StandardPasswords, fmt.Errorf("password rule: child: %w", err)
	}
	if id.DateOfBirth != nil && id.DateOfBirth.YearsOn(civil.InLondon(s.Now())) < auth.YoungChildAge {
		return auth.YoungChildPasswords, nil
	}
	return auth.StandardPasswords, nil
}

// PasswordRule is the rule the signed-in user's next password must meet
// (the standard rule for anyone not signed in), to show beside the
// password box.
func (s *Service) PasswordRule(ctx context.Context) (auth.PasswordRule, error) {
	v := viewer.FromContext(ctx)
	if v == nil || v.ChildID == "" {
		return auth.StandardPasswords, nil
	}
	return s.passwordRule(ctx, v.AuthorityID, v.Role, &v.ChildID)
}
