package terrain_test

import (
	"math"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library/geo"
	"github.com/cairn-photos/cairn/library/peaks"
	"github.com/cairn-photos/cairn/library/terrain"
)

// These tests check the bundled terrain against what trekkers see from well-known viewpoints of the Khumbu,
// with summit positions and heights from the bundled peak catalog.

type viewpoint struct {
	name     string
	lat, lon float64
	gpsAltM  float64 // the altitude usually quoted for the place
}

var (
	kalaPatthar = viewpoint{"Kala Patthar", 27.9957, 86.8286, 5545}
	tengboche   = viewpoint{"Tengboche", 27.8361, 86.7644, 3867}
	namche      = viewpoint{"Namche Bazaar", 27.8056, 86.7139, 3440}
	// namcheRidge is the crest east of the village (by the national park's headquarters), where trekkers
	// walk up to see Everest.
	namcheRidge = viewpoint{"the ridge above Namche", 27.8080, 86.7190, 3700}
)

type khumbu struct {
	dem *terrain.DEM
	cat *peaks.Catalog
}

func openKhumbu(t *testing.T) khumbu {
	t.Helper()
	d, err := terrain.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cat, err := peaks.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	return khumbu{d, cat}
}

func (k khumbu) peak(t *testing.T, id string) peaks.Peak {
	t.Helper()
	p, ok := k.cat.ByID(id)
	if !ok {
		t.Fatalf("no %s in the catalog", id)
	}
	return p
}

func (k khumbu) eye(t *testing.T, v viewpoint) float64 {
	t.Helper()
	alt, ok := k.dem.CameraAltitude(v.lat, v.lon, &v.gpsAltM)
	if !ok {
		t.Fatalf("%s: no camera altitude", v.name)
	}
	return alt.M
}

func (k khumbu) sight(t *testing.T, v viewpoint, id string) terrain.LineOfSight {
	t.Helper()
	p := k.peak(t, id)
	los, err := k.dem.LineOfSight(v.lat, v.lon, k.eye(t, v), p.Lat, p.Lon, p.ElevationM)
	if err != nil {
		t.Fatal(err)
	}
	return los
}

// nearestPeak is the catalog peak closest to a point: what a caller names as the thing in the way.
func (k khumbu) nearestPeak(lat, lon float64) (peaks.Peak, float64) {
	var best peaks.Peak
	bestD := math.Inf(1)
	for _, p := range k.cat.Peaks {
		if d, _ := geo.DistanceBearing(lat, lon, p.Lat, p.Lon); d < bestD {
			best, bestD = p, d
		}
	}
	return best, bestD
}

func TestKalaPatthar(t *testing.T) {
	k := openKhumbu(t)
	// The quoted 5545 m lies below the DEM's ground there: the eye must not go under it.
	alt, _ := k.dem.CameraAltitude(kalaPatthar.lat, kalaPatthar.lon, &kalaPatthar.gpsAltM)
	if alt.M < alt.GroundM+terrain.EyeLevelM-1e-9 {
		t.Errorf("camera at %.0f m, below the ground %.0f m", alt.M, alt.GroundM)
	}
	for _, id := range []string{"everest", "pumori", "ama_dablam"} {
		if los := k.sight(t, kalaPatthar, id); !los.Visible {
			t.Errorf("%s hidden from Kala Patthar (clearance %.2f°)", id, los.ClearanceDeg)
		}
	}
	// Makalu stands behind the Nuptse–Lhotse wall, far below its crest.
	mak := k.sight(t, kalaPatthar, "makalu")
	if mak.Visible || mak.ClearanceDeg > -5 || mak.Obstruction == nil {
		t.Fatalf("Makalu from Kala Patthar: visible %v, clearance %.2f°; want hidden by more than 5°", mak.Visible, mak.ClearanceDeg)
	}
	if p, dist := k.nearestPeak(mak.Obstruction.Lat, mak.Obstruction.Lon); !strings.HasPrefix(p.ID, "nuptse") || dist > 3000 {
		t.Errorf("Makalu hidden behind %s (%.1f km from the blocker), want Nuptse", p.ID, dist/1000)
	}

	h, err := k.dem.Horizon(kalaPatthar.lat, kalaPatthar.lon, k.eye(t, kalaPatthar))
	if err != nil {
		t.Fatal(err)
	}
	// Towards Everest the skyline is Everest's summit pyramid, 9.5 km away.
	ev := k.sight(t, kalaPatthar, "everest")
	if el, dist := h.At(ev.BearingDeg); math.Abs(el-ev.ElevationDeg) > 0.6 || dist < 8500 || dist > 10000 {
		t.Errorf("skyline towards Everest at %.2f° formed %.1f km away; want Everest's %.2f° at 8.5–10 km", el, dist/1000, ev.ElevationDeg)
	}
	// Everest, Lhotse and Nuptse fill the skyline from Everest's bearing to beyond Nuptse's, high up.
	nu := k.sight(t, kalaPatthar, "nuptse")
	for az := ev.BearingDeg - 2; az <= nu.BearingDeg+3; az++ {
		el, dist := h.At(az)
		lat, lon, _ := h.Point(az)
		p, pd := k.nearestPeak(lat, lon)
		massif := p.ID == "everest" || strings.HasPrefix(p.ID, "nuptse") || strings.HasPrefix(p.ID, "lhotse")
		if el < 12 || dist > 12000 || pd > 2000 || !massif {
			t.Errorf("skyline at %.0f° is %.1f° at %.1f km, %.1f km from %s; want Everest, Lhotse or Nuptse above 12°", az, el, dist/1000, pd/1000, p.ID)
		}
	}
}

