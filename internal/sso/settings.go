package sso

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"kite/ent"
	"kite/ent/identitylink"
	"kite/ent/signinprovider"
	"kite/internal/access"
	"kite/internal/apierr"
	"kite/internal/audit"
	"kite/internal/dataerr"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// Settings is what an admin sets for their authority's identity provider.
type Settings struct {
	Issuer              string
	ClientID            string
	ClientSecretName    string
	AllowedEmailDomains []string
	GroupsClaim         string
	GroupRoles          []domain.GroupRole
	RequiredForStaff    bool
}

// Provider is the viewer's authority's provider, as their access rules let
// them see it (an admin's own; nil for anyone else, or when there is none).
func (s *Service) Provider(ctx context.Context) (*ent.SignInProvider, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.Client.SignInProvider.Query().Where(signinprovider.AuthorityID(v.AuthorityID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return p, dataerr.ToAPI(err, "sign-in provider")
}

// SetProvider creates or replaces the viewer's authority's provider. The
// access rules decide who may (an admin of the authority).
func (s *Service) SetProvider(ctx context.Context, in Settings) (*ent.SignInProvider, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	in, err = s.checkSettings(in)
	if err != nil {
		return nil, err
	}
	var out *ent.SignInProvider
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		old, err := tx.SignInProvider.Query().Where(signinprovider.AuthorityID(v.AuthorityID)).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			out, err = tx.SignInProvider.Create().SetAuthorityID(v.AuthorityID).
				SetIssuer(in.Issuer).SetClientID(in.ClientID).SetClientSecretName(in.ClientSecretName).
				SetAllowedEmailDomains(in.AllowedEmailDomains).SetGroupsClaim(in.GroupsClaim).
				SetGroupRoles(in.GroupRoles).SetRequiredForStaff(in.RequiredForStaff).
				Save(ctx)
		case err == nil:
			out, err = tx.SignInProvider.UpdateOne(old).
				SetIssuer(in.Issuer).SetClientID(in.ClientID).SetClientSecretName(in.ClientSecretName).
				SetAllowedEmailDomains(in.AllowedEmailDomains).SetGroupsClaim(in.GroupsClaim).
				SetGroupRoles(in.GroupRoles).SetRequiredForStaff(in.RequiredForStaff).
				Save(ctx)
		}
		if err != nil {
			return dataerr.ToAPI(err, "set sign-in provider")
		}
		return audit.Record(ctx, tx.Client(), audit.Event{Action: audit.SignInProviderSet,
			EntityType: "signin_provider", EntityID: string(out.ID), Reason: "provider " + in.Issuer})
	})
	if err != nil {
		return nil, err
	}
	s.forget(in.Issuer)
	return out.Unwrap(), nil
}

// RemoveProvider removes the viewer's authority's provider: staff sign in
// with passwords again. Links stay, for if it is set up again.
func (s *Service) RemoveProvider(ctx context.Context) (bool, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return false, err
	}
	var n int
	err = txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		n, err = tx.SignInProvider.Delete().Where(signinprovider.AuthorityID(v.AuthorityID)).Exec(ctx)
		if err != nil {
			return dataerr.ToAPI(err, "remove sign-in provider")
		}
		if n == 0 {
			return nil
		}
		return audit.Record(ctx, tx.Client(), audit.Event{Action: audit.SignInProviderRemoved, EntityType: "signin_provider"})
	})
	return n > 0, err
}

// forget drops a cached discovery, so that changed settings are read afresh.
func (s *Service) forget(issuer string) {
	s.providers.mu.Lock()
	delete(s.providers.byIs, issuer)
	s.providers.mu.Unlock()
}

