// Package app assembles Kite from its parts: the services (sessions,
// accounts) over the store, the GraphQL resolvers and handler, and the HTTP
// routes. server.go and the API tests build the server the same way,
// through here.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"kite/graph"
	"kite/internal/accounts"
	"kite/internal/advocacy"
	"kite/internal/alerts"
	"kite/internal/auth"
	"kite/internal/availability"
	"kite/internal/caseadmin"
	"kite/internal/config"
	"kite/internal/dashboard"
	"kite/internal/events"
	"kite/internal/httpserver"
	"kite/internal/letters"
	"kite/internal/meetings"
	"kite/internal/metrics"
	"kite/internal/notify"
	"kite/internal/parents"
	"kite/internal/pictures"
	"kite/internal/plans"
	"kite/internal/reminders"
	"kite/internal/session"
	"kite/internal/settings"
	"kite/internal/shared"
	"kite/internal/sso"
	"kite/internal/store"
	"kite/internal/wishes"
	"kite/web"
)

// Token issuer and audience: fixed, so that a token from another system
// signed with the same key is still refused.
const (
	TokenIssuer   = "kite"
	TokenAudience = "kite-api"
)

// App is an assembled server.
type App struct {
	Handler http.Handler
	// Metrics serves the metrics on their own listener (KITE_METRICS_ADDR);
	// nil when they are off.
	Metrics http.Handler
	// Ready is set once start-up work (migrations, demo data) is done.
	Ready    *atomic.Bool
	Sessions *session.Service
	Accounts *accounts.Service
	Wishes   *wishes.Service
	// Alerts is the chairs' alerts (tests set its clock).
	Alerts *alerts.Service
	Events *events.Broker
	// Outbox delivers notifications; server.go runs it.
	Outbox *notify.Worker
	// Reminders tells people of meetings to come and replies overdue;
	// server.go runs it.
	Reminders *reminders.Scheduler
	// SignIn is staff sign-in through identity providers.
	SignIn *sso.Service
	// Shared keeps the login throttle and rate limit (KITE_SHARED_STORE).
	Shared shared.Store
}

// RunBackground runs, until ctx ends, the work every instance does beside
// answering requests from the start: receiving the other instances' events.
func (a *App) RunBackground(ctx context.Context) { a.Events.Run(ctx) }

// Options adjust the assembly for tests.
type Options struct {
	// Hasher replaces the production argon2id hasher (tests use cheap
	// parameters).
	Hasher *auth.Hasher
	// Now replaces the clock of tokens, sessions, the services, the outbox
	// and the reminders.
	Now func() time.Time
	// Sender replaces the notification sender chosen from the configuration.
	Sender notify.Sender
	// Logger writes the request log; nil means slog's default.
	Logger *slog.Logger
}

