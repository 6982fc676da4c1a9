package terrain

import (
	"math"

	"github.com/cairn-photos/cairn/library/geo"
)

// ray follows a great circle leaving a point at a bearing, as latitude and longitude in degrees that are
// second-order polynomials of the distance travelled: exact enough for a horizon (at 150 km off by 20 m at
// 28° latitude, 40 m at 45°: 0.015° seen from the camera) and far cheaper than spherical trigonometry per sample.
type ray struct {
	lat0, lat1, lat2 float64 // lat(s) = lat0 + lat1·s + lat2·s²
	lon0, lon1, lon2 float64
}

// newRay starts a ray at (lat, lon) heading bearingDeg. Along a great circle dφ/ds = cosθ/R,
// dλ/ds = sinθ/(R cosφ) and dθ/ds = sinθ tanφ/R; differentiating once more gives the s² terms.
func newRay(lat, lon, bearingDeg float64) ray {
	φ, θ := geo.Rad(lat), geo.Rad(bearingDeg)
	sinθ, cosθ := math.Sincos(θ)
	cosφ, tanφ := math.Cos(φ), math.Tan(φ)
	const R = geo.EarthRadiusM
	return ray{
		lat0: lat,
		lat1: geo.Deg(cosθ / R),
		lat2: geo.Deg(-sinθ * sinθ * tanφ / (2 * R * R)),
		lon0: lon,
		lon1: geo.Deg(sinθ / (R * cosφ)),
		lon2: geo.Deg(sinθ * cosθ * tanφ / (R * R * cosφ)),
	}
}

// at is the point s metres along the ray.
func (r *ray) at(s float64) (lat, lon float64) {
	return r.lat0 + s*(r.lat1+s*r.lat2), r.lon0 + s*(r.lon1+s*r.lon2)
}
