package terrain

import (
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// loopWithCPU runs op once to warm the tile cache, then b.N times, and reports the CPU time per operation as
// cpu-ns/op.
func loopWithCPU(b *testing.B, op func() error) {
	if err := op(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	start := testenv.ProcessCPU()
	n := 0
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if used := testenv.ProcessCPU() - start; used > 0 && n > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(n), "cpu-ns/op")
	}
}
