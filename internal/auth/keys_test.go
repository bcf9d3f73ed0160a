package auth

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// testSecret is 32 bytes whose base64 contains '+' and '/' (so the URL
// alphabet differs) and whose length needs padding.
func testSecret() []byte {
	b := make([]byte, 32)
	for i := range b {
		b[i] = byte(0xf8 + i*37)
	}
	return b
}

func TestParseKeyAcceptsEveryBase64Form(t *testing.T) {
	secret := testSecret()
	sum := sha256.Sum256(secret)
	wantID := hex.EncodeToString(sum[:])[:8]
	std := base64.StdEncoding.EncodeToString(secret)
	if !strings.ContainsAny(std, "+/") || !strings.HasSuffix(std, "=") {
		t.Fatalf("test secret should use '+' or '/' and need padding: %s", std)
	}
	forms := map[string]string{
		"standard, padded":   std,
		"standard, unpadded": base64.RawStdEncoding.EncodeToString(secret),
		"URL, padded":        base64.URLEncoding.EncodeToString(secret),
		"URL, unpadded":      base64.RawURLEncoding.EncodeToString(secret),
		"trailing newline":   std + "\n",
	}
	for name, s := range forms {
		t.Run(name, func(t *testing.T) {
			k, err := ParseKey(s)
			if err != nil {
				t.Fatalf("ParseKey: %v", err)
			}
			if !bytes.Equal(k.Secret, secret) {
				t.Errorf("secret = %x, want %x", k.Secret, secret)
			}
			if k.ID != wantID {
				t.Errorf("ID = %q, want %q", k.ID, wantID)
			}
		})
	}
}

func TestParseKeyRejects(t *testing.T) {
	short := base64.StdEncoding.EncodeToString(testSecret()[:31])
	repetitive := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("secret", 8)))
	std := base64.StdEncoding.EncodeToString(testSecret())
	mixed := strings.Replace(std, "+", "-", 1) // one URL character among standard ones
	cases := map[string]string{
		"empty":            "",
		"blank":            "  \n",
		"not base64":       "this is not a key!",
		"31 bytes":         short,
		"not random":       repetitive,
		"mixed alphabets":  mixed,
		"raw text":         strings.Repeat("k", 44) + "%",
		"base64 with junk": std + "$",
	}
	for name, s := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ParseKey(s)
			if err == nil {
				t.Fatal("ParseKey succeeded, want an error")
			}
			if v := strings.TrimSpace(s); v != "" && strings.Contains(err.Error(), v) {
				t.Errorf("error %q contains the key", err)
			}
		})
	}
}

func TestParseKeyList(t *testing.T) {
	a, b := RandomKey(), RandomKey()
	ea := base64.StdEncoding.EncodeToString(a.Secret)
	eb := base64.RawURLEncoding.EncodeToString(b.Secret)

	for _, csv := range []string{"", " ", ",", " , ,"} {
		keys, err := ParseKeyList(csv)
		if err != nil || len(keys) != 0 {
			t.Errorf("ParseKeyList(%q) = %v, %v; want none", csv, keys, err)
		}
	}

	keys, err := ParseKeyList(" " + ea + ",, " + eb + " ,")
	if err != nil {
		t.Fatalf("ParseKeyList: %v", err)
	}
	if len(keys) != 2 || keys[0].ID != a.ID || keys[1].ID != b.ID {
		t.Errorf("got %d keys %v, want ids %s, %s", len(keys), keyIDs(keys), a.ID, b.ID)
	}

	_, err = ParseKeyList(ea + "," + ea[:20])
	if err == nil {
		t.Fatal("a short second key was accepted")
	}
	if strings.Contains(err.Error(), ea[:20]) || !strings.Contains(err.Error(), "key 2") {
		t.Errorf("error %q should name the position, not the value", err)
	}
}

func TestRandomKey(t *testing.T) {
	a, b := RandomKey(), RandomKey()
	if len(a.Secret) != MinKeyBytes {
		t.Errorf("secret is %d bytes, want %d", len(a.Secret), MinKeyBytes)
	}
	if bytes.Equal(a.Secret, b.Secret) || a.ID == b.ID {
		t.Error("two random keys are the same")
	}
	parsed, err := ParseKey(base64.StdEncoding.EncodeToString(a.Secret))
	if err != nil || parsed.ID != a.ID {
		t.Errorf("random key does not round-trip: %v, id %q want %q", err, parsed.ID, a.ID)
	}
}

func TestKeyringLookup(t *testing.T) {
	cur, old1, old2, other := RandomKey(), RandomKey(), RandomKey(), RandomKey()
	ring := Keyring{Current: cur, Previous: []Key{old1, old2}}
	for _, k := range []Key{cur, old1, old2} {
		got, ok := ring.Lookup(k.ID)
		if !ok || !bytes.Equal(got.Secret, k.Secret) {
			t.Errorf("Lookup(%s) = %v, want the key", k.ID, ok)
		}
	}
	for _, id := range []string{other.ID, ""} {
		if _, ok := ring.Lookup(id); ok {
			t.Errorf("Lookup(%q) found a key", id)
		}
	}
	if _, ok := (Keyring{}).Lookup(""); ok {
		t.Error("an empty keyring found a key for the empty id")
	}
}

func keyIDs(keys []Key) []string {
	var out []string
	for _, k := range keys {
		out = append(out, k.ID)
	}
	return out
}

func TestKeyDoesNotPrintItsSecret(t *testing.T) {
	k := RandomKey()
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("key", "key", k, "ring", Keyring{Current: k, Previous: []Key{k}})
	text := slog.New(slog.NewTextHandler(&buf, nil))
	text.Info("key", "key", k)
	printed := fmt.Sprintf("%v %+v %#v %s %v", k, k, k, k, Keyring{Current: k, Previous: []Key{k}})
	for _, out := range []string{buf.String(), printed} {
		for _, enc := range []string{
			base64.StdEncoding.EncodeToString(k.Secret),
			base64.RawURLEncoding.EncodeToString(k.Secret),
			hex.EncodeToString(k.Secret),
			fmt.Sprint(k.Secret),
		} {
			if strings.Contains(out, enc) {
				t.Errorf("secret appears in %q", out)
			}
		}
		if !strings.Contains(out, k.ID) {
			t.Errorf("key id missing from %q", out)
		}
	}
}
