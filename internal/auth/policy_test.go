package auth

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkMessage runs CheckPassword and returns the *PolicyError's message,
// or "" when the password is accepted.
func checkMessage(t *testing.T, pw string, userInputs ...string) string {
	t.Helper()
	err := CheckPassword(pw, userInputs...)
	if err == nil {
		return ""
	}
	var pe *PolicyError
	if !errors.As(err, &pe) {
		t.Fatalf("CheckPassword(%q) = %T %v, want *PolicyError", pw, err, err)
	}
	if pe.Error() != pe.Message || pe.Message == "" {
		t.Errorf("PolicyError message %q, Error() %q", pe.Message, pe.Error())
	}
	return pe.Message
}

func TestCheckPasswordRejectsCommonPasswords(t *testing.T) {
	for _, pw := range []string{
		"password1234",
		"Password1234!",
		"qwertyuiopas",
		"123456789012",
		"iloveyou2010",
		"aaaaaaaaaaaa",
		"abcdefghijkl",
		"sunnyday1234",
		"liverpoolfc12",
		"kitekitekite",
		"mykitepassword",
		"otter pencil cloud", // the example in our own message
		"Otter Pencil Cloud!",
	} {
		if got := checkMessage(t, pw); got != msgGuessable {
			t.Errorf("CheckPassword(%q) = %q, want the guessable message", pw, got)
		}
	}
}

func TestCheckPasswordRejectsPersonalPasswords(t *testing.T) {
	inputs := []string{"tiger.lily", "Tiger Lily"}
	for _, pw := range []string{
		"tiger.lily2015",
		"tigerlily1234",
		"TigerLily2015!",
		"lilytiger2015",
		"tiger.lily.kite",
		"TIGER LILY 2015",
	} {
		if got := checkMessage(t, pw, inputs...); got != msgGuessable {
			t.Errorf("CheckPassword(%q) = %q, want the guessable message", pw, got)
		}
	}
	// The same username-based password is caught from the username alone.
	if got := checkMessage(t, "childdemo2024", "child.demo"); got != msgGuessable {
		t.Errorf("childdemo2024 for child.demo: %q", got)
	}
}

func TestCheckPasswordAcceptsPassphrases(t *testing.T) {
	inputs := []string{"tiger.lily", "Tiger Lily"}
	for _, pw := range []string{
		"teapot river jumper",
		"marble kettle orbit",
		"zebra lamp socks",
		"purple monkey dishwasher",
		"sleepy giraffe nachos",
		"hamster on a bicycle",
		"teapotriverjumper",
		"tiger lily loves horses", // uses the name, but is long enough to be strong
		"vT9#kq2!Lm8z",
		"🦊🐻🐼🐸🐙🦄🐝🦋🐢🐬🦉🐧",
	} {
		if got := checkMessage(t, pw, inputs...); got != "" {
			t.Errorf("CheckPassword(%q) = %q, want accepted", pw, got)
		}
	}
}

func TestCheckPasswordLength(t *testing.T) {
	cases := []struct {
		name, pw string
		want     string
	}{
		{"empty", "", msgTooShort},
		{"11 characters", "vT9#kq2!Lm8", msgTooShort},
		{"12 characters", "vT9#kq2!Lm8z", ""},
		// Spaces count and are kept: a leading space makes 12.
		{"11 plus a leading space", " vT9#kq2!Lm8", ""},
		{"11 plus a trailing space", "vT9#kq2!Lm8 ", ""},
		// Characters, not bytes: 11 emoji are 44 bytes and still too short.
		{"11 emoji", "🦊🐻🐼🐸🐙🦄🐝🦋🐢🐬🦉", msgTooShort},
		{"12 emoji", "🦊🐻🐼🐸🐙🦄🐝🦋🐢🐬🦉🐧", ""},
		{"64 with spaces and emoji", sized(64), ""},
		{"128", sized(128), ""},
		{"129", sized(129), msgTooLong},
		{"1000", sized(1000), msgTooLong},
		{"invalid UTF-8", "valid start \xff\xfe then junk", msgUnreadable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := checkMessage(t, c.pw); got != c.want {
				t.Errorf("CheckPassword(%q) = %q, want %q", c.pw, got, c.want)
			}
		})
	}
}

