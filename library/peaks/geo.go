package peaks

import "math"

const (
	// earthRadiusM is the mean Earth radius.
	earthRadiusM = 6371008.8
	// refraction is the usual coefficient of terrestrial refraction: light bends down along the Earth,
	// so a distant summit looks a little higher than curvature alone would let it.
	refraction = 0.13
)

// distanceBearing returns the great-circle distance in metres and the initial bearing in degrees
// (0 = north, 90 = east) from the first point to the second.
func distanceBearing(lat1, lon1, lat2, lon2 float64) (distM, bearingDeg float64) {
	φ1, φ2 := rad(lat1), rad(lat2)
	dφ, dλ := rad(lat2-lat1), rad(lon2-lon1)
	a := math.Sin(dφ/2)*math.Sin(dφ/2) + math.Cos(φ1)*math.Cos(φ2)*math.Sin(dλ/2)*math.Sin(dλ/2)
	distM = 2 * earthRadiusM * math.Asin(math.Min(1, math.Sqrt(a)))
	y := math.Sin(dλ) * math.Cos(φ2)
	x := math.Cos(φ1)*math.Sin(φ2) - math.Sin(φ1)*math.Cos(φ2)*math.Cos(dλ)
	return distM, normDeg(deg(math.Atan2(y, x)))
}

// DistanceKM is the great-circle distance in kilometres between two points.
func DistanceKM(lat1, lon1, lat2, lon2 float64) float64 {
	d, _ := distanceBearing(lat1, lon1, lat2, lon2)
	return d / 1000
}

// apparentElevationDeg is the angle above the horizontal at which a point riseM above the camera and
// distM away is seen: the Earth's curvature lowers it by d²/2R, refraction gives back a fraction of that.
func apparentElevationDeg(distM, riseM float64) float64 {
	drop := distM * distM * (1 - refraction) / (2 * earthRadiusM)
	return deg(math.Atan2(riseM-drop, distM))
}

// horizontalFOVDeg is the horizontal field of view of a lens with the given 35 mm equivalent focal
// length: the frame is 36 mm wide in landscape and 24 mm in portrait.
func horizontalFOVDeg(focal35mm float64, portrait bool) float64 {
	width := 36.0
	if portrait {
		width = 24.0
	}
	return 2 * deg(math.Atan(width/(2*focal35mm)))
}

// offsetDeg is the signed angle from a to b in (-180, 180]: positive when b lies clockwise (right) of a.
func offsetDeg(a, b float64) float64 {
	d := normDeg(b - a)
	if d > 180 {
		d -= 360
	}
	return d
}

// normDeg maps an angle into [0, 360).
func normDeg(a float64) float64 {
	a = math.Mod(a, 360)
	if a < 0 {
		a += 360
	}
	return a
}

func rad(d float64) float64 { return d * math.Pi / 180 }
func deg(r float64) float64 { return r * 180 / math.Pi }
