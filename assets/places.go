package assets

import (
	"embed"
	"fmt"
	"io/fs"
)

// placeFiles holds the bundled gazetteers: villages, passes, viewpoints and base camps, one YAML file per
// mountain region.
//
//go:embed places/*.yaml
var placeFiles embed.FS

// Gazetteers returns the bundled gazetteer files (*.yaml at its root) as a read-only file system.
func Gazetteers() (fs.FS, error) {
	sub, err := fs.Sub(placeFiles, "places")
	if err != nil {
		return nil, fmt.Errorf("bundled gazetteers: %w", err)
	}
	return sub, nil
}
