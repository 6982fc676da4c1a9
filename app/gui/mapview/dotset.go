package mapview

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// Dots are photos ready to draw: projected, in time order and indexed by place. A million take about a second of CPU to prepare, so make them
// with NewDots off the UI goroutine; SetDots then costs nothing. They hold no pointers but their arrays, so
// the garbage collector never scans a million of anything.
type Dots struct {
	// By dot, oldest first and undated first of all: a dot's number is its rank in time, so the newest of
	// any set of dots is the one with the highest number.
	pos     []wpt    // world position
	ms      []int64  // capture time, Unix milliseconds; meaningless before firstDated
	key     []uint64 // the caller's name for the photo
	heading []float32
	fov     []float32

	firstDated int // dots before it have no time
	bounds     box
	grid       dotGrid
}

// wpt is a point in world coordinates.
type wpt struct{ x, y float64 }

// NewDots prepares photos for SetDots; it is safe to call from any goroutine.
func NewDots(photos []Photo) *Dots {
	if slices.ContainsFunc(photos, unplaceable) {
		photos = slices.DeleteFunc(slices.Clone(photos), unplaceable)
	}
	n := len(photos)
	order := timeOrder(photos)
	d := &Dots{pos: make([]wpt, n), ms: make([]int64, n), key: make([]uint64, n), heading: make([]float32, n),
		fov: make([]float32, n), bounds: emptyBox()}
	for i, j := range order {
		p := &photos[j]
		x, y := project(p.Lat, p.Lon)
		d.pos[i] = wpt{x, y}
		d.bounds.grow(x, y)
		d.key[i], d.fov[i] = p.Key, float32(p.FOV)
		d.heading[i] = float32(math.NaN())
		if p.HasHeading {
			d.heading[i] = float32(p.Heading)
		}
		if p.Time.IsZero() {
			d.firstDated = i + 1
			continue
		}
		d.ms[i] = p.Time.UnixMilli()
	}
	d.grid = newDotGrid(d.pos, d.bounds)
	return d
}

// unplaceable reports whether p has no position to draw it at: a broken record's.
func unplaceable(p Photo) bool {
	return math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || math.IsInf(p.Lat, 0) || math.IsInf(p.Lon, 0)
}

// timeOrder lists the photos' indices oldest first, undated first of all, ties in the order given. Matches
// mostly come newest first, the grid's order: turned round, they are in order already, which is checked in
// one pass rather than sorted; other orders are sorted by radix, a million in a few tens of milliseconds.
func timeOrder(photos []Photo) []int32 {
	n := len(photos)
	keys := make([]uint64, n) // the time as an unsigned number in the same order; undated is 0
	for i := range photos {
		if !photos[i].Time.IsZero() {
			keys[i] = uint64(photos[i].Time.UnixMilli()) ^ 1<<63
		}
	}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	switch {
	case slices.IsSorted(keys):
	case slices.IsSortedFunc(keys, func(a, b uint64) int { return cmp.Compare(b, a) }):
		slices.Reverse(order)
	default:
		radixSort(keys, order)
	}
	return order
}

// radixSort sorts keys, and order with them, sixteen bits at a time from the lowest: each pass is stable, so
// equal keys keep their order. A pass whose digit all keys share is skipped.
func radixSort(keys []uint64, order []int32) {
	n := len(keys)
	if n < 2 {
		return
	}
	sorted := order
	k2, o2 := make([]uint64, n), make([]int32, n)
	for shift := 0; shift < 64; shift += 16 {
		var count [1 << 16]int
		for _, k := range keys {
			count[k>>shift&0xffff]++
		}
		if count[keys[0]>>shift&0xffff] == n {
			continue
		}
		at := 0
		for d, c := range count {
			count[d] = at
			at += c
		}
		for i, k := range keys {
			d := k >> shift & 0xffff
			k2[count[d]], o2[count[d]] = k, order[i]
			count[d]++
		}
		keys, k2 = k2, keys
		order, o2 = o2, order
	}
	copy(sorted, order) // the passes may have left the result in the scratch array
}

