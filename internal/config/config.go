// Package config reads Kite's configuration from flags and environment
// variables (a flag wins over its variable, which wins over the default) and
// checks it once, at start, so that the rest of the program can trust it.
package config

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"

	"kite/internal/auth"
)

// Mode is development or production.
type Mode string

// Modes.
const (
	Development Mode = "development"
	Production  Mode = "production"
)

// Config is the checked configuration.
type Config struct {
	Addr     string
	Database string
	Mode     Mode
	// Keys signs and verifies access tokens. In development without a
	// configured key, Current is random per start (KeyGenerated is true).
	Keys         auth.Keyring
	KeyGenerated bool
	// SMTPURL is where notifications go; nil means "log them" (development only).
	SMTPURL *url.URL
	// MaxBody is the largest request body on /query, in bytes.
	MaxBody int64
	// MaxInFlight is how many POST /query requests run at once.
	MaxInFlight int
	// RateLimit is requests per minute per viewer or address; 0 turns it off.
	RateLimit int
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	// Demo is what KITE_DEMO asked for: DemoAuto decides from the database.
	Demo Demo
	// AccessTokenTTL and RefreshTokenTTL are the token lifetimes.
	AccessTokenTTL  time.Duration
	RefreshTokenTTL time.Duration
	// CORSOrigins are the browser origins allowed to call the API.
	CORSOrigins []string
	// MetricsPath is where the metrics are served on MetricsAddr; "" when off.
	MetricsPath string
	// MetricsAddr is the metrics listener's address, never the API's.
	MetricsAddr string
	// MetricsToken, when set, is the bearer token a scrape must show.
	MetricsToken string
	// Limits bound one GraphQL request.
	Limits Limits
	// SignIn is staff sign-in through identity providers (signin.go).
	SignIn SignIn
	// Events is how events reach the other instances: "memory" (none:
	// one instance), "postgres" (LISTEN/NOTIFY on the database) or a
	// nats:// URL (KITE_EVENTS; default memory on SQLite, postgres on
	// PostgreSQL).
	Events string
	// SharedStore keeps the login throttle and rate limit: "memory",
	// "postgres" or a redis:// URL (KITE_SHARED_STORE; default memory on
	// SQLite, postgres on PostgreSQL).
	SharedStore string
	// OutboxLease is how long an instance's claim on a notification lasts
	// (KITE_OUTBOX_LEASE): if it dies before sending, another instance
	// sends it after this.
	OutboxLease time.Duration
}

// Limits are the GraphQL request limits (see graph.Limits for why each).
type Limits struct {
	MaxDepth, MaxComplexity, MaxAliases, MaxRootFields, MaxQueryBytes, MaxTokens, MaxPageSize int
}

// Demo says whether to create the demo data.
type Demo string

// Demo settings.
const (
	DemoAuto Demo = "auto"
	DemoOn   Demo = "true"
	DemoOff  Demo = "false"
)

// setting is one configuration entry: its flag, its variable and its default.
type setting struct {
	flag, env, def, usage string
}

