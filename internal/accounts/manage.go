package accounts

import (
	"context"
	"fmt"
	"strings"

	"kite/ent"
	"kite/internal/access"
	"kite/internal/apierr"
	"kite/internal/audit"
	"kite/internal/auth"
	"kite/internal/clientip"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/events"
	"kite/internal/ident"
	"kite/internal/session"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// ChangePassword needs the current password. It ends every other session at
// once (refresh tokens revoked, older access tokens refused) and returns a
// new session for this one.
func (s *Service) ChangePassword(ctx context.Context, current, next string) (*session.Tokens, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	// System context: the viewer's own credentials, checked below.
	u, err := s.Client.User.Get(system(ctx), v.UserID)
	if err != nil {
		return nil, fmt.Errorf("change password: %w", err)
	}
	name := ""
	if u.Username != nil {
		name = *u.Username
	}
	addr := clientip.FromContext(ctx)
	if wait, ok := s.Throttle.Check(name, addr); !ok {
		return nil, apierr.RateLimited(wait)
	}
	ok, err := s.Hasher.Compare(ctx, current, u.PasswordHash)
	if err != nil || !ok {
		s.Throttle.Failure(name, addr)
		return nil, apierr.BadInput("currentPassword", "That is not your current password.")
	}
	rule, err := s.passwordRule(ctx, u.AuthorityID, u.Role, &v.ChildID)
	if err != nil {
		return nil, err
	}
	if err := checkNewPassword(rule, "newPassword", next, name, u.DisplayName); err != nil {
		return nil, err
	}
	hash, err := s.Hasher.Hash(ctx, next)
	if err != nil {
		return nil, fmt.Errorf("change password: %w", err)
	}
	err = txn.Run(system(ctx), s.Client, func(tx *ent.Tx) error {
		err := tx.User.UpdateOneID(u.ID).SetPasswordHash(hash).SetSessionsValidAfter(s.Now()).Exec(system(ctx))
		if err != nil {
			return err
		}
		if err := s.Sessions.RevokeAll(ctx, tx.Client(), u.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx.Client(), audit.Event{Action: audit.PasswordChanged, EntityType: "user", EntityID: string(u.ID)})
	})
	if err != nil {
		return nil, fmt.Errorf("change password: %w", err)
	}
	s.Sessions.Events.Publish(events.Event{Kind: events.AccountChanged, AuthorityID: u.AuthorityID, UserID: u.ID})
	return s.Sessions.Start(ctx, u)
}

// StaffAccount is what an admin fills in for a new member of staff.
type StaffAccount struct {
	DisplayName    string
	Role           domain.Role
	WorkEmail      string
	WorkPhone      string
	HowToReach     string
	WorkingPattern string
}

// staffRoles are the roles an admin may give.
var staffRoles = map[domain.Role]bool{
	domain.RoleIRO: true, domain.RoleCPChair: true, domain.RoleSocialWorker: true, domain.RoleManager: true, domain.RoleAdmin: true,
}

// Invited is a new invitation and its code, shown once.
type Invited struct {
	Invitation *ent.Invitation
	Code       string
	User       *ent.User
}

// CreateStaff makes a staff account in the admin's authority and an
// invitation code with which the person chooses their username and password.
func (s *Service) CreateStaff(ctx context.Context, in StaffAccount) (*Invited, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !staffRoles[in.Role] {
		return nil, apierr.BadInput("role", "Children and parents join with an invitation from a manager.")
	}
	if strings.TrimSpace(in.DisplayName) == "" {
		return nil, apierr.BadInput("displayName", "Please give the person's name.")
	}
	var out Invited
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		u, err := tx.User.Create().
			SetAuthorityID(v.AuthorityID).
			SetRole(in.Role).
			SetDisplayName(strings.TrimSpace(in.DisplayName)).
			SetWorkEmail(in.WorkEmail).
			SetWorkPhone(in.WorkPhone).
			SetHowToReach(in.HowToReach).
			SetWorkingPattern(in.WorkingPattern).
			Save(ctx)
		if err != nil {
			return dataerr.ToAPI(err, "create staff account")
		}
		out.User = u
		code, hash := auth.NewInvitationCode()
		out.Code = code
		out.Invitation, err = s.invitation(tx, v, in.Role, u.DisplayName, hash).SetUserID(u.ID).Save(ctx)
		if err != nil {
			return dataerr.ToAPI(err, "create staff invitation")
		}
		if err := audit.Record(ctx, tx.Client(), audit.Event{Action: audit.AccountCreated, EntityType: "user", EntityID: string(u.ID)}); err != nil {
			return err
		}
		return audit.Record(ctx, tx.Client(), audit.Event{Action: audit.InvitationCreated, EntityType: "invitation", EntityID: string(out.Invitation.ID)})
	})
	if err != nil {
		return nil, err
	}
	// Detach from the finished transaction, so edges load afterwards.
	out.User, out.Invitation = out.User.Unwrap(), out.Invitation.Unwrap()
	return &out, nil
}

// invitation starts an invitation from the viewer, in their authority, for
// a person of role and name, with the hash of its code; it expires after
// the invitation lifetime. The caller says whose account it is for.
func (s *Service) invitation(tx *ent.Tx, v *viewer.Viewer, role domain.Role, name, hash string) *ent.InvitationCreate {
	return tx.Invitation.Create().
		SetAuthorityID(v.AuthorityID).SetRole(role).SetDisplayName(name).
		SetCodeHash(hash).SetExpiresAt(s.Now().Add(s.invitationTTL())).
		SetCreatedByID(v.UserID)
}

