package store

import (
	"container/list"
	"context"
	"database/sql/driver"
	"fmt"
	"sync"

	"modernc.org/sqlite"
)

// SQLite parses and plans every statement it is given; the pure-Go driver
// keeps nothing between calls of database/sql's Query and Exec. Profiles of
// the child dashboard showed parsing and planning taking about 40% of the
// server's CPU, for the same few dozen statement texts again and again. So
// each SQLite connection keeps the statements it has prepared, keyed by their
// text, and runs them again with new arguments. (PostgreSQL needs none of
// this: pgx keeps a statement cache per connection itself.)

// stmtCacheSize is how many prepared statements one connection keeps. Ent
// writes the same few statement shapes; the variety comes from IN lists of
// different lengths, and the least recently used ones make way.
const stmtCacheSize = 128

// cachingConnector opens SQLite connections that keep their statements.
type cachingConnector struct {
	base driver.Connector
}

func newCachingConnector(dsn string) (*cachingConnector, error) {
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return &cachingConnector{base: base}, nil
}

func (c *cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.base.Connect(ctx)
	if err != nil {
		return nil, err
	}
	sc, ok := conn.(sqliteConn)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("store: the sqlite driver's connection (%T) lacks a method the statement cache needs", conn)
	}
	return &cachingConn{sqliteConn: sc, stmts: map[string]*cachedStmt{}, lru: list.New()}, nil
}

func (c *cachingConnector) Driver() driver.Driver { return c.base.Driver() }

// sqliteConn is what database/sql uses of the driver's connection; the
// wrapper passes all of it through and adds the cache to queries and execs.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.QueryerContext
	driver.ExecerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// sqliteStmt is what the cache needs of a prepared statement.
type sqliteStmt interface {
	driver.Stmt
	driver.StmtQueryContext
	driver.StmtExecContext
}

// sqliteRows is the driver's result set with its column types, which the
// wrapper keeps visible to database/sql's Rows.ColumnTypes.
type sqliteRows interface {
	driver.Rows
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeLength
	driver.RowsColumnTypeNullable
	driver.RowsColumnTypePrecisionScale
	driver.RowsColumnTypeScanType
}

type cachedStmt struct {
	query string
	stmt  sqliteStmt
	// busy: a result set is still open on it (a statement runs once at a
	// time; a nested query with the same text gets a statement of its own).
	busy bool
	elem *list.Element
}

// cachingConn is one SQLite connection and its statements. database/sql
// uses a connection from one goroutine at a time; the mutex only guards
// against a result set being closed from another one.
type cachingConn struct {
	sqliteConn
	mu    sync.Mutex
	stmts map[string]*cachedStmt
	lru   *list.List // of *cachedStmt, most recently used first
}

// acquire returns a prepared statement for query and the function that
// gives it back once its result is read.
func (c *cachingConn) acquire(ctx context.Context, query string) (sqliteStmt, func() error, error) {
	c.mu.Lock()
	if cs, ok := c.stmts[query]; ok && !cs.busy {
		cs.busy = true
		c.lru.MoveToFront(cs.elem)
		c.mu.Unlock()
		return cs.stmt, func() error { c.release(cs); return nil }, nil
	}
	c.mu.Unlock()

	prepared, err := c.sqliteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, nil, err
	}
	st, ok := prepared.(sqliteStmt)
	if !ok {
		prepared.Close()
		return nil, nil, fmt.Errorf("store: the sqlite driver's statement (%T) lacks a method the statement cache needs", prepared)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.stmts[query]; ok {
		// The cached one is in use: this one serves once.
		return st, st.Close, nil
	}
	cs := &cachedStmt{query: query, stmt: st, busy: true}
	cs.elem = c.lru.PushFront(cs)
	c.stmts[query] = cs
	c.evict()
	return st, func() error { c.release(cs); return nil }, nil
}

func (c *cachingConn) release(cs *cachedStmt) {
	c.mu.Lock()
	cs.busy = false
	c.mu.Unlock()
}

// evict closes the least recently used idle statements beyond the cache's
// size. Called with the mutex held.
func (c *cachingConn) evict() {
	for e := c.lru.Back(); e != nil && c.lru.Len() > stmtCacheSize; {
		cs := e.Value.(*cachedStmt)
		prev := e.Prev()
		if !cs.busy {
			c.lru.Remove(e)
			delete(c.stmts, cs.query)
			_ = cs.stmt.Close()
		}
		e = prev
	}
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	st, release, err := c.acquire(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args)
	if err != nil {
		_ = release()
		return nil, err
	}
	sr, ok := rows.(sqliteRows)
	if !ok {
		rows.Close()
		_ = release()
		return nil, fmt.Errorf("store: the sqlite driver's rows (%T) lack column types", rows)
	}
	return &releasingRows{sqliteRows: sr, release: release}, nil
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	st, release, err := c.acquire(ctx, query)
	if err != nil {
		return nil, err
	}
	defer release()
	return st.ExecContext(ctx, args)
}

// Close finalizes the kept statements, then closes the connection.
func (c *cachingConn) Close() error {
	c.mu.Lock()
	for _, cs := range c.stmts {
		_ = cs.stmt.Close()
	}
	c.stmts, c.lru = map[string]*cachedStmt{}, list.New()
	c.mu.Unlock()
	return c.sqliteConn.Close()
}

// releasingRows gives its statement back to the cache when closed.
type releasingRows struct {
	sqliteRows
	release func() error
}

func (r *releasingRows) Close() error {
	err := r.sqliteRows.Close()
	if rerr := r.release(); err == nil {
		err = rerr
	}
	return err
}
