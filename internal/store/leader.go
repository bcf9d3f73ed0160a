package store

import (
	"context"
	"database/sql/driver"
	"hash/fnv"
	"log/slog"
	"time"
)

// Leadership timings: how often an instance that is not the leader tries
// to become it, and how often the leader checks it still holds the lock.
const (
	leaderRetry = 15 * time.Second
	leaderCheck = 5 * time.Second
)

// AsLeader runs fn while this instance is the one leader for name, until ctx
// ends: on PostgreSQL, the leader is the instance holding a session-level
// advisory lock on a connection of its own, so that of several instances
// exactly one runs fn at a time; when its connection drops (the lock goes
// with it), fn's context ends and another instance takes over within
// leaderRetry. On the embedded database (one process) fn simply runs.
func (s *Store) AsLeader(ctx context.Context, name string, fn func(context.Context)) {
	if s.Dialect != dialectPostgres {
		fn(ctx)
		return
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte("kite-leader:" + name))
	key := int64(h.Sum64())
	for {
		s.lead(ctx, name, key, fn)
		select {
		case <-ctx.Done():
			return
		case <-time.After(leaderRetry):
		}
	}
}

// lead runs fn if it can take the lock, until fn returns or the lock's
// connection drops.
func (s *Store) lead(ctx context.Context, name string, key int64, fn func(context.Context)) {
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return
	}
	// The connection is closed, not returned to the pool, so the lock goes
	// with it.
	defer func() {
		_ = conn.Raw(func(any) error { return driverBad })
		conn.Close()
	}()
	var got bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", key).Scan(&got); err != nil || !got {
		return
	}
	slog.Info("leading", "work", name)
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(runCtx)
	}()
	t := time.NewTicker(leaderCheck)
	defer t.Stop()
	for {
		select {
		case <-done:
			cancel()
			return
		case <-t.C:
			if err := conn.PingContext(ctx); err != nil {
				slog.Warn("no longer leading: lost the connection holding the lock", "work", name, "error", err)
				cancel()
				<-done
				return
			}
		}
	}
}

// driverBad makes database/sql discard the connection rather than pool it.
var driverBad = driver.ErrBadConn
