package peaks

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// testRegion is a box around the test camera; its camera_altitude_m stands in for a missing GPS altitude.
const testRegion = `region: {name: Test, south: 27, west: 86, north: 29, east: 88, camera_altitude_m: 4000}
peaks:
`

// testCatalog loads a catalog made of testRegion and the given peak lines.
func testCatalog(t *testing.T, peaks string) *Catalog {
	t.Helper()
	c, err := Load(strings.NewReader(testRegion+peaks), "test.yaml")
	if err != nil {
		t.Fatalf("load test catalog: %v", err)
	}
	return c
}

// pointAt returns the position distKm away from (lat, lon) at the given bearing (flat-earth step, fine
// for tests over a few kilometres).
func pointAt(lat, lon, bearingDeg, distKm float64) (float64, float64) {
	const degKm = 2 * math.Pi * earthRadiusM / 360 / 1000
	dLat := distKm * math.Cos(rad(bearingDeg)) / degKm
	dLon := distKm * math.Sin(rad(bearingDeg)) / degKm / math.Cos(rad(lat))
	return lat + dLat, lon + dLon
}

func viewOf(t *testing.T, views []View, id string) View {
	t.Helper()
	for _, v := range views {
		if v.Peak.ID == id {
			return v
		}
	}
	t.Fatalf("no view of %s among %d", id, len(views))
	return View{}
}

// The camera stands 0.09° (10.0 km) due south of north_peak, at 4000 m, facing north.
var southCamera = CompassCamera(27.91, 87.0, ptr(4000), ptr(0), 50, false)

func ptr(v float64) *float64 { return &v }

func TestViewDueSouthFacingNorth(t *testing.T) {
	c := testCatalog(t, `
  - {id: north_peak, name: North Peak, lat: 28.0, lon: 87.0, elevation_m: 5000}
  - {id: south_peak, name: South Peak, lat: 27.82, lon: 87.0, elevation_m: 6000}
  - {id: far_peak, name: Far Peak, lat: 28.6, lon: 87.0, elevation_m: 8000}
`)
	views := Views(c, southCamera)
	if len(views) != 2 {
		t.Fatalf("got %d views, want 2 (far_peak is 77 km away, beyond range)", len(views))
	}
	n := viewOf(t, views, "north_peak")
	near(t, "distance km", n.DistanceKm, 10.0076, 0.001)
	near(t, "bearing", n.BearingDeg, 0, 1e-6)
	near(t, "offset", n.OffsetDeg, 0, 1e-6)
	// 1000 m higher, 10.0076 km away, 6.84 m of net curvature drop: atan(993.16/10007.6) = 5.6676°.
	near(t, "elevation", n.ElevationDeg, 5.6676, 0.001)
	if !n.InFrame || n.Hidden {
		t.Errorf("north_peak InFrame=%v Hidden=%v, want in frame and visible", n.InFrame, n.Hidden)
	}
	// Centre of the frame (factor 1) times the size factor 1 − exp(−5.6676/8).
	near(t, "score", n.Score, 1-math.Exp(-5.6676/8), 0.001)
	if want := "North Peak — 10.0 km at bearing 0°, at the centre, 5.7° above the horizon"; n.Explanation != want {
		t.Errorf("explanation\n got %q\nwant %q", n.Explanation, want)
	}

	s := viewOf(t, views, "south_peak")
	near(t, "behind: offset", math.Abs(s.OffsetDeg), 180, 1e-6)
	if s.InFrame || s.Score != 0 || !strings.Contains(s.Explanation, "outside the frame") {
		t.Errorf("peak behind the camera: InFrame=%v Score=%v %q; want ruled out", s.InFrame, s.Score, s.Explanation)
	}
	if views[0].Peak.ID != "north_peak" {
		t.Errorf("best view %s, want north_peak", views[0].Peak.ID)
	}
}

