package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"

	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Driver is ent's driver over a pool of pgx connections (pgx's
// database/sql driver) that sends the first statements of a group of reads
// (Together) in one batch. Every other statement, and every write, passes
// to ent's driver unchanged.
type Driver struct {
	*entsql.Driver
	replay *sql.DB // hands out a batch's rows as database/sql rows

	batches, statements atomic.Int64
}

// Wrap returns drv, which must be over pgx's database/sql driver, sending
// groups of reads in batches.
func Wrap(drv *entsql.Driver) *Driver {
	return &Driver{Driver: drv, replay: openReplay()}
}

// Batches reports how many batches the driver has sent and how many
// statements they held.
func (d *Driver) Batches() (batches, statements int64) {
	return d.batches.Load(), d.statements.Load()
}

// QueryContext runs a statement read outside ent's builders (ent's
// execquery feature; internal/access's reads), in a batch when it is a
// group's read's first.
func (d *Driver) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if rows, ok, err := join(ctx, d, query, args); ok {
		return rows, err
	}
	return d.Driver.QueryContext(ctx, query, args...)
}

// Query runs a statement ent's builders made, in a batch when it is a
// group's read's first.
func (d *Driver) Query(ctx context.Context, query string, args, v any) error {
	argv, isArgs := args.([]any)
	vr, isRows := v.(*entsql.Rows)
	if isArgs && isRows {
		rows, ok, err := join(ctx, d, query, argv)
		if ok {
			if err != nil {
				return err
			}
			*vr = entsql.Rows{ColumnScanner: rows}
			return nil
		}
	}
	return d.Driver.Query(ctx, query, args, v)
}

// Close closes the pool and the replay.
func (d *Driver) Close() error {
	d.replay.Close()
	return d.Driver.Close()
}

// send sends stmts in one batch on one connection and replies to each with
// its own rows or error.
func (d *Driver) send(ctx context.Context, stmts []*statement) {
	results, err := d.batch(ctx, stmts)
	for i, st := range stmts {
		if results[i] == nil { // the batch did not reach this statement
			st.reply <- reply{err: err}
			continue
		}
		st.reply <- reply{result: results[i]}
	}
}

// batch runs stmts in one round trip. PostgreSQL runs a batch's statements
// in one implicit transaction, so they read one snapshot; a statement that
// fails ends the rest with an error of their own.
func (d *Driver) batch(ctx context.Context, stmts []*statement) ([]*result, error) {
	results := make([]*result, len(stmts))
	conn, err := d.DB().Conn(ctx)
	if err != nil {
		return results, fmt.Errorf("pipeline: connection: %w", err)
	}
	defer conn.Close()
	err = conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("pipeline: %T is not pgx's connection", driverConn)
		}
		b := &pgx.Batch{}
		for _, st := range stmts {
			b.Queue(st.query, st.args...)
		}
		d.batches.Add(1)
		d.statements.Add(int64(len(stmts)))
		br := c.Conn().SendBatch(ctx, b)
		for i := range stmts {
			results[i] = collect(c.Conn().TypeMap(), br)
		}
		return br.Close()
	})
	if err != nil {
		err = fmt.Errorf("pipeline: batch: %w", err)
	}
	return results, err
}

// open hands a statement's result to its read as database/sql rows.
func (d *Driver) open(ctx context.Context, r *result) (*sql.Rows, error) {
	if r.err != nil {
		return nil, r.err
	}
	return d.replay.QueryContext(ctx, "", r)
}
