package peaks

import (
	"github.com/cairn-photos/cairn/library/geo"
)

// The sphere's geometry lives in library/geo, shared with the terrain; these short names keep the peak
// views readable.
const earthRadiusM = geo.EarthRadiusM

func distanceBearing(lat1, lon1, lat2, lon2 float64) (distM, bearingDeg float64) {
	return geo.DistanceBearing(lat1, lon1, lat2, lon2)
}

// DistanceKM is the great-circle distance in kilometres between two points.
func DistanceKM(lat1, lon1, lat2, lon2 float64) float64 {
	d, _ := geo.DistanceBearing(lat1, lon1, lat2, lon2)
	return d / 1000
}

func apparentElevationDeg(distM, riseM float64) float64 {
	return geo.ApparentElevationDeg(distM, riseM)
}

func offsetDeg(a, b float64) float64 { return geo.OffsetDeg(a, b) }
func normDeg(a float64) float64      { return geo.NormDeg(a) }
func rad(d float64) float64          { return geo.Rad(d) }
func deg(r float64) float64          { return geo.Deg(r) }
