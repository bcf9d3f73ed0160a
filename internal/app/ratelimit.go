package app

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/httprate"

	"kite/internal/apierr"
	"kite/internal/clientip"
	"kite/internal/session"
	"kite/internal/shared"
	"kite/internal/viewer"
)

// budget is KITE_RATE_LIMIT: perMinute operations a minute for each
// signed-in user (by their verified token's subject) or, without a token,
// for each client address (an IPv6 client's whole /64). One counter serves
// HTTP requests and the operations sent over a WebSocket, so a viewer has
// one budget whichever way they come.
type budget struct {
	limiter *httprate.RateLimiter
	tokens  session.Verifier
}

// newBudget returns nil when limiting is off (perMinute 0). tokens must be
// the session middleware's, so that it takes this verification rather than
// making its own.
//
// The windows are counted in the shared store: with several instances
// (PostgreSQL or Redis) a viewer has one budget across all of them; in
// memory, httprate's own counter is used.
func newBudget(perMinute int, tokens session.Verifier, store shared.Store) *budget {
	if perMinute <= 0 {
		return nil
	}
	var opts []httprate.Option
	if store != nil && store.Kind() != shared.KindMemory {
		opts = append(opts, httprate.WithLimitCounter(&sharedCounter{store: store}))
	}
	return &budget{limiter: httprate.NewRateLimiter(perMinute, time.Minute, opts...), tokens: tokens}
}

// sharedCounter is httprate's counter over the shared store: one entry per
// key and window, kept for two windows (the sliding window reads the
// previous one too).
type sharedCounter struct {
	store  shared.Store
	window time.Duration
}

// counterTimeout bounds one look at the store.
const counterTimeout = time.Second

func (c *sharedCounter) Config(_ int, window time.Duration) { c.window = window }

func (c *sharedCounter) Increment(key string, window time.Time) error {
	return c.IncrementBy(key, window, 1)
}

func (c *sharedCounter) IncrementBy(key string, window time.Time, n int) error {
	ctx, cancel := context.WithTimeout(context.Background(), counterTimeout)
	defer cancel()
	_, err := c.store.Add(ctx, windowKey(key, window), n, time.Now(), window.Add(2*c.window))
	return err
}

func (c *sharedCounter) Get(key string, current, previous time.Time) (int, int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), counterTimeout)
	defer cancel()
	now := time.Now()
	cur, _, err := c.store.Get(ctx, windowKey(key, current), now)
	if err != nil {
		return 0, 0, err
	}
	prev, _, err := c.store.Get(ctx, windowKey(key, previous), now)
	if err != nil {
		return 0, 0, err
	}
	return cur.Count, prev.Count, nil
}

func windowKey(key string, window time.Time) string {
	return "rate\x00" + key + "\x00" + strconv.FormatInt(window.Unix(), 10)
}

type perOperationKey struct{}

// Middleware spends one from the budget for each HTTP request, before
// anything is loaded. The token's signature and claims are verified here,
// which costs no database work, and the result goes on in the request for
// the session middleware (session.VerifyBearer). A WebSocket upgrade spends
// one for the connection, which is then marked so that each operation on it
// spends one more (Operation).
func (b *budget) Middleware(next http.Handler) http.Handler {
	if b == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, key := b.requestKey(r)
		if b.limiter.OnLimit(w, r, key) {
			apierr.WriteHTTP(w, r, http.StatusTooManyRequests, apierr.RateLimited(time.Minute))
			return
		}
		// The same test as gqlgen's WebSocket transport, so that no
		// connection escapes the per-operation count.
		if r.Header.Get("Upgrade") != "" {
			r = r.WithContext(context.WithValue(r.Context(), perOperationKey{}, true))
		}
		next.ServeHTTP(w, r)
	})
}

// Operation spends one from the budget for an operation sent over a
// WebSocket, under the viewer the connection signed in as; an HTTP
// request's one operation was counted by Middleware.
func (b *budget) Operation(ctx context.Context) error {
	if b == nil || ctx.Value(perOperationKey{}) == nil {
		return nil
	}
	key := addressKey(clientip.FromContext(ctx))
	if v := viewer.FromContext(ctx); v != nil {
		key = userKey(string(v.UserID))
	}
	r := (&http.Request{}).WithContext(ctx)
	if b.limiter.OnLimit(discardHeaders{}, r, key) {
		return apierr.RateLimited(time.Minute)
	}
	return nil
}

// requestKey is whose budget a request spends: its verified token's user,
// or its client address. The request it returns carries the verification.
func (b *budget) requestKey(r *http.Request) (*http.Request, string) {
	r, claims, err := session.VerifyBearer(r, b.tokens)
	if err != nil {
		return r, addressKey(clientip.FromContext(r.Context()))
	}
	return r, userKey(claims.Subject)
}

func userKey(userID string) string  { return "user:" + userID }
func addressKey(addr string) string { return "addr:" + clientip.Block(addr) }

// discardHeaders takes the X-RateLimit headers the limiter sets, which a
// WebSocket message has nowhere to carry.
type discardHeaders struct{}

func (discardHeaders) Header() http.Header         { return http.Header{} }
func (discardHeaders) Write(b []byte) (int, error) { return len(b), nil }
func (discardHeaders) WriteHeader(int)             {}
