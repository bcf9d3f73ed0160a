package meetings

import (
	"errors"
	"strings"
	"testing"

	"kite/ent"
	"kite/internal/apierr"
	"kite/internal/civil"
	"kite/internal/domain"
	"kite/internal/duedates"
)

// badField is the input field a BAD_USER_INPUT error names, or "" for nil;
// any other error fails the test.
func badField(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *apierr.Error
	if !errors.As(err, &e) || e.Code != apierr.CodeBadUserInput {
		t.Fatalf("want a BAD_USER_INPUT error, got %v", err)
	}
	return e.Field
}

func TestText(t *testing.T) {
	for _, tc := range []struct {
		name     string
		value    string
		required bool
		want     string
		badField string
	}{
		{"trimmed, line endings made plain", "  first\r\nsecond \n", false, "first\nsecond", ""},
		{"empty when optional", "   ", false, "", ""},
		{"empty when required", " \r\n ", true, "", "reason"},
		{"at the limit", strings.Repeat("é", maxText), true, strings.Repeat("é", maxText), ""},
		{"over the limit", strings.Repeat("a", maxText+1), false, "", "reason"},
		{"a hidden character", "pay \u202E01", true, "", "reason"},
		{"an emoji joiner is kept", "👩\u200D👧", true, "👩\u200D👧", ""},
	} {
		got, err := text("reason", tc.value, tc.required)
		if f := badField(t, err); f != tc.badField {
			t.Errorf("%s: error on %q, want on %q (%v)", tc.name, f, tc.badField, err)
		}
		if err == nil && got != tc.want {
			t.Errorf("%s: text = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestOptionalText(t *testing.T) {
	s := func(v string) *string { return &v }
	for _, tc := range []struct {
		name     string
		value    *string
		want     *string
		badField string
	}{
		{"not given", nil, nil, ""},
		{"blank is none", s("  "), nil, ""},
		{"trimmed", s(" Room 2 "), s("Room 2"), ""},
		{"too long", s(strings.Repeat("a", maxText+1)), nil, "venue"},
	} {
		got, err := optionalText("venue", tc.value)
		if f := badField(t, err); f != tc.badField {
			t.Errorf("%s: error on %q, want on %q (%v)", tc.name, f, tc.badField, err)
		}
		if (got == nil) != (tc.want == nil) || (got != nil && *got != *tc.want) {
			t.Errorf("%s: optionalText = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNotHeld(t *testing.T) {
	for _, tc := range []struct {
		status domain.MeetingStatus
		open   bool
	}{
		{domain.Scheduled, true},
		{domain.Postponed, true},
		{domain.Held, false},
		{domain.Cancelled, false},
	} {
		err := notHeld(&ent.Meeting{Status: tc.status})
		if f := badField(t, err); (f == "") != tc.open {
			t.Errorf("%s: notHeld = %v, want open %v", tc.status, err, tc.open)
		}
	}
}

func TestMeetingKinds(t *testing.T) {
	for _, tc := range []struct {
		kind   domain.MeetingKind
		review bool
		chair  domain.AllocationKind
	}{
		{domain.CICReview, true, domain.AllocIRO},
		{domain.LightTouchReview, true, domain.AllocIRO},
		{domain.InitialCPConference, false, domain.AllocCPChair},
		{domain.ReviewCPConference, false, domain.AllocCPChair},
		{domain.CoreGroup, false, domain.AllocSocialWorker},
	} {
		if got := isReview(tc.kind); got != tc.review {
			t.Errorf("%s: isReview = %v, want %v", tc.kind, got, tc.review)
		}
		if got := chairKind(tc.kind); got != tc.chair {
			t.Errorf("%s: chairKind = %s, want %s", tc.kind, got, tc.chair)
		}
	}
}

func TestDueOfKind(t *testing.T) {
	dues := []duedates.Due{
		{Kind: domain.InitialCPConference, DueBy: "2025-04-25"},
		{Kind: domain.CICReview, DueBy: "2025-04-30", Overdue: true},
	}
	for _, tc := range []struct {
		kind domain.MeetingKind
		want civil.Date
	}{
		{domain.InitialCPConference, "2025-04-25"},
		{domain.CICReview, "2025-04-30"}, // not the soonest, but the one of its kind
		{domain.CoreGroup, ""},           // none due: the caller uses the booked day
		{domain.LightTouchReview, ""},
	} {
		if got := dueOfKind(dues, tc.kind); got != tc.want {
			t.Errorf("%s: dueOfKind = %q, want %q", tc.kind, got, tc.want)
		}
	}
	if got := dueOfKind(nil, domain.CICReview); got != "" {
		t.Errorf("nothing due: dueOfKind = %q, want none", got)
	}
}
