package terrain

import (
	"math"

	"github.com/cairn-photos/cairn/library/geo"
)

const (
	// summitStepM is the stride of the climb to a summit: half a 3″ sample, so no local top is stepped over.
	summitStepM = 45
	// summitReachM bounds the climb. Listed summit positions are off by 100–300 m (rounded coordinates);
	// a climb that goes on further is heading up a bigger neighbour, whose summit is not the one listed.
	summitReachM = 450
)

// Summit finds the terrain's summit that a listed summit position names: it climbs the DEM from (lat, lon)
// by the steepest of eight directions until no step rises, and returns that top and its height. ok is false
// when the DEM has no data there or the climb runs beyond the reach of a listing error.
//
// Catalog positions are rounded and SRTM smooths sharp summits tens of metres low, while a rendered horizon
// (and a photo aligned to it) shows the DEM's summit: labels placed at the DEM's summit land on the photo's.
func (d *DEM) Summit(lat, lon float64) (sLat, sLon, elevM float64, ok bool) {
	elevM, ok = d.Elevation(lat, lon)
	if !ok {
		return lat, lon, 0, false
	}
	for travelled := 0.0; ; travelled += summitStepM {
		bestLat, bestLon, best := lat, lon, elevM
		for dir := 0.0; dir < 360; dir += 45 {
			nLat, nLon := geo.Destination(lat, lon, dir, summitStepM)
			if e, ok := d.Elevation(nLat, nLon); ok && e > best {
				bestLat, bestLon, best = nLat, nLon, e
			}
		}
		if best == elevM {
			return lat, lon, elevM, true
		}
		if travelled+summitStepM > summitReachM || math.IsNaN(best) {
			return lat, lon, elevM, false
		}
		lat, lon, elevM = bestLat, bestLon, best
	}
}
