// Command kite is the Kite server: the GraphQL backend of a portal for
// children in care or on a child protection plan, their parents, and the
// officers who chair their reviews.
//
//	kite [serve]   run the server (the default)
//	kite migrate   bring the database schema up to date and exit
//	kite seed      create the demo data in an empty database (never in production)
//	kite disable-demo-accounts
//	               disable the enabled accounts that still have the demo
//	               password (a production server refuses to start while any do)
//	kite import [flags] AUTHORITY FILE...
//	               import records from a case-management system: CSV files
//	               named for their kind (children.csv, users.csv, plans.csv,
//	               allocations.csv, family_links.csv, meetings.csv) or one .json
//	kite gen [flags] --children N [--seed S]
//	               add a generated authority of N children (never in production)
//	kite report [flags] --authority NAME --from DATE --to DATE [--format html|pdf] FILE
//	               write the statistics section of the annual report: every
//	               figure beside the period before, tables and charts; numbers
//	               only (PDF through headless Chromium)
//	kite backup [flags] FILE
//	               copy the embedded SQLite database to FILE, a new file, while
//	               the server runs (PostgreSQL: use pg_dump)
//
// Configuration comes from flags and KITE_* environment variables; see the
// README or `kite serve --help`.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"kite/ent/privacy"
	_ "kite/ent/runtime" // installs the privacy policies and hooks
	"kite/internal/accounts"
	"kite/internal/annualreport"
	"kite/internal/app"
	"kite/internal/audit"
	"kite/internal/auth"
	"kite/internal/civil"
	"kite/internal/config"
	"kite/internal/demo"
	"kite/internal/gen"
	"kite/internal/httpserver"
	"kite/internal/importer"
	"kite/internal/progress"
	"kite/internal/refdata"
	"kite/internal/reports"
	"kite/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// run dispatches a subcommand and returns the process exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	var rest []string // the arguments after the flags
	// Long commands show progress on a terminal, nothing when piped.
	meter := progress.ForTerminal(stderr)
	var genChildren int
	var genSeed int64
	var genPasswordFile string
	var rep reportOptions
	commands := map[string]func(context.Context, *config.Config, *slog.Logger) error{
		"serve":                 serve,
		"migrate":               migrate,
		"seed":                  seedDemo,
		"disable-demo-accounts": disableDemoAccounts,
		"backup": func(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
			return backup(progress.NewContext(ctx, meter), cfg, rest, log)
		},
		"import": func(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
			return importFiles(progress.NewContext(ctx, meter), cfg, rest, log)
		},
		"gen": func(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
			return generate(progress.NewContext(ctx, meter), cfg, genChildren, genSeed, genPasswordFile, log)
		},
		"report": func(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
			return writeReport(progress.NewContext(ctx, meter), cfg, rep, rest, getenv, log)
		},
	}
	fn, ok := commands[cmd]
	if !ok {
		fmt.Fprintf(stderr, "kite: unknown command %q (commands: serve, migrate, seed, disable-demo-accounts, backup, import, gen, report)\n", cmd)
		return 2
	}
	flags := func(fs *flag.FlagSet) {
		if cmd == "gen" {
			fs.IntVar(&genChildren, "children", gen.DefaultChildren, "children in the generated authority")
			fs.Int64Var(&genSeed, "seed", 1, "the seed the data is made from (the same seed gives the same data)")
			fs.StringVar(&genPasswordFile, "password-file", "", "a file holding the password every generated account signs in with (default: the published demo password)")
		}
		if cmd == "report" {
			fs.StringVar(&rep.authority, "authority", "", "the local authority's name, as Kite has it")
			fs.StringVar(&rep.from, "from", "", "the first day of the period, YYYY-MM-DD")
			fs.StringVar(&rep.to, "to", "", "the last day of the period (included), YYYY-MM-DD")
			fs.StringVar(&rep.format, "format", "", "html or pdf (default: from FILE's extension, else html)")
		}
	}
	cfg, fs, err := config.LoadWith(cmd, args, getenv, stderr, flags)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "kite %s: %v\n", cmd, err)
		return 2
	}
	rest = fs.Args()
	logger := slog.New(slog.NewJSONHandler(stdout, nil))
	slog.SetDefault(logger)
	if err := fn(ctx, cfg, logger); err != nil {
		logger.Error("kite "+cmd+" failed", "error", err)
		return 1
	}
	return 0
}

// defaultMemoryLimit is the Go runtime's soft memory limit unless GOMEMLIMIT
// says otherwise. Without one the heap may grow to twice its live size
// before a collection, and the freed pages stay resident for minutes; the
// limit keeps the whole process under docs/quality.md's 100 MB at the reference
// load (see README, Performance). It is soft: a heavier load gets the memory
// it needs, at the cost of more frequent collections.
const defaultMemoryLimit = 64 << 20

