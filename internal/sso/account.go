package sso

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"kite/ent"
	"kite/ent/identitylink"
	"kite/ent/invitation"
	"kite/ent/user"
	"kite/internal/access"
	"kite/internal/audit"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/txn"
)

// account chooses the Kite account the person is:
//
//  1. the account linked to their subject at this provider, if any;
//  2. otherwise the one staff account of the authority whose work email is
//     their verified email (in an allowed domain), which is then linked;
//  3. otherwise, only where the authority maps groups to roles, a new
//     staff account with the one role their groups give (never ADMIN).
//
// A disabled account is refused, whichever way it was found.
func (s *Service) account(ctx context.Context, p *ent.SignInProvider, who *person) (*ent.User, error) {
	sys := system(ctx) // System context: finding the account is the sign-in.
	link, err := s.Client.IdentityLink.Query().
		Where(identitylink.AuthorityID(p.AuthorityID), identitylink.Issuer(who.Issuer), identitylink.Subject(who.Subject)).
		WithUser().
		Only(sys)
	switch {
	case err == nil:
		return s.linked(ctx, p, who, link)
	case !ent.IsNotFound(err):
		return nil, fmt.Errorf("sign in: find link: %w", err)
	}
	if !domainAllowed(who.Email, p.AllowedEmailDomains) {
		return nil, fail(FailDomainNotAllowed, "%q is not in an allowed domain", who.Email)
	}
	staff, err := s.Client.User.Query().
		Where(user.AuthorityID(p.AuthorityID), user.RoleNotIn(domain.RoleChild, domain.RoleParent),
			user.WorkEmailEqualFold(who.Email)).
		All(sys)
	if err != nil {
		return nil, fmt.Errorf("sign in: find account by email: %w", err)
	}
	switch len(staff) {
	case 0:
		return s.fromGroups(ctx, p, who)
	case 1:
		return s.link(ctx, p, who, staff[0])
	}
	return nil, fail(FailAmbiguous, "%d staff accounts have the email %q", len(staff), who.Email)
}

// linked checks an account found by its link: still active, and, if it was
// made from a group, still given its role by the person's groups.
func (s *Service) linked(ctx context.Context, p *ent.SignInProvider, who *person, link *ent.IdentityLink) (*ent.User, error) {
	u := link.Edges.User
	if !u.Active {
		return nil, fail(FailAccountDisabled, "account %s is disabled", u.ID)
	}
	if link.FromGroup {
		if roles := groupRoles(p, who.Groups); len(roles) != 1 || roles[0] != u.Role {
			return nil, fail(FailGroupRoleWithdrawn, "account %s (%s) was made from a group that no longer gives its role (groups give %v)", u.ID, u.Role, roles)
		}
	}
	// System context: recording the sign-in on the link.
	if err := s.Client.IdentityLink.UpdateOneID(link.ID).SetLastSignInAt(s.Now()).Exec(system(ctx)); err != nil {
		return nil, fmt.Errorf("sign in: %w", err)
	}
	return u, nil
}

// link ties the account an admin made to the person on their first sign-in,
// and uses up any invitation code the account still has: from now on the
// provider's subject signs it in.
func (s *Service) link(ctx context.Context, p *ent.SignInProvider, who *person, u *ent.User) (*ent.User, error) {
	sys := system(ctx) // System context: linking is part of signing in.
	linked, err := s.Client.IdentityLink.Query().Where(identitylink.UserID(u.ID)).Exist(sys)
	switch {
	case err != nil:
		return nil, fmt.Errorf("sign in: find link of %s: %w", u.ID, err)
	case linked:
		// The same email at another subject: someone must look at it.
		return nil, fail(FailLinkedElsewhere, "account %s is linked to another subject", u.ID)
	case !u.Active:
		return nil, fail(FailAccountDisabled, "account %s is disabled", u.ID)
	}
	err = txn.Run(sys, s.Client, func(tx *ent.Tx) error {
		if err := s.createLink(sys, tx, p, who, u.ID, false); err != nil {
			return err
		}
		_, err := tx.Invitation.Update().
			Where(invitation.UserID(u.ID), invitation.UsedAtIsNil()).
			SetUsedAt(s.Now()).
			Save(sys)
		if err != nil {
			return err
		}
		return s.auditLinked(ctx, tx, p, who, u)
	})
	if err != nil {
		return nil, fmt.Errorf("sign in: link %s: %w", u.ID, err)
	}
	return u, nil
}

