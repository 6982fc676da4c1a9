package library

import (
	"math"
	"slices"
)

// gridCell is the side of a cell of the table's grid of positions, in degrees (about 2 km of latitude): a
// 5 km circle is a few dozen cells, which hold a small part of a library's photos.
const gridCell = 0.02

// gridLon is the number of cells around a circle of latitude.
const gridLon = int32(360 / gridCell)

// placeGrid lists the rows with a position by the cell of the grid they fall in: the occupied cells in
// order of their key (latitude band, then longitude), each cell's rows one span of rows, with what a browse
// by place needs of them beside: position, place in the order newest first, peaks. A circle or a box finds
// its cells with a binary search per band of latitude it spans, never looking at the others, and reads its
// rows' facts in order rather than rows all over memory.
type placeGrid struct {
	version  uint64
	keys     []uint64 // the occupied cells, ascending
	starts   []int32  // the rows of cell keys[i] are rows[starts[i]:starts[i+1]]
	rows     []int32
	lat, lon []float64 // the position of rows[j]
	pos      []int32   // the place of rows[j] in the order newest first
	peakAt   []int32   // the peaks of rows[j] are peaks[peakAt[j]:peakAt[j+1]]
	peaks    []uint16
}

// cellKey orders cells by band of latitude, then by longitude, so the cells of one band between two
// longitudes are one run of keys.
func cellKey(lat, lon int32) uint64 { return uint64(uint32(lat)+1<<31)<<32 | uint64(uint32(lon)+1<<31) }

func cellOf(lat, lon float64) (int32, int32) {
	return int32(math.Floor(lat / gridCell)), int32(math.Floor(lon / gridCell))
}

// grid returns the grid of the table as it is, made once per version of the table like the browse
// snapshot; the caller holds t.mu for reading.
func (t *photoTable) grid() *placeGrid {
	t.cellsMu.Lock()
	defer t.cellsMu.Unlock()
	if g := t.cells; g != nil && g.version == t.version {
		return g
	}
	count := map[uint64]int32{}
	keys := make([]uint64, len(t.rows))
	for i := range t.rows {
		if r := &t.rows[i]; r.HasGPS() {
			keys[i] = cellKey(cellOf(r.Lat, r.Lon))
			count[keys[i]]++
		}
	}
	g := &placeGrid{version: t.version, keys: make([]uint64, 0, len(count))}
	for k := range count {
		g.keys = append(g.keys, k)
	}
	slices.Sort(g.keys)
	g.starts = make([]int32, len(g.keys)+1)
	next := make(map[uint64]int32, len(g.keys)) // where the cell's next row goes
	for i, k := range g.keys {
		next[k] = g.starts[i]
		g.starts[i+1] = g.starts[i] + count[k]
	}
	n := g.starts[len(g.keys)]
	g.rows, g.lat, g.lon, g.pos = make([]int32, n), make([]float64, n), make([]float64, n), make([]int32, n)
	for i := range t.rows {
		if r := &t.rows[i]; r.HasGPS() {
			j := next[keys[i]]
			g.rows[j], g.lat[j], g.lon[j], g.pos[j] = int32(i), r.Lat, r.Lon, t.pos[i]
			next[keys[i]]++
		}
	}
	g.peakAt = make([]int32, n+1)
	for j, i := range g.rows {
		g.peakAt[j+1] = g.peakAt[j] + int32(t.rows[i].nPeaks)
	}
	g.peaks = make([]uint16, 0, g.peakAt[n])
	for _, i := range g.rows {
		for _, p := range t.peaksOf(&t.rows[i]) {
			g.peaks = append(g.peaks, p.Peak)
		}
	}
	t.cells = g
	return g
}

// band calls fn with the span of g.rows of each occupied cell of latitude band lat from longitude cell
// west to east.
func (g *placeGrid) band(lat, west, east int32, fn func(lat, lon int32, lo, hi int32)) {
	lo, _ := slices.BinarySearch(g.keys, cellKey(lat, west))
	for i := lo; i < len(g.keys) && g.keys[i] <= cellKey(lat, east); i++ {
		fn(lat, int32(uint32(g.keys[i])-1<<31), g.starts[i], g.starts[i+1])
	}
}

// area calls fn with the rows of each occupied cell between the latitudes and the longitudes (degrees; west
// may be greater than east across the antimeridian, and a span of 360° or more is every longitude).
func (g *placeGrid) area(south, north, west, east float64, fn func(lat, lon int32, lo, hi int32)) {
	south, north = max(south, -90), min(north, 90)
	if south > north {
		return
	}
	// Whole longitude spans in cells, one more on each side for the rounding of points on an edge.
	spans := [][2]float64{{west, east}}
	switch {
	case east-west >= 360:
		spans = [][2]float64{{-180, 180}}
	case west > east:
		spans = [][2]float64{{west, 180}, {-180, east}}
	case west < -180:
		spans = [][2]float64{{west + 360, 180}, {-180, east}}
	case east > 180:
		spans = [][2]float64{{west, 180}, {-180, east - 360}}
	}
	latLo, _ := cellOf(south, 0)
	latHi, _ := cellOf(north, 0)
	for lat := latLo - 1; lat <= latHi+1; lat++ {
		for _, s := range spans {
			_, w := cellOf(0, s[0])
			_, e := cellOf(0, s[1])
			g.band(lat, max(w-1, -gridLon), min(e+1, gridLon), fn)
		}
	}
}

