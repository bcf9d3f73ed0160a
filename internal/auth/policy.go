package auth

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
)

// Password length limits, in characters (runes), from ASVS 4.0.3 V2.1.1
// (at least 12) and V2.1.2 (at least 64 allowed). Long passphrases are
// welcome; the upper limit only bounds the work of checking one.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 128
)

// MinShortPasswordLength is the fewest characters of the shorter secret an
// authority may allow children under YoungChildAge (YoungChildPasswords).
const MinShortPasswordLength = 8

// YoungChildAge: a child younger than this may be allowed the shorter
// secret; from this age everyone has the standard rule.
const YoungChildAge = 12

// minPasswordScore is the lowest zxcvbn score accepted. Score 3 means
// "safely unguessable: moderate protection from offline slow-hash attacks"
// (about 10^8 guesses or more); scores 0–2 are common words, keyboard walks,
// names and dates with small changes.
const minPasswordScore = 3

// minPersonalPasswordScore applies, whatever the rule, when the password is
// built on the user's own names (or Kite's, or the example's). zxcvbn rates
// any password of three parts at 10^8 guesses or more, however predictable
// the parts, so "tigerlily2015" for the user tiger.lily would reach score 3,
// and "otter pencil" (the shorter rule's example) too; an attacker who
// targets the account tries those names first.
const minPersonalPasswordScore = 4

// minShortPasswordScore is the lowest score of a young child's shorter
// secret: 2 is "somewhat guessable: protection from unthrottled online
// attacks" (about 10^6 guesses or more). It still refuses common passwords
// ("football", "iloveyou", "12345678"), words with a digit added, and the
// child's own names, but two short words such as "owl pizza" pass. Online,
// the login throttle stands between a guesser and 10^6 tries; offline (a
// stolen database) it is weak, which is the risk the README sets out.
const minShortPasswordScore = 2

// The example passphrase shown to users. Its words are treated as guessable
// too, so that copying the example is refused.
const examplePassphrase = "otter pencil cloud"

// shortExample is the example shown with the shorter rule: the first two
// words of examplePassphrase, so it is guessable in the same way.
const shortExample = "otter pencil"

// Messages shown to the user, often a child: short, plain and kind, and
// suggesting what to do rather than only what is wrong.
const (
	msgTooShort      = "Your password needs at least 12 characters. Three random words work well, like '" + examplePassphrase + "', but pick your own."
	msgTooShortYoung = "Your password needs at least 8 characters. Two words that don't go together work well, like '" + shortExample + "', but pick your own."
	msgTooLong       = "That password is too long. Please use 128 characters or fewer."
	msgGuessable     = "That password would be easy for someone to guess. Try three random words that don't usually go together, and don't use your name."
	msgUnreadable    = "Your password has characters we can't read. Please try different ones."
)

// PolicyError says why a new password was refused, in words fit to show
// the user as they are.
type PolicyError struct {
	Message string
}

// Error returns the message.
func (e *PolicyError) Error() string { return e.Message }

// PasswordRule is how long, and how hard to guess, a new password must be.
type PasswordRule struct {
	// MinLength is the fewest characters.
	MinLength int
	// Hint is a short tip to show beside the password box, in plain words.
	Hint string
	// minScore is the lowest zxcvbn score accepted (one more when the
	// password is built on the user's own names).
	minScore int
	tooShort string
}

// The password rules.
var (
	// StandardPasswords is everyone's rule (ASVS 4.0.3 V2.1).
	StandardPasswords = PasswordRule{MinLength: MinPasswordLength, minScore: minPasswordScore, tooShort: msgTooShort,
		Hint: "Use at least 12 characters. Three random words work well, like '" + examplePassphrase + "', but pick your own."}
	// YoungChildPasswords is the shorter secret a local authority may allow
	// children under 12 (off unless it does): at least 8 characters, still
	// not common or guessable.
	YoungChildPasswords = PasswordRule{MinLength: MinShortPasswordLength, minScore: minShortPasswordScore, tooShort: msgTooShortYoung,
		Hint: "Use at least 8 characters. Two words that don't go together work well, like '" + shortExample + "', but pick your own."}
)

// CheckPassword checks a new password against the standard rule
// (StandardPasswords.Check).
func CheckPassword(pw string, userInputs ...string) error {
	return StandardPasswords.Check(pw, userInputs...)
}

// Check checks a new password against the rule, after ASVS 4.0.3 V2.1: at
// least MinLength and at most 128 characters, any characters including
// spaces, no rules about mixing kinds of character, and not common or
// guessable. userInputs are things an attacker would try first (username,
// display name); a password built from them is refused. The password is
// checked exactly as given: nothing is trimmed or changed. The result is nil
// or a *PolicyError.
//
// The guessability check is CPU work that grows with length: about 70 ms for
// a 128-character password on a 2-core server, more than one argon2id hash.
// Call it only after the cheap checks (a valid invitation code, the
// throttle), so that it cannot be used to load the server.
func (r PasswordRule) Check(pw string, userInputs ...string) error {
	if !utf8.ValidString(pw) {
		return &PolicyError{Message: msgUnreadable}
	}
	n := utf8.RuneCountInString(pw)
	if n < r.MinLength {
		return &PolicyError{Message: r.tooShort}
	}
	if n > MaxPasswordLength {
		return &PolicyError{Message: msgTooLong}
	}
	words := guessableWords(userInputs)
	need := r.minScore
	if containsAny(pw, words) {
		need = minPersonalPasswordScore
	}
	if zxcvbn.PasswordStrength(pw, words).Score < need {
		return &PolicyError{Message: msgGuessable}
	}
	return nil
}

// minGuessableWordLength leaves out one- and two-letter words, which would
// match almost anything and make every password look weaker than it is.
const minGuessableWordLength = 3

// guessableWords is the user's inputs, each also split into its parts
// ("amy.smith" gives "amy" and "smith", which zxcvbn would not otherwise
// find in "smithamy2012"), plus Kite's own name and the example words.
// The user's own come first: zxcvbn ranks earlier words as likelier.
func guessableWords(userInputs []string) []string {
	inputs := append(append([]string{}, userInputs...), "kite", examplePassphrase)
	var words []string
	for _, in := range inputs {
		for _, w := range append([]string{in}, strings.FieldsFunc(in, notLetterOrDigit)...) {
			if utf8.RuneCountInString(w) >= minGuessableWordLength {
				words = append(words, w)
			}
		}
	}
	return words
}

func notLetterOrDigit(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// containsAny reports whether pw contains any of words, ignoring case.
// (zxcvbn's own result cannot tell us this reliably: when a user input and
// a common word match equally well, which one it reports varies by run.)
func containsAny(pw string, words []string) bool {
	lower := strings.ToLower(pw)
	for _, w := range words {
		if strings.Contains(lower, strings.ToLower(w)) {
			return true
		}
	}
	return false
}