func TestViewLeftAndRightOfCentre(t *testing.T) {
	latR, lonR := pointAt(27.91, 87.0, 10, 8)
	latL, lonL := pointAt(27.91, 87.0, -10, 8)
	c := testCatalog(t, yamlPeak("right_peak", latR, lonR, 5000)+yamlPeak("left_peak", latL, lonL, 5000))
	views := Views(c, southCamera)
	r, l := viewOf(t, views, "right_peak"), viewOf(t, views, "left_peak")
	near(t, "right offset", r.OffsetDeg, 10, 0.05)
	near(t, "left offset", l.OffsetDeg, -10, 0.05)
	if !strings.Contains(r.Explanation, "10° right of centre") || !strings.Contains(l.Explanation, "10° left of centre") {
		t.Errorf("explanations %q / %q", r.Explanation, l.Explanation)
	}
	// Off centre scores less than on centre for the same peak.
	latC, lonC := pointAt(27.91, 87.0, 0, 8)
	centre := viewOf(t, Views(testCatalog(t, yamlPeak("centre_peak", latC, lonC, 5000)), southCamera), "centre_peak")
	if !(r.Score < centre.Score) {
		t.Errorf("off-centre score %.3f not below centre score %.3f", r.Score, centre.Score)
	}
}

// yamlPeak writes one catalog line for a peak named after its id.
func yamlPeak(id string, lat, lon, elev float64) string {
	return fmt.Sprintf("  - {id: %s, name: %s, lat: %.6f, lon: %.6f, elevation_m: %g}\n", id, strings.ReplaceAll(id, "_", " "), lat, lon, elev)
}

func TestViewOcclusion(t *testing.T) {
	nearPeak := "  - {id: near_peak, name: Near Peak, lat: 27.955, lon: 87.0, elevation_m: 6000}\n"
	cam := CompassCamera(27.91, 87.0, ptr(4000), nil, 0, false)

	// near_peak: 5 km due north, 2000 m higher, 21.8° up. behind_low: 20 km on the same bearing,
	// 2973 m net rise, 8.4° up: behind the nearer summit.
	views := Views(testCatalog(t, nearPeak+yamlPeak("behind_low", 28.09, 87.0, 7000)), cam)
	low := viewOf(t, views, "behind_low")
	if !low.Hidden || low.Score != 0 || !strings.Contains(low.Explanation, "hidden behind Near Peak") {
		t.Errorf("behind_low Hidden=%v Score=%v %q; want hidden behind Near Peak", low.Hidden, low.Score, low.Explanation)
	}
	if nearV := viewOf(t, views, "near_peak"); nearV.Hidden || nearV.Score == 0 {
		t.Errorf("nearest peak hidden: %q", nearV.Explanation)
	}

	// behind_high: 10 km, 4800 m higher, 25.6° up: it towers over the nearer summit.
	// aside: 20 km at 40° from near_peak's bearing, beyond the reach of its flanks.
	latA, lonA := pointAt(27.91, 87.0, 40, 20)
	views = Views(testCatalog(t, nearPeak+yamlPeak("behind_high", 28.0, 87.004, 8800)+yamlPeak("aside", latA, lonA, 7000)), cam)
	if high := viewOf(t, views, "behind_high"); high.Hidden || high.Score == 0 {
		t.Errorf("behind_high Hidden=%v Score=%v; want visible above the nearer peak", high.Hidden, high.Score)
	}
	if aside := viewOf(t, views, "aside"); aside.Hidden {
		t.Errorf("aside hidden: %q", aside.Explanation)
	}
}

func TestViewPortraitVsLandscape(t *testing.T) {
	// 25° right of the heading. At 50 mm a landscape frame spans ±19.8°, a portrait one ±13.5°; with the
	// 10° compass tolerance the peak may be in a landscape frame (≤ 29.8°) but not a portrait one (≤ 23.5°).
	lat, lon := pointAt(27.91, 87.0, 25, 8)
	c := testCatalog(t, yamlPeak("side_peak", lat, lon, 6000))
	land := southCamera
	port := CompassCamera(27.91, 87.0, ptr(4000), ptr(0), 50, true)
	l := viewOf(t, Views(c, land), "side_peak")
	p := viewOf(t, Views(c, port), "side_peak")
	if !l.InFrame || l.Score == 0 {
		t.Errorf("landscape: InFrame=%v Score=%v, want in frame", l.InFrame, l.Score)
	}
	if p.InFrame || p.Score != 0 {
		t.Errorf("portrait: InFrame=%v Score=%v, want outside the frame", p.InFrame, p.Score)
	}
}

