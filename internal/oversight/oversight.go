// Package oversight is what managers and admins use to oversee their
// authority: break-glass access to one child's submissions, and the audit log.
package oversight

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"entgo.io/contrib/entgql"

	"kite/ent"
	"kite/ent/auditevent"
	"kite/ent/privacy"
	"kite/internal/apierr"
	"kite/internal/audit"
	"kite/internal/ident"
	"kite/internal/viewer"
)

// BreakGlassLasts is how long a break-glass grant lasts (docs/domain.md: 24 hours).
const BreakGlassLasts = 24 * time.Hour

// BreakGlassGranted is the audit action of a grant.
const BreakGlassGranted = "breakglass.granted"

// minReason is the shortest reason accepted: enough to say why.
const minReason = 10

// BreakGlass opens one child's submissions to the manager asking, for a
// limited time, and records the reason in the audit log.
func BreakGlass(ctx context.Context, client *ent.Client, childID ident.ID, reason string) (*ent.BreakGlassGrant, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) < minReason {
		return nil, apierr.BadInput("reason", "Please say why you need to read this child's submissions.")
	}
	c, err := client.Child.Get(ctx, childID)
	if ent.IsNotFound(err) {
		return nil, apierr.NotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("break glass: %w", err)
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	grant, err := tx.BreakGlassGrant.Create().
		SetAuthorityID(c.AuthorityID).
		SetChildID(c.ID).
		SetManagerID(v.UserID).
		SetReason(reason).
		SetExpiresAt(time.Now().Add(BreakGlassLasts)).
		Save(ctx)
	if errors.Is(err, privacy.Deny) {
		return nil, apierr.Forbidden()
	}
	if err != nil {
		return nil, fmt.Errorf("break glass: %w", err)
	}
	err = audit.Record(ctx, tx.Client(), audit.Event{Action: BreakGlassGranted, EntityType: "child",
		EntityID: string(c.ID), ChildID: c.ID, Reason: reason})
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return grant.Unwrap(), nil
}

// AuditFilter narrows the audit log.
type AuditFilter struct {
	Action   string
	ActorID  *ident.ID
	ChildID  *ident.ID
	From, To *time.Time
}

// AuditLog lists the audit events the viewer may read (managers and admins:
// their authority's), newest first.
func AuditLog(ctx context.Context, client *ent.Client, after *entgql.Cursor[ident.ID], first *int, f AuditFilter) (*ent.AuditEventConnection, error) {
	q := client.AuditEvent.Query()
	if f.Action != "" {
		q.Where(auditevent.Action(f.Action))
	}
	if f.ActorID != nil {
		q.Where(auditevent.ActorID(*f.ActorID))
	}
	if f.ChildID != nil {
		q.Where(auditevent.ChildID(*f.ChildID))
	}
	if f.From != nil {
		q.Where(auditevent.AtGTE(*f.From))
	}
	if f.To != nil {
		q.Where(auditevent.AtLT(*f.To))
	}
	return q.Paginate(ctx, after, first, nil, nil,
		ent.WithAuditEventOrder(&ent.AuditEventOrder{Field: ent.AuditEventOrderFieldAt, Direction: entgql.OrderDirectionDesc}))
}
