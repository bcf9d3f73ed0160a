package settings

import (
	"errors"
	"testing"

	"kite/internal/apierr"
)

func TestCheck(t *testing.T) {
	n := func(i int) *int { return &i }
	tests := []struct {
		name  string
		c     Change
		field string // "" when allowed
	}{
		{"nothing", Change{}, ""},
		{"the lowest and highest", Change{ViewsReminderWorkingDays: n(4), SubmissionDigestHour: n(0), ReplyDueWorkingDays: n(60)}, ""},
		{"a reminder too near the last one", Change{ViewsReminderWorkingDays: n(3)}, "viewsReminderWorkingDays"},
		{"a reminder too early", Change{ViewsReminderWorkingDays: n(31)}, "viewsReminderWorkingDays"},
		{"no such hour", Change{SubmissionDigestHour: n(24)}, "submissionDigestHour"},
		{"a negative hour", Change{SubmissionDigestHour: n(-1)}, "submissionDigestHour"},
		{"an hour and no digest", Change{SubmissionDigestHour: n(8), NoSubmissionDigest: true}, "submissionDigestHour"},
		{"no digest", Change{NoSubmissionDigest: true}, ""},
		{"a reply due at once", Change{ReplyDueWorkingDays: n(0)}, "replyDueWorkingDays"},
		{"a reply due too late", Change{ReplyDueWorkingDays: n(61)}, "replyDueWorkingDays"},
		{"the smallest population", Change{ChildPopulation: n(1)}, ""},
		{"the largest population", Change{ChildPopulation: n(10_000_000)}, ""},
		{"no children", Change{ChildPopulation: n(0)}, "childPopulation"},
		{"more children than any authority", Change{ChildPopulation: n(10_000_001)}, "childPopulation"},
		{"a population and none", Change{ChildPopulation: n(52_000), NoChildPopulation: true}, "childPopulation"},
		{"population not known", Change{NoChildPopulation: true}, ""},
	}
	for _, tt := range tests {
		err := tt.c.check()
		var e *apierr.Error
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.field != "" && (!errors.As(err, &e) || e.Code != apierr.CodeBadUserInput || e.Field != tt.field):
			t.Errorf("%s: %v, want BAD_USER_INPUT on %s", tt.name, err, tt.field)
		}
	}
}
