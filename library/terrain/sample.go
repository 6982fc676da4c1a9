package terrain

import (
	"errors"
	"math"
)

// at is the bilinear height at a point inside the tile. Void corners are left out of the blend; a point
// with only voids around it has no height.
func (t *tile) at(lat, lon float64) (float64, bool) {
	scale := float64(t.n - 1)
	fr := (float64(t.key.lat+1) - lat) * scale
	fc := (lon - float64(t.key.lon)) * scale
	r, c := int(fr), int(fc)
	if r < 0 || c < 0 || r > t.n-1 || c > t.n-1 || fr < 0 || fc < 0 {
		return 0, false
	}
	if r == t.n-1 {
		r--
	}
	if c == t.n-1 {
		c--
	}
	wr, wc := fr-float64(r), fc-float64(c)
	i := r*t.n + c
	h00, h01, h10, h11 := t.h[i], t.h[i+1], t.h[i+t.n], t.h[i+t.n+1]
	if h00 != voidValue && h01 != voidValue && h10 != voidValue && h11 != voidValue {
		top := float64(h00) + wc*float64(h01-h00)
		bottom := float64(h10) + wc*float64(h11-h10)
		return top + wr*(bottom-top), true
	}
	return blendValid([4]int16{h00, h01, h10, h11}, [4]float64{(1 - wr) * (1 - wc), (1 - wr) * wc, wr * (1 - wc), wr * wc})
}

func blendValid(h [4]int16, w [4]float64) (float64, bool) {
	var sum, wt float64
	for k := range h {
		if h[k] != voidValue {
			sum += w[k] * float64(h[k])
			wt += w[k]
		}
	}
	if wt == 0 {
		return 0, false
	}
	return sum / wt, true
}

// Elevation is the terrain height in metres at a point (bilinear between samples); ok is false where the
// DEM has no tile or no data, or the tile cannot be read.
func (d *DEM) Elevation(lat, lon float64) (m float64, ok bool) {
	if math.IsNaN(lat) || math.IsNaN(lon) {
		return 0, false
	}
	t, err := d.tile(keyAt(lat, lon), native)
	if err != nil || t == nil {
		return 0, false
	}
	return t.at(lat, lon)
}

// tileGrid holds the decoded tiles of a rectangle of one-degree cells, so that a loop sampling many points
// (a horizon, a line of sight, a hillshade) reads heights without going through the cache's lock.
type tileGrid struct {
	lat0, lon0 int // south-west cell
	rows, cols int
	tiles      []*tile // row-major from lat0, lon0; nil where the DEM has no tile
	maxH       float64 // the highest sample of all the tiles
	complete   bool    // every cell of the rectangle has a tile
	last       *tile   // the tile of the previous sample
}

// grid pins the tiles covering the box. A tile that cannot be read counts as missing and its error (all of
// them, joined) is returned beside a usable grid.
func (d *DEM) grid(south, west, north, east float64, res resolution) (*tileGrid, error) {
	lat0, lon0 := int(math.Floor(south)), int(math.Floor(west))
	g := &tileGrid{lat0: lat0, lon0: lon0, rows: int(math.Floor(north)) - lat0 + 1, cols: int(math.Floor(east)) - lon0 + 1}
	g.tiles = make([]*tile, g.rows*g.cols)
	var errs []error
	g.complete = true
	for r := 0; r < g.rows; r++ {
		for c := 0; c < g.cols; c++ {
			t, err := d.tile(tileKey{lat0 + r, lon0 + c}, res)
			if err != nil {
				errs = append(errs, err)
			}
			g.tiles[r*g.cols+c] = t
			g.complete = g.complete && t != nil
			if t != nil && (g.maxH < float64(t.maxH) || r+c == 0) {
				g.maxH = float64(t.maxH)
			}
		}
	}
	return g, errors.Join(errs...)
}

// at is the height at a point, false outside the grid's tiles or where they have no data.
func (g *tileGrid) at(lat, lon float64) (float64, bool) {
	if t := g.last; t != nil && lat >= float64(t.key.lat) && lat < float64(t.key.lat+1) &&
		lon >= float64(t.key.lon) && lon < float64(t.key.lon+1) {
		return t.at(lat, lon)
	}
	r, c := int(math.Floor(lat))-g.lat0, int(math.Floor(lon))-g.lon0
	if r < 0 || c < 0 || r >= g.rows || c >= g.cols {
		return 0, false
	}
	t := g.tiles[r*g.cols+c]
	if t == nil {
		return 0, false
	}
	g.last = t
	return t.at(lat, lon)
}

// tileAt is the grid's tile holding a point, nil when there is none.
func (g *tileGrid) tileAt(lat, lon float64) *tile {
	r, c := int(math.Floor(lat))-g.lat0, int(math.Floor(lon))-g.lon0
	if r < 0 || c < 0 || r >= g.rows || c >= g.cols {
		return nil
	}
	return g.tiles[r*g.cols+c]
}
