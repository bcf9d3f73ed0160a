package graph

import (
	"context"
	"fmt"

	"kite/ent"
	"kite/internal/apierr"
	"kite/internal/ident"
)

// maxNodes caps nodes(ids:), which reads each id on its own.
const maxNodes = 100

// node loads any record by id under the viewer's rules. A malformed id, an
// unknown prefix, a missing row and a row the viewer may not see all give
// null, the same way (docs/access.md: forbidden and non-existent look the same).
func (r *Resolver) node(ctx context.Context, id ident.ID) (ent.Noder, error) {
	if !id.Valid() {
		return nil, nil
	}
	n, err := r.Client.Noder(ctx, id, ent.WithNodeType(ent.TableOfID))
	if ent.IsNotFound(err) {
		// Written out rather than ent.MaskNotFound: on a miss Noder returns
		// a typed nil pointer inside the interface; hand on a plain nil.
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("node %s: %w", id.Prefix(), err)
	}
	return n, nil
}

func tooManyIDs() error {
	return apierr.BadInput("ids", fmt.Sprintf("Please ask for at most %d ids at once.", maxNodes))
}
