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
	// ReachM[i] is how far the DEM had data along the azimuth, up to MaxDistM: a skyline whose reach is short
	// of MaxDistM may be cut off by missing tiles.
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
}

const (
	// DefaultHorizonStepDeg is the azimuth step of a horizon.
	DefaultHorizonStepDeg = 0.1
	// DefaultHorizonDistM is how far a horizon looks: the highest summits stand out beyond 100 km.
	DefaultHorizonDistM = 150_000
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

// Horizon computes the skyline seen from an eye at eyeAltM metres above sea level at (lat, lon). Rays are
// marched outwards at half the DEM's sample spacing near the camera and at a step growing with distance
// beyond, sampling the grid bilinearly; the apparent elevation is compared as a tangent and turned into an
// angle once per ray. It fails with ErrNoTerrain when the DEM has no height at the camera.
func (d *DEM) Horizon(lat, lon, eyeAltM float64, opts ...HorizonOption) (*Horizon, error) {
	p := horizonParams{stepDeg: DefaultHorizonStepDeg, maxDistM: DefaultHorizonDistM, relStep: 0.004, nearStep: 0.5}
	for _, o := range opts {
		o(&p)
	}
	if !(p.stepDeg > 0 && p.stepDeg <= 45) || !(p.maxDistM > minSightM) {
		return nil, fmt.Errorf("horizon: step %g° and distance %g m are out of range", p.stepDeg, p.maxDistM)
	}
	g, gridErr := d.gridAround(lat, lon, p.maxDistM)
	if _, ok := g.at(lat, lon); !ok {
		if gridErr != nil {
			return nil, fmt.Errorf("horizon at %.5f, %.5f: %w", lat, lon, gridErr)
		}
		return nil, fmt.Errorf("horizon at %.5f, %.5f: %w", lat, lon, ErrNoTerrain)
	}
	steps := newSteps(g.cellM(lat, lon)*p.nearStep, p.relStep, p.maxDistM)
	n := int(math.Round(360 / p.stepDeg))
	h := &Horizon{Lat: lat, Lon: lon, EyeAltM: eyeAltM, StepDeg: 360 / float64(n), MaxDistM: p.maxDistM,
		ElevDeg: make([]float64, n), DistM: make([]float64, n), ReachM: make([]float64, n)}
	for i := range n {
		h.ElevDeg[i], h.DistM[i], h.ReachM[i] = marchRay(g, newRay(lat, lon, float64(i)*h.StepDeg), &steps, eyeAltM)
	}
	return h, nil
}

// steps is the sampling schedule shared by all rays of a horizon: distances, the curvature drop at each and
// the reciprocal of the distance, computed once.
type steps struct {
	dist, drop, inv []float64
}

func newSteps(nearStepM, relStep, maxDistM float64) steps {
	var st steps
	for s := minSightM; s <= maxDistM; s += math.Max(nearStepM, s*relStep) {
		st.dist = append(st.dist, s)
		st.drop = append(st.drop, geo.CurvatureDropM(s))
		st.inv = append(st.inv, 1/s)
	}
	return st
}

// gridAround pins the tiles within distM of a point.
func (d *DEM) gridAround(lat, lon, distM float64) (*tileGrid, error) {
	dLat := geo.Deg(distM / geo.EarthRadiusM)
	dLon := 180.0
	if c := math.Cos(geo.Rad(math.Min(89.9, math.Abs(lat)+dLat))); dLat/c < 180 {
		dLon = dLat / c
	}
	return d.grid(math.Max(-90, lat-dLat), lon-dLon, math.Min(89.999999, lat+dLat), lon+dLon)
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

// marchRay walks one ray out and returns the apparent elevation and distance of its highest point (−90 and 0
// without terrain) and how far the DEM had data. This is the horizon's inner loop: the current tile's geometry
// is kept in locals and heights are read straight from its samples.
func marchRay(g *tileGrid, r ray, st *steps, eyeAltM float64) (elevDeg, distM, reachM float64) {
	best, bestD, reach := math.Inf(-1), 0.0, 0.0
	var (
		cur                 *tile
		latLo, latHi, lonLo float64 // the current tile's bounds
		lonHi, scale        float64
		n                   int
		hs                  []int16
	)
	for k, s := range st.dist {
		pLat, pLon := r.at(s)
		if cur == nil || pLat < latLo || pLat >= latHi || pLon < lonLo || pLon >= lonHi {
			cur = g.tileAt(pLat, pLon)
			if cur == nil {
				continue
			}
			latLo, latHi = float64(cur.key.lat), float64(cur.key.lat+1)
			lonLo, lonHi = float64(cur.key.lon), float64(cur.key.lon+1)
			n, hs, scale = cur.n, cur.h, float64(cur.n-1)
		}
		var z float64
		if cur.voids {
			var ok bool
			if z, ok = cur.at(pLat, pLon); !ok {
				continue
			}
		} else {
			fr, fc := (latHi-pLat)*scale, (pLon-lonLo)*scale
			r0, c0 := int(fr), int(fc)
			if r0 >= n-1 {
				r0 = n - 2
			}
			if c0 >= n-1 {
				c0 = n - 2
			}
			wr, wc := fr-float64(r0), fc-float64(c0)
			q := hs[r0*n+c0 : r0*n+c0+n+2]
			top := float64(q[0]) + wc*float64(q[1]-q[0])
			bottom := float64(q[n]) + wc*float64(q[n+1]-q[n])
			z = top + wr*(bottom-top)
		}
		reach = s
		if tan := (z - eyeAltM - st.drop[k]) * st.inv[k]; tan > best {
			best, bestD = tan, s
		}
	}
	if bestD == 0 {
		return -90, 0, reach
	}
	return geo.Deg(math.Atan(best)), bestD, reach
}
