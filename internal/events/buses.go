package events

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgxlisten"
	"github.com/nats-io/nats.go"
)

// Channel is the PostgreSQL channel and the NATS subject events travel on.
const Channel = "kite_events"

// Postgres is the bus over the database itself: NOTIFY to publish (through
// Kite's pool), LISTEN on a connection of its own to receive (pgxlisten,
// which reconnects after a drop).
type Postgres struct {
	// DSN is the database's URL, for the listening connection.
	DSN string
	// DB is Kite's pool, for NOTIFY.
	DB *sql.DB
	// ReconnectDelay is the wait before connecting again (default 1s).
	ReconnectDelay time.Duration
}

// Name is "postgres".
func (p *Postgres) Name() string { return "postgres" }

// Publish notifies every listener.
func (p *Postgres) Publish(ctx context.Context, payload []byte) error {
	_, err := p.DB.ExecContext(ctx, "SELECT pg_notify($1, $2)", Channel, string(payload))
	return err
}

// Run listens until ctx ends.
func (p *Postgres) Run(ctx context.Context, deliver func([]byte), state func(error)) {
	delay := p.ReconnectDelay
	if delay == 0 {
		delay = time.Second
	}
	l := &pgxlisten.Listener{
		Connect: func(ctx context.Context) (*pgx.Conn, error) { return pgx.Connect(ctx, p.DSN) },
		LogError: func(ctx context.Context, err error) {
			if ctx.Err() == nil {
				state(err)
			}
		},
		ReconnectDelay: delay,
	}
	l.Handle(Channel, pgHandler{deliver: deliver, state: state})
	_ = l.Listen(ctx)
}

// pgHandler delivers notifications; its backlog call comes each time the
// listener has (re)connected and is listening.
type pgHandler struct {
	deliver func([]byte)
	state   func(error)
}

func (h pgHandler) HandleNotification(_ context.Context, n *pgconn.Notification, _ *pgx.Conn) error {
	h.deliver([]byte(n.Payload))
	return nil
}

func (h pgHandler) HandleBacklog(context.Context, string, *pgx.Conn) error {
	h.state(nil)
	return nil
}

// NATS is the bus over a NATS server (core NATS: at most once; a drop ends
// subscriptions with Lost, as for PostgreSQL).
type NATS struct {
	// URL is the server's, nats://host:4222.
	URL  string
	conn atomic.Pointer[nats.Conn]
}

// Name is "nats".
func (n *NATS) Name() string { return "nats" }

// Publish sends to every instance.
func (n *NATS) Publish(_ context.Context, payload []byte) error {
	c := n.conn.Load()
	if c == nil {
		return errors.New("events: not connected to NATS")
	}
	return c.Publish(Channel, payload)
}

// Run connects (trying again until it can) and receives until ctx ends.
func (n *NATS) Run(ctx context.Context, deliver func([]byte), state func(error)) {
	c, err := nats.Connect(n.URL, nats.Name("kite"), nats.MaxReconnects(-1), nats.ReconnectWait(time.Second),
		nats.RetryOnFailedConnect(true), nats.PingInterval(5*time.Second), nats.MaxPingsOutstanding(2),
		nats.ConnectHandler(func(*nats.Conn) { state(nil) }),
		nats.ReconnectHandler(func(*nats.Conn) { state(nil) }),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err == nil {
				err = errors.New("disconnected from NATS")
			}
			state(err)
		}))
	if err != nil {
		state(fmt.Errorf("events: nats: %w", err))
		return
	}
	defer c.Close()
	if _, err := c.Subscribe(Channel, func(m *nats.Msg) { deliver(m.Data) }); err != nil {
		state(fmt.Errorf("events: nats subscribe: %w", err))
		return
	}
	n.conn.Store(c)
	if c.IsConnected() {
		state(nil)
	}
	<-ctx.Done()
	n.conn.Store(nil)
}

// Open returns the broker setting names: "memory" (this instance only),
// "postgres" (over the database: dsn and db must be PostgreSQL's) or a
// nats:// URL.
func Open(setting, dsn string, db *sql.DB) (*Broker, error) {
	switch {
	case setting == "memory":
		return NewBroker(), nil
	case setting == "postgres":
		if db == nil || dsn == "" {
			return nil, errors.New("events: postgres needs a PostgreSQL database (KITE_DATABASE)")
		}
		return NewSharedBroker(&Postgres{DSN: dsn, DB: db}), nil
	case strings.HasPrefix(setting, "nats://") || strings.HasPrefix(setting, "tls://"):
		return NewSharedBroker(&NATS{URL: setting}), nil
	}
	return nil, fmt.Errorf("events: %q is not memory, postgres or a nats:// URL", setting)
}
