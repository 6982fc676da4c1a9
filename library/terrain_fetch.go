package library

import (
	"context"
	"math"

	"github.com/cairn-photos/cairn/library/terrain"
)

// terrainMarginDeg grows an album's area for the terrain it needs: the peaks on its photos' horizons stand
// tens of kilometres beyond where the photos were taken (half a degree is 55 km).
const terrainMarginDeg = 0.5

// TerrainArea is the box of terrain the album's photos see: around every photo with a position, grown by
// half a degree on each side. ok is false when no photo has a position.
func (l *Library) TerrainArea() (b Box, ok bool, err error) {
	t, err := l.table()
	if err != nil {
		return Box{}, false, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	b = Box{South: math.Inf(1), West: math.Inf(1), North: math.Inf(-1), East: math.Inf(-1)}
	for i := range t.rows {
		r := &t.rows[i]
		if !r.HasGPS() {
			continue
		}
		b.South, b.North = math.Min(b.South, r.Lat), math.Max(b.North, r.Lat)
		b.West, b.East = math.Min(b.West, r.Lon), math.Max(b.East, r.Lon)
		ok = true
	}
	if !ok {
		return Box{}, false, nil
	}
	return Box{South: math.Max(b.South-terrainMarginDeg, -90), West: math.Max(b.West-terrainMarginDeg, -180),
		North: math.Min(b.North+terrainMarginDeg, 90), East: math.Min(b.East+terrainMarginDeg, 180)}, true, nil
}

// FetchTerrain downloads the terrain tiles covering b into dataRoot's terrain folder (see terrain.Fetch:
// resumable, verified, cancelled with ctx, progress through opt). Open the terrain again to use them.
func FetchTerrain(ctx context.Context, dataRoot string, b Box, opt terrain.FetchOptions) (terrain.FetchReport, error) {
	return terrain.Fetch(ctx, terrain.Dir(dataRoot), terrain.Box{South: b.South, West: b.West, North: b.North, East: b.East}, opt)
}
