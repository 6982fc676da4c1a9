package terrain

import "testing"

// benchViews are camera positions from a deep valley to a summit: the higher the camera, the further its
// rays must go before nothing can rise above the skyline.
var benchViews = []struct {
	name             string
	lat, lon, eyeAlt float64
}{
	{"Namche", 27.8056, 86.7139, 3442},
	{"Tengboche", 27.8361, 86.7644, 3860},
	{"KalaPatthar", 27.9957, 86.8286, 5603},
	{"IslandPeak", 27.9225, 86.9355, 6170},
}

// BenchmarkHorizon is one camera's full horizon (3600 azimuths out to 150 km), the tiles already decoded.
func BenchmarkHorizon(b *testing.B) {
	d := openEmbedded(b)
	for _, v := range benchViews {
		b.Run(v.name, func(b *testing.B) {
			loopWithCPU(b, func() error {
				_, err := d.Horizon(v.lat, v.lon, v.eyeAlt)
				return err
			})
		})
	}
}
