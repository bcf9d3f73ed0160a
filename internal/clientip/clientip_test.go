package clientip

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestOf(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	tests := []struct {
		name    string
		remote  string
		xff     string
		trusted []netip.Prefix
		want    string
	}{
		{"no proxy configured ignores the header", "203.0.113.9:5555", "198.51.100.1", nil, "203.0.113.9"},
		{"an untrusted peer cannot claim an address", "203.0.113.9:5555", "198.51.100.1", proxies, "203.0.113.9"},
		{"behind a trusted proxy", "10.0.0.2:443", "198.51.100.1", proxies, "198.51.100.1"},
		{"a forged left entry is ignored", "10.0.0.2:443", "1.2.3.4, 198.51.100.1", proxies, "198.51.100.1"},
		{"a chain of trusted proxies", "10.0.0.2:443", "198.51.100.1, 10.0.0.7", proxies, "198.51.100.1"},
		{"trusted proxy without the header", "10.0.0.2:443", "", proxies, "10.0.0.2"},
		{"garbage in the header", "10.0.0.2:443", "not-an-ip", proxies, "10.0.0.2"},
		{"IPv6 peer", "[2001:db8::1]:443", "", nil, "2001:db8::1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			if got := Of(r, tt.trusted); got != tt.want {
				t.Errorf("Of = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBlock(t *testing.T) {
	cases := map[string]string{
		"192.0.2.1":                  "192.0.2.1",
		"192.0.2.1:8080":             "192.0.2.1",
		"::ffff:192.0.2.1":           "192.0.2.1",
		"2001:db8::1":                "2001:db8::/64",
		"[2001:db8::1]:443":          "2001:db8::/64",
		"fe80::1%eth0":               "fe80::/64",
		"2001:db8:0:0:ffff:1:2:3":    "2001:db8::/64",
		"not an address":             "not an address",
		"":                           "",
		"2001:db8:aaaa:bbbb:cccc::1": "2001:db8:aaaa:bbbb::/64",
	}
	for in, want := range cases {
		if got := Block(in); got != want {
			t.Errorf("Block(%q) = %q, want %q", in, got, want)
		}
	}
}