// sized returns a strong passphrase of exactly n characters, with spaces
// and emoji.
func sized(n int) string {
	const phrase = "my 🐢 turtle 🚲 rides a bicycle to the 🌋 volcano on tuesdays "
	s := strings.Repeat(phrase, n/utf8.RuneCountInString(phrase)+1)
	return string([]rune(s)[:n])
}

func TestSizedHelper(t *testing.T) {
	for _, n := range []int{64, 128, 129} {
		if got := utf8.RuneCountInString(sized(n)); got != n {
			t.Errorf("sized(%d) has %d characters", n, got)
		}
	}
	if !strings.Contains(sized(64), " ") || !strings.Contains(sized(64), "🐢") {
		t.Error("sized(64) should contain spaces and emoji")
	}
}

func TestCheckPasswordLeavesInputsAlone(t *testing.T) {
	inputs := make([]string, 1, 10) // spare capacity a careless append would write into
	inputs[0] = "tiger.lily"
	_ = CheckPassword("teapot river jumper", inputs...)
	if got := inputs[:cap(inputs)][1]; got != "" {
		t.Errorf("CheckPassword wrote %q into the caller's slice", got)
	}
}

func TestPolicyMessagesAreKind(t *testing.T) {
	for _, m := range []string{msgTooShort, msgTooLong, msgGuessable, msgUnreadable} {
		lower := strings.ToLower(m)
		// No composition rules (ASVS V2.1.9), and no jargon.
		for _, word := range []string{"uppercase", "upper case", "symbol", "special", "digit", "number", "zxcvbn", "entropy", "invalid"} {
			if strings.Contains(lower, word) {
				t.Errorf("message %q mentions %q", m, word)
			}
		}
		if len(m) > 160 {
			t.Errorf("message %q is long for a child to read", m)
		}
	}
	if !strings.Contains(msgTooShort, "12") {
		t.Errorf("too-short message %q should give the minimum", msgTooShort)
	}
}

// BenchmarkCheckPasswordLongest shows the cost of checking the longest
// password allowed (zxcvbn's work grows with length).
func BenchmarkCheckPasswordLongest(b *testing.B) {
	pw := sized(MaxPasswordLength)
	for b.Loop() {
		_ = CheckPassword(pw, "tiger.lily", "Tiger Lily")
	}
}

// TestYoungChildPasswords: the shorter secret an authority may allow a
// child under 12 is at least 8 characters and still not guessable.
func TestYoungChildPasswords(t *testing.T) {
	cases := []struct {
		pw     string
		inputs []string
		want   string
	}{
		{"owl pizza", nil, ""},
		{"tiger moon", nil, ""},
		{"sock monkey", nil, ""},
		{"owlpiz7", nil, msgTooShortYoung}, // 7 characters
		{"password", nil, msgGuessable},
		{"12345678", nil, msgGuessable},
		{"football", nil, msgGuessable},
		{"iloveyou", nil, msgGuessable},
		{"dinosaur7", nil, msgGuessable},
		{"kite1234", nil, msgGuessable},
		{"leothompson", []string{"leo.t", "Leo Thompson"}, msgGuessable},
		{"leo pizza", []string{"leo.t", "Leo Thompson"}, msgGuessable}, // built on the child's own name
		{"otter pencil", nil, msgGuessable},                            // the example, copied
		{sized(129), nil, msgTooLong},
	}
	for _, c := range cases {
		got := ""
		if err := YoungChildPasswords.Check(c.pw, c.inputs...); err != nil {
			got = err.(*PolicyError).Message
		}
		if got != c.want {
			t.Errorf("YoungChildPasswords.Check(%q) = %q, want %q", c.pw, got, c.want)
		}
	}
	// The standard rule still refuses what is only fit for the shorter one.
	if StandardPasswords.Check("owl pizza") == nil {
		t.Error("the standard rule accepts a 9-character password")
	}
	if !strings.Contains(msgTooShortYoung, "8") || !strings.Contains(YoungChildPasswords.Hint, "8") {
		t.Error("the young child's messages should give the minimum")
	}
}