func (d *Dots) len() int { return len(d.pos) }

// time is when dot i was taken, zero when unknown.
func (d *Dots) time(i int) time.Time {
	if i < d.firstDated {
		return time.Time{}
	}
	return time.UnixMilli(d.ms[i]).UTC()
}

// hasHeading reports whether dot i knows which way its camera pointed.
func (d *Dots) hasHeading(i int) bool { return !math.IsNaN(float64(d.heading[i])) }

// indexOf is the dot of the photo with key, or −1.
func (d *Dots) indexOf(key uint64) int {
	if i := slices.Index(d.key, key); i >= 0 {
		return i
	}
	return -1
}

// dotGrid sorts the dots into square cells over their bounds, so that a frame zoomed in and a pointer over
// the map visit the dots near them only. Each cell keeps its dots' positions beside their numbers, in
// ascending order, so a cell is read from one stretch of memory.
type dotGrid struct {
	minX, minY float64 // the corner of cell 0
	side       float64 // of a cell, in world units
	nx, ny     int
	start      []int32 // cell c holds the entries start[c] to start[c+1]
	pos        []wpt
	dot        []int32
}

// dotsPerCell is how many dots a cell holds on average: few enough that the cells under a pointer hold a few
// hundred dots at most, enough that the grid costs little besides the dots.
const dotsPerCell = 16

func newDotGrid(pos []wpt, b box) dotGrid {
	n := len(pos)
	g := dotGrid{minX: b.minX, minY: b.minY, side: 1, nx: 1, ny: 1}
	if n == 0 {
		g.start = make([]int32, 2)
		return g
	}
	w, h := b.maxX-b.minX, b.maxY-b.minY
	if cells := float64(n) / dotsPerCell; w > 0 || h > 0 {
		g.side = math.Max(math.Sqrt(math.Max(w, 1e-12)*math.Max(h, 1e-12)/cells), math.Max(w, h)/2048)
		g.nx = min(2048, int(w/g.side)+1)
		g.ny = min(2048, int(h/g.side)+1)
	}
	cellOf := make([]int32, n)
	g.start = make([]int32, g.nx*g.ny+1)
	for i, p := range pos {
		c := g.cell(p)
		cellOf[i] = int32(c)
		g.start[c+1]++
	}
	for c := 1; c < len(g.start); c++ {
		g.start[c] += g.start[c-1]
	}
	next := slices.Clone(g.start[:len(g.start)-1])
	g.pos, g.dot = make([]wpt, n), make([]int32, n)
	for i, c := range cellOf {
		k := next[c]
		next[c]++
		g.pos[k], g.dot[k] = pos[i], int32(i)
	}
	return g
}

// cell is the cell that holds p, which lies within the grid's bounds.
func (g *dotGrid) cell(p wpt) int {
	cx := min(g.nx-1, max(0, int((p.x-g.minX)/g.side)))
	cy := min(g.ny-1, max(0, int((p.y-g.minY)/g.side)))
	return cy*g.nx + cx
}

// visit calls f with the entries of every cell that overlaps the world box b.
func (g *dotGrid) visit(b box, f func(pos []wpt, dot []int32)) {
	if len(g.pos) == 0 {
		return
	}
	x0, x1 := int(math.Floor((b.minX-g.minX)/g.side)), int(math.Floor((b.maxX-g.minX)/g.side))
	y0, y1 := int(math.Floor((b.minY-g.minY)/g.side)), int(math.Floor((b.maxY-g.minY)/g.side))
	x0, x1 = max(x0, 0), min(x1, g.nx-1)
	y0, y1 = max(y0, 0), min(y1, g.ny-1)
	if x0 > x1 || y0 > y1 {
		return // b lies beside the grid
	}
	for cy := y0; cy <= y1; cy++ {
		from, to := g.start[cy*g.nx+x0], g.start[cy*g.nx+x1+1] // a row's cells are consecutive
		if from < to {
			f(g.pos[from:to], g.dot[from:to])
		}
	}
}
