package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cairn-photos/cairn/internal/atomicfile"
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

// InstallCatalog checks the catalog file src, on its own and merged with those installed, and copies it into
// dataRoot/catalogs under its own name (with the .yaml extension LoadCatalog looks for), atomically, so a
// half-written file never becomes a catalog that breaks every start. It never replaces an installed catalog.
// The next scan of a library names the new catalog's peaks without reading the photos.
func InstallCatalog(dataRoot, src string) error {
	dir := filepath.Join(dataRoot, CatalogsDir)
	name := strings.TrimSuffix(filepath.Base(src), filepath.Ext(src)) + ".yaml"
	dst := filepath.Join(dir, name)
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("add peak catalog %s: a catalog named %s is already installed in %s", src, name, dir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("add peak catalog %s: %w", src, err)
	}
	cat, err := peaks.LoadFile(src)
	if err != nil {
		return fmt.Errorf("add peak catalog: %w", err)
	}
	all, err := LoadCatalog(dataRoot)
	if err != nil {
		return fmt.Errorf("add peak catalog %s: the installed catalogs do not load: %w", src, err)
	}
	if err := all.Merge(cat); err != nil {
		return fmt.Errorf("add peak catalog %s: %w", src, err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("add peak catalog: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("add peak catalog: %w", err)
	}
	if err := atomicfile.Write(dst, data, 0o644); err != nil {
		return fmt.Errorf("add peak catalog: %w", err)
	}
	return nil
}
