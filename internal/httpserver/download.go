package httpserver

import (
	"context"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"strconv"

	"kite/internal/apierr"
	"kite/internal/requestid"
)

// AttachmentPath is where a picture is downloaded: GET AttachmentPath + its id.
const AttachmentPath = "/attachments/"

// File is a file to download.
type File struct {
	// ContentType is the file's type, sent as it is.
	ContentType string
	// Name is the file name to save it under.
	Name string
	// Data is the file.
	Data []byte
}

// Download serves GET AttachmentPath{id}. open finds the file for the
// viewer in the request's context, or fails with an *apierr.Error:
// UNAUTHENTICATED (401); NOT_FOUND (404), the same for a file the viewer
// may not see as for one that does not exist. The file always comes as an
// attachment to save, never shown in the page, and browsers are told not to
// guess its type; what it is was settled by its content when it was kept.
func Download(open func(ctx context.Context, id string) (*File, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := open(r.Context(), r.PathValue("id"))
		if err != nil {
			writeDownloadError(w, r, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.ContentType)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Length", strconv.Itoa(len(f.Data)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(f.Data)
	})
}

// downloadStatus is the HTTP status of each error code a download can end in.
var downloadStatus = map[string]int{
	apierr.CodeUnauthenticated: http.StatusUnauthorized,
	apierr.CodeNotFound:        http.StatusNotFound,
	apierr.CodeForbidden:       http.StatusNotFound, // never says the file exists
	apierr.CodeRateLimited:     http.StatusTooManyRequests,
}

func writeDownloadError(w http.ResponseWriter, r *http.Request, err error) {
	var e *apierr.Error
	if errors.As(err, &e) {
		if status, ok := downloadStatus[e.Code]; ok {
			if status == http.StatusUnauthorized {
				w.Header().Set("WWW-Authenticate", `Bearer realm="kite"`)
			}
			if e.Code == apierr.CodeForbidden {
				e = apierr.NotFound()
			}
			apierr.WriteHTTP(w, r, status, e)
			return
		}
	}
	slog.ErrorContext(r.Context(), "download", "request_id", requestid.FromContext(r.Context()), "error", err)
	apierr.WriteHTTP(w, r, http.StatusInternalServerError, apierr.InternalError())
}