// New builds the server over an open store.
func New(cfg *config.Config, st *store.Store, opts Options) (*App, error) {
	tokens, err := auth.NewTokens(auth.TokenConfig{
		Keys: cfg.Keys, Issuer: TokenIssuer, Audience: TokenAudience, Lifetime: cfg.AccessTokenTTL, Now: opts.Now,
	})
	if err != nil {
		return nil, err
	}
	hasher := opts.Hasher
	if hasher == nil {
		// At most one hash per two cores, so a burst of logins cannot starve
		// other requests.
		if hasher, err = auth.NewHasher(auth.DefaultArgon2Params, 0); err != nil {
			return nil, fmt.Errorf("password hasher: %w", err)
		}
	}
	shareCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var pg shared.Execer
	if st.Dialect == "postgres" {
		pg = st.DB
	}
	sharedStore, err := shared.Open(shareCtx, cfg.SharedStore, pg)
	if err != nil {
		return nil, err
	}
	throttle := auth.NewThrottle(auth.ThrottleConfig{Now: opts.Now, Store: sharedStore})
	broker, err := events.Open(cfg.Events, cfg.Database, st.DB)
	if err != nil {
		return nil, err
	}
	notify.PublishNotices(st.Client, broker)
	sessions := &session.Service{Client: st.Client, Tokens: tokens, Hasher: hasher, Throttle: throttle,
		RefreshTTL: cfg.RefreshTokenTTL, Events: broker, Clock: opts.Now,
		// Several instances: a session ended on one is refused on all at once.
		CheckSessionEveryRequest: cfg.SharedStore != shared.KindMemory || cfg.Events != "memory"}
	accts := &accounts.Service{Client: st.Client, Sessions: sessions, Hasher: hasher, Throttle: throttle, Clock: opts.Now}
	outbox := &notify.Worker{Client: st.Client, Sender: sender(cfg, opts), Wake: make(chan struct{}, 1), Now: opts.Now,
		Lease: cfg.OutboxLease}
	wakeOutbox := func() {
		select {
		case outbox.Wake <- struct{}{}:
		default: // a wake-up is already waiting
		}
	}
	advocacySvc := &advocacy.Service{Client: st.Client, Clock: opts.Now, Wake: wakeOutbox}
	wishesSvc := &wishes.Service{Client: st.Client, Events: broker, Clock: opts.Now, Wake: wakeOutbox, Advocacy: advocacySvc}

	alertSvc := &alerts.Service{Client: st.Client, Clock: opts.Now}
	var ready atomic.Bool
	dev := cfg.Mode == config.Development
	signIn := staffSignIn(cfg, st, sessions, opts)
	resolver := &graph.Resolver{SignIn: signIn, Client: st.Client, Sessions: sessions, Accounts: accts, Wishes: wishesSvc, Events: broker,
		Meetings:     &meetings.Service{Client: st.Client, Clock: opts.Now, Plans: dashboard.Plans, Meetings: dashboard.Meetings},
		Plans:        &plans.Service{Client: st.Client, Clock: opts.Now},
		AlertService: alertSvc,
		CaseAdmin:    &caseadmin.Service{Client: st.Client},
		Parents:      &parents.Service{Client: st.Client, Clock: opts.Now},
		Notices:      &notify.Inbox{Client: st.Client, Clock: opts.Now},
		Hours:        &availability.Service{Client: st.Client},
		Advocacy:     advocacySvc,
		Letters:      &letters.Service{Client: st.Client, Clock: opts.Now},
		Settings:     &settings.Service{Client: st.Client},
	}
	l := cfg.Limits
	m := metrics.New(st.DB, func(ctx context.Context) (int, error) { return notify.Backlog(ctx, st.Client) })
	sessions.OnLoginFailure = m.LoginFailed
	limit := newBudget(cfg.RateLimit, tokens, sharedStore)
	// A request with pictures may be as big as the most pictures one
	// submission takes, plus the usual body for the rest.
	maxUpload := cfg.MaxBody + pictures.MaxPerSubmission*pictures.MaxBytes
	gql := graph.NewHandler(resolver, graph.HandlerOptions{Development: dev, WebsocketInit: sessions.WebsocketInit,
		Observe: m.Observe, Budget: limit.Operation, MaxUploadBytes: maxUpload, MaxQueriesInFlight: cfg.MaxInFlight,
		Limits: graph.Limits{MaxDepth: l.MaxDepth, MaxComplexity: l.MaxComplexity, MaxAliases: l.MaxAliases,
			MaxRootFields: l.MaxRootFields, MaxQueryBytes: l.MaxQueryBytes, MaxTokens: l.MaxTokens},
		Pages: graph.PageLimits{Default: min(graph.DefaultPageLimits.Default, l.MaxPageSize), Max: l.MaxPageSize}})
	// Requests are limited per viewer (or address) before anything is loaded;
	// then the viewer is loaded (each operation audits its reads: graph).
	query := limit.Middleware(sessions.Middleware(gql))
	h := httpserver.NewHandler(httpserver.Options{
		CORSOrigins: cfg.CORSOrigins,
		Logger:      opts.Logger,
		GraphQL:     query,
		Ping:        st.Ping,
		Dependencies: []httpserver.Dependency{
			{Name: "events", Check: func(context.Context) error { return broker.Healthy() }},
			{Name: "sharedStore", Check: sharedStore.Ping},
		},
		Ready:           &ready,
		Development:     dev,
		MaxBody:         cfg.MaxBody,
		MaxUploadBody:   maxUpload,
		TrustedProxies:  cfg.TrustedProxies,
		Attachments:     limit.Middleware(sessions.Middleware(httpserver.Download(attachments(wishesSvc)))),
		SignIn:          signInRoutes(signIn, cfg, limit),
		BrowserSessions: browserRoutes(sessions, signIn, cfg, limit),
		Portal:          web.Portal(),
	})
	var metricsHandler http.Handler
	if cfg.MetricsPath != "" {
		metricsHandler = httpserver.MetricsHandler(m.Handler(), cfg.MetricsPath, cfg.MetricsToken)
	}
	return &App{Handler: h, Metrics: metricsHandler, Ready: &ready, Sessions: sessions, Accounts: accts, Wishes: wishesSvc, Alerts: alertSvc,
		Events: broker, Outbox: outbox, Reminders: &reminders.Scheduler{Client: st.Client, Now: opts.Now},
		SignIn: signIn, Shared: sharedStore}, nil
}

// attachments opens a picture for download, under the viewer's rules.
func attachments(w *wishes.Service) func(context.Context, string) (*httpserver.File, error) {
	return func(ctx context.Context, id string) (*httpserver.File, error) {
		d, err := w.Attachment(ctx, id)
		if err != nil {
			return nil, err
		}
		return &httpserver.File{ContentType: d.ContentType, Name: d.FileName, Data: d.Data}, nil
	}
}

// sender is SMTP when configured; otherwise (development only: production
// refuses to start without KITE_SMTP_URL) notifications are logged.
func sender(cfg *config.Config, opts Options) notify.Sender {
	switch {
	case opts.Sender != nil:
		return opts.Sender
	case cfg.SMTPURL != nil:
		return notify.SMTPSender{URL: cfg.SMTPURL}
	}
	return notify.LogSender{Logger: slog.Default()}
}
