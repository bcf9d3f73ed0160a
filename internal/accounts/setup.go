package accounts

import (
	"context"
	"errors"
	"fmt"

	"kite/ent"
	"kite/ent/invitation"
	"kite/ent/user"
	"kite/internal/apierr"
	"kite/internal/audit"
	"kite/internal/auth"
	"kite/internal/clientip"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/session"
	"kite/internal/txn"
)

// activationThrottleKey is the name failed codes count under in the login
// throttle, so guessing codes is held back like guessing passwords. It
// names the client address: the throttle also counts per name across all
// addresses, and one fixed name would let anyone slow everyone's set-up.
func activationThrottleKey(addr string) string { return "#invitation-code@" + addr }

// nameThrottleKey counts, per invitation, the usernames tried with it that
// were taken: a valid code must not let its holder list the usernames in
// use. They count under the client address (with the address's other
// failures) and under the code itself as if it were an address, so that
// spreading the tries over many addresses does not help either: a few
// tries, then waits that double up to 15 minutes.
func nameThrottleKey(inv *ent.Invitation) string { return "#invitation-name@" + string(inv.ID) }

var errBadCode = apierr.BadInput("code", "That code does not work. It may have been used already or run out. Please ask for a new one.")

// errUsernameTaken says only that the name is taken, never whose it is.
var errUsernameTaken = apierr.BadInput("username", "That username is taken. Please choose another.")

// Activate uses an invitation code to set up an account with the username
// and password the person chose, and signs them in.
func (s *Service) Activate(ctx context.Context, code, username, password string) (*session.Tokens, error) {
	addr := clientip.FromContext(ctx)
	if wait, ok := s.Throttle.Check(activationThrottleKey(addr), addr); !ok {
		return nil, apierr.RateLimited(wait)
	}
	inv, err := s.findInvitation(ctx, code)
	if err != nil {
		return nil, err
	}
	if inv == nil {
		s.Throttle.Failure(activationThrottleKey(addr), addr)
		return nil, errBadCode
	}
	if err := s.refuseIfProviderRequired(ctx, inv); err != nil {
		return nil, err
	}
	names := nameThrottleKey(inv)
	for _, a := range []string{addr, names} {
		if wait, ok := s.Throttle.Check(names, a); !ok {
			return nil, apierr.RateLimited(wait)
		}
	}
	username = session.NormaliseUsername(username)
	if err := checkUsername(username); err != nil {
		return nil, err
	}
	rule, err := s.passwordRule(ctx, inv.AuthorityID, inv.Role, inv.ChildID)
	if err != nil {
		return nil, err
	}
	if err := checkNewPassword(rule, "password", password, username, inv.DisplayName); err != nil {
		return nil, err
	}
	hash, err := s.Hasher.Hash(ctx, password)
	if err != nil {
		return nil, fmt.Errorf("activate: %w", err)
	}
	var u *ent.User
	// System context: the code has been checked; nobody is signed in yet.
	err = txn.Run(system(ctx), s.Client, func(tx *ent.Tx) error {
		u, err = s.setUp(system(ctx), tx, inv, username, hash)
		return err
	})
	if errors.Is(err, errUsernameTaken) {
		s.Throttle.Failure(names, addr)
		s.Throttle.Failure(names, names)
	}
	if err != nil {
		return nil, err
	}
	u = u.Unwrap() // detach from the finished transaction
	ev := audit.Event{Action: audit.InvitationUsed, ActorID: u.ID, ActorRole: u.Role, AuthorityID: u.AuthorityID,
		EntityType: "invitation", EntityID: string(inv.ID)}
	if inv.ChildID != nil {
		ev.ChildID = *inv.ChildID
	}
	if err := audit.Record(ctx, s.Client, ev); err != nil {
		return nil, err
	}
	return s.Sessions.Start(ctx, u)
}

