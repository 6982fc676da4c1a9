package terrain

import (
	"errors"
	"fmt"
	"math"

	"github.com/cairn-photos/cairn/library/geo"
)

// ErrNoTerrain means the DEM has no height where it is asked for one.
var ErrNoTerrain = errors.New("no terrain data there")

// Horizon is the skyline seen from a camera: for every azimuth (degrees from true north, clockwise, in steps
// of StepDeg) the apparent elevation of the highest terrain in that direction, with the Earth's curvature and
// refraction, and how far away the point forming it is.
type Horizon struct {
	Lat, Lon, EyeAltM float64
	StepDeg           float64
	// ElevDeg[i] is the skyline's apparent elevation at azimuth i·StepDeg; −90 where no terrain was found.
	ElevDeg []float64
	// DistM[i] is the distance to the terrain forming the skyline there; 0 where no terrain was found.
	DistM []float64
	// ReachM[i] is how far the skyline is known to be complete along the azimuth: MaxDistM, or where the DEM
	// first lacks data (a missing tile may hide a higher skyline beyond).
	ReachM   []float64
	MaxDistM float64
}

// HorizonOption tunes Horizon.
type HorizonOption func(*horizonParams)

type horizonParams struct {
	stepDeg  float64 // azimuth step
	maxDistM float64 // how far rays go
	relStep  float64 // beyond the near field, the sampling step as a fraction of the distance
	nearStep float64 // near the camera, the sampling step as a fraction of the DEM's sample spacing
	noBands  bool    // march every azimuth from the camera out (tests compare the near bands with it)
}

const (
	// DefaultHorizonStepDeg is the azimuth step of a horizon.
	DefaultHorizonStepDeg = 0.1
	// DefaultHorizonDistM is how far a horizon looks: the highest summits stand out beyond 100 km.
	DefaultHorizonDistM = 150_000
	// maxBand and minBand bound the near bands: the nearest is marched every 2^maxBand steps (1.6° by
	// default), the farthest every 2^minBand (0.8°, out to 6.6 km on 3″ tiles); beyond, every step.
	maxBand, minBand = 4, 3
	// minSightM is where rays start: closer ground is the camera's own footing, which the DEM smooths away.
	minSightM = 60.0
)

// WithStep sets the azimuth step in degrees (a divisor of 360 is best).
func WithStep(deg float64) HorizonOption { return func(p *horizonParams) { p.stepDeg = deg } }

// WithMaxDistance sets how far the horizon looks, in metres.
func WithMaxDistance(m float64) HorizonOption { return func(p *horizonParams) { p.maxDistM = m } }

// withSampling sets the sampling steps along rays (tests compare the defaults against fine sampling).
func withSampling(nearStep, relStep float64) HorizonOption {
	return func(p *horizonParams) { p.nearStep, p.relStep = nearStep, relStep }
}

// withoutBands marches every azimuth from the camera out (tests compare the near bands with it).
func withoutBands() HorizonOption { return func(p *horizonParams) { p.noBands = true } }

// Horizon computes the skyline seen from an eye at eyeAltM metres above sea level at (lat, lon) (CameraAltitude
// gives one that is never under the DEM's ground). Rays are marched outwards from 60 m at half the DEM's (3″)
// sample spacing, and beyond 11 km at 0.4 % of the distance, sampling the grid bilinearly; within 6.6 km only
// every 8th or 16th azimuth is marched and the others blended from them (their rays would read the same
// samples); rays jump over blocks that cannot rise above the skyline found so far and stop when nothing further
// out can. It fails with ErrNoTerrain when the DEM has no height at the camera; a tile that cannot be read
// counts as missing (ReachM shows where).
func (d *DEM) Horizon(lat, lon, eyeAltM float64, opts ...HorizonOption) (*Horizon, error) {
	p := horizonParams{stepDeg: DefaultHorizonStepDeg, maxDistM: DefaultHorizonDistM, relStep: 0.004, nearStep: 0.5}
	for _, o := range opts {
		o(&p)
	}
	if !(p.stepDeg > 0 && p.stepDeg <= 45) || !(p.maxDistM > minSightM) {
		return nil, fmt.Errorf("horizon: step %g° and distance %g m are out of range", p.stepDeg, p.maxDistM)
	}
	if !finite(lat, lon, eyeAltM) || math.Abs(lat) > 90 {
		return nil, fmt.Errorf("horizon: camera at %g, %g, %g m is not a place", lat, lon, eyeAltM)
	}
	g, gridErr := d.gridAround(lat, lon, p.maxDistM)
	if _, ok := g.at(lat, lon); !ok {
		if gridErr != nil {
			return nil, fmt.Errorf("horizon at %.5f, %.5f: %w", lat, lon, gridErr)
		}
		return nil, fmt.Errorf("horizon at %.5f, %.5f: %w", lat, lon, ErrNoTerrain)
	}
	cellM := g.cellM(lat, lon)
	st := newSteps(cellM*p.nearStep, p.relStep, p.maxDistM)
	n := int(math.Round(360 / p.stepDeg))
	h := &Horizon{Lat: lat, Lon: lon, EyeAltM: eyeAltM, StepDeg: 360 / float64(n), MaxDistM: p.maxDistM,
		ElevDeg: make([]float64, n), DistM: make([]float64, n), ReachM: make([]float64, n)}
	tan, gap := make([]float64, n), make([]float64, n)
	for i := range n {
		tan[i], gap[i] = math.Inf(-1), -1
	}
	kFine := 0
	if !p.noBands {
		kFine = h.nearBands(g, &st, cellM, tan, gap)
	}
	for i := range n {
		r := newRay(lat, lon, float64(i)*h.StepDeg)
		t, dist, g := marchRay(g, &r, &st, kFine, len(st.dist), eyeAltM, tan[i])
		if dist > 0 {
			tan[i], h.DistM[i] = t, dist
		}
		if gap[i] < 0 {
			gap[i] = g
		}
	}
	for i := range n {
		h.ElevDeg[i], h.ReachM[i] = -90, p.maxDistM
		if h.DistM[i] > 0 {
			h.ElevDeg[i] = geo.Deg(math.Atan(tan[i]))
		}
		if gap[i] >= 0 {
			h.ReachM[i] = gap[i]
		}
	}
	return h, nil
}

