package sso

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
)

// providerCache keeps each issuer's discovered provider: its endpoints, and
// the key set go-oidc keeps for it, which reads the issuer's keys again
// whenever a token names a key it does not have (rotation).
type providerCache struct {
	mu   sync.Mutex
	byIs map[string]cachedProvider
}

type cachedProvider struct {
	p  *oidc.Provider
	at time.Time
}

// provider discovers issuer, or returns it from the cache while it is fresh.
func (s *Service) provider(ctx context.Context, issuer string) (*oidc.Provider, error) {
	now := s.Now()
	s.providers.mu.Lock()
	c, ok := s.providers.byIs[issuer]
	s.providers.mu.Unlock()
	if ok && now.Sub(c.at) < discoveryTTL {
		return c.p, nil
	}
	if err := s.checkIssuer(issuer); err != nil {
		return nil, err
	}
	// The provider keeps this context's client for its key set; the
	// request itself is bounded by the client's timeout.
	p, err := oidc.NewProvider(oidc.ClientContext(context.WithoutCancel(ctx), s.HTTP), issuer)
	if err != nil {
		return nil, fmt.Errorf("discover %s: %w", issuer, err)
	}
	s.providers.mu.Lock()
	if s.providers.byIs == nil {
		s.providers.byIs = map[string]cachedProvider{}
	}
	s.providers.byIs[issuer] = cachedProvider{p: p, at: now}
	s.providers.mu.Unlock()
	return p, nil
}

// checkIssuer accepts an https URL, or plain http to this machine where
// allowed (development and tests), without a query or fragment.
func (s *Service) checkIssuer(issuer string) error {
	u, err := url.Parse(issuer)
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("issuer %q is not a URL such as https://login.example.org/realm", issuer)
	}
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && s.AllowLoopbackHTTP && isLoopback(u.Hostname()):
		return nil
	}
	return fmt.Errorf("issuer %q must use https", issuer)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
