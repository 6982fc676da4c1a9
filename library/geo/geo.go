// Package geo holds the geometry of points on the Earth that the peak views and the terrain share: distances
// and bearings on the sphere, points along a bearing, and the apparent elevation of a distant point with
// curvature and refraction.
package geo

import "math"

const (
	// EarthRadiusM is the mean Earth radius.
	EarthRadiusM = 6371008.8
	// Refraction is the usual coefficient of terrestrial refraction: light bends down along the Earth,
	// so a distant summit looks a little higher than curvature alone would let it.
	Refraction = 0.13
)

// DistanceBearing returns the great-circle distance in metres and the initial bearing in degrees
// (0 = north, 90 = east) from the first point to the second.
func DistanceBearing(lat1, lon1, lat2, lon2 float64) (distM, bearingDeg float64) {
	φ1, φ2 := Rad(lat1), Rad(lat2)
	dφ, dλ := Rad(lat2-lat1), Rad(lon2-lon1)
	a := math.Sin(dφ/2)*math.Sin(dφ/2) + math.Cos(φ1)*math.Cos(φ2)*math.Sin(dλ/2)*math.Sin(dλ/2)
	distM = 2 * EarthRadiusM * math.Asin(math.Min(1, math.Sqrt(a)))
	y := math.Sin(dλ) * math.Cos(φ2)
	x := math.Cos(φ1)*math.Sin(φ2) - math.Sin(φ1)*math.Cos(φ2)*math.Cos(dλ)
	return distM, NormDeg(Deg(math.Atan2(y, x)))
}

// Destination is the point distM along the great circle that leaves (lat, lon) at bearingDeg.
func Destination(lat, lon, bearingDeg, distM float64) (lat2, lon2 float64) {
	φ1, λ1, θ := Rad(lat), Rad(lon), Rad(bearingDeg)
	δ := distM / EarthRadiusM
	sinφ2 := math.Sin(φ1)*math.Cos(δ) + math.Cos(φ1)*math.Sin(δ)*math.Cos(θ)
	φ2 := math.Asin(math.Max(-1, math.Min(1, sinφ2)))
	λ2 := λ1 + math.Atan2(math.Sin(θ)*math.Sin(δ)*math.Cos(φ1), math.Cos(δ)-math.Sin(φ1)*sinφ2)
	return Deg(φ2), math.Remainder(Deg(λ2), 360)
}

// CurvatureDropM is how far below the camera's horizontal plane a point at sea level distM away appears:
// the Earth's curvature lowers it by d²/2R, refraction gives back a fraction of that.
func CurvatureDropM(distM float64) float64 {
	return distM * distM * (1 - Refraction) / (2 * EarthRadiusM)
}

// ApparentElevationDeg is the angle above the horizontal at which a point riseM above the camera and
// distM away is seen, with the Earth's curvature and refraction.
func ApparentElevationDeg(distM, riseM float64) float64 {
	return Deg(math.Atan2(riseM-CurvatureDropM(distM), distM))
}

// OffsetDeg is the signed angle from a to b in (-180, 180]: positive when b lies clockwise (right) of a.
func OffsetDeg(a, b float64) float64 {
	d := NormDeg(b - a)
	if d > 180 {
		d -= 360
	}
	return d
}

// NormDeg maps an angle into [0, 360).
func NormDeg(a float64) float64 {
	a = math.Mod(a, 360)
	if a < 0 {
		a += 360
	}
	return a
}

// Rad converts degrees to radians.
func Rad(d float64) float64 { return d * math.Pi / 180 }

// Deg converts radians to degrees.
func Deg(r float64) float64 { return r * 180 / math.Pi }