// FamilyInvitation is what a manager fills in to invite a child or parent.
type FamilyInvitation struct {
	ChildID                ident.ID
	Role                   domain.Role
	DisplayName            string
	Relationship           string
	ParentalResponsibility bool
	MayViewCarePlan        bool
}

// CreateInvitation invites a child or a parent of a child in the manager's
// authority. The child must be one the manager may see.
func (s *Service) CreateInvitation(ctx context.Context, in FamilyInvitation) (*Invited, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkFamilyInvitation(in); err != nil {
		return nil, err
	}
	c, err := s.Client.Child.Get(ctx, in.ChildID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "invite: find child")
	}
	if in.Role == domain.RoleChild && c.UserID != nil {
		return nil, apierr.BadInput("childId", "This child already has an account.")
	}
	if in.Role == domain.RoleChild {
		unborn, err := access.Unborn(ctx, s.Client, c.ID)
		if err != nil {
			return nil, err
		}
		if unborn {
			return nil, apierr.BadInput("childId", "An unborn baby cannot have an account. You can invite the baby's parents.")
		}
	}
	code, hash := auth.NewInvitationCode()
	var inv *ent.Invitation
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		inv, err = s.invitation(tx, v, in.Role, strings.TrimSpace(in.DisplayName), hash).
			SetRelationship(strings.TrimSpace(in.Relationship)).
			SetParentalResponsibility(in.ParentalResponsibility).
			SetMayViewCarePlan(in.MayViewCarePlan).
			SetChildID(c.ID).
			Save(ctx)
		if err != nil {
			return dataerr.ToAPI(err, "create invitation")
		}
		return audit.Record(ctx, tx.Client(), audit.Event{Action: audit.InvitationCreated,
			EntityType: "invitation", EntityID: string(inv.ID), ChildID: c.ID})
	})
	if err != nil {
		return nil, err
	}
	return &Invited{Invitation: inv.Unwrap(), Code: code}, nil
}

func checkFamilyInvitation(in FamilyInvitation) error {
	switch in.Role {
	case domain.RoleChild, domain.RoleParent:
	default:
		return apierr.BadInput("role", "A manager can invite a child or a parent. Staff accounts are made by an admin.")
	}
	if strings.TrimSpace(in.DisplayName) == "" {
		return apierr.BadInput("displayName", "Please give the person's name.")
	}
	if in.Role == domain.RoleParent && strings.TrimSpace(in.Relationship) == "" {
		return apierr.BadInput("relationship", "Please say how the parent or carer is related to the child.")
	}
	if in.Role == domain.RoleChild && (in.Relationship != "" || in.ParentalResponsibility || in.MayViewCarePlan) {
		return apierr.BadInput("role", "Relationship and parental responsibility are for parents only.")
	}
	return nil
}

// SetActive disables or re-enables an account of the admin's authority.
// Disabling ends its sessions at once: its access tokens stop working on the
// next request, and its refresh tokens are revoked.
func (s *Service) SetActive(ctx context.Context, userID ident.ID, active bool) (*ent.User, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if userID == v.UserID && !active {
		return nil, apierr.BadInput("userId", "You cannot disable your own account.")
	}
	var u *ent.User
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		update := tx.User.UpdateOneID(userID).SetActive(active)
		if !active {
			// Its access tokens must not work again if it is re-enabled
			// before they expire.
			update.SetSessionsValidAfter(s.Now())
		}
		u, err = update.Save(ctx)
		if err != nil {
			return dataerr.ToAPI(err, "set account active")
		}
		action := audit.AccountEnabled
		if !active {
			action = audit.AccountDisabled
			if err := s.Sessions.RevokeAll(ctx, tx.Client(), u.ID); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx.Client(), audit.Event{Action: action, EntityType: "user", EntityID: string(u.ID)})
	})
	if err != nil {
		return nil, err
	}
	s.Sessions.Events.Publish(events.Event{Kind: events.AccountChanged, AuthorityID: u.AuthorityID, UserID: u.ID})
	return u.Unwrap(), nil
}

// InviteExisting makes an invitation code for an account that exists but has
// not been set up — one imported from the case-management system: a parent
// (by a manager) or a member of staff (by an admin). The code lets the
// person choose their username and password for that very account.
func (s *Service) InviteExisting(ctx context.Context, userID ident.ID) (*Invited, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	u, err := s.Client.User.Get(ctx, userID)
	if err != nil {
		return nil, dataerr.ToAPI(err, "invite existing account")
	}
	if u.Username != nil {
		return nil, apierr.BadInput("userId", "This account has already been set up.")
	}
	code, hash := auth.NewInvitationCode()
	var inv *ent.Invitation
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		inv, err = s.invitation(tx, v, u.Role, u.DisplayName, hash).SetUserID(u.ID).Save(ctx)
		if err != nil {
			return dataerr.ToAPI(err, "invite existing account")
		}
		return audit.Record(ctx, tx.Client(), audit.Event{Action: audit.InvitationCreated,
			EntityType: "invitation", EntityID: string(inv.ID)})
	})
	if err != nil {
		return nil, err
	}
	return &Invited{Invitation: inv.Unwrap(), Code: code, User: u}, nil
}
