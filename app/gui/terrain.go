package gui

import (
	"image"
	"sync"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/terrain"
)

// terrainModel is the data folder's elevation model (the tiles bundled with Cairn and those fetched or
// imported), opened when first needed and again after the settings fetch tiles. The viewer's loads read it
// from their goroutines, so it sits under a mutex.
type terrainModel struct {
	dataRoot string

	mu  sync.Mutex
	dem *terrain.DEM
	err error
}

func newTerrainModel(dataRoot string) *terrainModel { return &terrainModel{dataRoot: dataRoot} }

// get opens the model, or returns the one open, or why it could not be opened.
func (t *terrainModel) get() (*terrain.DEM, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.dem == nil && t.err == nil {
		t.dem, t.err = terrain.Open(terrain.Dir(t.dataRoot))
	}
	return t.dem, t.err
}

// reload forgets the open model, so the next get sees the tiles the folder holds now.
func (t *terrainModel) reload() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.dem, t.err = nil, nil
}

// horizon is the rendered horizon of photo p in its frame (see library.HorizonLine); nil without terrain.
func (t *terrainModel) horizon(p library.Photo) ([][]library.PhotoPoint, error) {
	dem, err := t.get()
	if err != nil {
		return nil, err
	}
	return library.HorizonLine(dem, p)
}

// demRelief is the terrain as the map's relief: hillshade tiles under the standard light, drawn as an overlay
// for the map's land.
type demRelief struct{ dem *terrain.DEM }

func (r demRelief) HillshadeTile(z, x, y, size int) (*image.NRGBA, error) {
	return r.dem.HillshadeTile(z, x, y, size, terrain.HillshadeOptions{Overlay: true})
}
