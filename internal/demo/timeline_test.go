package demo

import (
	"testing"

	"kite/internal/civil"
	"kite/internal/timescales"
)

// TestTimelineEveryDay checks the demo's dates for every day of several
// years, leap days, month ends, Easter and Christmas included: every meeting
// held before today and on time, every next meeting booked from today on and
// before its due date, and each child with the history the demo describes.
func TestTimelineEveryDay(t *testing.T) {
	cal := timescales.EnglandAndWales()
	start := civil.MustParse("2025-01-01")
	for today := start; today.Before(civil.MustParse("2030-01-01")); today = today.AddDays(1) {
		d := timeline(cal, today)
		checkCare(t, today, "jamie", d.jamie, 3)
		checkCare(t, today, "leo", d.leo, 2)
		checkCare(t, today, "mia", d.miaCIC, 1)
		checkCare(t, today, "noah", d.noah, 1)
		checkCP(t, today, "ava", d.ava, 0)
		checkCP(t, today, "mia", d.miaCP, 1)
		checkCP(t, today, "baby", d.baby, 0)
		if gap := today.DaysUntil(d.jamie.reviews.next.on); gap < 14 || gap > 70 {
			t.Errorf("%s: jamie's next review is %d days away, want a few weeks", today, gap)
		}
		if t.Failed() {
			return
		}
	}
}

func checkCare(t *testing.T, today civil.Date, name string, c careDates, held int) {
	t.Helper()
	if !c.lookedAfter.Before(today) {
		t.Errorf("%s: %s became looked after on %s, not before today", today, name, c.lookedAfter)
	}
	if got := len(c.reviews.held); got != held {
		t.Errorf("%s: %s has %d held reviews, want %d", today, name, got, held)
	}
	if len(c.reviews.held) > 0 {
		first := c.reviews.held[0]
		if n := timescales.EnglandAndWales().WorkingDaysBetween(c.lookedAfter, first.on); n > 20 {
			t.Errorf("%s: %s's first review %d working days after coming into care", today, name, n)
		}
	}
	checkSeries(t, today, name+" reviews", c.reviews)
}

func checkCP(t *testing.T, today civil.Date, name string, c cpDates, heldReviews int) {
	t.Helper()
	cal := timescales.EnglandAndWales()
	if !c.initial.on.Before(today) || c.initial.on.After(c.initial.due) {
		t.Errorf("%s: %s's initial conference on %s (due %s)", today, name, c.initial.on, c.initial.due)
	}
	if n := cal.WorkingDaysBetween(c.strategy, c.initial.on); n > 15 {
		t.Errorf("%s: %s's initial conference %d working days after the strategy discussion", today, name, n)
	}
	if got := len(c.reviews.held); got != heldReviews {
		t.Errorf("%s: %s has %d held review conferences, want %d", today, name, got, heldReviews)
	}
	checkSeries(t, today, name+" review conferences", c.reviews)
	checkSeries(t, today, name+" core groups", c.coreGroups)
}

func checkSeries(t *testing.T, today civil.Date, name string, s series) {
	t.Helper()
	for _, h := range s.held {
		if !h.on.Before(today) || h.on.After(h.due) {
			t.Errorf("%s: %s held on %s, due %s", today, name, h.on, h.due)
		}
	}
	if s.next.on.Before(today) || s.next.on.After(s.next.due) {
		t.Errorf("%s: %s next booked for %s, due %s", today, name, s.next.on, s.next.due)
	}
}
