package mapview

import "math"

const (
	minZoom = 0
	maxZoom = 19
	// tileSize makes zoom z show the world 256·2^z units wide, as slippy maps do, so zoom levels match
	// MBTiles levels.
	tileSize = 256
)

// viewport maps world coordinates to widget coordinates (Fyne units, origin at the top left).
type viewport struct {
	cx, cy float64 // world point at the widget's centre
	zoom   float64 // continuous; the world is tileSize·2^zoom units wide
	w, h   float64 // widget size in units
}

func (v viewport) scale() float64 { return tileSize * math.Exp2(v.zoom) }

func (v viewport) toScreen(x, y float64) (sx, sy float64) {
	s := v.scale()
	return (x-v.cx)*s + v.w/2, (y-v.cy)*s + v.h/2
}

func (v viewport) toWorld(sx, sy float64) (x, y float64) {
	s := v.scale()
	return (sx-v.w/2)/s + v.cx, (sy-v.h/2)/s + v.cy
}

// pan moves the map by a screen delta: dragging right shows what lies to the west.
func (v *viewport) pan(dx, dy float64) {
	s := v.scale()
	v.cx -= dx / s
	v.cy -= dy / s
	v.clamp()
}

// zoomAt changes the zoom by dz while keeping the world point under (sx, sy) where it is on screen.
func (v *viewport) zoomAt(sx, sy, dz float64) {
	x, y := v.toWorld(sx, sy)
	v.zoom = math.Max(minZoom, math.Min(maxZoom, v.zoom+dz))
	s := v.scale()
	v.cx = x - (sx-v.w/2)/s
	v.cy = y - (sy-v.h/2)/s
	v.clamp()
}

// fit centres the world box and picks the largest zoom that shows it with margin units to spare on every
// side. A box of a single point gets a street-level zoom rather than the maximum.
func (v *viewport) fit(minX, minY, maxX, maxY, margin float64) {
	v.cx, v.cy = (minX+maxX)/2, (minY+maxY)/2
	aw, ah := math.Max(v.w-2*margin, 1), math.Max(v.h-2*margin, 1)
	z := 14.0
	if dx, dy := maxX-minX, maxY-minY; dx > 0 || dy > 0 {
		z = math.Log2(math.Min(aw/math.Max(dx, 1e-12), ah/math.Max(dy, 1e-12)) / tileSize)
	}
	v.zoom = math.Max(minZoom, math.Min(16, z))
	v.clamp()
}

// clamp keeps the centre on the world so the map cannot be lost off screen.
func (v *viewport) clamp() {
	v.cx = math.Max(0, math.Min(1, v.cx))
	v.cy = math.Max(0, math.Min(1, v.cy))
}
