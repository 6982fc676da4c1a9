package terrain

import (
	"testing"

	"github.com/cairn-photos/cairn/library/geo"
)

// TestSummitClimbsToTheDEMTop: from a listed position a couple of hundred metres off, the climb reaches
// the DEM's top of the same mountain, and a start on a big neighbour's flank is refused.
func TestSummitClimbsToTheDEMTop(t *testing.T) {
	d, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	// Everest's surveyed summit is on the DEM's top; a start 250 m to the south-west climbs back to it.
	lat, lon := geo.Destination(27.9881, 86.9250, 225, 250)
	sLat, sLon, e, ok := d.Summit(lat, lon)
	if dist, _ := geo.DistanceBearing(sLat, sLon, 27.9881, 86.9250); !ok || dist > 150 || e < 8750 {
		t.Errorf("Everest from 250 m off: %.5f %.5f %.0f m ok=%v, %.0f m from the summit", sLat, sLon, e, ok, dist)
	}
	// Ama Dablam.
	if _, _, e, ok := d.Summit(27.8617, 86.8614); !ok || e < 6700 {
		t.Errorf("Ama Dablam: %.0f m ok=%v", e, ok)
	}
	// From 2 km below Everest's summit on its flank, the climb runs out of reach.
	lat, lon = geo.Destination(27.9881, 86.9250, 200, 2000)
	if _, _, _, ok := d.Summit(lat, lon); ok {
		t.Errorf("a start 2 km down a flank reached a summit within the reach of a listing error")
	}
}
