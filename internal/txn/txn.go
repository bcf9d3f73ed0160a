// Package txn runs a function in an ent transaction.
package txn

import (
	"context"
	"fmt"

	"kite/ent"
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
