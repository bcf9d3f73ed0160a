// Package viewer says who is asking. The session middleware puts a Viewer in
// the request context once; the access rules read it from there. Nothing
// else decides identity.
package viewer

import (
	"context"
	"time"

	"kite/internal/apierr"
	"kite/internal/domain"
	"kite/internal/ident"
)

// Viewer is the signed-in user as the database says they are now (loaded on
// every request, so a disabled account or a changed role takes effect at once).
type Viewer struct {
	UserID      ident.ID
	AuthorityID ident.ID
	Role        domain.Role
	// ChildID is the viewer's own child record when Role is Child ("" if none).
	ChildID ident.ID
	// TokenID is the access token's id, for audit and subscriptions.
	TokenID string
	// SessionID is the session the access token belongs to: when it ends,
	// the token stops working.
	SessionID string
	// IssuedAt and ExpiresAt are the access token's: a subscription closes
	// at ExpiresAt, and a token issued before a password change is refused.
	IssuedAt, ExpiresAt time.Time
	// Authority is what the reads of a child's records need of the
	// authority's settings, read with the viewer in the same statement on
	// every request (so never stale, and no statement of its own); nil when
	// the viewer was not loaded from the database (system code, tests).
	Authority *domain.AuthoritySettings
}

// IsStaff reports whether the viewer works with children professionally.
func (v *Viewer) IsStaff() bool { return v.Role.IsStaff() }

type ctxKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer in ctx, or nil for an anonymous request.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(ctxKey{}).(*Viewer)
	return v
}

// Require returns the signed-in viewer, or UNAUTHENTICATED for an anonymous
// request: the first check of everything that acts for someone.
func Require(ctx context.Context) (*Viewer, error) {
	if v := FromContext(ctx); v != nil {
		return v, nil
	}
	return nil, apierr.Unauthenticated()
}
