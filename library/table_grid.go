package library

import "math"

// gridCell is the side of a cell of the table's grid of positions, in degrees (about 2 km of latitude): a
// 5 km circle is a few dozen cells, which hold a small part of a library's photos.
const gridCell = 0.02

// gridKey names the cell of a position.
type gridKey struct{ lat, lon int32 }

func cellOf(lat, lon float64) gridKey {
	return gridKey{int32(math.Floor(lat / gridCell)), int32(math.Floor(lon / gridCell))}
}

// grid lists the rows with a position by cell, made once per version of the table like the browse
// snapshot; the caller holds t.mu for reading.
func (t *photoTable) grid() map[gridKey][]int32 {
	t.browseMu.Lock()
	defer t.browseMu.Unlock()
	if t.cells != nil && t.cellsVersion == t.version {
		return t.cells
	}
	cells := map[gridKey][]int32{}
	for i := range t.rows {
		if r := &t.rows[i]; r.HasGPS {
			k := cellOf(r.Lat, r.Lon)
			cells[k] = append(cells[k], int32(i))
		}
	}
	t.cells, t.cellsVersion = cells, t.version
	return cells
}

// placeCandidates returns the rows in the cells the filter's circle or box touches, or ok false when the
// filter has neither.
func (f *rowFilter) placeCandidates(t *photoTable) (lists [][]int32, n int, ok bool) {
	if f.near == nil && f.box == nil {
		return nil, 0, false
	}
	for k, rows := range t.grid() {
		south, west := float64(k.lat)*gridCell, float64(k.lon)*gridCell
		if f.near != nil && !f.cellNear(south, west) || f.box != nil && !f.box.touches(south, west) {
			continue
		}
		lists = append(lists, rows)
		n += len(rows)
	}
	return lists, n, true
}

// cellNear reports whether the cell whose south-west corner is given may hold a point of the circle.
func (f *rowFilter) cellNear(south, west float64) bool {
	const half = gridCell / 2
	return math.Abs(south+half-f.near.Lat) <= f.nearLat+half+1e-9 && lonDelta(west+half, f.near.Lon) <= f.nearLon+half+1e-9
}

// touches reports whether the cell whose south-west corner is given overlaps the box.
func (b *Box) touches(south, west float64) bool {
	const slack = 1e-9 // a point on a cell's edge may have been rounded into the cell beside
	south, west = south-slack, west-slack
	north, east := south+gridCell+2*slack, west+gridCell+2*slack
	if north < b.South || south > b.North {
		return false
	}
	in := func(lon float64) bool {
		if b.West <= b.East {
			return lon >= b.West && lon <= b.East
		}
		return lon >= b.West || lon <= b.East
	}
	return in(west) || in(east) || (b.West >= west && b.West <= east)
}
