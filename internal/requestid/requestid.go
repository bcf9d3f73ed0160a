// Package requestid gives every request an id that ties together its log
// lines, its audit events and any INTERNAL error the client is shown.
package requestid

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/netip"
	"strings"

	"kite/internal/clientip"
)

// Header is the HTTP header that carries the id both ways.
const Header = "X-Request-Id"

type (
	ctxKey    struct{}
	clientKey struct{}
)

// New returns a fresh random id.
func New() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// NewContext returns ctx carrying id.
func NewContext(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

// FromContext returns the request's id, or "" outside a request.
func FromContext(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

// ClientFromContext returns the id a client sent that was not believed
// (cleaned and cut short), or "". It is the client's word only: fit for
// the request log line, never for the audit log.
func ClientFromContext(ctx context.Context) string {
	id, _ := ctx.Value(clientKey{}).(string)
	return id
}

// Middleware takes a well-formed id from a trusted proxy in front
// (KITE_TRUSTED_PROXIES, so that its logs and ours match) or makes one, and
// returns it in the response header. Anyone else could otherwise choose the
// id their actions are audited under; what they sent is kept apart
// (ClientFromContext).
func Middleware(trusted []netip.Prefix, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent := r.Header.Get(Header)
		id, ctx := sent, r.Context()
		if !wellFormed(sent) || !clientip.FromTrustedProxy(r, trusted) {
			id = New()
			if c := clean(sent); c != "" {
				ctx = context.WithValue(ctx, clientKey{}, c)
			}
		}
		w.Header().Set(Header, id)
		next.ServeHTTP(w, r.WithContext(NewContext(ctx, id)))
	})
}

// maxClientID is the most of an untrusted id that is logged.
const maxClientID = 64

// clean keeps the visible ASCII characters of an untrusted id, other than
// quotes and backslashes, and at most maxClientID of them.
func clean(id string) string {
	var b strings.Builder
	for i := 0; i < len(id) && b.Len() < maxClientID; i++ {
		if c := id[i]; c > ' ' && c < 0x7f && c != '"' && c != '\\' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// wellFormed accepts short ids of letters, digits, '-' and '_' only, so that
// nothing a proxy passes on can forge log lines.
func wellFormed(id string) bool {
	if len(id) < 8 || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
