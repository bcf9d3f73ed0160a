package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"kite/ent"
	"kite/ent/localauthority"
	"kite/ent/privacy"
	"kite/internal/ident"
)

// ReadFiles reads import files from disk for the command line: CSV files
// named for their kind (children.csv …) or a single .json file.
func ReadFiles(paths []string) (Format, []File, error) {
	var format Format
	var files []File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return "", nil, fmt.Errorf("import: %w", err)
		}
		ext := strings.ToLower(filepath.Ext(p))
		kind := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
		switch ext {
		case ".csv":
			if format == JSON || !slices.Contains(Kinds, kind) {
				return "", nil, fmt.Errorf("import: %s: CSV files are named for their kind (%s), and not mixed with JSON", p, strings.Join(Kinds, ", "))
			}
			format = CSV
			files = append(files, File{Kind: kind, Data: data})
		case ".json":
			if format != "" {
				return "", nil, fmt.Errorf("import: %s: give one .json file on its own", p)
			}
			format = JSON
			files = append(files, File{Data: data})
		default:
			return "", nil, fmt.Errorf("import: %s: files must end in .csv or .json", p)
		}
	}
	return format, files, nil
}

// AuthorityNamed finds a local authority by its name, for the command line.
func AuthorityNamed(ctx context.Context, client *ent.Client, name string) (ident.ID, error) {
	// System context: the command line runs as the operator, not a viewer.
	la, err := client.LocalAuthority.Query().Where(localauthority.Name(name)).Only(privacy.DecisionContext(ctx, privacy.Allow))
	if ent.IsNotFound(err) {
		return "", fmt.Errorf("import: no local authority is called %q", name)
	}
	if err != nil {
		return "", fmt.Errorf("import: %w", err)
	}
	return la.ID, nil
}
