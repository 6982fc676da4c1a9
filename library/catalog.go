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

// camera is where and how a photo was taken, for view geometry; nil without a GPS position.
func camera(p Photo) *peaks.Camera {
	if p.GPS == nil {
		return nil
	}
	cam := &peaks.Camera{Lat: p.GPS.Lat, Lon: p.GPS.Lon, Focal35mm: p.Focal35mm, Portrait: p.Height > p.Width}
	if p.Altitude != nil {
		cam.AltitudeM, cam.HasAltitude = *p.Altitude, true
	}
	if p.Heading != nil {
		cam.HeadingDeg, cam.HasHeading = *p.Heading, true
	}
	return cam
}
