// Package textinput says which characters Kite refuses in text that people
// type: a child's answers, replies, plan wording, alert details, names.
//
// Unicode's invisible "format" characters change how text reads without
// showing themselves: a right-to-left override (U+202E) makes "pay 10" read
// "01 yap", an isolate reorders a sentence, a zero-width space hides a word
// boundary. Staff must read a child's words as the child wrote them, so
// these are refused. What emoji need is kept: the zero-width joiner (U+200D)
// that builds 👩‍👧, and the tag characters of a flag such as England's
// (a black flag, then tags, then the cancel tag); variation selectors and
// skin tones are not format characters and pass anyway. The zero-width
// non-joiner (U+200C) is kept too: Persian and several Indian scripts need
// it to spell words, and it cannot reorder text.
package textinput

import (
	"context"
	"unicode"
	"unicode/utf8"

	"entgo.io/ent"

	"kite/internal/apierr"
	"kite/internal/names"
)

const (
	zeroWidthJoiner    = '\u200D'
	zeroWidthNonJoiner = '\u200C'
	blackFlag          = '\U0001F3F4'
	cancelTag          = '\U000E007F'
	firstTag           = '\U000E0020'
)

// HiddenCharacter returns the first character of s that Kite refuses as
// hidden formatting, and whether there is one.
func HiddenCharacter(s string) (rune, bool) {
	inFlag := false // after a black flag, inside its tag sequence
	prev := rune(0)
	for _, r := range s {
		switch {
		case r == blackFlag:
			inFlag = true
		case r >= firstTag && r <= cancelTag:
			// Tags are only the letters of a flag: right after a black
			// flag or another tag, ended by the cancel tag.
			if !inFlag || (prev != blackFlag && !(prev >= firstTag && prev < cancelTag)) {
				return r, true
			}
			if r == cancelTag {
				inFlag = false
			}
		case r == zeroWidthJoiner || r == zeroWidthNonJoiner:
			inFlag = false
		case unicode.Is(unicode.Cf, r):
			return r, true
		default:
			inFlag = false
		}
		prev = r
	}
	if inFlag && prev >= firstTag && prev < cancelTag {
		return prev, true // a tag sequence never ended
	}
	return 0, false
}

// Message is what a person is told when their text has a hidden character.
const Message = "This has hidden characters in it that can change how the words look. Please type it again without them."

// Check returns a BAD_USER_INPUT error naming field when value holds a
// hidden formatting character (or is not valid UTF-8), or nil.
func Check(field, value string) error {
	if !utf8.ValidString(value) {
		return apierr.BadInput(field, "Some of the letters or symbols in this could not be read. Please check it and try again.")
	}
	if _, hidden := HiddenCharacter(value); hidden {
		return apierr.BadInput(field, Message)
	}
	return nil
}

// Hook refuses every change that would store text with a hidden formatting
// character in any string field, whichever mutation or service writes it: one
// check for every free-text input, so a new field cannot forget it. The error
// names the field as the API spells it.
func Hook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			for _, name := range m.Fields() {
				v, _ := m.Field(name)
				if s, ok := v.(string); ok {
					if err := Check(names.GraphQLField(name), s); err != nil {
						return nil, err
					}
				}
			}
			return next.Mutate(ctx, m)
		})
	}
}
