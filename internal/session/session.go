// Package session signs people in and keeps them signed in: login with
// argon2id and throttling, short-lived access tokens, refresh tokens rotated
// on every use and grouped in families (reusing an old one revokes the whole
// family), logout, and — on every request — loading the viewer afresh from
// the database, so that a disabled account, a changed role or a changed
// password takes effect at once rather than at token expiry.
//
// A family is a session: each access token names its family (the sid
// claim), and is refused once the family is revoked (logout, a reused
// refresh token, a changed password, a disabled account) — at once on the
// instance that ended it, and on every other when several share the
// database (CheckSessionEveryRequest).
//
// Lookups here run before anyone is signed in, so they use the system
// context; each use says why.
package session

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"kite/ent"
	"kite/ent/predicate"
	"kite/ent/privacy"
	"kite/ent/refreshtoken"
	"kite/ent/user"
	"kite/internal/apierr"
	"kite/internal/audit"
	"kite/internal/auth"
	"kite/internal/clientip"
	"kite/internal/clock"
	"kite/internal/domain"
	"kite/internal/events"
	"kite/internal/ident"
	"kite/internal/txn"
	"kite/internal/viewer"
)

// Service holds what sessions need.
type Service struct {
	Client     *ent.Client
	Tokens     *auth.Tokens
	Hasher     *auth.Hasher
	Throttle   *auth.Throttle
	RefreshTTL time.Duration
	// Events tells open subscriptions that an account changed.
	Events *events.Broker
	// OnLoginFailure, if set, is told of each failed login (metrics).
	OnLoginFailure func()
	// CheckSessionEveryRequest is set when several instances share the
	// database: each request then checks its session in the statement that
	// loads the viewer (no extra round trip), rather than trusting a check
	// made up to sessionCheckEvery before, so that a session ended on one
	// instance is refused on every other at once.
	CheckSessionEveryRequest bool
	clock.Clock

	// sessions remembers recently checked sessions (see ended.go).
	sessions sessionCache
}

// Tokens are what a client keeps after signing in.
type Tokens struct {
	AccessToken  string
	RefreshToken string
	// ExpiresAt is when the access token expires.
	ExpiresAt time.Time
	User      *ent.User
}

// system is the context for lookups made before or outside any viewer's
// rules: finding an account by username, a refresh token by its hash.
func system(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// NormaliseUsername is how usernames are stored and looked up.
func NormaliseUsername(username string) string {
	return strings.ToLower(strings.TrimSpace(username))
}

// Login checks a username and password. Every failure — unknown username,
// wrong password, disabled account — gives the same error after the same
// work (an unknown username is hashed against a dummy), and counts towards
// the throttle, which answers the same for known and unknown usernames.
func (s *Service) Login(ctx context.Context, username, password string) (*Tokens, error) {
	username = NormaliseUsername(username)
	addr := clientip.FromContext(ctx)
	if wait, ok := s.Throttle.Check(username, addr); !ok {
		_ = audit.Record(ctx, s.Client, audit.Event{Action: audit.LoginThrottled})
		return nil, apierr.RateLimited(wait)
	}
	// System context: nobody is signed in yet; this finds the account.
	u, err := s.Client.User.Query().Where(user.Username(username)).Only(system(ctx))
	if err != nil && !ent.IsNotFound(err) {
		return nil, fmt.Errorf("login: find user: %w", err)
	}
	ok, err := s.checkPassword(ctx, u, password)
	if err != nil {
		return nil, err
	}
	if !ok || !u.Active {
		s.Throttle.Failure(username, addr)
		if s.OnLoginFailure != nil {
			s.OnLoginFailure()
		}
		ev := audit.Event{Action: audit.LoginFailed}
		if u != nil {
			ev.ActorID, ev.ActorRole, ev.AuthorityID = u.ID, u.Role, u.AuthorityID
			ev.EntityType, ev.EntityID = "user", string(u.ID)
		}
		if err := audit.Record(ctx, s.Client, ev); err != nil {
			return nil, err
		}
		return nil, apierr.LoginFailed()
	}
	s.Throttle.Success(username, addr)
	if err := s.refuseIfProviderRequired(ctx, u); err != nil {
		return nil, err
	}
	return s.signIn(ctx, u, audit.LoginSucceeded, "")
}

// checkPassword compares against the user's hash, or a dummy hash when there
// is no such user, so that both take the same time.
func (s *Service) checkPassword(ctx context.Context, u *ent.User, password string) (bool, error) {
	if u == nil {
		if err := s.Hasher.CompareDummy(ctx, password); err != nil {
			return false, fmt.Errorf("login: %w", err)
		}
		return false, nil
	}
	ok, err := s.Hasher.Compare(ctx, password, u.PasswordHash)
	if errors.Is(err, auth.ErrMalformedHash) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("login: %w", err)
	}
	return ok, nil
}

// SignInThrough starts a session for a user whom another way of signing in
// has proved (an identity provider), recording action with reason (which
// provider, which subject) in the audit log, as a login.
func (s *Service) SignInThrough(ctx context.Context, u *ent.User, action, reason string) (*Tokens, error) {
	return s.signIn(ctx, u, action, reason)
}

