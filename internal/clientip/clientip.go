// Package clientip works out the address a request came from. X-Forwarded-For
// is believed only when the direct peer is a configured trusted proxy
// (KITE_TRUSTED_PROXIES): otherwise anyone could claim any address and
// dodge the per-address limits.
package clientip

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

type ctxKey struct{}

// FromContext returns the client address of the request, or "" outside one.
func FromContext(ctx context.Context) string {
	a, _ := ctx.Value(ctxKey{}).(string)
	return a
}

// NewContext returns ctx carrying addr.
func NewContext(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, ctxKey{}, addr)
}

// Middleware puts the client address into the request context.
func Middleware(trusted []netip.Prefix, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addr := Of(r, trusted)
		next.ServeHTTP(w, r.WithContext(NewContext(r.Context(), addr)))
	})
}

// Of returns the client address of r. Behind trusted proxies it walks
// X-Forwarded-For from the right (the entries proxies appended) and takes
// the first address that is not itself a trusted proxy.
func Of(r *http.Request, trusted []netip.Prefix) string {
	peer, ok := parse(r.RemoteAddr)
	if !ok {
		return r.RemoteAddr
	}
	if !isTrusted(peer, trusted) {
		return peer.String()
	}
	hops := forwarded(r.Header.Values("X-Forwarded-For"))
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parse(hops[i])
		if !ok {
			// A garbled entry: stop believing anything further left.
			break
		}
		if !isTrusted(a, trusted) {
			return a.String()
		}
		peer = a
	}
	return peer.String()
}

// FromTrustedProxy reports whether r's direct peer is a trusted proxy, whose
// headers about the client (X-Forwarded-For, X-Request-Id) are believed.
func FromTrustedProxy(r *http.Request, trusted []netip.Prefix) bool {
	peer, ok := parse(r.RemoteAddr)
	return ok && isTrusted(peer, trusted)
}

func forwarded(values []string) []string {
	var hops []string
	for _, v := range values {
		for _, h := range strings.Split(v, ",") {
			if h = strings.TrimSpace(h); h != "" {
				hops = append(hops, h)
			}
		}
	}
	return hops
}

// parse reads an address with or without a port.
func parse(s string) (netip.Addr, bool) {
	if host, _, err := net.SplitHostPort(s); err == nil {
		s = host
	}
	a, err := netip.ParseAddr(strings.Trim(s, "[]"))
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Block is the key under which an address is limited (the login throttle
// and the request rate limit): an IPv4 address as it is, an IPv6 address as
// its /64 prefix, since one customer usually has a whole /64 and could
// otherwise use a fresh address for each try. It accepts an address with or
// without a port; anything that is not an address is used as it is.
func Block(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		ap, err := netip.ParseAddrPort(addr)
		if err != nil {
			return addr
		}
		ip = ap.Addr()
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is4() {
		return ip.String()
	}
	prefix, _ := ip.Prefix(64) // cannot fail for an IPv6 address and 64
	return prefix.String()
}
