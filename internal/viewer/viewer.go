// Package viewer says who is asking. The session middleware puts a Viewer in
// the request context once; the access rules read it from there. Nothing
// else decides identity.
package viewer

import (
	"context"
	"io"
	"slices"
	"strconv"
	"time"

	"kite/internal/apierr"
	"kite/internal/ident"
)

// Role is what kind of account a user has. The values match the GraphQL Role
// enum and the ent user.role column.
type Role string

// The roles of docs/domain.md.
const (
	Child        Role = "CHILD"
	Parent       Role = "PARENT"
	IRO          Role = "IRO"
	CPChair      Role = "CP_CHAIR"
	SocialWorker Role = "SOCIAL_WORKER"
	Manager      Role = "MANAGER"
	Admin        Role = "ADMIN"
)

// Viewer is the signed-in user as the database says they are now (loaded on
// every request, so a disabled account or a changed role takes effect at once).
type Viewer struct {
	UserID      ident.ID
	AuthorityID ident.ID
	Role        Role
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
}

// IsStaff reports whether the role works with children professionally.
func (v *Viewer) IsStaff() bool {
	switch v.Role {
	case IRO, CPChair, SocialWorker, Manager, Admin:
		return true
	}
	return false
}

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

// Values lists the valid roles (ent enum).
func (Role) Values() []string {
	return []string{string(Child), string(Parent), string(IRO), string(CPChair),
		string(SocialWorker), string(Manager), string(Admin)}
}

// MarshalGQL writes the role as a GraphQL enum value.
func (r Role) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(r))) }

// UnmarshalGQL reads a GraphQL Role enum value.
func (r *Role) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || !slices.Contains(r.Values(), s) {
		return &roleError{}
	}
	*r = Role(s)
	return nil
}

// roleError is a client's role that is not one of the roles; the API shows
// it as BAD_USER_INPUT.
type roleError struct{}

func (*roleError) Error() string { return "That is not a valid Role." }

// BadUserInput marks the error as the client's.
func (*roleError) BadUserInput() {}

// Require returns the signed-in viewer, or UNAUTHENTICATED for an anonymous
// request: the first check of everything that acts for someone.
func Require(ctx context.Context) (*Viewer, error) {
	if v := FromContext(ctx); v != nil {
		return v, nil
	}
	return nil, apierr.Unauthenticated()
}
