package session

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"

	"kite/internal/events"
	"kite/internal/viewer"
)

// Close codes of graphql-transport-ws for a connection refused at init.
const (
	closeUnauthorized = 4401
	closeForbidden    = 4403
)

// recheckEvery is how often an open subscription checks its account is
// still allowed to receive events (besides at once on an account event).
const recheckEvery = 15 * time.Second

// WebsocketInit authenticates a subscription connection from the access
// token in its init payload ({"authorization": "Bearer <token>"}); without a
// valid one the connection is closed before any subscription. The
// connection then closes by itself when the token expires, and as soon as
// the account is disabled or its password changes.
func (s *Service) WebsocketInit(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
	token, ok := Bearer(payload.Authorization())
	if !ok {
		return transport.WithWebsocketCloseCode(ctx, closeUnauthorized), nil, errors.New("please sign in")
	}
	v, err := s.Authenticate(ctx, token)
	if err != nil {
		code := closeUnauthorized
		if !IsNoViewer(err) {
			code = closeForbidden
			slog.ErrorContext(ctx, "websocket init", "error", err)
		}
		return transport.WithWebsocketCloseCode(ctx, code), nil, errors.New("please sign in")
	}
	ctx = viewer.NewContext(ctx, v)
	ctx, cancel := context.WithDeadline(ctx, v.ExpiresAt)
	go s.watch(ctx, cancel, v)
	return ctx, nil, nil
}

// watch ends the connection when its viewer is no longer valid.
func (s *Service) watch(ctx context.Context, cancel context.CancelFunc, v *viewer.Viewer) {
	defer cancel()
	var changed <-chan events.Event
	if s.Events != nil {
		changed = s.Events.Subscribe(ctx)
	}
	t := time.NewTicker(recheckEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case e, ok := <-changed:
			if !ok {
				return
			}
			if e.Kind == events.Lost {
				// Changes on other instances may be missed until the bus
				// is back: check on the clock meanwhile, and listen again
				// once it is.
				changed = nil
			} else if e.Kind != events.AccountChanged || e.UserID != v.UserID {
				continue
			}
		}
		if changed == nil && s.Events != nil && s.Events.Healthy() == nil {
			changed = s.Events.Subscribe(ctx)
		}
		if _, err := s.Reload(ctx, v); IsNoViewer(err) {
			return
		} else if err != nil {
			// The database could not be asked (nothing else can be read
			// meanwhile either): check again on the next tick rather than
			// dropping every subscription of the connection.
			slog.WarnContext(ctx, "websocket: could not recheck the account", "error", err)
		}
	}
}
