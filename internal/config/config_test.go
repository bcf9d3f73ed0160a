package config

import (
	"encoding/base64"
	"io"
	"runtime"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

var strongKey = base64.StdEncoding.EncodeToString([]byte("0123456789abcdefghijklmnopqrstuvwxyzABCDEF"))

func TestDefaults(t *testing.T) {
	cfg, _, err := Load("serve", nil, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:8080" || cfg.Database != "kite.db" || cfg.Mode != Development {
		t.Errorf("defaults: %+v", cfg)
	}
	if !cfg.KeyGenerated || len(cfg.Keys.Current.Secret) < 32 {
		t.Error("development without a key should make a random one")
	}
	if cfg.MaxBody != 1<<20 || cfg.RateLimit != 600 {
		t.Errorf("max body %d, rate %d", cfg.MaxBody, cfg.RateLimit)
	}
	if !cfg.WantDemo(true, true) {
		t.Error("development, loopback, empty embedded database: demo expected")
	}
}

func TestFlagBeatsEnvironment(t *testing.T) {
	cfg, _, err := Load("serve", []string{"--addr", "127.0.0.1:9999"}, env(map[string]string{"KITE_ADDR": "127.0.0.1:7777"}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:9999" {
		t.Errorf("addr %s", cfg.Addr)
	}
}

func TestProductionRefuses(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"no signing key", map[string]string{"KITE_MODE": "production", "KITE_SMTP_URL": "smtp://h:25?from=a@b"}, "KITE_SIGNING_KEY is required"},
		{"short signing key", map[string]string{"KITE_MODE": "production", "KITE_SMTP_URL": "smtp://h:25?from=a@b",
			"KITE_SIGNING_KEY": base64.StdEncoding.EncodeToString([]byte("too-short-key"))}, "KITE_SIGNING_KEY"},
		{"not base64", map[string]string{"KITE_MODE": "production", "KITE_SMTP_URL": "smtp://h:25?from=a@b",
			"KITE_SIGNING_KEY": "this is not base64 at all!!!!!!!!!!!!!!!!!!!!"}, "KITE_SIGNING_KEY"},
		{"no smtp", map[string]string{"KITE_MODE": "production", "KITE_SIGNING_KEY": strongKey}, "KITE_SMTP_URL is required"},
		{"demo on", map[string]string{"KITE_MODE": "production", "KITE_SIGNING_KEY": strongKey,
			"KITE_SMTP_URL": "smtp://h:25?from=a@b", "KITE_DEMO": "true"}, "KITE_DEMO"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Load("serve", nil, env(tt.env), io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestProductionWithStrongKeyStarts(t *testing.T) {
	cfg, _, err := Load("serve", nil, env(map[string]string{"KITE_MODE": "production", "KITE_SIGNING_KEY": strongKey,
		"KITE_SMTP_URL": "smtp://user:pw@mail.example.org:587?from=kite@example.org"}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.KeyGenerated || cfg.WantDemo(true, true) {
		t.Error("production must use the given key and never make demo data")
	}
}

func TestDemoNeverBeyondLoopback(t *testing.T) {
	cfg, _, err := Load("serve", []string{"--addr", "0.0.0.0:8080"}, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.WantDemo(true, true) {
		t.Error("demo data when listening on every address")
	}
	if _, _, err := Load("serve", []string{"--addr", "0.0.0.0:8080", "--demo", "true"}, env(nil), io.Discard); err == nil {
		t.Error("explicit demo beyond loopback accepted")
	}
}

func TestWantDemo(t *testing.T) {
	cfg, _, _ := Load("serve", nil, env(nil), io.Discard)
	if cfg.WantDemo(false, true) {
		t.Error("demo on a non-empty database")
	}
	if cfg.WantDemo(true, false) {
		t.Error("auto demo on PostgreSQL")
	}
	cfg.Demo = DemoOn
	if !cfg.WantDemo(true, false) {
		t.Error("explicit demo on empty PostgreSQL in development refused")
	}
	cfg.Demo = DemoOff
	if cfg.WantDemo(true, true) {
		t.Error("demo when turned off")
	}
}

func TestParseSizeAndRate(t *testing.T) {
	sizes := map[string]int64{"1MiB": 1 << 20, "512KiB": 512 << 10, "64kB": 64000, "1000": 1000}
	for in, want := range sizes {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "0", "-1MiB", "lots", "1TiB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
	rates := map[string]int{"600/min": 600, "10/s": 600, "3600/h": 60, "0": 0}
	for in, want := range rates {
		if got, err := ParseRate(in); err != nil || got != want {
			t.Errorf("ParseRate(%q) = %d, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "600", "x/min", "10/fortnight", "-5/min"} {
		if _, err := ParseRate(bad); err == nil {
			t.Errorf("ParseRate(%q) accepted", bad)
		}
	}
}

func TestTrustedProxies(t *testing.T) {
	cfg, _, err := Load("serve", []string{"--trusted-proxies", "10.0.0.0/8, 192.168.1.7"}, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.TrustedProxies) != 2 || cfg.TrustedProxies[1].String() != "192.168.1.7/32" {
		t.Errorf("proxies %v", cfg.TrustedProxies)
	}
	if _, _, err := Load("serve", []string{"--trusted-proxies", "not-a-cidr"}, env(nil), io.Discard); err == nil {
		t.Error("bad CIDR accepted")
	}
}

func TestMetricsListener(t *testing.T) {
	cfg, _, err := Load("serve", nil, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MetricsAddr != "127.0.0.1:9090" || cfg.MetricsPath != "/metrics" || cfg.MetricsToken != "" {
		t.Errorf("metrics defaults: %q %q %q", cfg.MetricsAddr, cfg.MetricsPath, cfg.MetricsToken)
	}
	with := inProduction
	refused := map[string]map[string]string{
		"not host:port":              {"KITE_METRICS_ADDR": "9090"},
		"the API address":            {"KITE_METRICS_ADDR": "127.0.0.1:8080"},
		"short token":                {"KITE_METRICS_TOKEN": "short"},
		"public without a token":     {"KITE_METRICS_ADDR": "0.0.0.0:9090"},
		"public, token with a space": {"KITE_METRICS_ADDR": "0.0.0.0:9090", "KITE_METRICS_TOKEN": "a token with spaces in it"},
	}
	for name, e := range refused {
		if _, _, err := Load("serve", nil, env(with(e)), io.Discard); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	cfg, _, err = Load("serve", []string{"--metrics-addr", "0.0.0.0:9100"},
		env(with(map[string]string{"KITE_METRICS_TOKEN": "0123456789abcdef0123"})), io.Discard)
	if err != nil || cfg.MetricsAddr != "0.0.0.0:9100" || cfg.MetricsToken != "0123456789abcdef0123" {
		t.Fatalf("a public metrics address with a token: %v %+v", err, cfg)
	}
}

// inProduction is a production configuration's environment (a strong key,
// an SMTP URL) with extra settings.
func inProduction(extra map[string]string) map[string]string {
	m := map[string]string{"KITE_MODE": "production", "KITE_SIGNING_KEY": strongKey, "KITE_SMTP_URL": "smtp://h:25?from=a@b"}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func TestParseInFlight(t *testing.T) {
	cores := runtime.GOMAXPROCS(0)
	for in, want := range map[string]int{"0": inFlightPerCore * cores, "1": 1, "12": 12} {
		if got, err := parseInFlight(in); err != nil || got != want {
			t.Errorf("parseInFlight(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-1", "four", "2.5"} {
		if _, err := parseInFlight(bad); err == nil {
			t.Errorf("parseInFlight(%q) accepted", bad)
		}
	}
}
