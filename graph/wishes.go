package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"kite/ent"
	"kite/ent/privacy"
	"kite/graph/model"
	"kite/internal/apierr"
	"kite/internal/audit"
	"kite/internal/domain"
	"kite/internal/events"
	"kite/internal/forms"
	"kite/internal/pictures"
	"kite/internal/session"
	"kite/internal/viewer"
	"kite/internal/wishes"
)

// submitPayload tells the child what happens next and who to talk to now,
// as internal/wishes works it out.
func (r *Resolver) submitPayload(ctx context.Context, sent *wishes.Sent) (*model.SubmitWishesAndFeelingsPayload, error) {
	a, err := r.Wishes.Answer(ctx, sent)
	if err != nil {
		return nil, err
	}
	adv, err := r.Advocacy.ForSubmission(ctx, sent.Submission)
	if err != nil {
		return nil, err
	}
	return &model.SubmitWishesAndFeelingsPayload{Submission: sent.Submission, WhatHappensNext: a.WhatHappensNext,
		HelpNow: helpNow(a.Help, sent.Authority.OutOfHoursPhone), AdvocacyRequest: adv}, nil
}

// subscribe streams the submissions of one kind of event that the viewer
// may see (see follow).
func (r *Resolver) subscribe(ctx context.Context, kind events.Kind) (<-chan *ent.WishesAndFeelings, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !subscribes(v, kind) {
		return nil, forbidden()
	}
	return follow(ctx, r, v, func(e events.Event) bool { return e.Kind == kind },
		func(ctx context.Context, e events.Event) (*ent.WishesAndFeelings, error) {
			return r.Client.WishesAndFeelings.Get(ctx, e.SubmissionID)
		}), nil
}

// follow streams to the viewer the records events name. Each event of the
// viewer's authority that keep accepts is loaded by load afresh, under the
// viewer as they are now, so a disabled account, an ended allocation or a
// narrowed share setting stops delivery, and a record the viewer may not
// (or may no longer) see is skipped. The connection itself closes when the
// account is no longer valid (session.WebsocketInit). If the instance loses
// the other instances' events (events.Lost), or cannot read an event's
// record because the database failed, the subscription ends with
// RESUBSCRIBE rather than going quiet or skipping what the viewer may see.
func follow[T any](ctx context.Context, r *Resolver, v *viewer.Viewer, keep func(events.Event) bool,
	load func(context.Context, events.Event) (T, error)) <-chan T {
	in := r.Events.Subscribe(ctx)
	out := make(chan T, 1)
	go func() {
		defer close(out)
		for e := range in {
			if e.Kind == events.Lost {
				resubscribe(ctx)
				return
			}
			if e.AuthorityID != v.AuthorityID || !keep(e) {
				continue
			}
			now, err := r.Sessions.Reload(ctx, v)
			if err != nil {
				if !session.IsNoViewer(err) {
					resubscribe(ctx) // the account could not be checked
				}
				return
			}
			// Each event's read is audited when it happens, not when the
			// connection closes.
			evCtx := audit.WithReads(viewer.NewContext(ctx, now))
			x, err := load(evCtx, e)
			audit.Flush(evCtx, r.Client)
			if ent.IsNotFound(err) || errors.Is(err, privacy.Deny) {
				continue // not (or no longer) visible to this viewer
			}
			if err != nil {
				slog.ErrorContext(ctx, "subscription: could not read an event's record", "kind", e.Kind, "error", err)
				resubscribe(ctx)
				return
			}
			select {
			case out <- x:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// resubscribe ends a subscription with RESUBSCRIBE: it may have missed
// events, so the client subscribes again and reads afresh.
func resubscribe(ctx context.Context) {
	transport.AddSubscriptionError(ctx, apierr.Present(ctx, apierr.Resubscribe()))
}

// subscribes says who listens for what: staff for new submissions, a child
// for changes to their own.
func subscribes(v *viewer.Viewer, kind events.Kind) bool {
	switch kind {
	case events.SubmissionReceived:
		return v.Role == domain.RoleIRO || v.Role == domain.RoleCPChair || v.Role == domain.RoleSocialWorker
	case events.SubmissionStatusChanged:
		return v.Role == domain.RoleChild
	}
	return false
}

func answers(in []*forms.Answer) []forms.Answer {
	out := make([]forms.Answer, 0, len(in))
	for _, a := range in {
		if a != nil {
			out = append(out, *a)
		}
	}
	return out
}

// uploaded reads the files of a multipart request, each up to one byte
// past the largest picture: internal/pictures refuses what is bigger,
// without reading more of it.
func uploaded(files ...*graphql.Upload) ([][]byte, error) {
	out := make([][]byte, 0, len(files))
	for _, f := range files {
		if f == nil {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(f.File, pictures.MaxBytes+1))
		if err != nil {
			return nil, fmt.Errorf("read upload: %w", err)
		}
		out = append(out, data)
	}
	return out, nil
}
