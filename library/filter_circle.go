package library

import (
	"math"

	"github.com/cairn-photos/cairn/library/geo"
)

// circleBounds decides most points in or out of a circle with a few multiplications and one cosine,
// leaving the great-circle distance to the few within a hair of its edge, so that a filter by distance
// costs little more than a filter by box. The distance is 2R·asin(√a) with the haversine
// a = sin²(Δφ/2) + cos φc·cos φ·sin²(Δλ/2), which grows with it; since y²(1 − y²/3) ≤ sin² y ≤ y² for
// |y| ≤ π/2, a lies between bounds made without sines. A point whose upper bound is below the haversine of
// a radius a billionth shorter is in, one whose lower bound is above that of a radius a billionth longer is
// out: the margin is far beyond the rounding of either computation, so the bounds never disagree with the
// distance.
type circleBounds struct {
	ok       bool    // false: decide nothing (a circle reaching a quarter of the way round the Earth)
	lat, lon float64 // the centre, degrees
	cosLat   float64
	in, out  float64 // the haversines of the radius a billionth shorter and a billionth longer
}

// verdict is what circleBounds knows of a point.
type verdict int8

const (
	unsure verdict = iota
	inside
	outside
)

// boundsMargin is the share of the radius the bounds keep away from the circle's edge.
const boundsMargin = 1e-9

func newCircleBounds(c Circle) circleBounds {
	const quarterKM = 10_000 // a little less than a quarter of a great circle, where the haversine still grows
	if c.KM >= quarterKM {
		return circleBounds{}
	}
	hav := func(km float64) float64 {
		s := math.Sin(km * 1000 / (2 * geo.EarthRadiusM))
		return s * s
	}
	return circleBounds{ok: true, lat: c.Lat, lon: c.Lon, cosLat: math.Cos(geo.Rad(c.Lat)),
		in: hav(c.KM * (1 - boundsMargin)), out: hav(c.KM * (1 + boundsMargin))}
}

// decide says whether lat, lon is surely inside the circle, surely outside, or too near its edge to tell.
func (b *circleBounds) decide(lat, lon float64) verdict {
	c := math.Cos(geo.Rad(lat))
	return b.decideWithin(lat, lon, c, c)
}

// decideWithin is decide for a point whose latitude's cosine is between cosLo and cosHi, as a cell's
// points are: a cell's rows are then decided without a cosine each.
func (b *circleBounds) decideWithin(lat, lon, cosLo, cosHi float64) verdict {
	if !b.ok {
		return unsure
	}
	y1, y2 := geo.Rad(lat-b.lat)/2, geo.Rad(lonDelta(lon, b.lon))/2
	if math.Abs(y1) > math.Pi/2 || math.Abs(y2) > math.Pi/2 { // only a position out of range gets here
		return unsure
	}
	s1, s2 := y1*y1, y2*y2
	switch {
	case s1+b.cosLat*cosHi*s2 <= b.in:
		return inside
	case s1*(1-s1/3)+b.cosLat*cosLo*s2*(1-s2/3) >= b.out:
		return outside
	}
	return unsure
}

// cosRange is the range of the cosine of the latitudes from south to north, degrees.
func cosRange(south, north float64) (lo, hi float64) {
	south, north = max(south, -90), min(north, 90)
	lo = min(math.Cos(geo.Rad(south)), math.Cos(geo.Rad(north)))
	if south <= 0 && north >= 0 {
		return lo, 1
	}
	return lo, max(math.Cos(geo.Rad(south)), math.Cos(geo.Rad(north)))
}
