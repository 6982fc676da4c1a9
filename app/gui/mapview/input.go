package mapview

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// hitRadius is how far from a dot's centre, in units, a tap still picks it.
const hitRadius = 8

// dragState follows one drag: it either pans or, with Shift held or select mode armed, draws an area box.
type dragState struct {
	active     bool
	selecting  bool
	start, end fyne.Position
}

var (
	_ fyne.Tappable          = (*Map)(nil)
	_ fyne.Draggable         = (*Map)(nil)
	_ fyne.Scrollable        = (*Map)(nil)
	_ fyne.Focusable         = (*Map)(nil)
	_ desktop.Mouseable      = (*Map)(nil)
	_ desktop.Hoverable      = (*Map)(nil)
	_ desktop.Cursorable     = (*Map)(nil)
	_ fyne.SecondaryTappable = (*Map)(nil)
)

// Tapped selects the nearest dot within reach and reports it through OnPhotoTapped.
func (m *Map) Tapped(ev *fyne.PointEvent) {
	m.requestFocus()
	i := m.photoAt(ev.Position)
	if i < 0 {
		return
	}
	m.selected = i
	m.Refresh()
	if m.OnPhotoTapped != nil {
		m.OnPhotoTapped(m.dots.key[i])
	}
}

// TappedSecondary cancels an armed area selection, as Escape does.
func (m *Map) TappedSecondary(*fyne.PointEvent) { m.SetSelectMode(false) }

// photoAt returns the dot nearest to pos within hitRadius, preferring the newest (topmost) one at equal
// distance, or -1. It reads only the cells of the dots' grid around pos.
func (m *Map) photoAt(pos fyne.Position) int {
	best, bestD := -1, hitRadius*hitRadius+1e-9
	// Compare in world units, which saves a projection per photo.
	x, y := m.view.toWorld(float64(pos.X), float64(pos.Y))
	s := m.view.scale()
	bestD /= s * s
	r := hitRadius / s
	m.dots.grid.visit(box{x - r, y - r, x + r, y + r}, func(at []wpt, dot []int32) {
		for j, p := range at {
			d := (p.x-x)*(p.x-x) + (p.y-y)*(p.y-y)
			if d < bestD || d == bestD && int(dot[j]) > best {
				best, bestD = int(dot[j]), d
			}
		}
	})
	return best
}

// Dragged pans the map, or grows the area box. Fyne reports the pointer's current position and the movement
// since the previous event, so the drag started at the first event's position minus its movement.
func (m *Map) Dragged(ev *fyne.DragEvent) {
	if !m.drag.active {
		m.drag = dragState{active: true, selecting: m.selectMode || m.shiftDown,
			start: ev.Position.Subtract(fyne.NewPos(ev.Dragged.DX, ev.Dragged.DY))}
	}
	m.drag.end = ev.Position
	if !m.drag.selecting {
		m.userMoved = true
		m.view.pan(float64(ev.Dragged.DX), float64(ev.Dragged.DY))
	}
	m.Refresh()
}

// DragEnd finishes a pan, or reports the area box through OnAreaSelected and disarms select mode.
func (m *Map) DragEnd() {
	d := m.drag
	m.drag = dragState{}
	if !d.selecting {
		return
	}
	m.selectMode = false
	x0, y0 := m.view.toWorld(float64(d.start.X), float64(d.start.Y))
	x1, y1 := m.view.toWorld(float64(d.end.X), float64(d.end.Y))
	b := box{math.Min(x0, x1), math.Min(y0, y1), math.Max(x0, x1), math.Max(y0, y1)}
	if b.maxX-b.minX <= 0 || b.maxY-b.minY <= 0 {
		m.Refresh()
		return
	}
	m.area = &b
	m.Refresh()
	if m.OnAreaSelected != nil {
		n, w := unproject(b.minX, b.minY)
		s, e := unproject(b.maxX, b.maxY)
		m.OnAreaSelected(s, w, n, e)
	}
}

// Scrolled zooms about the pointer; a wheel notch (10 units in Fyne's desktop driver) is a quarter level,
// and trackpads' smaller steps zoom smoothly.
func (m *Map) Scrolled(ev *fyne.ScrollEvent) {
	m.userMoved = true
	m.view.zoomAt(float64(ev.Position.X), float64(ev.Position.Y), float64(ev.Scrolled.DY)/40)
	m.Refresh()
}

// MouseDown notes whether Shift is held, which makes the coming drag select an area.
func (m *Map) MouseDown(ev *desktop.MouseEvent) {
	m.shiftDown = ev.Modifier&fyne.KeyModifierShift != 0
}

// MouseUp is part of desktop.Mouseable.
func (m *Map) MouseUp(*desktop.MouseEvent) {}

// Cursor shows a crosshair while select mode is armed.
func (m *Map) Cursor() desktop.Cursor {
	if m.selectMode {
		return desktop.CrosshairCursor
	}
	return desktop.DefaultCursor
}

// FocusGained is part of fyne.Focusable; the map takes focus when tapped so its keys work.
func (m *Map) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (m *Map) FocusLost() {}

// TypedRune zooms with + and -, and fits the photos with 0.
func (m *Map) TypedRune(r rune) {
	switch r {
	case '+', '=':
		m.ZoomIn()
	case '-', '_':
		m.ZoomOut()
	case '0':
		m.FitPhotos()
	}
}

// TypedKey pans with the arrow keys and disarms select mode with Escape.
func (m *Map) TypedKey(ev *fyne.KeyEvent) {
	const step = 100
	switch ev.Name {
	case fyne.KeyLeft:
		m.panBy(step, 0)
	case fyne.KeyRight:
		m.panBy(-step, 0)
	case fyne.KeyUp:
		m.panBy(0, step)
	case fyne.KeyDown:
		m.panBy(0, -step)
	case fyne.KeyEscape:
		m.SetSelectMode(false)
	}
}

func (m *Map) panBy(dx, dy float64) {
	m.userMoved = true
	m.view.pan(dx, dy)
	m.Refresh()
}

func (m *Map) requestFocus() {
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	if c := a.Driver().CanvasForObject(m); c != nil {
		c.Focus(m)
	}
}

// MouseIn names what the pointer is over, as MouseMoved does.
func (m *Map) MouseIn(ev *desktop.MouseEvent) { m.MouseMoved(ev) }

// MouseMoved names the photo or the peak under the pointer beside it: the peaks whose labels gave way to
// others, and when each photo was taken.
func (m *Map) MouseMoved(ev *desktop.MouseEvent) {
	if m.rend != nil {
		m.rend.showTip(m.nameAt(ev.Position), ev.Position)
	}
}

// MouseOut hides the name.
func (m *Map) MouseOut() {
	if m.rend != nil {
		m.rend.showTip("", fyne.Position{})
	}
}

// nameAt names the photo dot or the peak triangle at pos: "Photo, 3 Nov 2023 08:51", "Ama Dablam"; "" for
// neither.
func (m *Map) nameAt(pos fyne.Position) string {
	if i := m.photoAt(pos); i >= 0 {
		if t := m.dots.time(i); !t.IsZero() {
			return "Photo, " + t.Format("2 Jan 2006 15:04")
		}
		return "Photo, date unknown"
	}
	for _, i := range m.shownPeaks() {
		x, y := m.view.toScreen(m.peaks[i].x, m.peaks[i].y)
		if math.Abs(x-float64(pos.X)) <= peakSize && math.Abs(y-float64(pos.Y)) <= peakSize {
			return m.peaks[i].name
		}
	}
	return ""
}
