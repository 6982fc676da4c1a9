package geo

import (
	"math"
	"testing"
)

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.6f, want %.6f ± %g", what, got, want, tol)
	}
}

func TestDestinationInvertsDistanceBearing(t *testing.T) {
	const lat, lon = 27.9957, 86.8286
	for _, b := range []float64{0, 37, 90, 145, 180, 233, 270, 359} {
		for _, d := range []float64{100, 5000, 80000, 250000} {
			lat2, lon2 := Destination(lat, lon, b, d)
			gotD, gotB := DistanceBearing(lat, lon, lat2, lon2)
			near(t, "distance", gotD, d, 1e-6*d+1e-6)
			near(t, "bearing", OffsetDeg(b, gotB), 0, 1e-6)
		}
	}
	// Due east across the antimeridian wraps the longitude into [-180, 180].
	_, lon2 := Destination(0, 179.9, 90, 2*math.Pi*EarthRadiusM/360*0.2)
	near(t, "antimeridian", lon2, -179.9, 1e-9)
}

func TestCurvatureDrop(t *testing.T) {
	// 10 km: 10000²·(1−0.13)/(2·6371008.8) = 6.828 m.
	near(t, "10 km", CurvatureDropM(10000), 6.828, 0.001)
}
