//go:build ignore

// diff.go writes a new versioned PostgreSQL migration for the changes between
// the checked-in migrations and the ent schema, using Atlas through ent. It
// needs a PostgreSQL server to replay the migrations on (a scratch database
// is created and dropped). Run it by hand after changing ent/schema:
//
//	go run -mod=mod internal/store/migrations/diff.go <name>
//
// After merging branches that each added a migration, the checksum file
// (atlas.sum) conflicts: write it afresh from the files with
//
//	go run -mod=mod internal/store/migrations/diff.go -rehash
//
// then run TestPostgresMigrationsMatchSchema, which replays them all.
//
// with KITE_DEV_POSTGRES set to a server URL (default
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable). Never from
// go generate: Atlas names files by time, so generated output would differ on
// every run.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"net/url"
	"os"

	atlas "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/jackc/pgx/v5/stdlib"

	"kite/ent/migrate"
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: go run -mod=mod internal/store/migrations/diff.go <name> | -rehash")
	}
	if os.Args[1] == "-rehash" {
		if err := rehash(); err != nil {
			log.Fatal(err)
		}
		return
	}
	server := os.Getenv("KITE_DEV_POSTGRES")
	if server == "" {
		server = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx := context.Background()
	devURL, drop, err := scratchDatabase(ctx, server)
	if err != nil {
		log.Fatal(err)
	}
	// log.Fatal skips deferred calls: drop the scratch database on every path.
	code := run(ctx, devURL)
	drop()
	os.Exit(code)
}

func run(ctx context.Context, devURL string) int {
	dir, err := atlas.NewLocalDir("internal/store/migrations/postgres")
	if err != nil {
		log.Printf("open migration dir (run from the module root): %v", err)
		return 1
	}
	dev, err := sql.Open("pgx", devURL)
	if err != nil {
		log.Print(err)
		return 1
	}
	defer dev.Close()
	m, err := schema.NewMigrate(entsql.OpenDB(dialect.Postgres, dev),
		schema.WithDir(dir),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(dialect.Postgres),
		schema.WithFormatter(atlas.DefaultFormatter),
	)
	if err != nil {
		log.Printf("diff: %v", err)
		return 1
	}
	if err := m.NamedDiff(ctx, os.Args[1], migrate.Tables...); err != nil {
		log.Printf("diff: %v", err)
		return 1
	}
	return 0
}

// scratchDatabase creates an empty database to replay migrations on.
func scratchDatabase(ctx context.Context, server string) (string, func(), error) {
	db, err := sql.Open("pgx", server)
	if err != nil {
		return "", nil, err
	}
	name := fmt.Sprintf("kite_migrate_dev_%d", os.Getpid())
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", nil, fmt.Errorf("create scratch database: %w", err)
	}
	u, err := url.Parse(server)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		if _, err := db.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			log.Printf("drop scratch database %s: %v", name, err)
		}
		db.Close()
	}
	return u.String(), drop, nil
}

// rehash writes atlas.sum from the migration files as they are.
func rehash() error {
	dir, err := atlas.NewLocalDir("internal/store/migrations/postgres")
	if err != nil {
		return fmt.Errorf("open migration dir (run from the module root): %w", err)
	}
	sum, err := dir.Checksum()
	if err != nil {
		return err
	}
	return atlas.WriteSumFile(dir, sum)
}
