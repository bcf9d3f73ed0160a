// Package reminders tells people, on a clock, of what is coming and of what
// has waited too long:
//
//   - a child (4 or over, with an account) before each review or conference
//     that they can send their views, a set number of working days before it
//     (the authority's setting, 10 by default), and again 3 working days
//     before it if they have sent nothing for it yet;
//   - each parent with parental responsibility before a child protection
//     conference, at the first of those points;
//   - each chair, once a working day at the authority's hour, of the new
//     submissions (not urgent) they have not read;
//   - each chair of a submission that has waited longer for a reply than the
//     authority allows (5 working days by default);
//   - each chair of a review or conference, from 5 working days before it,
//     when parents said in their views for it what they need to take part
//     (an interpreter, a supporter, help with access), and again if more
//     needs are sent.
//
// Everything goes through notify.Tell with a dedupe key per person and per
// meeting (and its day) and point, per day, or per submission: running twice,
// after a restart or on several instances at once, tells nobody twice. The
// scheduler reads as system code: it acts for nobody, and tells each person
// only ids and a kind.
package reminders

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"kite/ent"
	"kite/ent/notice"
	"kite/ent/privacy"
	"kite/internal/civil"
	"kite/internal/clock"
	"kite/internal/duedates"
	"kite/internal/notify"
	"kite/internal/txn"
)

// LastReminderWorkingDays is how many working days before a meeting a child
// who has sent nothing for it is reminded again.
const LastReminderWorkingDays = 3

// Scheduler runs the reminders.
type Scheduler struct {
	Client *ent.Client
	// Now is the scheduler's clock; tests set it.
	Now clock.Clock
	// Interval is how often it looks; 5 minutes when zero. The outbox worker
	// sends any email these write on its own next look (seconds later).
	Interval time.Duration
}

// Run looks at once, then every Interval, until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	interval := s.Interval
	if interval == 0 {
		interval = 5 * time.Minute
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if err := s.RunOnce(ctx); err != nil && ctx.Err() == nil {
			slog.ErrorContext(ctx, "reminders", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce tells everyone what is due now, in every authority. It carries on
// past one authority's failure, and reports them all.
func (s *Scheduler) RunOnce(ctx context.Context) error {
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	las, err := s.Client.LocalAuthority.Query().All(sys)
	if err != nil {
		return fmt.Errorf("reminders: authorities: %w", err)
	}
	now := s.Now.Now()
	r := &round{s: s, now: now, today: civil.InLondon(now)}
	var errs []error
	for _, la := range las {
		var due []notify.Tiding
		for _, step := range []func(context.Context, *ent.LocalAuthority) ([]notify.Tiding, error){
			r.meetings, r.digest, r.overdueReplies, r.attendeeNeeds,
		} {
			ts, err := step(sys, la)
			if err != nil {
				errs = append(errs, fmt.Errorf("reminders: %s: %w", la.Name, err))
			}
			due = append(due, ts...)
		}
		if err := r.tellNew(sys, due); err != nil {
			errs = append(errs, fmt.Errorf("reminders: %s: %w", la.Name, err))
		}
	}
	return errors.Join(errs...)
}

// round is one look at the clock. Its steps say what is due; tellNew tells it.
type round struct {
	s     *Scheduler
	now   time.Time
	today civil.Date
}

// tellNew tells what is due and not told yet. What was told in an earlier
// round is left out with one query, so a round over old news costs little;
// Tell's unique key still decides between two instances at once. Each is
// told in a transaction of its own, so a notice and its email are written
// together.
func (r *round) tellNew(ctx context.Context, due []notify.Tiding) error {
	if len(due) == 0 {
		return nil
	}
	keys := make([]string, 0, len(due))
	for _, t := range due {
		keys = append(keys, t.DedupeKey)
	}
	told, err := r.s.Client.Notice.Query().Where(notice.DedupeKeyIn(keys...)).
		Select(notice.FieldUserID, notice.FieldDedupeKey).All(ctx)
	if err != nil {
		return fmt.Errorf("told already: %w", err)
	}
	seen := map[[2]string]bool{}
	for _, n := range told {
		seen[[2]string{string(n.UserID), n.DedupeKey}] = true
	}
	for _, t := range due {
		if seen[[2]string{string(t.UserID), t.DedupeKey}] {
			continue
		}
		err := txn.Run(ctx, r.s.Client, func(tx *ent.Tx) error { return notify.Tell(ctx, tx.Client(), t) })
		if err != nil {
			return err
		}
	}
	return nil
}

// calendar is the working-day calendar the reminders count with.
var calendar = duedates.Calendar()

// at is the instant of hour o'clock on day, in Europe/London.
func at(day civil.Date, hour int) time.Time {
	y, m, d := day.YMD()
	return time.Date(y, m, d, hour, 0, 0, 0, civil.London)
}
