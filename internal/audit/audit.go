// Package audit writes the append-only audit log: who did what to which
// record, when, from where and why. Events are written in system context —
// the log records what a viewer did, so the viewer's own access rules must
// not stop it being written — and carry the request id and client address.
package audit

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/ent/privacy"
	"kite/internal/clientip"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/requestid"
	"kite/internal/viewer"
)

// Actions written to the log.
const (
	LoginSucceeded    = "login.succeeded"
	LoginFailed       = "login.failed"
	LoginThrottled    = "login.throttled"
	RefreshReused     = "session.refresh_reused"
	Logout            = "session.logout"
	PasswordChanged   = "account.password_changed"
	AccountCreated    = "account.created"
	AccountDisabled   = "account.disabled"
	AccountEnabled    = "account.enabled"
	InvitationCreated = "invitation.created"
	InvitationUsed    = "invitation.used"
)

// Event is one entry. Actor fields default to the viewer in the context;
// set them where nobody is signed in yet (a login).
type Event struct {
	Action      string
	EntityType  string
	EntityID    string
	ChildID     ident.ID
	Reason      string
	ActorID     ident.ID
	ActorRole   domain.Role
	AuthorityID ident.ID
}

// Record writes e. client may be a transaction's client, so that the event
// commits or rolls back with what it records.
func Record(ctx context.Context, client *ent.Client, e Event) error {
	// System context: writing the log is not an action of the viewer's that
	// their rules should judge (see the package comment).
	if _, err := build(ctx, client, e).Save(privacy.DecisionContext(ctx, privacy.Allow)); err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// recordAll writes events in one statement.
func recordAll(ctx context.Context, client *ent.Client, events []Event) error {
	builders := make([]*ent.AuditEventCreate, len(events))
	for i, e := range events {
		builders[i] = build(ctx, client, e)
	}
	// System context, as for Record.
	if _, err := client.AuditEvent.CreateBulk(builders...).Save(privacy.DecisionContext(ctx, privacy.Allow)); err != nil {
		return fmt.Errorf("audit %d events: %w", len(events), err)
	}
	return nil
}

// build makes e's row, with the actor from the viewer in ctx unless set, and
// the request id and client address.
func build(ctx context.Context, client *ent.Client, e Event) *ent.AuditEventCreate {
	if v := viewer.FromContext(ctx); v != nil {
		if e.ActorID == "" {
			e.ActorID, e.ActorRole = v.UserID, v.Role
		}
		if e.AuthorityID == "" {
			e.AuthorityID = v.AuthorityID
		}
	}
	create := client.AuditEvent.Create().
		SetAction(e.Action).
		SetEntityType(e.EntityType).
		SetEntityID(e.EntityID).
		SetActorRole(string(e.ActorRole)).
		SetRequestID(requestid.FromContext(ctx)).
		SetIP(clientip.FromContext(ctx)).
		SetReason(e.Reason)
	if e.ActorID != "" {
		create.SetActorID(e.ActorID)
	}
	if e.AuthorityID != "" {
		create.SetAuthorityID(e.AuthorityID)
	}
	if e.ChildID != "" {
		create.SetChildID(e.ChildID)
	}
	return create
}