// placeSpan is the part of the grid's rows in one cell that a circle or box touches; whole when every
// point of the cell passes the filter, so that its rows need no test.
type placeSpan struct {
	lo, hi int32
	whole  bool
	south  float64 // the cell's southern edge, degrees
}

// placeCandidates returns the spans of the grid's rows in the cells the filter's circle or box touches, and
// how many rows they hold, or a nil grid when the filter has neither.
func (f *rowFilter) placeCandidates(t *photoTable) (g *placeGrid, spans []placeSpan, n int) {
	if f.near == nil && f.box == nil {
		return nil, nil, 0
	}
	take := func(lat, lon int32, lo, hi int32) {
		south, west := float64(lat)*gridCell, float64(lon)*gridCell
		if f.near != nil && !f.cellNear(south, west) || f.box != nil && !f.box.touches(south, west) {
			return
		}
		whole := (f.near == nil || f.cellInCircle(south, west)) && (f.box == nil || f.box.holds(south, west))
		spans = append(spans, placeSpan{lo: lo, hi: hi, whole: whole, south: south})
		n += int(hi - lo)
	}
	g = t.grid()
	if f.near != nil {
		c := f.near
		g.area(c.Lat-f.nearLat, c.Lat+f.nearLat, c.Lon-f.nearLon, c.Lon+f.nearLon, take)
	} else {
		g.area(f.box.South, f.box.North, f.box.West, f.box.East, take)
	}
	return g, spans, n
}

// eachPlaced calls fn with the place in g of every row of spans that passes the circle and the box: the
// rows of whole cells untested, the others tested on the grid's copy of their positions, read in order,
// with the bounds of the cosine of the cell's latitudes rather than one of each row's.
func (f *rowFilter) eachPlaced(g *placeGrid, spans []placeSpan, fn func(j int32)) {
	for _, sp := range spans {
		if sp.whole {
			for j := sp.lo; j < sp.hi; j++ {
				fn(j)
			}
			continue
		}
		cosLo, cosHi := cosRange(sp.south-cellSlack, sp.south+gridCell+cellSlack)
		for j := sp.lo; j < sp.hi; j++ {
			lat, lon := g.lat[j], g.lon[j]
			if (f.near == nil || f.inCircleWithin(lat, lon, cosLo, cosHi)) && (f.box == nil || f.box.contains(lat, lon)) {
				fn(j)
			}
		}
	}
}

// cellSlack widens a cell by far more than the rounding that may put a point on its edge into the cell
// beside.
const cellSlack = 1e-9

// cellNear reports whether the cell whose south-west corner is given may hold a point of the circle.
func (f *rowFilter) cellNear(south, west float64) bool {
	const half = gridCell / 2
	return math.Abs(south+half-f.near.Lat) <= f.nearLat+half+cellSlack && lonDelta(west+half, f.near.Lon) <= f.nearLon+half+cellSlack
}

// cellInCircle reports whether every point of the cell whose south-west corner is given is in the circle.
// On a sphere the point of a cell farthest from a centre is one of its corners, unless the cell holds the
// meridian opposite the centre or reaches a quarter of the way round the Earth from it; circleBounds
// decides nothing so far out, and a cell on the opposite meridian is left to its rows' tests.
func (f *rowFilter) cellInCircle(south, west float64) bool {
	const half = gridCell / 2
	c := f.near
	if lonDelta(west+half, c.Lon) > 180-gridCell {
		return false
	}
	south, west = south-cellSlack, west-cellSlack
	north, east := south+gridCell+2*cellSlack, west+gridCell+2*cellSlack
	for _, lat := range [2]float64{max(south, -90), min(north, 90)} {
		if math.Abs(lat-c.Lat) > f.nearLat {
			return false
		}
		for _, lon := range [2]float64{west, east} {
			if lonDelta(lon, c.Lon) > f.nearLon || f.nearCap.decide(lat, lon) != inside {
				return false
			}
		}
	}
	return true
}

// touches reports whether the cell whose south-west corner is given overlaps the box.
func (b *Box) touches(south, west float64) bool {
	south, west = south-cellSlack, west-cellSlack
	north, east := south+gridCell+2*cellSlack, west+gridCell+2*cellSlack
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

// holds reports whether every point of the cell whose south-west corner is given is in the box.
func (b *Box) holds(south, west float64) bool {
	south, west = south-cellSlack, west-cellSlack
	north, east := south+gridCell+2*cellSlack, west+gridCell+2*cellSlack
	if max(south, -90) < b.South || min(north, 90) > b.North {
		return false
	}
	if b.West <= b.East {
		return west >= b.West && east <= b.East
	}
	return west >= b.West || east <= b.East // across the antimeridian: wholly on one side of it
}
