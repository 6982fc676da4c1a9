package library

import (
	"fmt"
	"path/filepath"
	"sort"

	"github.com/cairn-photos/cairn/library/peaks"
)

// CatalogsDir is the folder under the data root where users put their own peak catalogs (*.yaml).
const CatalogsDir = "catalogs"

// LoadCatalog returns the bundled peak catalog merged with every user catalog in dataRoot/catalogs. A bad
// user file is an error that names its line and field.
func LoadCatalog(dataRoot string) (*peaks.Catalog, error) {
	cat, err := peaks.Bundled()
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dataRoot, CatalogsDir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("list peak catalogs: %w", err)
	}
	sort.Strings(files)
	for _, f := range files {
		user, err := peaks.LoadFile(f)
		if err != nil {
			return nil, err
		}
		if err := cat.Merge(user); err != nil {
			return nil, fmt.Errorf("peak catalog %s: %w", f, err)
		}
	}
	return cat, nil
}
