package peaks

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

func TestDistanceBearingByHand(t *testing.T) {
	// One degree of arc on the mean-radius sphere is 2πR/360 = 111195.08 m.
	const degM = 2 * math.Pi * earthRadiusM / 360
	cases := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		distM, bearing         float64
	}{
		{"due north", 27.91, 87.0, 28.0, 87.0, 0.09 * degM, 0},
		{"due south", 28.0, 87.0, 27.91, 87.0, 0.09 * degM, 180},
		{"due east on the equator", 0, 10, 0, 10.5, 0.5 * degM, 90},
		{"due west on the equator", 0, 10, 0, 9.5, 0.5 * degM, 270},
		// Half way round the equator's quarter: from (0,0) to (0,90) is a quarter of the circumference.
		{"quarter circle", 0, 0, 0, 90, 90 * degM, 90},
	}
	for _, c := range cases {
		d, b := distanceBearing(c.lat1, c.lon1, c.lat2, c.lon2)
		near(t, c.name+" distance", d, c.distM, 0.01)
		near(t, c.name+" bearing", b, c.bearing, 1e-9)
	}
	// North-east at 45° latitude: the initial bearing of a short step 0.01° north and 0.01°/cos45° east
	// is 45° (locally the metres are equal).
	_, b := distanceBearing(45, 7, 45.001, 7+0.001/math.Cos(rad(45)))
	near(t, "north-east bearing", b, 45, 0.01)
}

func TestApparentElevationByHand(t *testing.T) {
	// 10 km away and 1000 m higher: the Earth drops 10000²·(1−0.13)/(2·6371008.8) = 6.828 m,
	// so the angle is atan(993.172/10000) = 5.6715°.
	near(t, "10 km, 1000 m", apparentElevationDeg(10000, 1000), 5.6715, 0.0005)
	// 100 km away at the camera's own height: 682.8 m below the horizontal, atan(−682.8/100000) = −0.3912°.
	near(t, "100 km, level", apparentElevationDeg(100000, 0), -0.3912, 0.0005)
	// Without distance for curvature to act on, a 45° line: 1 km away and 1 km higher.
	near(t, "1 km, 1 km", apparentElevationDeg(1000, 1000), 45, 0.01)
}

func TestOffsetDegWraps(t *testing.T) {
	cases := []struct{ heading, bearing, want float64 }{
		{0, 10, 10},
		{350, 10, 20},
		{10, 350, -20},
		{90, 270, 180},
		{270, 80, 170},
		{80, 270, -170},
	}
	for _, c := range cases {
		near(t, "offset", offsetDeg(c.heading, c.bearing), c.want, 1e-9)
	}
}
