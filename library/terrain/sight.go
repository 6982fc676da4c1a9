package terrain

import (
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/cairn-photos/cairn/library/geo"
)

// LineOfSight says whether a target (a summit) can be seen from a camera, and what stands in the way.
type LineOfSight struct {
	Visible      bool
	DistanceM    float64 // camera to target, along the ground
	BearingDeg   float64 // of the target from the camera, from true north clockwise
	ElevationDeg float64 // the target's apparent elevation, with curvature and refraction
	// ClearanceDeg is how far the target stands above the highest terrain in between (seen from the camera):
	// negative by how much it is hidden.
	ClearanceDeg float64
	// Obstruction is the terrain in between with the greatest apparent elevation: what hides the target when
	// it is not visible, what it just clears otherwise. Nil when no terrain lies in between.
	Obstruction *Obstruction
	// Partial is set when the DEM lacks data on part of the line: the answer covers only what it has.
	Partial bool
}

// Obstruction is a point of terrain on a line of sight.
type Obstruction struct {
	DistanceM    float64 // from the camera
	Lat, Lon     float64
	ElevationM   float64 // terrain height there
	ElevationDeg float64 // its apparent elevation from the camera
}

const (
	// summitShoulderM is how close to the target terrain is ignored: the summit's own shoulders, and the
	// DEM's smoothing of a sharp summit, must not hide it.
	summitShoulderM = 200.0
	// sightStepM is the sampling step along a line of sight: a third of the spacing of the 3″ samples lines of
	// sight read.
	sightStepM = 30.0
	// sightStepsM is how far the shared schedule of steps reaches; longer lines get their own.
	sightStepsM = 300_000
)

// sightSteps is the schedule of steps every line of sight shares, computed once.
var sightSteps = sync.OnceValue(func() *steps {
	st := uniformSteps(sightStepM, minSightM, sightStepsM)
	return &st
})

// LineOfSight finds whether a target at targetElevM metres (use the catalog's summit height: SRTM reads sharp
// summits tens of metres low) is visible from an eye at eyeAltM at (lat, lon). Terrain in between comes from the
// DEM (at 3″), sampled every 30 m; terrain within 200 m of the target is ignored. It fails with
// ErrNoTerrain when the DEM has no height at the camera.
func (d *DEM) LineOfSight(lat, lon, eyeAltM, targetLat, targetLon, targetElevM float64) (LineOfSight, error) {
	if !finite(lat, lon, eyeAltM, targetLat, targetLon, targetElevM) {
		return LineOfSight{}, fmt.Errorf("line of sight from %g, %g, %g m to %g, %g, %g m: not places",
			lat, lon, eyeAltM, targetLat, targetLon, targetElevM)
	}
	dist, bearing := geo.DistanceBearing(lat, lon, targetLat, targetLon)
	los := LineOfSight{DistanceM: dist, BearingDeg: bearing, ElevationDeg: geo.ApparentElevationDeg(dist, targetElevM-eyeAltM)}
	// A great circle bows out of the box of its ends by up to d²·tanφ/8R (about 0.01° at 150 km).
	const margin = 0.02
	g, gridErr := d.grid(math.Min(lat, targetLat)-margin, math.Min(lon, targetLon)-margin,
		math.Max(lat, targetLat)+margin, math.Max(lon, targetLon)+margin, coarse)
	if _, ok := g.at(lat, lon); !ok {
		err := gridErr
		if err == nil {
			err = ErrNoTerrain
		}
		return los, fmt.Errorf("line of sight from %.5f, %.5f: %w", lat, lon, err)
	}
	r := newRay(lat, lon, bearing)
	st := sightSteps()
	kTo := sort.SearchFloat64s(st.dist, dist-summitShoulderM)
	if kTo == len(st.dist) && dist-summitShoulderM > st.dist[kTo-1] {
		long := uniformSteps(st.dist[1]-st.dist[0], minSightM, dist-summitShoulderM)
		st, kTo = &long, len(long.dist)
	}
	best, bestS, gap := marchRay(g, &r, st, 0, kTo, eyeAltM, math.Inf(-1))
	los.Partial = gap >= 0
	bestZ := 0.0
	if bestS > 0 {
		bestZ, _ = g.at(r.at(bestS))
	}
	if bestS == 0 {
		los.Visible, los.ClearanceDeg = true, 90
		return los, nil
	}
	ob := &Obstruction{DistanceM: bestS, ElevationM: bestZ, ElevationDeg: geo.Deg(math.Atan(best))}
	ob.Lat, ob.Lon = geo.Destination(lat, lon, bearing, bestS)
	los.Obstruction = ob
	los.ClearanceDeg = los.ElevationDeg - ob.ElevationDeg
	los.Visible = los.ClearanceDeg >= 0
	return los, nil
}
