package terrain

import (
	"errors"
	"math"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cairn-photos/cairn/library/geo"
)

// A 1000 m block on a sea-level plane, 10 km east of the camera: the horizon rises to it there and nowhere else.
func TestHorizonOfABlockOnAPlane(t *testing.T) {
	dir := t.TempDir()
	const camLat, camLon = 10.5, 20.3
	_, blockLon := geo.Destination(camLat, camLon, 90, 10000)
	col := int(math.Round((blockLon - 20) * 1200))
	writeFile(t, filepath.Join(dir, "N10E020.hgt"), makeHGT(samples3, func(r, c int) int16 {
		if r >= 590 && r <= 610 && c >= col && c <= col+10 {
			return 1000
		}
		return 0
	}))
	d, err := Open(dir, WithoutEmbedded())
	if err != nil {
		t.Fatal(err)
	}
	h, err := d.Horizon(camLat, camLon, 2)
	if err != nil {
		t.Fatal(err)
	}
	// The west face stands at the block's first column; bilinear heights ramp up over the sample before it.
	faceM, _ := geo.DistanceBearing(camLat, camLon, camLat, 20+float64(col)/1200)
	want := geo.ApparentElevationDeg(faceM, 998)
	if el, dist := h.At(90); math.Abs(el-want) > 0.1 || math.Abs(dist-faceM) > 100 {
		t.Errorf("towards the block: %.3f° at %.0f m, want %.3f° at %.0f m", el, dist, want, faceM)
	}
	if lat, lon, ok := h.Point(90); !ok || math.Abs(lat-camLat) > 0.001 || math.Abs(lon-(20+float64(col)/1200)) > 0.002 {
		t.Errorf("skyline point towards the block: %.4f, %.4f %v", lat, lon, ok)
	}
	if el, _ := h.At(270); el > 0 {
		t.Errorf("towards the empty plane the skyline is %.3f°, want below the horizontal", el)
	}
	// Between two steps At blends the neighbours.
	if el, _ := h.At(90.05); math.Abs(el-(h.ElevDeg[900]+h.ElevDeg[901])/2) > 1e-9 {
		t.Errorf("At(90.05) = %.4f, want the mean of %.4f and %.4f", el, h.ElevDeg[900], h.ElevDeg[901])
	}
	// The tile ends 0.7° east of the camera (about 77 km): the skyline there may be cut off; westwards it is not.
	if r := h.ReachM[int(90/h.StepDeg)]; r > 80000 || r < 70000 {
		t.Errorf("reach eastwards %.0f m, want where the tile ends (about 77 km)", r)
	}
	if r := h.ReachM[int(270/h.StepDeg)]; r > 40000 {
		t.Errorf("reach westwards %.0f m, want where the tile ends (about 33 km)", r)
	}
	if _, err := d.Horizon(45, 7, 100); !errors.Is(err, ErrNoTerrain) {
		t.Errorf("horizon without terrain: %v, want ErrNoTerrain", err)
	}
	for _, bad := range [][3]float64{{math.NaN(), 20.3, 2}, {camLat, camLon, math.Inf(1)}, {95, 20, 2}} {
		if _, err := d.Horizon(bad[0], bad[1], bad[2]); err == nil {
			t.Errorf("horizon from %v", bad)
		}
		if _, err := d.LineOfSight(bad[0], bad[1], bad[2], camLat, camLon+0.1, 500); err == nil {
			t.Errorf("line of sight from %v", bad)
		}
	}
}

// The default sampling (near bands, steps growing with distance) against every azimuth marched at a quarter of
// the DEM's spacing and 0.1 % of the distance, from the viewpoints of the benchmark.
func TestHorizonSamplingIsCloseToFineMarching(t *testing.T) {
	if testing.Short() {
		t.Skip("fine reference horizons take a few seconds")
	}
	d := openEmbedded(t)
	var errs []float64
	for _, v := range benchViews {
		fast, err := d.Horizon(v.lat, v.lon, v.eyeAlt)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := d.Horizon(v.lat, v.lon, v.eyeAlt, withSampling(0.25, 0.001), withoutBands())
		if err != nil {
			t.Fatal(err)
		}
		for i := range fast.ElevDeg {
			errs = append(errs, math.Abs(fast.ElevDeg[i]-ref.ElevDeg[i]))
		}
	}
	sort.Float64s(errs)
	mean := 0.0
	for _, e := range errs {
		mean += e / float64(len(errs))
	}
	p99, worst := errs[len(errs)*99/100], errs[len(errs)-1]
	t.Logf("horizon error against fine marching: mean %.4f°, p99 %.4f°, max %.4f°", mean, p99, worst)
	// Measured: mean 0.035°, p99 0.30°, max 0.80° (the worst where near, steep ground forms the skyline);
	// a skyline pixel of a 512-pixel-wide phone photo is 0.13°.
	if mean > 0.05 || p99 > 0.4 || worst > 1 {
		t.Errorf("horizon error: mean %.4f°, p99 %.4f°, max %.4f°; want ≤ 0.05°, 0.4°, 1°", mean, p99, worst)
	}
}
