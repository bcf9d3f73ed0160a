package pipeline

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// result is one statement's rows, read whole from the batch as the values
// pgx's database/sql driver would have given database/sql for them.
type result struct {
	columns []string
	rows    [][]driver.Value
	err     error
}

// collect allocates rows' values a chunk at a time: firstChunkRows rows,
// then twice as many each time up to chunkRows. Most of a dashboard's
// results are a few rows, where a first chunk of 64 rows was most of the
// request's allocated bytes (50 of 170 KB); a caseload's hundreds of
// meetings still come in a few allocations.
const (
	firstChunkRows = 4
	chunkRows      = 64
)

// collect reads the batch's next result.
func collect(m *pgtype.Map, br pgx.BatchResults) *result {
	rows, err := br.Query()
	if err != nil {
		return &result{err: err}
	}
	defer rows.Close()
	fields := rows.FieldDescriptions()
	r := &result{columns: make([]string, len(fields))}
	convert := make([]func([]byte) (driver.Value, error), len(fields))
	for i, f := range fields {
		r.columns[i] = f.Name
		convert[i] = valueOf(m, f)
	}
	var chunk []driver.Value // rows' values, a chunk at a time
	next := firstChunkRows
	for rows.Next() {
		if len(chunk)+len(fields) > cap(chunk) {
			chunk = make([]driver.Value, 0, next*len(fields))
			next = min(2*next, chunkRows)
		}
		start := len(chunk)
		for i, src := range rows.RawValues() {
			var v driver.Value // nil: NULL
			if src != nil {
				if v, err = convert[i](src); err != nil {
					return &result{err: fmt.Errorf("pipeline: column %s: %w", r.columns[i], err)}
				}
			}
			chunk = append(chunk, v)
		}
		r.rows = append(r.rows, chunk[start:len(chunk):len(chunk)])
	}
	if err := rows.Err(); err != nil {
		return &result{err: err}
	}
	return r
}

// valueOf converts a column's values as pgx's database/sql driver does
// (stdlib's Rows.Next): the Go type database/sql then scans from is the
// same, so a read scans a batch's rows as it scans its own.
func valueOf(m *pgtype.Map, f pgconn.FieldDescription) func([]byte) (driver.Value, error) {
	oid, format := f.DataTypeOID, f.Format
	switch oid {
	case pgtype.BoolOID:
		return scanAs[bool](m, oid, format, func(v bool) (driver.Value, error) { return v, nil })
	case pgtype.ByteaOID, pgtype.JSONOID, pgtype.JSONBOID, pgtype.XMLOID:
		return scanAs[[]byte](m, oid, format, copyBytes)
	case pgtype.CIDOID, pgtype.OIDOID, pgtype.XIDOID:
		return scanAs[pgtype.Uint32](m, oid, format, pgtype.Uint32.Value)
	case pgtype.DateOID:
		return scanAs[pgtype.Date](m, oid, format, pgtype.Date.Value)
	case pgtype.Float4OID:
		return scanAs[float32](m, oid, format, func(v float32) (driver.Value, error) { return float64(v), nil })
	case pgtype.Float8OID:
		return scanAs[float64](m, oid, format, func(v float64) (driver.Value, error) { return v, nil })
	case pgtype.Int2OID:
		return scanAs[int16](m, oid, format, func(v int16) (driver.Value, error) { return int64(v), nil })
	case pgtype.Int4OID:
		return scanAs[int32](m, oid, format, func(v int32) (driver.Value, error) { return int64(v), nil })
	case pgtype.Int8OID:
		return scanAs[int64](m, oid, format, func(v int64) (driver.Value, error) { return v, nil })
	case pgtype.TimestampOID:
		return scanAs[pgtype.Timestamp](m, oid, format, pgtype.Timestamp.Value)
	case pgtype.TimestamptzOID:
		return scanAs[pgtype.Timestamptz](m, oid, format, pgtype.Timestamptz.Value)
	default:
		return scanAs[string](m, oid, format, func(v string) (driver.Value, error) { return v, nil })
	}
}

// scanAs decodes a column into T and makes it a driver value. Like
// stdlib's, it decodes every row into one T: the driver value is a copy of
// it, except a []byte's, which copyBytes makes one.
func scanAs[T any](m *pgtype.Map, oid uint32, format int16, value func(T) (driver.Value, error)) func([]byte) (driver.Value, error) {
	var v T
	plan := m.PlanScan(oid, format, &v)
	return func(src []byte) (driver.Value, error) {
		if err := plan.Scan(src, &v); err != nil {
			return nil, err
		}
		return value(v)
	}
}

// copyBytes keeps a []byte value from the next row's decoding: stdlib's
// database/sql rows are scanned one at a time, a batch's are all kept.
func copyBytes(v []byte) (driver.Value, error) { return bytes.Clone(v), nil }

// openReplay opens the database/sql pool that hands out results: its
// "query" is the result itself, so database/sql scans it (convertAssign)
// as it scans pgx's rows.
func openReplay() *sql.DB {
	db := sql.OpenDB(replayConnector{})
	db.SetMaxIdleConns(64)
	return db
}

type replayConnector struct{}

func (replayConnector) Connect(context.Context) (driver.Conn, error) { return replayConn{}, nil }
func (replayConnector) Driver() driver.Driver                        { return replayDriver{} }

type replayDriver struct{}

func (replayDriver) Open(string) (driver.Conn, error) { return replayConn{}, nil }

var errReplayOnly = errors.New("pipeline: the replay connection only hands out a batch's results")

type replayConn struct{}

func (replayConn) Prepare(string) (driver.Stmt, error)         { return nil, errReplayOnly }
func (replayConn) Close() error                                { return nil }
func (replayConn) Begin() (driver.Tx, error)                   { return nil, errReplayOnly }
func (replayConn) CheckNamedValue(nv *driver.NamedValue) error { return nil }

func (replayConn) QueryContext(_ context.Context, _ string, args []driver.NamedValue) (driver.Rows, error) {
	if len(args) != 1 {
		return nil, errReplayOnly
	}
	r, ok := args[0].Value.(*result)
	if !ok {
		return nil, errReplayOnly
	}
	return &replayRows{r: r}, nil
}

type replayRows struct {
	r    *result
	next int
}

func (rr *replayRows) Columns() []string { return rr.r.columns }
func (rr *replayRows) Close() error      { return nil }

func (rr *replayRows) Next(dest []driver.Value) error {
	if rr.next >= len(rr.r.rows) {
		return io.EOF
	}
	copy(dest, rr.r.rows[rr.next])
	rr.next++
	return nil
}
