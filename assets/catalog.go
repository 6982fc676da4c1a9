package assets

import (
	"embed"
	"fmt"
	"io/fs"
)

// peakFiles holds the bundled peak catalogs, one YAML file per mountain region.
//
//go:embed peaks/*.yaml
var peakFiles embed.FS

// PeakCatalogs returns the bundled peak catalog files (*.yaml at its root) as a read-only file system.
func PeakCatalogs() (fs.FS, error) {
	sub, err := fs.Sub(peakFiles, "peaks")
	if err != nil {
		return nil, fmt.Errorf("bundled peak catalogs: %w", err)
	}
	return sub, nil
}
