// Package web holds the reference portal: plain HTML, CSS and JavaScript
// modules, with no build step, embedded in the binary and served at
// /portal/ (internal/httpserver.Portal). The portal uses only the public
// GraphQL API and the browser session routes; it decides no rule itself.
package web

import (
	"embed"
	"io/fs"
)

//go:embed portal
var files embed.FS

// Portal returns the portal's files, index.html at the top.
func Portal() fs.FS {
	sub, err := fs.Sub(files, "portal")
	if err != nil {
		panic(err) // the folder is embedded above, so this cannot happen
	}
	return sub
}
