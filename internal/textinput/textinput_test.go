package textinput

import (
	"errors"
	"testing"

	"kite/internal/apierr"
)

func TestHiddenCharacter(t *testing.T) {
	refused := map[string]string{
		"right-to-left override":  "pay \u202E01",
		"left-to-right embedding": "a\u202Ab",
		"pop directional":         "a\u202Cb",
		"left-to-right isolate":   "a\u2066b\u2069",
		"first strong isolate":    "\u2068b",
		"pop directional isolate": "b\u2069",
		"right-to-left mark":      "a\u200Fb",
		"zero-width space":        "no\u200Bthing",
		"word joiner":             "a\u2060b",
		"byte order mark":         "\uFEFFhello",
		"soft hyphen":             "soft\u00ADhyphen",
		"tag outside a flag":      "hi\U000E0041",
		"unfinished flag":         "\U0001F3F4\U000E0067\U000E0062",
	}
	for name, s := range refused {
		if _, hidden := HiddenCharacter(s); !hidden {
			t.Errorf("%s (%q): not refused", name, s)
		}
	}
	kept := map[string]string{
		"plain words":                "I want to see my brother more",
		"new lines":                  "one\ntwo",
		"family emoji with ZWJ":      "👩\u200D👩\u200D👧",
		"variation selector":         "❤\uFE0F",
		"skin tone":                  "👍🏽",
		"flag of England (tags)":     "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F",
		"Persian with a non-joiner":  "می\u200Cخواهم",
		"Arabic words":               "أريد أن أرى أمي",
		"Welsh":                      "Dw i eisiau mynd adref",
		"regional indicator flag":    "🇬🇧",
		"keycap":                     "1\uFE0F\u20E3",
		"rainbow flag (ZWJ + VS16)":  "🏳\uFE0F\u200D🌈",
		"person with skin tone, ZWJ": "🧑🏾\u200D🚀",
	}
	for name, s := range kept {
		if r, hidden := HiddenCharacter(s); hidden {
			t.Errorf("%s (%q): refused at %U", name, s, r)
		}
	}
}

func TestCheckNamesTheField(t *testing.T) {
	err := Check("details", "a\u202Eb")
	var api *apierr.Error
	if !errors.As(err, &api) || api.Code != apierr.CodeBadUserInput || api.Field != "details" || api.Message != Message {
		t.Fatalf("Check = %#v", err)
	}
	if err := Check("details", "fine 👍🏽"); err != nil {
		t.Fatalf("plain text refused: %v", err)
	}
	if err := Check("details", "\xff"); err == nil {
		t.Fatal("invalid UTF-8 accepted")
	}
}
