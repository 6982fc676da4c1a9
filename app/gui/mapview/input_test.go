package mapview

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func TestTapOnDotCallsOnPhotoTapped(t *testing.T) {
	m, win := newTestMap(t, 640, 480)
	var got []uint64
	m.OnPhotoTapped = func(key uint64) { got = append(got, key) }
	for _, p := range khumbuTrek()[3:6] {
		pos := m.PositionOf(p.Lat, p.Lon).Add(fyne.NewPos(2, -2)) // a little off centre, as fingers are
		test.TapCanvas(win.Canvas(), pos)
		if len(got) == 0 || got[len(got)-1] != p.Key {
			t.Fatalf("tap at %v on photo %c reported %v", pos, rune(p.Key), got)
		}
		if key, ok := m.Selected(); !ok || key != p.Key {
			t.Errorf("tap on %c selected %c", rune(p.Key), rune(key))
		}
	}
	// A tap on empty map reports nothing.
	n := len(got)
	test.TapCanvas(win.Canvas(), fyne.NewPos(5, 470))
	if len(got) != n {
		t.Errorf("tap on empty map reported %v", got[n:])
	}
}

func TestSelectModeDragReportsArea(t *testing.T) {
	m, win := newTestMap(t, 640, 480)
	var s, w, n, e float64
	calls := 0
	m.OnAreaSelected = func(s0, w0, n0, e0 float64) { s, w, n, e, calls = s0, w0, n0, e0, calls+1 }
	m.SetSelectMode(true)
	from, to := m.PositionOf(27.95, 86.70), m.PositionOf(27.80, 86.85)
	// test.Drag sends one event at pos with the whole movement, as Fyne does for a single-step drag.
	test.Drag(win.Canvas(), to, to.X-from.X, to.Y-from.Y)
	if calls != 1 {
		t.Fatalf("OnAreaSelected called %d times", calls)
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-3 }
	if !near(s, 27.80) || !near(w, 86.70) || !near(n, 27.95) || !near(e, 86.85) {
		t.Errorf("area = s %v w %v n %v e %v, want 27.80 86.70 27.95 86.85", s, w, n, e)
	}
	if m.selectMode {
		t.Error("select mode stays armed after a selection")
	}
}

func TestShiftDragSelectsAreaInSteps(t *testing.T) {
	m, _ := newTestMap(t, 640, 480)
	var box [4]float64
	m.OnAreaSelected = func(s, w, n, e float64) { box = [4]float64{s, w, n, e} }
	from, to := m.PositionOf(27.80, 86.85), m.PositionOf(27.95, 86.70) // dragged up and left this time
	m.MouseDown(&desktop.MouseEvent{Modifier: fyne.KeyModifierShift})
	dragInSteps(m, from, to, 5)
	want := [4]float64{27.80, 86.70, 27.95, 86.85}
	for i := range box {
		if math.Abs(box[i]-want[i]) > 1e-3 {
			t.Fatalf("area = %v, want %v", box, want)
		}
	}
}

func TestDragPans(t *testing.T) {
	m, _ := newTestMap(t, 640, 480)
	called := false
	m.OnAreaSelected = func(s, w, n, e float64) { called = true }
	before := m.PositionOf(27.9, 86.8)
	dragInSteps(m, fyne.NewPos(300, 300), fyne.NewPos(350, 280), 4)
	after := m.PositionOf(27.9, 86.8)
	if d := after.Subtract(before); math.Abs(float64(d.X-50)) > 1e-3 || math.Abs(float64(d.Y+20)) > 1e-3 {
		t.Errorf("a drag by (50, -20) moved the map by %v", d)
	}
	if called {
		t.Error("a plain drag selected an area")
	}
}

func TestZoomKeysButtonsAndScroll(t *testing.T) {
	m, _ := newTestMap(t, 640, 480)
	z := m.view.zoom
	test.Type(m, "+")
	if m.view.zoom != z+1 {
		t.Fatalf("'+' zoomed from %v to %v", z, m.view.zoom)
	}
	test.Type(m, "-")
	if m.view.zoom != z {
		t.Fatalf("'-' zoomed back to %v, want %v", m.view.zoom, z)
	}
	// The first control is the zoom-in button.
	r := test.WidgetRenderer(m).(*renderer)
	test.Tap(r.controls.Objects[0].(fyne.Tappable))
	if m.view.zoom != z+1 {
		t.Fatalf("zoom-in button zoomed to %v, want %v", m.view.zoom, z+1)
	}
	anchor := m.PositionOf(27.9, 86.8)
	// test.Scroll leaves the event's position empty, so the event is sent directly.
	m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: anchor}, Scrolled: fyne.Delta{DY: -40}})
	if math.Abs(m.view.zoom-z) > 1e-9 {
		t.Errorf("scrolling back did not restore the zoom: %v, want %v", m.view.zoom, z)
	}
	if p := m.PositionOf(27.9, 86.8); math.Abs(float64(p.X-anchor.X)) > 1e-3 || math.Abs(float64(p.Y-anchor.Y)) > 1e-3 {
		t.Errorf("scroll zoom moved the point under the pointer from %v to %v", anchor, p)
	}
}

func TestSelectAreaButtonArmsSelectMode(t *testing.T) {
	m, _ := newTestMap(t, 640, 480)
	r := test.WidgetRenderer(m).(*renderer)
	test.Tap(r.selectBtn)
	if !m.selectMode {
		t.Fatal("the Select area button did not arm select mode")
	}
	test.Tap(r.selectBtn)
	if m.selectMode {
		t.Fatal("a second tap did not disarm select mode")
	}
}

func TestSetPhotosKeepsSelectionAndFits(t *testing.T) {
	m, _ := newTestMap(t, 640, 480)
	m.Select('c')
	m.SetPhotos(khumbuTrek())
	if key, ok := m.Selected(); !ok || key != 'c' {
		t.Errorf("selection after SetPhotos = %c (%v)", rune(key), ok)
	}
	for _, p := range khumbuTrek() {
		if pos := m.PositionOf(p.Lat, p.Lon); pos.X < 0 || pos.Y < 0 || pos.X > 640 || pos.Y > 480 {
			t.Errorf("photo %c at %v is outside the fitted view", rune(p.Key), pos)
		}
	}
	m.Select(12345)
	if key, ok := m.Selected(); ok {
		t.Errorf("unknown key selected %d", key)
	}
}

// dragInSteps moves from a to b the way Fyne's desktop driver reports a drag: each event carries the
// pointer's position and the movement since the previous one.
func dragInSteps(m *Map, a, b fyne.Position, steps int) {
	prev := a
	for i := 1; i <= steps; i++ {
		f := float32(i) / float32(steps)
		cur := fyne.NewPos(a.X+(b.X-a.X)*f, a.Y+(b.Y-a.Y)*f)
		m.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: cur}, Dragged: fyne.NewDelta(cur.X-prev.X, cur.Y-prev.Y)})
		prev = cur
	}
	m.DragEnd()
}