func TestViewWithoutHeading(t *testing.T) {
	c := testCatalog(t, `
  - {id: north_peak, name: North Peak, lat: 28.0, lon: 87.0, elevation_m: 5000}
  - {id: south_peak, name: South Peak, lat: 27.82, lon: 87.0, elevation_m: 6000}
`)
	cam := southCamera
	cam.HeadingSource = HeadingNone
	views := Views(c, cam)
	if len(views) != 2 {
		t.Fatalf("got %d views, want 2", len(views))
	}
	// Without a heading both could be in the photo; the one that looms larger (south: 2000 m up at
	// 10 km) ranks first, and every score carries the lower confidence.
	if views[0].Peak.ID != "south_peak" {
		t.Errorf("first %s, want south_peak (larger)", views[0].Peak.ID)
	}
	withHeading := viewOf(t, Views(c, southCamera), "north_peak")
	for _, v := range views {
		if !v.InFrame || v.OffsetDeg != 0 || !strings.Contains(v.Explanation, "(no compass heading)") {
			t.Errorf("%s: InFrame=%v Offset=%v %q", v.Peak.ID, v.InFrame, v.OffsetDeg, v.Explanation)
		}
		if v.Score <= 0 || v.Score > noHeadingConfidence {
			t.Errorf("%s: score %v, want in (0, %v]", v.Peak.ID, v.Score, noHeadingConfidence)
		}
	}
	near(t, "no-heading score", viewOf(t, views, "north_peak").Score, withHeading.Score*noHeadingConfidence, 1e-9)
}

func TestViewWithoutAltitudeUsesRegion(t *testing.T) {
	c := testCatalog(t, `
  - {id: north_peak, name: North Peak, lat: 28.0, lon: 87.0, elevation_m: 5000}
`)
	cam := southCamera
	cam.HasAltitude = false
	cam.AltitudeM = 0
	v := viewOf(t, Views(c, cam), "north_peak")
	near(t, "elevation with the region's 4000 m", v.ElevationDeg, 5.6676, 0.001)
	if !strings.Contains(v.Explanation, "altitude assumed 4000 m") {
		t.Errorf("explanation %q does not say the altitude was assumed", v.Explanation)
	}
}

func TestViewsBadCamera(t *testing.T) {
	c := testCatalog(t, `
  - {id: north_peak, name: North Peak, lat: 28.0, lon: 87.0, elevation_m: 5000}
`)
	for _, cam := range []Camera{
		CompassCamera(math.NaN(), 87, nil, nil, 0, false),
		CompassCamera(27.91, math.Inf(1), nil, nil, 0, false),
		CompassCamera(27.91, 87, nil, ptr(math.NaN()), 0, false),
		CompassCamera(127.91, 87, nil, nil, 0, false),
		CompassCamera(27.91, -187, nil, nil, 0, false),
	} {
		if v := Views(c, cam); v != nil {
			t.Errorf("camera %+v: got %d views, want none", cam, len(v))
		}
	}
	// An unused heading or altitude may hold anything.
	unused := CompassCamera(27.91, 87, nil, nil, 0, false)
	unused.Aim.Heading, unused.AltitudeM = math.NaN(), math.Inf(1)
	if v := Views(c, unused); len(v) != 1 {
		t.Errorf("NaN heading and Inf altitude, both absent: %d views, want 1", len(v))
	}
	// A heading beyond 360° or negative is the same direction.
	cam := southCamera
	cam.Aim.Heading = -360
	if v := viewOf(t, Views(c, cam), "north_peak"); math.Abs(v.OffsetDeg) > 1e-6 {
		t.Errorf("heading -360: offset %v, want 0", v.OffsetDeg)
	}
}
