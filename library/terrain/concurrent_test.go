package terrain

import (
	"slices"
	"sync"
	"testing"
)

// Scans identify photos in parallel workers: horizons, lines of sight and heights from several goroutines,
// with a cache of three tiles so that tiles are evicted while others still use them, give what they give alone.
func TestConcurrentUseAgreesWithSequential(t *testing.T) {
	d, err := Open("", WithCacheBytes(3*samples3*samples3*2))
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		elev []float64
		los  LineOfSight
		z    float64
	}
	compute := func(i int) result {
		v := benchViews[i%len(benchViews)]
		h, err := d.Horizon(v.lat, v.lon, v.eyeAlt, WithStep(1), WithMaxDistance(40000))
		if err != nil {
			t.Error(err)
			return result{}
		}
		los, err := d.LineOfSight(v.lat, v.lon, v.eyeAlt, 27.9881, 86.9250, 8849)
		if err != nil {
			t.Error(err)
		}
		z, _ := d.Elevation(v.lat+0.01, v.lon-0.01)
		return result{h.ElevDeg, los, z}
	}
	want := make([]result, len(benchViews))
	for i := range want {
		want[i] = compute(i)
	}
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < w+2; i++ {
				got, exp := compute(i), want[i%len(benchViews)]
				if !slices.Equal(got.elev, exp.elev) || got.los.ClearanceDeg != exp.los.ClearanceDeg || got.z != exp.z {
					t.Errorf("view %d differs when computed concurrently", i%len(benchViews))
				}
			}
		}()
	}
	wg.Wait()
}
