package graph

import (
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"

	"kite/internal/apierr"
)

// uploads is gqlgen's multipart transport (mutations with pictures), made
// safe against a client's mistake: gqlgen applies the request's map of
// files to the variables with unchecked type assertions and indexes, so a
// map that does not fit them (a list index into an object, an index past
// the end of a list) panics. That is bad input, not an internal error.
type uploads struct{ transport.MultipartForm }

func (t uploads) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			apierr.WriteHTTP(w, r, http.StatusUnprocessableEntity,
				apierr.BadInput("map", "The map of files does not fit the variables."))
		}
	}()
	t.MultipartForm.Do(w, r, exec)
}