func TestTengboche(t *testing.T) {
	k := openKhumbu(t)
	for _, id := range []string{"ama_dablam", "everest", "thamserku"} {
		if los := k.sight(t, tengboche, id); !los.Visible {
			t.Errorf("%s hidden from Tengboche (clearance %.2f°)", id, los.ClearanceDeg)
		}
	}
	if los := k.sight(t, tengboche, "ama_dablam"); los.ClearanceDeg < 1 {
		t.Errorf("Ama Dablam clears its foreground by only %.2f° from Tengboche", los.ClearanceDeg)
	}
	// Pumori, 21 km up the valley, is behind the ridges across the Imja valley, a few kilometres away.
	pu := k.sight(t, tengboche, "pumori")
	if pu.Visible || pu.Obstruction == nil {
		t.Fatalf("Pumori visible from Tengboche (clearance %.2f°)", pu.ClearanceDeg)
	}
	if d := pu.Obstruction.DistanceM; d < 2000 || d > 12000 {
		t.Errorf("Pumori hidden by terrain %.1f km away, want a ridge 2–12 km away", d/1000)
	}
}

func TestNamche(t *testing.T) {
	k := openKhumbu(t)
	// From the village, in its bowl, the ridge to the east hides Everest.
	ev := k.sight(t, namche, "everest")
	if ev.Visible || ev.Obstruction == nil || ev.Obstruction.DistanceM > 1500 {
		t.Fatalf("Everest from Namche: visible %v, obstruction %+v; want hidden by the ridge within 1.5 km", ev.Visible, ev.Obstruction)
	}
	// From the ridge, Everest's summit shows just over the Nuptse–Lhotse wall.
	ev = k.sight(t, namcheRidge, "everest")
	if !ev.Visible {
		t.Fatalf("Everest hidden from the ridge above Namche (clearance %.2f°)", ev.ClearanceDeg)
	}
	h, err := k.dem.Horizon(namcheRidge.lat, namcheRidge.lon, k.eye(t, namcheRidge))
	if err != nil {
		t.Fatal(err)
	}
	for _, side := range []float64{-3, 3} {
		el, dist := h.At(ev.BearingDeg + side)
		if dist < 20000 || dist > 29000 || el > ev.ElevationDeg || ev.ElevationDeg-el > 2 {
			t.Errorf("skyline %+.0f° beside Everest: %.2f° at %.1f km; want the wall 20–29 km away, up to 2° below Everest's %.2f°",
				side, el, dist/1000, ev.ElevationDeg)
		}
	}
}

// BenchmarkLineOfSightToEveryPeak is what naming every visible catalog peak of a photo costs: a line of sight
// from Tengboche to each of the bundled catalog's summits.
func BenchmarkLineOfSightToEveryPeak(b *testing.B) {
	d, err := terrain.Open("")
	if err != nil {
		b.Fatal(err)
	}
	cat, err := peaks.Bundled()
	if err != nil {
		b.Fatal(err)
	}
	eye := tengboche.gpsAltM
	for _, p := range cat.Peaks { // decode the tiles first
		d.LineOfSight(tengboche.lat, tengboche.lon, eye, p.Lat, p.Lon, p.ElevationM)
	}
	for b.Loop() {
		for _, p := range cat.Peaks {
			if _, err := d.LineOfSight(tengboche.lat, tengboche.lon, eye, p.Lat, p.Lon, p.ElevationM); err != nil {
				b.Fatal(err)
			}
		}
	}
}
