package shared

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis keeps entries in a Redis server, each a JSON value with a TTL.
type Redis struct {
	rdb    *redis.Client
	prefix string
}

// NewRedis connects to the server at url (redis://[user:password@]host:port/db)
// and checks it answers; prefix goes before every key.
func NewRedis(ctx context.Context, url, prefix string) (*Redis, error) {
	opts, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("shared store: %w", err)
	}
	opts.DialTimeout, opts.ReadTimeout, opts.WriteTimeout = 2*time.Second, time.Second, time.Second
	r := &Redis{rdb: redis.NewClient(opts), prefix: "kite:" + prefix}
	if err := r.Ping(ctx); err != nil {
		r.rdb.Close()
		return nil, fmt.Errorf("shared store: redis: %w", err)
	}
	return r, nil
}

// Close closes the connections.
func (r *Redis) Close() error { return r.rdb.Close() }

// Kind is "redis".
func (r *Redis) Kind() string { return KindRedis }

// Ping checks the server answers.
func (r *Redis) Ping(ctx context.Context) error { return r.rdb.Ping(ctx).Err() }

// Get returns the live entry under key.
func (r *Redis) Get(ctx context.Context, key string, now time.Time) (Entry, bool, error) {
	return r.get(ctx, r.rdb, r.prefix+key, now)
}

func (r *Redis) get(ctx context.Context, c redis.Cmdable, key string, now time.Time) (Entry, bool, error) {
	raw, err := c.Get(ctx, key).Bytes()
	return decode(raw, errors.Is(err, redis.Nil), err, now)
}

// ttl is how long Redis keeps an entry that expires at expires, on the
// caller's clock; at least a millisecond.
func ttl(now, expires time.Time) time.Duration { return max(expires.Sub(now), time.Millisecond) }

// Update reads, changes and writes the entry under key in a Redis
// transaction watching the key: if another instance writes it in between,
// the transaction fails and is tried again.
func (r *Redis) Update(ctx context.Context, key string, now time.Time, fn func(*Entry)) error {
	key = r.prefix + key
	for range 50 {
		err := r.rdb.Watch(ctx, func(tx *redis.Tx) error {
			e, ok, err := r.get(ctx, tx, key, now)
			if err != nil {
				return err
			}
			if !ok {
				e = Entry{}
			}
			fn(&e)
			raw, err := json.Marshal(e)
			if err != nil {
				return err
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, key, raw, ttl(now, e.Expires))
				return nil
			})
			return err
		}, key)
		if !errors.Is(err, redis.TxFailedErr) {
			if err != nil {
				return fmt.Errorf("shared store: update: %w", err)
			}
			return nil
		}
	}
	return errors.New("shared store: update: too much contention on one key")
}

// addScript adds to the count of a JSON entry, starting a new one if it is
// missing or expired by the caller's clock, in one step on the server.
var addScript = redis.NewScript(`
local raw = redis.call('GET', KEYS[1])
local e
if raw then e = cjson.decode(raw) end
local now = tonumber(ARGV[2])
if (not e) or (tonumber(e['ems'] or 0) <= now) then
	e = {n = 0, e = ARGV[4], ems = tonumber(ARGV[3])}
end
e['n'] = (e['n'] or 0) + tonumber(ARGV[1])
redis.call('SET', KEYS[1], cjson.encode(e), 'PX', math.max(1, tonumber(e['ems']) - now))
return e['n']
`)

// Add adds n to the count under key, atomically on the server.
func (r *Redis) Add(ctx context.Context, key string, n int, now, expires time.Time) (int, error) {
	exp, err := expires.MarshalText()
	if err != nil {
		return 0, err
	}
	count, err := addScript.Run(ctx, r.rdb, []string{r.prefix + key}, n, now.UnixMilli(), expires.UnixMilli(), string(exp)).Int()
	if err != nil {
		return 0, fmt.Errorf("shared store: add: %w", err)
	}
	return count, nil
}