// emailDomain is a domain name such as demo-borough.gov.uk.
var emailDomain = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$`)

// claimName is a JSON claim name an admin may give for the groups.
var claimName = regexp.MustCompile(`^[A-Za-z0-9_:/.-]{1,100}$`)

// checkSettings tidies the settings and refuses what cannot work, with
// words for the admin.
func (s *Service) checkSettings(in Settings) (Settings, error) {
	in.Issuer = strings.TrimSpace(in.Issuer)
	in.ClientID = strings.TrimSpace(in.ClientID)
	in.ClientSecretName = strings.TrimSpace(in.ClientSecretName)
	in.GroupsClaim = strings.TrimSpace(in.GroupsClaim)
	if in.GroupsClaim == "" {
		in.GroupsClaim = "groups"
	}
	if err := s.checkIssuer(in.Issuer); err != nil {
		return in, apierr.BadInput("issuer", "Please give the provider's issuer URL, starting https:// (for Entra ID, https://login.microsoftonline.com/<tenant id>/v2.0).")
	}
	if in.ClientID == "" || len(in.ClientID) > 200 {
		return in, apierr.BadInput("clientId", "Please give the client id Kite is registered with at the provider.")
	}
	if in.ClientSecretName != "" {
		if !secretName.MatchString(in.ClientSecretName) {
			return in, apierr.BadInput("clientSecretName", "A secret name is lower-case letters, digits and dashes, such as \"demo-borough\".")
		}
		if _, err := s.Secrets.Read(in.ClientSecretName); err != nil {
			return in, apierr.BadInput("clientSecretName", "Kite cannot find that secret. Whoever runs Kite must set "+EnvName(in.ClientSecretName)+" (or the file of that name in KITE_OIDC_SECRETS_DIR) first.")
		}
	}
	var domains []string
	for _, d := range in.AllowedEmailDomains {
		d = strings.ToLower(strings.TrimSpace(d))
		if !emailDomain.MatchString(d) {
			return in, apierr.BadInput("allowedEmailDomains", "Each allowed email domain must be a domain name such as demo-borough.gov.uk.")
		}
		if !slices.Contains(domains, d) {
			domains = append(domains, d)
		}
	}
	if len(domains) == 0 {
		return in, apierr.BadInput("allowedEmailDomains", "Please give at least one email domain whose staff may sign in.")
	}
	in.AllowedEmailDomains = domains
	if !claimName.MatchString(in.GroupsClaim) {
		return in, apierr.BadInput("groupsClaim", "The groups claim is the name of a claim in the ID token, such as \"groups\".")
	}
	return in, checkGroupRoles(in.GroupRoles)
}

// checkGroupRoles: each group once, each role one a group may give.
func checkGroupRoles(mapping []domain.GroupRole) error {
	seen := map[string]bool{}
	for _, m := range mapping {
		if strings.TrimSpace(m.Group) == "" || len(m.Group) > 255 || seen[m.Group] {
			return apierr.BadInput("groupRoles", "Each group must be named, once.")
		}
		seen[m.Group] = true
		if !access.GroupMayGiveRole(m.Role) {
			return apierr.BadInput("groupRoles", "A group can give IRO, CP_CHAIR, SOCIAL_WORKER or MANAGER. Administrators are made by administrators, never from a group.")
		}
	}
	return nil
}

// RemoveLink forgets the link of a staff account of the viewer's authority
// to a person at the provider; the access rules decide who may (an admin
// of the authority). The next sign-in with the account's work email links
// it afresh.
func (s *Service) RemoveLink(ctx context.Context, userID ident.ID) (bool, error) {
	if _, err := viewer.Require(ctx); err != nil {
		return false, err
	}
	var n int
	err := txn.Run(ctx, s.Client, func(tx *ent.Tx) error {
		var err error
		n, err = tx.IdentityLink.Delete().Where(identitylink.UserID(userID)).Exec(ctx)
		if err != nil {
			return dataerr.ToAPI(err, "remove sign-in link")
		}
		if n == 0 {
			return nil
		}
		return audit.Record(ctx, tx.Client(), audit.Event{Action: audit.IdentityUnlinked, EntityType: "user", EntityID: string(userID)})
	})
	return n > 0, err
}
