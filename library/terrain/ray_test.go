package terrain

import (
	"testing"

	"github.com/cairn-photos/cairn/library/geo"
)

func TestRayFollowsTheGreatCircle(t *testing.T) {
	for _, lat := range []float64{0, 27.99, -45, 60} {
		for b := 0.0; b < 360; b += 22.5 {
			r := newRay(lat, 86.8, b)
			for _, s := range []float64{1000, 30000, 150000} {
				wantLat, wantLon := geo.Destination(lat, 86.8, b, s)
				gotLat, gotLon := r.at(s)
				errM, _ := geo.DistanceBearing(wantLat, wantLon, gotLat, gotLon)
				// Third-order terms grow as s³/R²: 20 m at 150 km at 28°, 40 m at 45°, 100 m at 60°.
				limit := 1 + 60*(s/150000)*(s/150000)*(s/150000)
				if lat == 60 {
					limit *= 2
				}
				if errM > limit {
					t.Errorf("lat %.0f bearing %.1f at %.0f km: %.1f m off the great circle, want ≤ %.1f", lat, b, s/1000, errM, limit)
				}
			}
		}
	}
}
