package session

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"kite/internal/auth"
	"kite/internal/domain"
	"kite/internal/viewer"
)

func TestViewerOf(t *testing.T) {
	issued := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	c := &auth.AccessClaims{
		RegisteredClaims: jwt.RegisteredClaims{Subject: "usr_1", ID: "tok_1",
			IssuedAt: jwt.NewNumericDate(issued), ExpiresAt: jwt.NewNumericDate(issued.Add(15 * time.Minute))},
		AuthorityID: "la_1", Role: domain.RoleManager, SessionID: "sid_1",
	}
	got := viewerOf(c)
	want := viewer.Viewer{UserID: "usr_1", AuthorityID: "la_1", TokenID: "tok_1", SessionID: "sid_1",
		IssuedAt: issued, ExpiresAt: issued.Add(15 * time.Minute)}
	if *got != want {
		t.Errorf("viewerOf = %+v, want %+v", *got, want)
	}
	// The role is the database's to say (load), never the token's.
	if got.Role != "" {
		t.Errorf("the token's role %q was taken", got.Role)
	}
}

func TestAccountAdmits(t *testing.T) {
	issued := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	at := func(d time.Duration) *time.Time { t := issued.Add(d); return &t }
	tok := &viewer.Viewer{UserID: "usr_1", AuthorityID: "la_1", IssuedAt: issued}
	tests := []struct {
		name string
		row  accountRow
		want bool
	}{
		{"an active account", accountRow{Active: true, AuthorityID: "la_1"}, true},
		{"a disabled account", accountRow{Active: false, AuthorityID: "la_1"}, false},
		{"moved to another authority", accountRow{Active: true, AuthorityID: "la_2"}, false},
		{"sessions ended before the token", accountRow{Active: true, AuthorityID: "la_1", SessionsValidAfter: at(-time.Minute)}, true},
		{"sessions ended after the token", accountRow{Active: true, AuthorityID: "la_1", SessionsValidAfter: at(time.Second)}, false},
		// Token times are cut to the millisecond: a token issued just
		// after the change, in the same millisecond, still counts.
		{"sessions ended within the token's millisecond", accountRow{Active: true, AuthorityID: "la_1", SessionsValidAfter: at(400 * time.Microsecond)}, true},
		{"sessions ended a millisecond after the token", accountRow{Active: true, AuthorityID: "la_1", SessionsValidAfter: at(time.Millisecond)}, false},
	}
	for _, tt := range tests {
		if got := tt.row.admits(tok); got != tt.want {
			t.Errorf("%s: admits = %v, want %v", tt.name, got, tt.want)
		}
	}
}