// fromGroups makes a staff account for a person whose groups give exactly
// one role, where the authority maps groups to roles.
func (s *Service) fromGroups(ctx context.Context, p *ent.SignInProvider, who *person) (*ent.User, error) {
	if len(p.GroupRoles) == 0 {
		return nil, fail(FailNoAccount, "no staff account has the email %q and the authority makes none from groups", who.Email)
	}
	roles := groupRoles(p, who.Groups)
	switch len(roles) {
	case 0:
		return nil, fail(FailNoAccount, "no staff account has the email %q and no group of %v is mapped", who.Email, who.Groups)
	case 1:
	default:
		return nil, fail(FailAmbiguous, "the groups %v give several roles %v", who.Groups, roles)
	}
	name := strings.TrimSpace(who.Name)
	if name == "" {
		name = who.Email
	}
	var u *ent.User
	sys := system(ctx) // System context: the authority's mapping makes the account.
	err := txn.Run(sys, s.Client, func(tx *ent.Tx) error {
		var err error
		u, err = tx.User.Create().
			SetAuthorityID(p.AuthorityID).
			SetRole(roles[0]).
			SetDisplayName(truncate(name, 200)).
			SetWorkEmail(who.Email).
			Save(sys)
		if err != nil {
			return err
		}
		if err := s.createLink(sys, tx, p, who, u.ID, true); err != nil {
			return err
		}
		err = audit.Record(ctx, tx.Client(), audit.Event{Action: audit.AccountCreated, AuthorityID: p.AuthorityID,
			EntityType: "user", EntityID: string(u.ID), Reason: "made from the identity provider's groups: " + providerAndSubject(who.Issuer, who.Subject)})
		if err != nil {
			return err
		}
		return s.auditLinked(ctx, tx, p, who, u)
	})
	if err != nil {
		return nil, fmt.Errorf("sign in: account from groups: %w", err)
	}
	return u.Unwrap(), nil
}

func (s *Service) createLink(ctx context.Context, tx *ent.Tx, p *ent.SignInProvider, who *person, userID ident.ID, fromGroup bool) error {
	return tx.IdentityLink.Create().
		SetAuthorityID(p.AuthorityID).
		SetUserID(userID).
		SetIssuer(who.Issuer).
		SetSubject(who.Subject).
		SetFromGroup(fromGroup).
		SetLastSignInAt(s.Now()).
		Exec(ctx)
}

func (s *Service) auditLinked(ctx context.Context, tx *ent.Tx, p *ent.SignInProvider, who *person, u *ent.User) error {
	return audit.Record(ctx, tx.Client(), audit.Event{Action: audit.IdentityLinked, ActorID: u.ID, ActorRole: u.Role,
		AuthorityID: p.AuthorityID, EntityType: "user", EntityID: string(u.ID), Reason: providerAndSubject(who.Issuer, who.Subject)})
}

// linkOf is the account's link.
func (s *Service) linkOf(ctx context.Context, userID ident.ID) (*ent.IdentityLink, error) {
	// System context: links are never read through the API.
	l, err := s.Client.IdentityLink.Query().Where(identitylink.UserID(userID)).Only(system(ctx))
	if err != nil {
		return nil, fmt.Errorf("sign in: link of %s: %w", userID, err)
	}
	return l, nil
}

// auditFailure records a refused sign-in, with the provider and, when the
// token was good, the subject.
func (s *Service) auditFailure(ctx context.Context, p *ent.SignInProvider, who *person, err error) {
	subject := "(no verified token)"
	if who != nil {
		subject = who.Subject
	}
	reason := fmt.Sprintf("%s: %v", providerAndSubject(p.Issuer, subject), err)
	_ = audit.Record(ctx, s.Client, audit.Event{Action: audit.LoginSSOFailed, AuthorityID: p.AuthorityID,
		Reason: truncate(reason, 1000)})
}

// groupRoles are the distinct roles the person's groups give, leaving out
// any a group may never give (access.GroupMayGiveRole).
func groupRoles(p *ent.SignInProvider, groups []string) []domain.Role {
	var roles []domain.Role
	for _, m := range p.GroupRoles {
		if slices.Contains(groups, m.Group) && access.GroupMayGiveRole(m.Role) && !slices.Contains(roles, m.Role) {
			roles = append(roles, m.Role)
		}
	}
	return roles
}

// domainAllowed: the address's domain is one of the allowed ones, exactly.
func domainAllowed(email string, allowed []string) bool {
	_, domain, ok := strings.Cut(email, "@")
	return ok && slices.Contains(allowed, domain)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
