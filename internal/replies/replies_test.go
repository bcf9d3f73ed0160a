package replies

import (
	"errors"
	"strings"
	"testing"

	"kite/internal/apierr"
)

// rlo is RIGHT-TO-LEFT OVERRIDE, a hidden character that can make words
// look other than they are.
const rlo = "\u202e"

func TestText(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"  Thank you for telling me.\r\nI will call you today.  ", "Thank you for telling me.\nI will call you today.", true},
		{strings.Repeat("é", MaxText), strings.Repeat("é", MaxText), true},
		{strings.Repeat("é", MaxText+1), "", false},
		{"", "", false},
		{" \r\n\t ", "", false},
		{"Thank you" + rlo + "olleh", "", false},
	}
	for _, tt := range tests {
		got, err := Text(tt.in)
		var e *apierr.Error
		switch {
		case tt.ok && (err != nil || got != tt.want):
			t.Errorf("Text(%.20q…) = %.20q, %v; want %.20q", tt.in, got, err, tt.want)
		case !tt.ok && (!errors.As(err, &e) || e.Code != apierr.CodeBadUserInput || e.Field != "message"):
			t.Errorf("Text(%.20q…) = %v, want BAD_USER_INPUT on message", tt.in, err)
		}
	}
}