var settings = []setting{
	{"addr", "KITE_ADDR", "127.0.0.1:8080", "listen address"},
	{"database", "KITE_DATABASE", "kite.db", "a file path for the embedded SQLite database, or a postgres:// URL"},
	{"mode", "KITE_MODE", string(Development), "development or production"},
	{"signing-key", "KITE_SIGNING_KEY", "", "the HS256 token key, at least 32 bytes as base64 (random per start in development when empty)"},
	{"previous-signing-keys", "KITE_PREVIOUS_SIGNING_KEYS", "", "comma-separated earlier keys, accepted for verification only"},
	{"smtp-url", "KITE_SMTP_URL", "", "smtp://user:password@host:port?from=address for notifications (empty: logged, development only)"},
	{"max-body", "KITE_MAX_BODY", "1MiB", "largest request body on /query"},
	{"max-in-flight", "KITE_MAX_IN_FLIGHT", "0", "how many read operations (GraphQL queries) run at once, the rest waiting their turn; 0: two per core (changes such as a login and subscriptions never wait)"},
	{"rate-limit", "KITE_RATE_LIMIT", "600/min", "requests per minute per viewer (or client address); 0 turns it off"},
	{"trusted-proxies", "KITE_TRUSTED_PROXIES", "", "comma-separated CIDRs of reverse proxies whose X-Forwarded-For gives the client address"},
	{"demo", "KITE_DEMO", string(DemoAuto), "create the demo data: true, false, or auto (development, empty embedded database, loopback address)"},
	{"access-token-ttl", "KITE_ACCESS_TOKEN_TTL", "15m", "lifetime of access tokens"},
	{"refresh-token-ttl", "KITE_REFRESH_TOKEN_TTL", "336h", "lifetime of refresh tokens (default 14 days)"},
	{"cors-origins", "KITE_CORS_ORIGINS", "", "comma-separated browser origins allowed to call the API (e.g. https://kite.example.org); empty: same origin only"},
	{"metrics-path", "KITE_METRICS_PATH", "/metrics", "where Prometheus metrics are served on the metrics address; \"off\" turns them off"},
	{"metrics-addr", "KITE_METRICS_ADDR", "127.0.0.1:9090", "listen address of the metrics, apart from the API"},
	{"metrics-token", "KITE_METRICS_TOKEN", "", "bearer token a metrics scrape must send (at least 16 characters); required in production beyond loopback"},
	{"max-depth", "KITE_MAX_DEPTH", "10", "deepest nesting of fields in one GraphQL request"},
	{"max-complexity", "KITE_MAX_COMPLEXITY", "3000", "most estimated work in one GraphQL request (connections count their page size)"},
	{"max-aliases", "KITE_MAX_ALIASES", "15", "most aliased fields in one GraphQL request"},
	{"max-root-fields", "KITE_MAX_ROOT_FIELDS", "10", "most top-level fields in one GraphQL operation"},
	{"max-query-bytes", "KITE_MAX_QUERY_BYTES", "16384", "longest GraphQL query text, in bytes"},
	{"max-tokens", "KITE_MAX_TOKENS", "4000", "most tokens the GraphQL parser reads in one query"},
	{"max-page-size", "KITE_MAX_PAGE_SIZE", "100", "largest page a connection returns (first/last are capped to it)"},
	{"public-url", "KITE_PUBLIC_URL", "", "Kite's address as browsers and identity providers reach it (e.g. https://kite.example.org); empty turns staff sign-in through identity providers off"},
	{"sign-in-return-url", "KITE_SIGN_IN_RETURN_URL", "", "the portal page a sign-in through an identity provider returns to, with #code=… or #error=…"},
	{"events", "KITE_EVENTS", "", "how events reach the other instances: memory (this instance only), postgres (LISTEN/NOTIFY) or nats://host:4222; empty: memory on SQLite, postgres on PostgreSQL"},
	{"shared-store", "KITE_SHARED_STORE", "", "where login throttles and rate limits are counted: memory (this instance only), postgres or redis://host:6379/0; empty: memory on SQLite, postgres on PostgreSQL"},
	{"outbox-lease", "KITE_OUTBOX_LEASE", "2m", "how long an instance's claim on a notification to send lasts; if the instance dies, another sends it after this (keep it above the time one email takes, at most 30s)"},
	{"oidc-secrets-dir", "KITE_OIDC_SECRETS_DIR", "", "a folder of identity providers' client secrets, one file per secret name (besides KITE_OIDC_SECRET_<NAME> variables)"},
}

// Load reads the configuration for a subcommand from its arguments and the
// environment, and checks it. The returned FlagSet holds the remaining
// arguments (fs.Args()).
func Load(name string, args []string, getenv func(string) string, output io.Writer) (*Config, *flag.FlagSet, error) {
	return LoadWith(name, args, getenv, output, nil)
}