func limitMemory(log *slog.Logger) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(defaultMemoryLimit)
	log.Debug("memory limit", "bytes", defaultMemoryLimit)
}

// serve listens at once, then migrates and (maybe) seeds, and only then
// reports ready; it shuts down gracefully on SIGTERM or SIGINT.
func serve(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
	started := time.Now()
	limitMemory(log)
	st, err := store.Open(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer st.Close()

	kite, err := app.New(cfg, st, app.Options{})
	if err != nil {
		return err
	}
	srv := httpserver.NewServer(kite.Handler)
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	log.Info("listening", "addr", l.Addr().String(), "mode", cfg.Mode, "database", st.Dialect,
		"signing_key", cfg.Keys.Current.ID, "signing_key_generated", cfg.KeyGenerated)

	serveCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	metricsDone, err := serveMetrics(serveCtx, cfg, kite.Metrics, log)
	if err != nil {
		l.Close()
		return err
	}
	failed := make(chan error, 1) // start-up's error, so the exit code shows it
	var background sync.WaitGroup // start-up, the events, the outbox and the reminders
	// The other instances' events (KITE_EVENTS), from the start.
	background.Go(func() { kite.RunBackground(serveCtx) })
	background.Go(func() {
		if err := prepare(serveCtx, cfg, st, log); err != nil {
			log.Error("start-up failed", "error", err)
			failed <- err
			cancel()
			return
		}
		kite.Ready.Store(true)
		log.Info("ready", "after_ms", time.Since(started).Milliseconds())
		// Reminders run on one instance at a time (the leader); every
		// instance delivers the outbox, each notification claimed by one.
		background.Go(func() { st.AsLeader(serveCtx, "reminders", kite.Reminders.Run) })
		kite.Outbox.Run(serveCtx)
	})
	err = httpserver.Serve(serveCtx, srv, l, 30*time.Second)
	cancel()
	// The database closes only after the work in the background has
	// stopped.
	background.Wait()
	<-metricsDone
	log.Info("stopped")
	select {
	case startErr := <-failed:
		return errors.Join(startErr, err)
	default:
		return err
	}
}

// serveMetrics serves the metrics on their own listener until ctx ends;
// the returned channel closes when it has stopped. The address is
// loopback unless configured otherwise, so that the API's clients never
// see them.
func serveMetrics(ctx context.Context, cfg *config.Config, h http.Handler, log *slog.Logger) (<-chan struct{}, error) {
	done := make(chan struct{})
	if h == nil {
		close(done)
		return done, nil
	}
	l, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		return nil, fmt.Errorf("listen for metrics on %s: %w", cfg.MetricsAddr, err)
	}
	log.Info("metrics listening", "addr", l.Addr().String(), "path", cfg.MetricsPath, "token", cfg.MetricsToken != "")
	go func() {
		defer close(done)
		if err := httpserver.Serve(ctx, httpserver.NewServer(h), l, 5*time.Second); err != nil {
			log.Error("metrics server", "error", err)
		}
	}()
	return done, nil
}

// prepare migrates the schema, makes sure the reference data is there, and
// creates the demo data where configuration and an empty database allow.
func prepare(ctx context.Context, cfg *config.Config, st *store.Store, log *slog.Logger) error {
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	empty, err := demo.IsEmpty(ctx, st.Client)
	if err != nil {
		return err
	}
	if err := refdata.Write(ctx, st.Client); err != nil {
		return err
	}
	if cfg.Mode == config.Production {
		if err := refuseDemoPasswords(ctx, st, log); err != nil {
			return err
		}
	}
	if !cfg.WantDemo(empty, st.Dialect != "postgres") {
		return nil
	}
	log.Info("creating demo data", "password", demo.Password)
	return createDemo(ctx, st)
}

// refuseDemoPasswords stops a production server whose database came from a
// development server: its demo and generated accounts sign in with the
// published demo password.
func refuseDemoPasswords(ctx context.Context, st *store.Store, log *slog.Logger) error {
	hasher, err := auth.NewHasher(auth.DefaultArgon2Params, 0)
	if err != nil {
		return err
	}
	names, err := accounts.DemoPasswordAccounts(ctx, st.Client, hasher)
	if err != nil || len(names) == 0 {
		return err
	}
	shown := names
	if len(shown) > 50 {
		shown = shown[:50]
	}
	log.Error("enabled accounts still have the published demo password: disable them (setAccountActive, as an admin) "+
		"or change their passwords, for instance with `kite disable-demo-accounts`, then start again",
		"accounts", len(names), "usernames", shown)
	return fmt.Errorf("refusing to serve in production: %d enabled accounts have the demo password (%s is published)",
		len(names), demo.Password)
}

