package clock

import (
	"testing"
	"time"
)

func TestNow(t *testing.T) {
	fixed := time.Date(2026, 12, 4, 9, 30, 0, 0, time.UTC)
	if got := Clock(func() time.Time { return fixed }).Now(); !got.Equal(fixed) {
		t.Errorf("a set clock says %v, want %v", got, fixed)
	}
	before := time.Now()
	got := Clock(nil).Now()
	if got.Before(before) || got.After(time.Now()) {
		t.Errorf("the zero clock says %v, not the real time", got)
	}
	var s struct{ Clock }
	if got := s.Now(); got.Before(before) {
		t.Errorf("an embedded zero clock says %v, not the real time", got)
	}
}