// signIn starts a new session (a new refresh token family) for u and
// records action in the audit log.
func (s *Service) signIn(ctx context.Context, u *ent.User, action, reason string) (*Tokens, error) {
	now := s.Now()
	// System context: recording the sign-in on the user's own row.
	if err := s.Client.User.UpdateOneID(u.ID).SetLastLoginAt(now).Exec(system(ctx)); err != nil {
		return nil, fmt.Errorf("sign in: %w", err)
	}
	t, err := s.issue(ctx, s.Client, u, auth.NewFamilyID())
	if err != nil {
		return nil, err
	}
	ev := audit.Event{Action: action, ActorID: u.ID, ActorRole: u.Role, AuthorityID: u.AuthorityID,
		EntityType: "user", EntityID: string(u.ID), Reason: reason}
	if err := audit.Record(ctx, s.Client, ev); err != nil {
		return nil, err
	}
	return t, nil
}

// Start begins a session for a user who has just proved who they are some
// other way (setting up their account, changing their password).
func (s *Service) Start(ctx context.Context, u *ent.User) (*Tokens, error) {
	return s.issue(ctx, s.Client, u, auth.NewFamilyID())
}

// issue stores a new refresh token in family and signs an access token.
func (s *Service) issue(ctx context.Context, client *ent.Client, u *ent.User, family string) (*Tokens, error) {
	refresh, hash := auth.NewRefreshToken()
	// System context: storing a session for a user the caller has already
	// authenticated.
	err := client.RefreshToken.Create().
		SetAuthorityID(u.AuthorityID).
		SetUserID(u.ID).
		SetFamily(family).
		SetTokenHash(hash).
		SetExpiresAt(s.Now().Add(s.RefreshTTL)).
		Exec(system(ctx))
	if err != nil {
		return nil, fmt.Errorf("store refresh token: %w", err)
	}
	access, expiresAt, _, err := s.Tokens.Issue(u.ID, u.AuthorityID, u.Role, family)
	if err != nil {
		return nil, err
	}
	return &Tokens{AccessToken: access, RefreshToken: refresh, ExpiresAt: expiresAt, User: u}, nil
}

// Refresh swaps a refresh token for a new pair. A token works once: the
// first use marks it used (a conditional update, so two racing uses cannot
// both win), and presenting a used or revoked token revokes its whole family
// — someone has a copy — and is recorded in the audit log.
func (s *Service) Refresh(ctx context.Context, token string) (*Tokens, error) {
	sys := system(ctx) // System context: the refresh token is the credential.
	rt, err := s.Client.RefreshToken.Query().
		Where(refreshtoken.TokenHash(auth.HashToken(token))).
		WithUser().
		Only(sys)
	if ent.IsNotFound(err) {
		return nil, apierr.Unauthenticated()
	}
	if err != nil {
		return nil, fmt.Errorf("refresh: %w", err)
	}
	now := s.Now()
	if rt.UsedAt != nil || rt.RevokedAt != nil {
		return nil, s.reused(ctx, rt)
	}
	if !now.Before(rt.ExpiresAt) || !rt.Edges.User.Active {
		return nil, apierr.Unauthenticated()
	}
	var out *Tokens
	err = txn.Run(sys, s.Client, func(tx *ent.Tx) error {
		n, err := tx.RefreshToken.Update().
			Where(refreshtoken.ID(rt.ID), refreshtoken.UsedAtIsNil(), refreshtoken.RevokedAtIsNil()).
			SetUsedAt(now).
			Save(sys)
		if err != nil {
			return err
		}
		if n == 0 {
			return errReused
		}
		out, err = s.issue(ctx, tx.Client(), rt.Edges.User, rt.Family)
		return err
	})
	if errors.Is(err, errReused) {
		return nil, s.reused(ctx, rt)
	}
	if err != nil {
		return nil, fmt.Errorf("refresh: %w", err)
	}
	return out, nil
}

var errReused = errors.New("refresh token already used")

// reused revokes the family of a token presented a second time.
func (s *Service) reused(ctx context.Context, rt *ent.RefreshToken) error {
	if err := s.endSession(ctx, rt); err != nil {
		return err
	}
	ev := audit.Event{Action: audit.RefreshReused, ActorID: rt.UserID, AuthorityID: rt.AuthorityID,
		EntityType: "user", EntityID: string(rt.UserID)}
	if err := audit.Record(ctx, s.Client, ev); err != nil {
		return err
	}
	return apierr.Unauthenticated()
}