// nearBands computes the skyline near the camera, where rays a step apart sample the same DEM cells many times
// over: band j (distances at which rays 2^j steps apart are still at most one DEM sample apart) is marched on
// every 2^j-th azimuth, and the azimuths between take the linear blend of their two neighbours. It fills tan and
// gap (as marchRay's results) and DistM, and returns the first step the full set of rays must march from.
func (h *Horizon) nearBands(g *tileGrid, st *steps, cellM float64, tan, gap []float64) int {
	n := len(tan)
	kFrom := 0
	for j := maxBand; j >= minBand; j-- {
		if n%(1<<j) != 0 {
			continue
		}
		// Rays 2^j steps apart are one sample apart at this distance; the next band takes over beyond.
		outer := cellM / geo.Rad(h.StepDeg*float64(int(1)<<j))
		kTo := kFrom
		for kTo < len(st.dist) && st.dist[kTo] < outer {
			kTo++
		}
		if kTo == kFrom {
			continue
		}
		nc, span := n>>j, 1<<j
		bt, bd, bg := make([]float64, nc), make([]float64, nc), make([]float64, nc)
		for m := range nc {
			r := newRay(h.Lat, h.Lon, float64(m*span)*h.StepDeg)
			bt[m], bd[m], bg[m] = marchRay(g, &r, st, kFrom, kTo, h.EyeAltM, math.Inf(-1))
		}
		for i := range n {
			m0 := i >> j
			m1 := (m0 + 1) % nc
			f := float64(i&(span-1)) / float64(span)
			t, d := bt[m0], bd[m0]
			switch {
			case bd[m0] > 0 && bd[m1] > 0:
				t = bt[m0] + f*(bt[m1]-bt[m0])
				if f > 0.5 {
					d = bd[m1]
				}
			case bd[m1] > 0:
				t, d = bt[m1], bd[m1]
			}
			if d > 0 && t > tan[i] {
				tan[i], h.DistM[i] = t, d
			}
			if gap[i] < 0 {
				gap[i] = firstGap(bg[m0], bg[m1])
			}
		}
		kFrom = kTo
	}
	return kFrom
}

// finite tells whether all the numbers are neither NaN nor infinite.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// firstGap is the nearer of two gap distances, where −1 means none.
func firstGap(a, b float64) float64 {
	switch {
	case a < 0:
		return b
	case b < 0:
		return a
	}
	return math.Min(a, b)
}

// gridAround pins the tiles within distM of a point.
func (d *DEM) gridAround(lat, lon, distM float64) (*tileGrid, error) {
	dLat := geo.Deg(distM / geo.EarthRadiusM)
	dLon := 180.0
	if c := math.Cos(geo.Rad(math.Min(89.9, math.Abs(lat)+dLat))); dLat/c < 180 {
		dLon = dLat / c
	}
	return d.grid(math.Max(-90, lat-dLat), lon-dLon, math.Min(89.999999, lat+dLat), lon+dLon, coarse)
}

// cellM is the sample spacing in metres (north–south) of the tile at a point, 3″ when there is none.
func (g *tileGrid) cellM(lat, lon float64) float64 {
	n := samples3
	if r, c := int(math.Floor(lat))-g.lat0, int(math.Floor(lon))-g.lon0; r >= 0 && c >= 0 && r < g.rows && c < g.cols {
		if t := g.tiles[r*g.cols+c]; t != nil {
			n = t.n
		}
	}
	return geo.Rad(1/float64(n-1)) * geo.EarthRadiusM
}

// At is the skyline's apparent elevation at an azimuth (degrees, any value), interpolated between the two
// nearest steps, and the distance of the terrain forming it at the nearer step.
func (h *Horizon) At(azDeg float64) (elevDeg, distM float64) {
	n := len(h.ElevDeg)
	x := geo.NormDeg(azDeg) / h.StepDeg
	i0 := int(x) % n
	i1 := (i0 + 1) % n
	f := x - math.Floor(x)
	near := i0
	if f > 0.5 {
		near = i1
	}
	return h.ElevDeg[i0] + f*(h.ElevDeg[i1]-h.ElevDeg[i0]), h.DistM[near]
}

// Point is the position of the terrain forming the skyline at an azimuth (at the nearest step); ok is false
// where no terrain was found.
func (h *Horizon) Point(azDeg float64) (lat, lon float64, ok bool) {
	i := int(math.Round(geo.NormDeg(azDeg)/h.StepDeg)) % len(h.DistM)
	if h.DistM[i] == 0 {
		return 0, 0, false
	}
	lat, lon = geo.Destination(h.Lat, h.Lon, float64(i)*h.StepDeg, h.DistM[i])
	return lat, lon, true
}
