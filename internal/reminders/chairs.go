package reminders

import (
	"context"
	"fmt"
	"slices"

	"kite/ent"
	"kite/ent/allocation"
	"kite/ent/readreceipt"
	"kite/ent/wishesandfeelings"
	"kite/internal/access"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/ident"
	"kite/internal/notify"
)

// overdueLookback bounds how old news an overdue reply may be: a submission
// that became overdue more than this many working days ago is not announced.
// It keeps the first run over an authority's history (an import, a long
// outage) from flooding its chairs; their lists show those submissions all
// the same.
const overdueLookback = 20

// digest is each chair's digest, due on a working day from the
// authority's hour: how many new submissions that are not urgent they have
// not read, those sent since the digest hour of the working day before.
// Urgent ones are told at once (the outbox), never in a digest.
func (r *round) digest(ctx context.Context, la *ent.LocalAuthority) ([]notify.Tiding, error) {
	if la.SubmissionDigestHour == nil || !calendar.IsWorkingDay(r.today) {
		return nil, nil
	}
	hour := *la.SubmissionDigestHour
	due := at(r.today, hour)
	if r.now.Before(due) {
		return nil, nil
	}
	since := at(calendar.AddWorkingDays(r.today, -1), hour)
	subs, err := r.s.Client.WishesAndFeelings.Query().
		Where(wishesandfeelings.AuthorityID(la.ID), wishesandfeelings.StatusNEQ(domain.Draft),
			wishesandfeelings.NeedsToTalkToday(false),
			wishesandfeelings.SubmittedAtGTE(since), wishesandfeelings.SubmittedAtLT(due)).
		WithReadReceipts(func(q *ent.ReadReceiptQuery) {
			q.Select(readreceipt.FieldSubmissionID, readreceipt.FieldReaderID)
		}).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("digest: %w", err)
	}
	chairs, err := r.chairsOf(ctx, subs)
	if err != nil {
		return nil, err
	}
	unread := map[ident.ID]int{}
	for _, s := range subs {
		for _, chair := range chairs[s.ChildID] {
			if !readBy(s, chair) {
				unread[chair]++
			}
		}
	}
	var digests []notify.Tiding
	for _, chair := range sortedKeys(unread) {
		digests = append(digests, notify.Tiding{AuthorityID: la.ID, UserID: chair, Kind: domain.NoticeSubmissionsDigest,
			Count: unread[chair], DedupeKey: "digest:" + string(r.today)})
	}
	return digests, nil
}

// overdueReplies is what is due to each chair of a submission still without
// a reply once it has waited the authority's number of working days
// (counted from the day it was sent).
func (r *round) overdueReplies(ctx context.Context, la *ent.LocalAuthority) ([]notify.Tiding, error) {
	wait := la.ReplyDueWorkingDays
	// A generous calendar window; working days are counted exactly below.
	from := r.today.AddDays(-2*(wait+overdueLookback) - 14)
	subs, err := r.s.Client.WishesAndFeelings.Query().
		Where(wishesandfeelings.AuthorityID(la.ID),
			wishesandfeelings.StatusIn(domain.Submitted, domain.Read),
			wishesandfeelings.SubmittedAtGTE(from.StartInLondon()),
			wishesandfeelings.SubmittedAtLT(r.today.StartInLondon())).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("overdue replies: %w", err)
	}
	subs = slices.DeleteFunc(subs, func(s *ent.WishesAndFeelings) bool {
		due := calendar.AddWorkingDays(civil.InLondon(*s.SubmittedAt), wait)
		return r.today.Before(due) || calendar.WorkingDaysBetween(due, r.today) > overdueLookback
	})
	chairs, err := r.chairsOf(ctx, subs)
	if err != nil {
		return nil, err
	}
	var overdue []notify.Tiding
	for _, s := range subs {
		for _, chair := range chairs[s.ChildID] {
			overdue = append(overdue, notify.Tiding{AuthorityID: la.ID, UserID: chair, Kind: domain.NoticeReplyOverdue,
				AboutID: s.ID, DedupeKey: "reply-overdue:" + string(s.ID)})
		}
	}
	return overdue, nil
}

// chairsOf lists, by child, the chairs (IRO or CP Chair) allocated today to
// the children of subs.
func (r *round) chairsOf(ctx context.Context, subs []*ent.WishesAndFeelings) (map[ident.ID][]ident.ID, error) {
	out := map[ident.ID][]ident.ID{}
	if len(subs) == 0 {
		return out, nil
	}
	var children []ident.ID
	for _, s := range subs {
		children = append(children, s.ChildID)
	}
	return r.chairsOfChildren(ctx, children)
}

// chairsOfChildren is the current chairs (IRO or CP Chair) of each child.
func (r *round) chairsOfChildren(ctx context.Context, children []ident.ID) (map[ident.ID][]ident.ID, error) {
	out := map[ident.ID][]ident.ID{}
	allocs, err := r.s.Client.Allocation.Query().
		Where(allocation.ChildIDIn(children...), allocation.KindIn(domain.AllocIRO, domain.AllocCPChair),
			access.CurrentAllocationsOn(r.today)).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("chairs: %w", err)
	}
	for _, a := range allocs {
		if !slices.Contains(out[a.ChildID], a.StaffID) {
			out[a.ChildID] = append(out[a.ChildID], a.StaffID)
		}
	}
	return out, nil
}

// readBy reports whether the submission's receipts (loaded with it) include
// one by reader.
func readBy(s *ent.WishesAndFeelings, reader ident.ID) bool {
	return slices.ContainsFunc(s.Edges.ReadReceipts, func(r *ent.ReadReceipt) bool { return r.ReaderID == reader })
}

// sortedKeys is the keys of m in order, so that a round tells people in the
// same order each time.
func sortedKeys(m map[ident.ID]int) []ident.ID {
	keys := make([]ident.ID, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