// revoke revokes the refresh tokens that match and are not revoked yet, in
// system context; what names the work in an error.
func (s *Service) revoke(ctx context.Context, client *ent.Client, match predicate.RefreshToken, what string) error {
	err := client.RefreshToken.Update().
		Where(match, refreshtoken.RevokedAtIsNil()).
		SetRevokedAt(s.Now()).
		Exec(system(ctx))
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// endSession revokes rt's family, refuses its access tokens on this
// instance at once (other instances check every request:
// CheckSessionEveryRequest), and tells open subscriptions, on every
// instance, to check their session.
func (s *Service) endSession(ctx context.Context, rt *ent.RefreshToken) error {
	// System context: revoking sessions is part of checking the credential.
	if err := s.revoke(ctx, s.Client, refreshtoken.Family(rt.Family), "revoke session"); err != nil {
		return err
	}
	now := s.Now()
	// Verify accepts a token until its expiry plus a little clock leeway.
	s.sessions.end(rt.Family, now, now.Add(s.Tokens.Lifetime()+time.Minute))
	s.Events.Publish(events.Event{Kind: events.AccountChanged, AuthorityID: rt.AuthorityID, UserID: rt.UserID})
	return nil
}

// Logout revokes the refresh token's whole family. It reports whether the
// token was one Kite issued.
func (s *Service) Logout(ctx context.Context, token string) (bool, error) {
	// System context: the refresh token is the credential.
	rt, err := s.Client.RefreshToken.Query().
		Where(refreshtoken.TokenHash(auth.HashToken(token))).
		Only(system(ctx))
	if ent.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("logout: %w", err)
	}
	if err := s.endSession(ctx, rt); err != nil {
		return false, err
	}
	ev := audit.Event{Action: audit.Logout, ActorID: rt.UserID, AuthorityID: rt.AuthorityID,
		EntityType: "user", EntityID: string(rt.UserID)}
	return true, audit.Record(ctx, s.Client, ev)
}

// RevokeAll ends every session of a user (password changed, account disabled).
func (s *Service) RevokeAll(ctx context.Context, client *ent.Client, userID ident.ID) error {
	// System context: ending a user's sessions after a change already allowed.
	return s.revoke(ctx, client, refreshtoken.UserID(userID), "revoke sessions")
}

// Authenticate turns a bearer token into the viewer as the database says
// they are now. Any failure is ErrNoViewer: the request then runs as nobody.
func (s *Service) Authenticate(ctx context.Context, token string) (*viewer.Viewer, error) {
	claims, err := s.Tokens.Verify(token)
	if err != nil {
		return nil, errNoViewer
	}
	return s.load(ctx, viewerOf(claims))
}

// viewerOf is what a verified token says of its viewer; load fills in the
// rest from the database.
func viewerOf(c *auth.AccessClaims) *viewer.Viewer {
	return &viewer.Viewer{UserID: c.UserID(), AuthorityID: c.AuthorityID, TokenID: c.ID,
		SessionID: c.SessionID, IssuedAt: c.IssuedAt.Time, ExpiresAt: c.ExpiresAt.Time}
}

// Reload loads a viewer afresh, as they are now: for a long-lived
// connection (a subscription) that must stop when the account is disabled,
// its role changes, its password changes, its session ends, or its token
// expires.
func (s *Service) Reload(ctx context.Context, v *viewer.Viewer) (*viewer.Viewer, error) {
	if !s.Now().Before(v.ExpiresAt) {
		return nil, errNoViewer
	}
	return s.load(ctx, &viewer.Viewer{UserID: v.UserID, AuthorityID: v.AuthorityID, TokenID: v.TokenID,
		SessionID: v.SessionID, IssuedAt: v.IssuedAt, ExpiresAt: v.ExpiresAt})
}

// load fills in the viewer from the user's row as it is now, and checks
// that the token's session has not ended.
func (s *Service) load(ctx context.Context, v *viewer.Viewer) (*viewer.Viewer, error) {
	now := s.Now()
	ended, fresh := s.sessions.known(v.SessionID, now)
	fresh = fresh && !s.CheckSessionEveryRequest
	if ended || v.SessionID == "" {
		return nil, errNoViewer
	}
	checkSession := ""
	if !fresh {
		checkSession = v.SessionID
	}
	row, err := s.account(ctx, v.UserID, checkSession)
	if err != nil {
		return nil, err
	}
	if checkSession != "" {
		if !row.SessionLive {
			// Verify accepts a token until its expiry plus a little leeway.
			s.sessions.end(v.SessionID, now, v.ExpiresAt.Add(time.Minute))
			return nil, errNoViewer
		}
		s.sessions.live(v.SessionID, now)
	}
	if !row.admits(v) {
		return nil, errNoViewer
	}
	v.Role = row.Role
	v.Authority = &domain.AuthoritySettings{CoreGroupIntervalWeeks: row.CoreGroupIntervalWeeks}
	if row.Role == domain.RoleChild && row.ChildID != nil {
		v.ChildID = *row.ChildID
	}
	return v, nil
}

// admits reports whether the account, as it is now, still stands behind
// the viewer's token: active, in the token's authority, and the token not
// issued before the account's sessions were ended (a password change).
// Token times carry milliseconds only, hence the truncation.
func (row *accountRow) admits(v *viewer.Viewer) bool {
	if !row.Active || row.AuthorityID != v.AuthorityID {
		return false
	}
	return row.SessionsValidAfter == nil || !v.IssuedAt.Before(row.SessionsValidAfter.Truncate(time.Millisecond))
}

// IsNoViewer reports whether err means "not signed in" (as opposed to a
// failure to check).
func IsNoViewer(err error) bool { return errors.Is(err, errNoViewer) }

var errNoViewer = errors.New("no valid viewer")
