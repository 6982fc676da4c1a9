package terrain

import "testing"

// BenchmarkHorizon is one camera's full horizon (3600 azimuths out to 150 km) at Kala Patthar, with the tiles
// already decoded.
func BenchmarkHorizon(b *testing.B) {
	d := openEmbedded(b)
	if _, err := d.Horizon(27.9957, 86.8286, 5545); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.Horizon(27.9957, 86.8286, 5545); err != nil {
			b.Fatal(err)
		}
	}
}
