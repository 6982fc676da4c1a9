package mapview

import (
	"math"
	"testing"
)

func TestClipPolygonToBox(t *testing.T) {
	var bufs [2][]pt
	// A square twice the box's size, centred on it, clips to the box itself.
	out := clipPolygon([]pt{{-10, -10}, {20, -10}, {20, 20}, {-10, 20}}, box{0, 0, 10, 10}, &bufs)
	if a := math.Abs(polygonArea(out)); math.Abs(a-100) > 1e-9 {
		t.Errorf("clipped area %v, want 100 (%v)", a, out)
	}
	// A ring wholly outside vanishes, even one whose bounding box straddles a corner.
	if out := clipPolygon([]pt{{-100, 5}, {-5, -100}, {-100, -100}}, box{0, 0, 10, 10}, &bufs); out != nil {
		t.Errorf("outside ring clipped to %v", out)
	}
}

func TestClipSegment(t *testing.T) {
	a, b, ok := clipSegment(pt{-5, 5}, pt{15, 5}, box{0, 0, 10, 10})
	if !ok || a != (pt{0, 5}) || b != (pt{10, 5}) {
		t.Errorf("clipSegment = %v %v %v", a, b, ok)
	}
	if _, _, ok := clipSegment(pt{-5, -5}, pt{-1, 20}, box{0, 0, 10, 10}); ok {
		t.Error("a segment left of the box was kept")
	}
}

func polygonArea(r []pt) float64 {
	var s float64
	for i, p := range r {
		q := r[(i+1)%len(r)]
		s += p.x*q.y - q.x*p.y
	}
	return s / 2
}
