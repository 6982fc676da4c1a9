package track

import (
	"testing"
	"time"
)

// BenchmarkEstimateClockOffset: 50 photos against a two-hour track of 721 points (about 2,500 offsets tried).
func BenchmarkEstimateClockOffset(b *testing.B) {
	start := time.Date(2023, 10, 30, 3, 0, 0, 0, time.UTC)
	tr := syntheticWalk(start)
	p := NewPlacer([]Track{tr}, DefaultOptions)
	var samples []Sample
	for k := 0; k < 700; k += 14 {
		pt := tr.Segments[0][k]
		samples = append(samples, Sample{Wall: pt.Time.Add(time.Hour), Lat: pt.Lat, Lon: pt.Lon})
	}
	for b.Loop() {
		if _, ok := p.EstimateClockOffset(samples); !ok {
			b.Fatal("no estimate")
		}
	}
}
