package graph

import (
	"context"

	"kite/ent"
	"kite/graph/model"
	"kite/internal/audit"
	"kite/internal/domain"
	"kite/internal/events"
	"kite/internal/forms"
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
	return &model.SubmitWishesAndFeelingsPayload{Submission: sent.Submission, WhatHappensNext: a.WhatHappensNext,
		HelpNow: helpNow(a.Help, sent.Authority.OutOfHoursPhone)}, nil
}

// subscribe streams the submissions of one kind of event that the viewer
// may see. Each event is read afresh under the viewer as they are now, so a
// disabled account, an ended allocation or a narrowed share setting stops
// delivery; the connection itself closes when the account is no longer valid
// (session.WebsocketInit).
func (r *Resolver) subscribe(ctx context.Context, kind events.Kind) (<-chan *ent.WishesAndFeelings, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !subscribes(v, kind) {
		return nil, forbidden()
	}
	in := r.Events.Subscribe(ctx)
	out := make(chan *ent.WishesAndFeelings, 1)
	go func() {
		defer close(out)
		for e := range in {
			if e.Kind != kind || e.AuthorityID != v.AuthorityID {
				continue
			}
			now, err := r.Sessions.Reload(ctx, v)
			if err != nil {
				return
			}
			// Each event's read is audited when it happens, not when the
			// connection closes.
			evCtx := audit.WithReads(viewer.NewContext(ctx, now))
			sub, err := r.Client.WishesAndFeelings.Get(evCtx, e.SubmissionID)
			audit.Flush(evCtx, r.Client)
			if err != nil {
				continue // not (or no longer) visible to this viewer
			}
			select {
			case out <- sub:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
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
