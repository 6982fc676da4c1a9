package library

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"github.com/cairn-photos/cairn/library/geo"
	"github.com/cairn-photos/cairn/library/media/mediatest"
	"github.com/cairn-photos/cairn/library/peaks"
	"github.com/cairn-photos/cairn/library/terrain"
)

// From Kala Patthar, Everest's summit stands on the skyline: the rendered horizon must pass through the summit
// where the same view places it, in a tilted, rolled camera as in a level one.
func TestHorizonLineThroughEverestFromKalaPatthar(t *testing.T) {
	dem, err := terrain.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cat, err := peaks.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	everest, ok := cat.ByID("everest")
	if !ok {
		t.Fatal("no everest in the catalog")
	}
	lat, lon, alt := 27.9957, 86.8286, 5545.0
	dist, bearing := geo.DistanceBearing(lat, lon, everest.Lat, everest.Lon)
	summit, ok := dem.Elevation(everest.Lat, everest.Lon)
	if !ok {
		t.Fatal("no terrain at Everest")
	}
	eye, _ := dem.CameraAltitude(lat, lon, &alt)
	elev := geo.ApparentElevationDeg(dist, summit-eye.M)

	for _, vi := range []ViewInfo{
		{Heading: bearing, Pitch: elev - 4, Roll: 0, FOV: 40},
		{Heading: bearing + 8, Pitch: elev + 3, Roll: 5, FOV: 25},
		{Heading: bearing - 3, Pitch: elev - 10, Roll: -7, FOV: 65},
	} {
		p := Photo{Rel: "kp.jpg", GPS: &LatLon{lat, lon}, Altitude: &alt, Width: 4032, Height: 3024, View: &vi}
		lines, err := HorizonLine(dem, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(lines) == 0 {
			t.Fatalf("%+v: no horizon", vi)
		}
		sx, sy, front := photoView(vi, p.Width, p.Height).Project(bearing, elev)
		if !front || sx < 0 || sx > 1 || sy < 0 || sy > 1 {
			t.Fatalf("%+v: Everest not in the frame (%.3f, %.3f)", vi, sx, sy)
		}
		// The line's height where it passes the summit's column.
		best := math.Inf(1)
		var at PhotoPoint
		for _, l := range lines {
			for _, q := range l {
				if q.X < 0 || q.X > 1 || q.Y < 0 || q.Y > 1 {
					t.Fatalf("%+v: point %+v outside the frame", vi, q)
				}
				if d := math.Abs(q.X - sx); d < best {
					best, at = d, q
				}
			}
		}
		// Half a degree of elevation: the summit on 90 m terrain, a catalog position a few hundred metres off.
		vfov := photoView(vi, p.Width, p.Height).VFOV
		if best > 0.01 || math.Abs(at.Y-sy) > 0.5/vfov {
			t.Errorf("%+v: horizon at (%.3f, %.3f), Everest's summit at (%.3f, %.3f)", vi, at.X, at.Y, sx, sy)
		}
		// The line spans the frame: Kala Patthar is surrounded by mountains.
		first, last := lines[0][0], lines[len(lines)-1][len(lines[len(lines)-1])-1]
		if math.Min(first.X, last.X) > 0.01 && math.Min(first.Y, last.Y) > 0.01 {
			t.Errorf("%+v: horizon starts at %+v, not at the frame's edge", vi, first)
		}
	}
}

func TestHorizonLineNeedsPositionAndView(t *testing.T) {
	dem, err := terrain.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	alt := 5545.0
	view := &ViewInfo{Heading: 90, FOV: 50}
	for name, p := range map[string]Photo{
		"no view":     {GPS: &LatLon{27.9957, 86.8286}, Altitude: &alt, Width: 400, Height: 300},
		"no position": {View: view, Width: 400, Height: 300},
		"no size":     {GPS: &LatLon{27.9957, 86.8286}, View: view},
		"no terrain":  {GPS: &LatLon{48.0, 2.0}, View: view, Width: 400, Height: 300},
	} {
		if lines, err := HorizonLine(dem, p); lines != nil || err != nil {
			t.Errorf("%s: %v, %v; want nothing", name, lines, err)
		}
	}
}

func TestClipToFrame(t *testing.T) {
	for _, c := range []struct {
		a, b, wa, wb PhotoPoint
		in           bool
	}{
		{PhotoPoint{0.2, 0.2}, PhotoPoint{0.8, 0.5}, PhotoPoint{0.2, 0.2}, PhotoPoint{0.8, 0.5}, true},
		{PhotoPoint{-0.5, 0.5}, PhotoPoint{0.5, 0.5}, PhotoPoint{0, 0.5}, PhotoPoint{0.5, 0.5}, true},
		{PhotoPoint{0.5, -1}, PhotoPoint{0.5, 2}, PhotoPoint{0.5, 0}, PhotoPoint{0.5, 1}, true},
		{PhotoPoint{-1, -1}, PhotoPoint{2, -0.5}, PhotoPoint{}, PhotoPoint{}, false},
	} {
		a, b, in := clipToFrame(c.a, c.b)
		if in != c.in || in && (math.Hypot(a.X-c.wa.X, a.Y-c.wa.Y) > 1e-12 || math.Hypot(b.X-c.wb.X, b.Y-c.wb.Y) > 1e-12) {
			t.Errorf("clip %+v–%+v = %+v–%+v %v, want %+v–%+v %v", c.a, c.b, a, b, in, c.wa, c.wb, c.in)
		}
	}
}

// The map's view cone follows the stored view (the skyline's heading, the true field of view) over the compass.
func TestViewOfPrefersTheStoredView(t *testing.T) {
	compass := 100.0
	p := Photo{Heading: &compass, Focal35mm: 120, Width: 4032, Height: 3024}
	if h, fov := viewOf(p); h != 100 || math.Abs(fov-16.4) > 0.2 {
		t.Errorf("compass only: %.1f° wide at %.1f°, want 16.4° (120 mm on a 4:3 frame) at 100°", fov, h)
	}
	p.View = &ViewInfo{Heading: 106.3, FOV: 16.2, Source: peaks.HeadingSkyline}
	if h, fov := viewOf(p); h != 106.3 || fov != 16.2 {
		t.Errorf("with a view: %.1f° wide at %.1f°, want 16.2° at 106.3°", fov, h)
	}
	p.Heading, p.View = nil, &ViewInfo{Heading: 0, FOV: 16.2, Source: peaks.HeadingNone}
	if h, _ := viewOf(p); !math.IsNaN(h) {
		t.Errorf("no heading: %.1f°, want NaN", h)
	}
}

// The album's terrain area spans its placed photos, half a degree wider on every side; an album without
// positions has none.
func TestTerrainArea(t *testing.T) {
	album := t.TempDir()
	for i, pos := range [][2]float64{{27.80, 86.71}, {27.99, 86.83}} {
		exif := mediatest.EXIF{HasGPS: true, Lat: pos[0], Lon: pos[1]}
		writeFile(t, album, fmt.Sprintf("p%d.jpg", i), mediatest.JPEG(t, mediatest.MarkerImage(64, 48), exif.Bytes()))
	}
	writeJPEG(t, album, "nowhere.jpg", color.Gray{128}, 64, 48)
	lib := openTestLibrary(t, album)
	if _, ok, err := lib.TerrainArea(); ok || err != nil {
		t.Errorf("an album not scanned yet has an area (%v, %v)", ok, err)
	}
	scan(t, lib)
	b, ok, err := lib.TerrainArea()
	want := Box{South: 27.30, West: 86.21, North: 28.49, East: 87.33}
	if !ok || err != nil || math.Abs(b.South-want.South)+math.Abs(b.West-want.West)+math.Abs(b.North-want.North)+math.Abs(b.East-want.East) > 1e-6 {
		t.Errorf("area %+v (%v, %v), want %+v", b, ok, err, want)
	}
}
