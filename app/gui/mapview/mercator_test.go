package mapview

import (
	"math"
	"testing"
)

func TestProjectionRoundTrip(t *testing.T) {
	for _, c := range []struct{ lat, lon float64 }{
		{0, 0}, {27.9881, 86.9253}, {-33.86, 151.21}, {85, -179.9}, {-85, 179.9}, {51.5, -0.12},
	} {
		x, y := project(c.lat, c.lon)
		lat, lon := unproject(x, y)
		if math.Abs(lat-c.lat) > 1e-9 || math.Abs(lon-c.lon) > 1e-9 {
			t.Errorf("round trip of (%v, %v) gave (%v, %v)", c.lat, c.lon, lat, lon)
		}
	}
}

func TestProjectionKnownPoints(t *testing.T) {
	// The equator and prime meridian meet at the world's centre; 85.0511° N is its top edge.
	if x, y := project(0, 0); math.Abs(x-0.5) > 1e-12 || math.Abs(y-0.5) > 1e-12 {
		t.Errorf("project(0, 0) = (%v, %v), want (0.5, 0.5)", x, y)
	}
	if _, y := project(maxLat, 0); math.Abs(y) > 1e-8 {
		t.Errorf("project(maxLat, 0).y = %v, want 0", y)
	}
	if _, y := project(89.9, 0); math.Abs(y) > 1e-8 {
		t.Errorf("latitudes past the edge must clamp, got y = %v", y)
	}
}

func TestViewportRoundTripAndZoomAt(t *testing.T) {
	v := viewport{cx: 0.7, cy: 0.4, zoom: 10.3, w: 800, h: 600}
	x, y := v.toWorld(123, 456)
	if sx, sy := v.toScreen(x, y); math.Abs(sx-123) > 1e-6 || math.Abs(sy-456) > 1e-6 {
		t.Fatalf("screen round trip gave (%v, %v)", sx, sy)
	}
	// Zooming about a point keeps the world under it in place.
	v.zoomAt(123, 456, 1.5)
	if sx, sy := v.toScreen(x, y); math.Abs(sx-123) > 1e-6 || math.Abs(sy-456) > 1e-6 {
		t.Fatalf("zoomAt moved the anchor to (%v, %v)", sx, sy)
	}
}