// findInvitation returns the unused, unexpired invitation with this code,
// or nil.
func (s *Service) findInvitation(ctx context.Context, code string) (*ent.Invitation, error) {
	// System context: the code is the credential; nobody is signed in yet.
	inv, err := s.Client.Invitation.Query().
		Where(invitation.CodeHash(auth.HashInvitationCode(code)), invitation.UsedAtIsNil(),
			invitation.ExpiresAtGT(s.Now())).
		Only(system(ctx))
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("activate: find invitation: %w", err)
	}
	return inv, nil
}

// setUp makes or completes the account and marks the code used, in tx.
func (s *Service) setUp(ctx context.Context, tx *ent.Tx, inv *ent.Invitation, username, hash string) (*ent.User, error) {
	taken, err := tx.User.Query().Where(user.Username(username)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if taken {
		return nil, errUsernameTaken
	}
	// The code works once: a second use racing this one updates nothing.
	n, err := tx.Invitation.Update().
		Where(invitation.ID(inv.ID), invitation.UsedAtIsNil()).
		SetUsedAt(s.Now()).
		Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, errBadCode
	}
	var u *ent.User
	if inv.UserID != nil {
		u, err = s.claim(ctx, tx, *inv.UserID, username, hash)
	} else {
		u, err = s.createFamilyAccount(ctx, tx, inv, username, hash)
	}
	if err != nil {
		return nil, err
	}
	return u, tx.Invitation.UpdateOneID(inv.ID).SetUserID(u.ID).Exec(ctx)
}

// claim sets up an existing account that has never been set up. An account
// can have several codes outstanding (made at creation, then again); once
// one is used, the others must not reset its username and password.
func (s *Service) claim(ctx context.Context, tx *ent.Tx, id ident.ID, username, hash string) (*ent.User, error) {
	n, err := tx.User.Update().Where(user.ID(id), user.UsernameIsNil()).
		SetUsername(username).SetPasswordHash(hash).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, errBadCode
	}
	return tx.User.Get(ctx, id)
}

// createFamilyAccount makes a child's or parent's account and ties it to
// the child: the child's own record, or a family link.
func (s *Service) createFamilyAccount(ctx context.Context, tx *ent.Tx, inv *ent.Invitation, username, hash string) (*ent.User, error) {
	if inv.ChildID == nil {
		return nil, fmt.Errorf("invitation %s for %s has no child", inv.ID, inv.Role)
	}
	u, err := tx.User.Create().
		SetAuthorityID(inv.AuthorityID).
		SetRole(inv.Role).
		SetUsername(username).
		SetPasswordHash(hash).
		SetDisplayName(inv.DisplayName).
		Save(ctx)
	if err != nil {
		return nil, err
	}
	switch inv.Role {
	case domain.RoleChild:
		c, err := tx.Child.Get(ctx, *inv.ChildID)
		if err != nil {
			return nil, err
		}
		if c.UserID != nil {
			// The child set up an account with another code meanwhile.
			return nil, errBadCode
		}
		err = tx.Child.UpdateOneID(c.ID).SetUserID(u.ID).Exec(ctx)
		return u, err
	case domain.RoleParent:
		err = tx.FamilyLink.Create().
			SetAuthorityID(inv.AuthorityID).
			SetChildID(*inv.ChildID).
			SetParentID(u.ID).
			SetRelationship(inv.Relationship).
			SetParentalResponsibility(inv.ParentalResponsibility).
			SetMayViewCarePlan(inv.MayViewCarePlan).
			Exec(ctx)
		return u, err
	}
	return nil, fmt.Errorf("invitation %s: unexpected role %s", inv.ID, inv.Role)
}

// refuseIfProviderRequired refuses a staff invitation code where the
// authority requires its identity provider for staff: a password would
// never work, and the account is linked on the person's first sign-in
// through the provider instead.
func (s *Service) refuseIfProviderRequired(ctx context.Context, inv *ent.Invitation) error {
	if !inv.Role.IsStaff() {
		return nil
	}
	required, err := s.Sessions.ProviderRequired(ctx, inv.AuthorityID)
	if err != nil {
		return err
	}
	if required {
		return session.ErrProviderRequired
	}
	return nil
}
