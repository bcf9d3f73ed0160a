// Package txn runs a function in an ent transaction, and maps the data
// layer's "not found" and "denied" to the API's NOT_FOUND and FORBIDDEN.
package txn

import (
	"context"
	"errors"
	"fmt"

	"kite/ent"
	"kite/ent/privacy"
	"kite/internal/apierr"
	"kite/internal/names"
)

// Run runs fn in a transaction: committed if fn returns nil, rolled back
// otherwise.
func Run(ctx context.Context, client *ent.Client, fn func(*ent.Tx) error) error {
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Check maps a data-layer error: a missing or invisible record is NOT_FOUND
// (never told apart), a change the rules refuse is FORBIDDEN, a value the
// schema refuses is BAD_USER_INPUT, anything else is wrapped with what was
// being done.
func Check(err error, what string) error {
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

// CheckVisible is Check for a change to a record the viewer has just read:
// if the rules then find nothing to change, the viewer may see it but not do
// this, which is FORBIDDEN.
func CheckVisible(err error, what string) error {
	if ent.IsNotFound(err) {
		return apierr.Forbidden()
	}
	return Check(err, what)
}