// LoadWith is Load for a subcommand with flags of its own, which extra
// defines on the flag set before the arguments are parsed.
func LoadWith(name string, args []string, getenv func(string) string, output io.Writer, extra func(*flag.FlagSet)) (*Config, *flag.FlagSet, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	if extra != nil {
		extra(fs)
	}
	fs.SetOutput(output)
	values := make(map[string]*string, len(settings))
	for _, s := range settings {
		def := s.def
		if v := getenv(s.env); v != "" {
			def = v
		}
		values[s.flag] = fs.String(s.flag, def, s.usage+" ($"+s.env+")")
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	get := func(flag string) string { return strings.TrimSpace(*values[flag]) }
	cfg, err := build(get)
	if err != nil {
		return nil, nil, err
	}
	cfg.SignIn.Getenv = getenv
	return cfg, fs, nil
}

func build(get func(string) string) (*Config, error) {
	cfg := &Config{Addr: get("addr"), Database: get("database"), Demo: Demo(get("demo"))}
	var errs []error
	switch Mode(get("mode")) {
	case Development, Production:
		cfg.Mode = Mode(get("mode"))
	default:
		errs = append(errs, fmt.Errorf("KITE_MODE must be development or production, not %q", get("mode")))
	}
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		errs = append(errs, fmt.Errorf("KITE_ADDR %q is not host:port", cfg.Addr))
	}
	if cfg.Database == "" {
		errs = append(errs, errors.New("KITE_DATABASE must not be empty"))
	}
	errs = append(errs, cfg.loadKeys(get("signing-key"), get("previous-signing-keys")))
	errs = append(errs, cfg.loadSMTP(get("smtp-url")))
	var err error
	if cfg.MaxBody, err = ParseSize(get("max-body")); err != nil {
		errs = append(errs, fmt.Errorf("KITE_MAX_BODY: %w", err))
	}
	if cfg.MaxInFlight, err = parseInFlight(get("max-in-flight")); err != nil {
		errs = append(errs, fmt.Errorf("KITE_MAX_IN_FLIGHT: %w", err))
	}
	if cfg.RateLimit, err = ParseRate(get("rate-limit")); err != nil {
		errs = append(errs, fmt.Errorf("KITE_RATE_LIMIT: %w", err))
	}
	if cfg.TrustedProxies, err = parsePrefixes(get("trusted-proxies")); err != nil {
		errs = append(errs, fmt.Errorf("KITE_TRUSTED_PROXIES: %w", err))
	}
	errs = append(errs, cfg.checkDemo())
	if cfg.AccessTokenTTL, err = parseDuration(get("access-token-ttl"), time.Minute, 24*time.Hour); err != nil {
		errs = append(errs, fmt.Errorf("KITE_ACCESS_TOKEN_TTL: %w", err))
	}
	if cfg.RefreshTokenTTL, err = parseDuration(get("refresh-token-ttl"), time.Hour, 90*24*time.Hour); err != nil {
		errs = append(errs, fmt.Errorf("KITE_REFRESH_TOKEN_TTL: %w", err))
	}
	errs = append(errs, cfg.loadHTTP(get("cors-origins"), get("metrics-path")))
	errs = append(errs, cfg.loadMetrics(get("metrics-addr"), get("metrics-token")))
	errs = append(errs, cfg.loadLimits(get))
	errs = append(errs, cfg.loadSignIn(get("public-url"), get("sign-in-return-url"), get("oidc-secrets-dir")))
	errs = append(errs, cfg.loadInstances(get("events"), get("shared-store")))
	if cfg.OutboxLease, err = parseDuration(get("outbox-lease"), time.Second, time.Hour); err != nil {
		errs = append(errs, fmt.Errorf("KITE_OUTBOX_LEASE: %w", err))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	return cfg, nil
}

// loadHTTP reads the CORS allow-list and the metrics path.
func (c *Config) loadHTTP(origins, metrics string) error {
	for _, o := range strings.Split(origins, ",") {
		if o = strings.TrimSpace(o); o == "" {
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Path != "" {
			return fmt.Errorf("KITE_CORS_ORIGINS: %q is not an origin such as https://kite.example.org", o)
		}
		c.CORSOrigins = append(c.CORSOrigins, o)
	}
	switch {
	case metrics == "off":
	case strings.HasPrefix(metrics, "/") && metrics != "/" && metrics != "/query":
		c.MetricsPath = metrics
	default:
		return fmt.Errorf("KITE_METRICS_PATH must be a path such as /metrics, or off")
	}
	return nil
}

// loadMetrics reads the metrics listener. The metrics show the urgent
// notification backlog and the traffic, so they have a listener of their
// own (loopback by default); production refuses to offer them beyond
// loopback without a token.
func (c *Config) loadMetrics(addr, token string) error {
	c.MetricsAddr, c.MetricsToken = addr, token
	if c.MetricsPath == "" {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	switch {
	case err != nil:
		return fmt.Errorf("KITE_METRICS_ADDR %q is not host:port", addr)
	case addr == c.Addr:
		return errors.New("KITE_METRICS_ADDR must not be the API's address (KITE_ADDR)")
	case token != "" && (len(token) < 16 || strings.ContainsFunc(token, func(r rune) bool { return r <= ' ' || r > '~' })):
		return errors.New("KITE_METRICS_TOKEN must be at least 16 printable characters without spaces")
	case token == "" && c.Mode == Production && !isLoopback(host):
		return errors.New("KITE_METRICS_TOKEN is required in production when KITE_METRICS_ADDR is not a loopback address")
	}
	return nil
}

// inFlightPerCore is how many read operations run at once per core when
// KITE_MAX_IN_FLIGHT is 0. The load tool (32 clients, 10,000 children) gave
// the same or more throughput and a lower dashboard p99 with two than with
// four, on SQLite (p99 2.1 → 1.9× the floor's) and PostgreSQL (1.9 → 1.8×,
// and 161 → 131 ms during a login burst); with one, the SQLite dashboard's
// throughput fell (README, Performance).
const inFlightPerCore = 2

// parseInFlight reads how many GraphQL requests run at once: a whole
// number, 0 for inFlightPerCore per core.
func parseInFlight(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, errors.New("must be a whole number (0: two per core)")
	}
	if n == 0 {
		n = inFlightPerCore * runtime.GOMAXPROCS(0)
	}
	return n, nil
}

// loadLimits reads the GraphQL limits: positive whole numbers.
func (c *Config) loadLimits(get func(string) string) error {
	fields := []struct {
		flag string
		dst  *int
	}{{"max-depth", &c.Limits.MaxDepth}, {"max-complexity", &c.Limits.MaxComplexity}, {"max-aliases", &c.Limits.MaxAliases},
		{"max-root-fields", &c.Limits.MaxRootFields}, {"max-query-bytes", &c.Limits.MaxQueryBytes},
		{"max-tokens", &c.Limits.MaxTokens}, {"max-page-size", &c.Limits.MaxPageSize}}
	var errs []error
	for _, f := range fields {
		n, err := strconv.Atoi(get(f.flag))
		if err != nil || n < 1 {
			errs = append(errs, fmt.Errorf("--%s must be a whole number of 1 or more", f.flag))
			continue
		}
		*f.dst = n
	}
	return errors.Join(errs...)
}

// loadKeys parses the signing keys. Production refuses a missing or weak key;
// development makes a random one when none is given (tokens then last until
// the next start), but still refuses a malformed one.
func (c *Config) loadKeys(current, previous string) error {
	switch {
	case current != "":
		k, err := auth.ParseKey(current)
		if err != nil {
			return fmt.Errorf("KITE_SIGNING_KEY: %w", err)
		}
		c.Keys.Current = k
	case c.Mode == Production:
		return errors.New("KITE_SIGNING_KEY is required in production (at least 32 random bytes as base64)")
	default:
		c.Keys.Current = auth.RandomKey()
		c.KeyGenerated = true
	}
	keys, err := auth.ParseKeyList(previous)
	if err != nil {
		return fmt.Errorf("KITE_PREVIOUS_SIGNING_KEYS: %w", err)
	}
	c.Keys.Previous = keys
	return nil
}

// loadSMTP checks the notification URL. Production refuses to start without
// one (the log sender would drop urgent notifications); the server does not
// need to be reachable at start, since delivery retries.
func (c *Config) loadSMTP(raw string) error {
	if raw == "" {
		if c.Mode == Production {
			return errors.New("KITE_SMTP_URL is required in production: urgent notifications must reach people")
		}
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return errors.New("KITE_SMTP_URL must look like smtp://user:password@host:port?from=address")
	}
	if u.Query().Get("from") == "" {
		return errors.New("KITE_SMTP_URL needs a from= address")
	}
	c.SMTPURL = u
	return nil
}

// checkDemo refuses demo data where it must never be made.
func (c *Config) checkDemo() error {
	switch c.Demo {
	case DemoAuto, DemoOff:
		return nil
	case DemoOn:
		if c.Mode == Production {
			return errors.New("KITE_DEMO cannot be true in production mode")
		}
		if !c.Loopback() {
			return errors.New("KITE_DEMO can only be true when listening on a loopback address")
		}
		return nil
	}
	return fmt.Errorf("KITE_DEMO must be true, false or auto, not %q", c.Demo)
}

// Loopback reports whether the listen address is only reachable from this
// machine.
func (c *Config) Loopback() bool {
	host, _, err := net.SplitHostPort(c.Addr)
	return err == nil && isLoopback(host)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// WantDemo decides whether to create the demo data now: never in production
// or beyond loopback; when asked for explicitly, only on an empty database;
// by default, only on an empty embedded database in development.
func (c *Config) WantDemo(emptyDatabase, embedded bool) bool {
	if c.Mode == Production || !c.Loopback() || !emptyDatabase {
		return false
	}
	switch c.Demo {
	case DemoOn:
		return true
	case DemoAuto:
		return embedded
	}
	return false
}

// ParseSize reads a byte size such as "1MiB", "512KiB", "64kB" or "1000000".
func ParseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"kB", 1e3}, {"KB", 1e3}, {"B", 1}}
	num, mult := s, int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("%q is not a size such as 1MiB", s)
	}
	return n * mult, nil
}

