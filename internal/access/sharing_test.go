package access

import (
	"testing"

	"kite/internal/domain"
)

// TestNarrows: a child may only let fewer people see what they sent.
func TestNarrows(t *testing.T) {
	everyone, chairAndSW, chair := domain.EveryoneAtMeeting, domain.ChairAndSocialWorker, domain.ChairOnly
	cases := []struct {
		from, to domain.ShareWith
		want     bool
	}{
		{everyone, chairAndSW, true},
		{everyone, chair, true},
		{chairAndSW, chair, true},
		{chair, chairAndSW, false},
		{chair, everyone, false},
		{chairAndSW, everyone, false},
		{chair, chair, false},
		{everyone, "NOBODY", false},
		{"NOBODY", chair, false}, // an unknown choice is never narrowed from or to
	}
	for _, c := range cases {
		if got := Narrows(c.from, c.to); got != c.want {
			t.Errorf("Narrows(%s, %s) = %v, want %v", c.from, c.to, got, c.want)
		}
	}
}
