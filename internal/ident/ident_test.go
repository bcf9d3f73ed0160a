package ident

import "testing"

func TestNewIsPrefixedRandomAndValid(t *testing.T) {
	seen := map[ID]bool{}
	for i := 0; i < 1000; i++ {
		id := New("chd")
		if id.Prefix() != "chd" || !id.Valid() {
			t.Fatalf("bad id %q", id)
		}
		if seen[id] {
			t.Fatalf("duplicate id %q", id)
		}
		seen[id] = true
	}
}

func TestValidRejects(t *testing.T) {
	for _, s := range []string{"", "chd", "chd_", "_01J9Z3", "chd_123", "chd_01J9Z3ZZZZZZZZZZZZZZZZZZZ!"} {
		if ID(s).Valid() {
			t.Errorf("%q accepted", s)
		}
	}
}
