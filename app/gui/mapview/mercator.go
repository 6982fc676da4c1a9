package mapview

import "math"

// World coordinates are spherical Web Mercator scaled to the unit square: x from 0 (180° W) to 1 (180° E),
// y from 0 (85.05° N) to 1 (85.05° S). Tile (z, x, y) covers [x, x+1]·2^-z × [y, y+1]·2^-z.
const (
	maxLat = 85.05112878
	// earthCircumference is the equator's length in metres on the sphere that Web Mercator assumes.
	earthCircumference = 40075016.686
)

func project(lat, lon float64) (x, y float64) {
	lat = math.Max(-maxLat, math.Min(maxLat, lat))
	s := math.Sin(lat * math.Pi / 180)
	return (lon + 180) / 360, 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
}

func unproject(x, y float64) (lat, lon float64) {
	lon = x*360 - 180
	lat = math.Atan(math.Sinh(math.Pi*(1-2*y))) * 180 / math.Pi
	return lat, lon
}

// metresToWorld converts a ground distance at a latitude to world units; Mercator stretches by 1/cos(lat).
func metresToWorld(m, lat float64) float64 {
	return m / (earthCircumference * math.Cos(lat*math.Pi/180))
}