// ParseRate reads a rate such as "600/min", "10/s" or "36000/h" and returns
// it per minute; "0" turns limiting off.
func ParseRate(s string) (int, error) {
	if s == "0" {
		return 0, nil
	}
	num, per, ok := strings.Cut(s, "/")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a rate such as 600/min (or 0 for off)", s)
	}
	switch per {
	case "s", "sec", "second":
		return n * 60, nil
	case "m", "min", "minute":
		return n, nil
	case "h", "hour":
		if n < 60 {
			return 1, nil
		}
		return n / 60, nil
	}
	return 0, fmt.Errorf("%q: the period must be s, min or h", s)
}

func parsePrefixes(csv string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(csv, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			// A single address is a /32 or /128.
			a, aerr := netip.ParseAddr(part)
			if aerr != nil {
				return nil, fmt.Errorf("%q is not a CIDR such as 10.0.0.0/8", part)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func parseDuration(s string, min, max time.Duration) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d < min || d > max {
		return 0, fmt.Errorf("%q must be a duration between %s and %s", s, min, max)
	}
	return d, nil
}

// loadInstances reads what several instances share: the events' bus and
// the shared store. Both default to memory on the embedded database (one
// process) and to PostgreSQL itself on PostgreSQL (no further service).
func (c *Config) loadInstances(events, store string) error {
	postgres := strings.HasPrefix(c.Database, "postgres://") || strings.HasPrefix(c.Database, "postgresql://")
	def := "memory"
	if postgres {
		def = "postgres"
	}
	c.Events, c.SharedStore = cmp.Or(events, def), cmp.Or(store, def)
	var errs []error
	switch {
	case c.Events == "memory", c.Events == "postgres" && postgres,
		strings.HasPrefix(c.Events, "nats://"), strings.HasPrefix(c.Events, "tls://"):
	default:
		errs = append(errs, fmt.Errorf("KITE_EVENTS must be memory, postgres (with a PostgreSQL database) or a nats:// URL, not %q", c.Events))
	}
	switch {
	case c.SharedStore == "memory", c.SharedStore == "postgres" && postgres,
		strings.HasPrefix(c.SharedStore, "redis://"), strings.HasPrefix(c.SharedStore, "rediss://"):
	default:
		errs = append(errs, fmt.Errorf("KITE_SHARED_STORE must be memory, postgres (with a PostgreSQL database) or a redis:// URL, not %q", c.SharedStore))
	}
	return errors.Join(errs...)
}
