package app

import (
	"context"
	"net/http"
	"time"

	"github.com/go-chi/httprate"

	"kite/internal/apierr"
	"kite/internal/auth"
	"kite/internal/clientip"
	"kite/internal/session"
	"kite/internal/viewer"
)

// budget is KITE_RATE_LIMIT: perMinute operations a minute for each
// signed-in user (by their verified token's subject) or, without a token,
// for each client address (an IPv6 client's whole /64). One counter serves
// HTTP requests and the operations sent over a WebSocket, so a viewer has
// one budget whichever way they come.
type budget struct {
	limiter *httprate.RateLimiter
	tokens  *auth.Tokens
}

// newBudget returns nil when limiting is off (perMinute 0).
func newBudget(perMinute int, tokens *auth.Tokens) *budget {
	if perMinute <= 0 {
		return nil
	}
	return &budget{limiter: httprate.NewRateLimiter(perMinute, time.Minute), tokens: tokens}
}

type perOperationKey struct{}

// Middleware spends one from the budget for each HTTP request, before
// anything is loaded; the token is checked here only for its signature,
// which costs no database work. A WebSocket upgrade spends one for the
// connection, which is then marked so that each operation on it spends one
// more (Operation).
func (b *budget) Middleware(next http.Handler) http.Handler {
	if b == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if b.limiter.OnLimit(w, r, b.requestKey(r)) {
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

func (b *budget) requestKey(r *http.Request) string {
	if tok, ok := session.Bearer(r.Header.Get("Authorization")); ok {
		if c, err := b.tokens.Verify(tok); err == nil {
			return userKey(c.Subject)
		}
	}
	return addressKey(clientip.FromContext(r.Context()))
}

func userKey(userID string) string  { return "user:" + userID }
func addressKey(addr string) string { return "addr:" + clientip.Block(addr) }

// discardHeaders takes the X-RateLimit headers the limiter sets, which a
// WebSocket message has nowhere to carry.
type discardHeaders struct{}

func (discardHeaders) Header() http.Header         { return http.Header{} }
func (discardHeaders) Write(b []byte) (int, error) { return len(b), nil }
func (discardHeaders) WriteHeader(int)             {}
