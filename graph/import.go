package graph

import (
	"context"
	"strings"

	"kite/graph/model"
	"kite/internal/access"
	"kite/internal/apierr"
	"kite/internal/importer"
	"kite/internal/viewer"
)

// importRecords runs an import into the admin's own authority.
func (r *Resolver) importRecords(ctx context.Context, in model.ImportRecordsInput) (*importer.Report, error) {
	v, err := viewer.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !access.MayImport(v) {
		return nil, apierr.Forbidden()
	}
	files := make([]importer.File, len(in.Files))
	for i, f := range in.Files {
		files[i] = importer.File{Kind: deref(f.Kind), Data: []byte(f.Content)}
	}
	return importer.Import(ctx, r.Client, v.AuthorityID, importer.Format(strings.ToLower(string(in.Format))), files)
}
