// Package app assembles Kite from its parts: the GraphQL resolvers over the
// store, the GraphQL handler and the HTTP routes. server.go and the API tests
// build the server the same way, through here.
package app

import (
	"net/http"
	"sync/atomic"

	"kite/graph"
	"kite/internal/config"
	"kite/internal/httpserver"
	"kite/internal/store"
)

// App is an assembled server.
type App struct {
	Handler http.Handler
	// Ready is set once start-up work (migrations, demo data) is done.
	Ready *atomic.Bool
}

// New builds the server's HTTP handler over an open store.
func New(cfg *config.Config, st *store.Store) *App {
	var ready atomic.Bool
	dev := cfg.Mode == config.Development
	gql := graph.NewHandler(&graph.Resolver{Client: st.Client}, graph.HandlerOptions{Development: dev})
	h := httpserver.NewHandler(httpserver.Options{
		GraphQL:     gql,
		Ping:        st.Ping,
		Ready:       &ready,
		Development: dev,
		MaxBody:     cfg.MaxBody,
	})
	return &App{Handler: h, Ready: &ready}
}