func createDemo(ctx context.Context, st *store.Store) error {
	hash, err := demo.HashPassword(ctx)
	if err != nil {
		return err
	}
	return demo.Write(ctx, st.Client, demo.Options{Today: civil.Today(), PasswordHash: hash})
}

// withStore opens the configured database, brings its schema up to date,
// runs fn on it and closes it: the frame of every command that works on the
// database and exits.
func withStore(ctx context.Context, cfg *config.Config, fn func(*store.Store) error) error {
	st, err := store.Open(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	return fn(st)
}

// migrate brings the schema up to date and exits.
func migrate(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
	return withStore(ctx, cfg, func(st *store.Store) error {
		if err := refdata.Write(ctx, st.Client); err != nil {
			return err
		}
		log.Info("database is up to date", "database", st.Dialect)
		return nil
	})
}

// seedDemo creates the demo data; it refuses production mode and a database
// that already holds data.
func seedDemo(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
	if cfg.Mode == config.Production {
		return errors.New("seed refuses production mode: demo data must never reach a live service")
	}
	return withStore(ctx, cfg, func(st *store.Store) error {
		empty, err := demo.IsEmpty(ctx, st.Client)
		if err != nil {
			return err
		}
		if !empty {
			return errors.New("seed refuses a database that already holds data")
		}
		if err := refdata.Write(ctx, st.Client); err != nil {
			return err
		}
		if err := createDemo(ctx, st); err != nil {
			return err
		}
		log.Info("demo data created", "password", demo.Password)
		return nil
	})
}

// disableDemoAccounts disables every enabled account that still has the
// demo password, in any mode: it is how a production database copied from
// a development server is made safe to serve.
func disableDemoAccounts(ctx context.Context, cfg *config.Config, log *slog.Logger) error {
	return withStore(ctx, cfg, func(st *store.Store) error {
		hasher, err := auth.NewHasher(auth.DefaultArgon2Params, 0)
		if err != nil {
			return err
		}
		names, err := accounts.DisableDemoPasswordAccounts(ctx, st.Client, hasher, time.Now())
		if err != nil {
			return err
		}
		log.Info("disabled the accounts that had the demo password", "accounts", len(names), "usernames", names)
		return nil
	})
}

// backup copies the embedded database to a new file named by the one
// argument, safely while a server is using it (see store.Backup).
func backup(ctx context.Context, cfg *config.Config, args []string, log *slog.Logger) error {
	if len(args) != 1 {
		return errors.New("usage: kite backup [flags] FILE (FILE must not exist yet; flags go before it)")
	}
	if store.IsPostgres(cfg.Database) {
		return store.ErrBackupPostgres
	}
	// Opening a missing file would create an empty database and back that up.
	if _, err := os.Stat(cfg.Database); err != nil {
		return fmt.Errorf("no database to back up: %w", err)
	}
	st, err := store.Open(ctx, cfg.Database)
	if err != nil {
		return err
	}
	defer st.Close()
	started := time.Now()
	if err := st.Backup(ctx, args[0]); err != nil {
		return err
	}
	log.Info("backup written", "database", cfg.Database, "to", args[0], "after_ms", time.Since(started).Milliseconds())
	return nil
}

// importFiles imports a local authority's records from its case-management
// system: all or nothing, printing the report.
func importFiles(ctx context.Context, cfg *config.Config, args []string, log *slog.Logger) error {
	if len(args) < 2 {
		return errors.New("usage: kite import [flags] AUTHORITY FILE... (CSV files named for their kind, or one .json file)")
	}
	return withStore(ctx, cfg, func(st *store.Store) error {
		format, files, err := importer.ReadFiles(args[1:])
		if err != nil {
			return err
		}
		la, err := importer.AuthorityNamed(ctx, st.Client, args[0])
		if err != nil {
			return err
		}
		// The command line is the system, run by an operator: it imports every kind.
		report, err := importer.Import(privacy.DecisionContext(ctx, privacy.Allow), st.Client, la, format, files)
		if err != nil {
			return err
		}
		for _, k := range report.Kinds {
			log.Info("import", "kind", k.Kind, "rows", k.Rows, "created", k.Created, "updated", k.Updated,
				"unchanged", k.Unchanged, "rejected", k.Rejected)
		}
		if !report.Applied {
			for _, p := range report.Problems() {
				log.Error("import refused row", "problem", p)
			}
			return errors.New("nothing was imported: fix the rows above and run it again")
		}
		return st.Analyze(ctx)
	})
}

// generate adds a generated authority for performance work: any database,
// existing data left alone; refused in production mode.
func generate(ctx context.Context, cfg *config.Config, children int, seedValue int64, passwordFile string, log *slog.Logger) error {
	if cfg.Mode == config.Production {
		return errors.New("gen refuses production mode: generated accounts share one password")
	}
	if children < 1 || children > gen.MaxChildren {
		return fmt.Errorf("--children must be between 1 and %d", gen.MaxChildren)
	}
	password, hash, err := genPassword(ctx, passwordFile)
	if err != nil {
		return err
	}
	return withStore(ctx, cfg, func(st *store.Store) error {
		r, err := gen.Generate(ctx, st.Client, gen.Options{Children: children, Seed: seedValue, PasswordHash: hash})
		if err != nil {
			return err
		}
		if err := st.Analyze(ctx); err != nil {
			return err
		}
		log.Info("generated", "authority", r.Name, "children", r.Children, "staff", r.Staff, "parents", r.Parents,
			"accounts", r.Accounts, "plans", r.Plans, "meetings", r.Meetings, "submissions", r.Submissions, "alerts", r.Alerts,
			"took_ms", r.Took.Milliseconds(), "password", password)
		return nil
	})
}

// genPassword is the password generated accounts sign in with, and its
// hash: the demo password unless a file names another. The load tool uses
// its own, so that its production server does not refuse to start over
// accounts with the published one.
func genPassword(ctx context.Context, file string) (shown, hash string, err error) {
	if file == "" {
		hash, err = demo.HashPassword(ctx)
		return demo.Password, hash, err
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", "", fmt.Errorf("--password-file: %w", err)
	}
	password := strings.TrimRight(string(b), "\r\n")
	if len(password) < 12 {
		return "", "", errors.New("--password-file: the password must have at least 12 characters")
	}
	hasher, err := auth.NewHasher(auth.DefaultArgon2Params, 1)
	if err != nil {
		return "", "", err
	}
	hash, err = hasher.Hash(ctx, password)
	return "(from " + file + ")", hash, err
}

// reportOptions are the flags of `kite report`.
type reportOptions struct{ authority, from, to, format string }

// writeReport writes the statistics section of an authority's annual report
// to one file, HTML or PDF. It runs as the system acting as a manager of
// the authority (reports.AsManagerOf): the same figures, through the same
// code and rules, as a manager's authorityFigures; the report holds numbers
// only.
func writeReport(ctx context.Context, cfg *config.Config, o reportOptions, args []string, getenv func(string) string, log *slog.Logger) error {
	if len(args) != 1 || o.authority == "" || o.from == "" || o.to == "" {
		return errors.New("usage: kite report [flags] --authority NAME --from YYYY-MM-DD --to YYYY-MM-DD [--format html|pdf] FILE")
	}
	file := args[0]
	from, err := civil.Parse(o.from)
	if err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	to, err := civil.Parse(o.to)
	if err != nil {
		return fmt.Errorf("--to: %w", err)
	}
	format := o.format
	if format == "" {
		format = "html"
		if strings.EqualFold(filepath.Ext(file), ".pdf") {
			format = "pdf"
		}
	}
	var chromium string
	switch format {
	case "html":
	case "pdf":
		if chromium, err = annualreport.FindChromium(getenv); err != nil {
			return err // before any work
		}
	default:
		return fmt.Errorf("--format must be html or pdf, not %q", format)
	}
	return withStore(ctx, cfg, func(st *store.Store) error {
		started := time.Now()
		meter := progress.From(ctx)
		defer meter.Done()
		meter.Show("reading the records of %s", o.authority)
		mctx, authorityID, err := reports.AsManagerOf(ctx, st.Client, o.authority)
		if err != nil {
			return err
		}
		annual, err := reports.AnnualFigures(mctx, st.Client, from, to)
		if err != nil {
			return err
		}
		r, err := annualreport.Build(ctx, annual, civil.Today())
		if err != nil {
			return err
		}
		htmlFile := file
		if format == "pdf" {
			dir, err := os.MkdirTemp("", "kite-report-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			htmlFile = filepath.Join(dir, "report.html")
		}
		if err := writeFile(htmlFile, func(w io.Writer) error { return annualreport.WriteHTML(w, r) }); err != nil {
			return err
		}
		if format == "pdf" {
			meter.Show("printing the PDF with %s", filepath.Base(chromium))
			if err := annualreport.WritePDF(ctx, chromium, htmlFile, file); err != nil {
				return err
			}
		}
		// The audit log says the authority's figures left Kite, and when.
		if err := audit.Record(ctx, st.Client, audit.Event{Action: audit.ReportWritten, EntityType: "figures",
			EntityID: from.String() + "/" + to.String(), AuthorityID: authorityID, Reason: "kite report"}); err != nil {
			return err
		}
		meter.Done()
		log.Info("report written", "authority", o.authority, "from", from.String(), "to", to.String(), "format", format,
			"file", file, "charts", r.Charts, "small_counts_suppressed", r.Suppress, "took_ms", time.Since(started).Milliseconds())
		return nil
	})
}

// writeFile writes a file through fn, and removes it if fn fails.
func writeFile(name string, fn func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := errors.Join(fn(f), f.Close()); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}
