package session

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/ent/signinprovider"
	"kite/internal/apierr"
	"kite/internal/audit"
	"kite/internal/ident"
)

// ErrProviderRequired is the answer to a member of staff's password (or
// invitation code) where their authority requires its identity provider.
var ErrProviderRequired = &apierr.Error{Code: apierr.CodeForbidden,
	Message: "Your council signs its staff in with your work account. Please use \"Sign in with your organisation\" instead of a password."}

// ProviderRequired reports whether staff of the authority must sign in
// through its identity provider.
func (s *Service) ProviderRequired(ctx context.Context, authority ident.ID) (bool, error) {
	// System context: read before anyone is signed in.
	ok, err := s.Client.SignInProvider.Query().
		Where(signinprovider.AuthorityID(authority), signinprovider.RequiredForStaff(true)).
		Exist(system(ctx))
	if err != nil {
		return false, fmt.Errorf("sign-in provider required: %w", err)
	}
	return ok, nil
}

// refuseIfProviderRequired refuses a member of staff's password where their
// authority requires its identity provider. It is asked only after the
// password was found right, so that it tells nobody else that the account
// exists or is staff.
func (s *Service) refuseIfProviderRequired(ctx context.Context, u *ent.User) error {
	if !u.Role.IsStaff() {
		return nil
	}
	required, err := s.ProviderRequired(ctx, u.AuthorityID)
	if err != nil || !required {
		return err
	}
	ev := audit.Event{Action: audit.LoginSSORequired, ActorID: u.ID, ActorRole: u.Role, AuthorityID: u.AuthorityID,
		EntityType: "user", EntityID: string(u.ID)}
	if err := audit.Record(ctx, s.Client, ev); err != nil {
		return err
	}
	return ErrProviderRequired
}
