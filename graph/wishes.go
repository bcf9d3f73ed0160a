package graph

import (
	"context"
	"fmt"
	"io"

	"github.com/99designs/gqlgen/graphql"

	"kite/ent"
	"kite/graph/model"
	"kite/internal/audit"
	"kite/internal/domain"
	"kite/internal/events"
	"kite/internal/forms"
	"kite/internal/pictures"
	"kite/internal/viewer"
	"kite/internal/wishes"
)

// childLine is Childline's free number, for any child, any time.
const childLine = "0800 1111"

// submitPayload tells the child what happens next and who to call now.
func submitPayload(sent *wishes.Sent) *model.SubmitWishesAndFeelingsPayload {
	sub, la := sent.Submission, sent.Authority
	next := "Thank you for telling us. Your IRO or chair will read this before your meeting, and you will see here when they have."
	if sub.NeedsToTalkToday {
		next = "Thank you for telling us. We have let the people who work with you know that you need to talk to someone today. " +
			"Someone will get in touch with you as soon as they can."
	}
	help := la.UrgentHelpText
	if help == "" {
		help = "If you feel unsafe right now, call 999. You can talk to Childline any time on 0800 1111. It is free."
	}
	return &model.SubmitWishesAndFeelingsPayload{
		Submission:      sub,
		WhatHappensNext: next,
		HelpNow:         &model.HelpNow{Message: help, OutOfHoursPhone: optional(la.OutOfHoursPhone), ChildLine: childLine},
	}
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
