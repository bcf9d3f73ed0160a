package httpserver

import (
	"io/fs"
	"net/http"
)

// PortalPath is where the web portal is served.
const PortalPath = "/portal/"

// PortalCSP is the portal's Content-Security-Policy: scripts, styles,
// pictures and API calls from Kite's own origin only, no inline script or
// style, no plugins, no framing, forms post nowhere else.
const PortalCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Portal serves the portal's files (plain HTML, CSS and JavaScript modules)
// at PortalPath under PortalCSP. The other security headers are the ones
// every response has (securityHeaders).
func Portal(files fs.FS) http.Handler {
	static := http.StripPrefix(PortalPath, http.FileServerFS(files))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", PortalCSP)
		static.ServeHTTP(w, r)
	})
}
