// Package dataerr maps the data layer's errors to the API's: a missing or
// invisible record is NOT_FOUND, a change the rules refuse FORBIDDEN, a value
// the schema refuses BAD_USER_INPUT; anything else is wrapped with context
// (and masked as INTERNAL at the edge).
package dataerr

import (
	"errors"
	"fmt"

	"kite/ent"
	"kite/ent/privacy"
	"kite/internal/apierr"
	"kite/internal/names"
)

// ToAPI maps a data-layer error: a missing or invisible record is NOT_FOUND
// (never told apart), a change the rules refuse is FORBIDDEN, a value the
// schema refuses is BAD_USER_INPUT, anything else is wrapped with what was
// being done.
func ToAPI(err error, what string) error {
	var api *apierr.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &api):
		return err
	case ent.IsNotFound(err):
		return apierr.NotFound()
	case errors.Is(err, privacy.Deny):
		return apierr.Forbidden()
	}
	var invalid *ent.ValidationError
	if errors.As(err, &invalid) {
		// A value the schema refuses (too long, say) that no check before
		// it caught: the client's to fix, not ours.
		return apierr.BadInput(names.GraphQLField(invalid.Name), "This is too long, or not in a form we can take. Please check it.")
	}
	return fmt.Errorf("%s: %w", what, err)
}

// ToAPIAfterRead is ToAPI for a change to a record the viewer has just read:
// if the rules then find nothing to change, the viewer may see it but not do
// this, which is FORBIDDEN.
func ToAPIAfterRead(err error, what string) error {
	if ent.IsNotFound(err) {
		return apierr.Forbidden()
	}
	return ToAPI(err, what)
}
