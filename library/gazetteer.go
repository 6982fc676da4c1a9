package library

import (
	"path/filepath"

	"github.com/cairn-photos/cairn/library/gazetteer"
)

// PlacesDir is the folder under the data root for the user's own gazetteers (*.yaml), beside CatalogsDir.
const PlacesDir = "places"

// LoadGazetteer loads the places a search can name: the bundled gazetteers and those in DATA/places.
func LoadGazetteer(dataRoot string) (*gazetteer.Gazetteer, error) {
	return gazetteer.LoadDir(filepath.Join(dataRoot, PlacesDir))
}

// AtPlace is the distance filter for the photos taken at place p: within its radius of its point.
func AtPlace(p gazetteer.Place) *Circle {
	return &Circle{Lat: p.Lat, Lon: p.Lon, KM: p.RadiusKm}
}
