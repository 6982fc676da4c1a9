package gazetteer_test

import (
	"math"
	"testing"

	"github.com/cairn-photos/cairn/library/gazetteer"
	"github.com/cairn-photos/cairn/library/geo"
	"github.com/cairn-photos/cairn/library/terrain"
)

// Limits of the bundled places against the bundled SRTM 3″ terrain (about 90 m, which smooths ridges and
// saddles by tens of metres and cited elevations differ by as much).
const (
	elevationTolM     = 150 // the DEM's height at a place against its stated elevation
	settlementSlope   = 20  // degrees: villages, base camps, airports stand on a valley floor, a shelf or a meadow
	monasterySlope    = 30  // monasteries also stand on hillsides
	lakeSlope         = 8   // a lake's surface is flat
	passSlope         = 22  // a saddle's middle is not a face
	viewpointBelowFrc = 0.6 // at least this share of the ground around a viewpoint is lower: a top or a crest
)

// TestPlacesOnTerrain checks every bundled place against the terrain it names: on the DEM, at a height near
// its stated one, on ground its kind stands on — a village, base camp or airport not on a cliff, a lake flat,
// a pass on a saddle (the ground around it rises on two opposite sides and falls on the two others), a
// viewpoint on a top or a crest (most of the ground around it lower).
func TestPlacesOnTerrain(t *testing.T) {
	g, err := gazetteer.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	d, err := terrain.Open("") // the bundled tiles cover the Khumbu
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range g.Places {
		h, ok := d.Elevation(p.Lat, p.Lon)
		if !ok {
			t.Errorf("%s (%.4f, %.4f) is off the terrain", p.ID, p.Lat, p.Lon)
			continue
		}
		if math.Abs(h-p.ElevationM) > elevationTolM {
			t.Errorf("%s: the ground at %.4f, %.4f is %.0f m high; the place says %.0f m", p.ID, p.Lat, p.Lon, h, p.ElevationM)
		}
		s := slopeDeg(d, p.Lat, p.Lon)
		ring := ringRise(d, p.Lat, p.Lon, h, 250)
		switch p.Kind {
		case "village", "base_camp", "airport":
			if s > settlementSlope {
				t.Errorf("%s (%s) stands on a %.0f° slope", p.ID, p.Kind, s)
			}
		case "monastery":
			if s > monasterySlope {
				t.Errorf("%s (monastery) stands on a %.0f° slope", p.ID, s)
			}
		case "lake":
			if s > lakeSlope {
				t.Errorf("%s (lake) lies on a %.0f° slope", p.ID, s)
			}
		case "pass":
			if s > passSlope || signChanges(ring) < 4 {
				t.Errorf("%s (pass) is not on a saddle: slope %.0f°, the ground 250 m around changes between above and below %d times",
					p.ID, s, signChanges(ring))
			}
		case "viewpoint":
			lower := 0
			for _, r := range ring {
				if r < 0 {
					lower++
				}
			}
			if f := float64(lower) / float64(len(ring)); f < viewpointBelowFrc {
				t.Errorf("%s (viewpoint) is not on a top or a crest: %.0f%% of the ground 250 m around is lower", p.ID, 100*f)
			}
		default:
			t.Errorf("%s: kind %q has no terrain check", p.ID, p.Kind)
		}
	}
}

// TestPlacesWherePhotosWereTaken: photos of the shared Khumbu set (truth.csv) that were clearly taken at a
// place are found by it: at Tengboche monastery's square, at the Thukla Pass memorials, in Namche Bazaar.
func TestPlacesWherePhotosWereTaken(t *testing.T) {
	g, err := gazetteer.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		photo, place string
		lat, lon     float64
	}{
		{"IMG_2194.HEIC", "tengboche", 27.83544, 86.76427},
		{"IMG_2217.HEIC", "tengboche", 27.83540, 86.76428},
		{"IMG_2681.HEIC", "thukla_pass", 27.93107, 86.80492},
		{"IMG_2863.HEIC", "thukla_pass", 27.93096, 86.80444},
		{"IMG_2878.HEIC", "thukla_pass", 27.92996, 86.80486},
		{"IMG_1896.HEIC", "namche", 27.80399, 86.71488},
	} {
		p, ok := g.Lookup(c.place)
		if !ok {
			t.Fatalf("no place %s", c.place)
		}
		if dist, _ := geo.DistanceBearing(p.Lat, p.Lon, c.lat, c.lon); dist > 300 {
			t.Errorf("%s, taken at %s, is %.0f m from it", c.photo, c.place, dist)
		}
	}
}

// slopeDeg is the steepest slope at a point, from the heights 90 m (one sample) to each side.
func slopeDeg(d *terrain.DEM, lat, lon float64) float64 {
	const step = 90
	at := func(bearing float64) float64 {
		la, lo := geo.Destination(lat, lon, bearing, step)
		h, _ := d.Elevation(la, lo)
		return h
	}
	dx := (at(90) - at(270)) / (2 * step)
	dy := (at(0) - at(180)) / (2 * step)
	return geo.Deg(math.Atan(math.Hypot(dx, dy)))
}

// ringRise is how much higher than h the ground is every 15° on a circle of radius r around a point.
func ringRise(d *terrain.DEM, lat, lon, h, r float64) []float64 {
	var out []float64
	for b := 0.0; b < 360; b += 15 {
		la, lo := geo.Destination(lat, lon, b, r)
		e, _ := d.Elevation(la, lo)
		out = append(out, e-h)
	}
	return out
}

// signChanges counts the changes between above and below going once around the ring: 2 on a slope, 0 on a
// top or in a hollow, 4 or more on a saddle.
func signChanges(ring []float64) int {
	n := 0
	for i := range ring {
		if (ring[i] > 0) != (ring[(i+1)%len(ring)] > 0) {
			n++
		}
	}
	return n
}
