// Package graph is Kite's GraphQL layer: the hand-written schema (*.graphqls),
// the schema ent generates (ent.graphql), and thin resolvers that parse
// arguments, call ent or a service with the viewer's context, and return.
// Access rules are never decided here: ent's privacy policies
// (internal/access) do that.
package graph

import (
	"kite/ent"
	"kite/internal/accounts"
	"kite/internal/advocacy"
	"kite/internal/alerts"
	"kite/internal/apierr"
	"kite/internal/availability"
	"kite/internal/caseadmin"
	"kite/internal/events"
	"kite/internal/letters"
	"kite/internal/meetings"
	"kite/internal/notify"
	"kite/internal/parents"
	"kite/internal/plans"
	"kite/internal/session"
	"kite/internal/settings"
	"kite/internal/sso"
	"kite/internal/wishes"
)

// Resolver holds what the resolvers need.
type Resolver struct {
	Client       *ent.Client
	Sessions     *session.Service
	Accounts     *accounts.Service
	Wishes       *wishes.Service
	Events       *events.Broker
	Meetings     *meetings.Service
	Plans        *plans.Service
	AlertService *alerts.Service
	CaseAdmin    *caseadmin.Service
	Parents      *parents.Service
	Notices      *notify.Inbox
	// Hours sets staff working hours and office hours.
	Hours  *availability.Service
	SignIn *sso.Service
	// Advocacy is the help contacts and requests for an advocate.
	Advocacy *advocacy.Service
	// Letters are the chairs' letters to children after meetings.
	Letters *letters.Service
	// Settings are a manager's changes to the authority's settings.
	Settings *settings.Service
}

func forbidden() error { return apierr.Forbidden() }

func unauthenticated() error { return apierr.Unauthenticated() }
