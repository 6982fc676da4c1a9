package media

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// BenchmarkDecodeKhumbu measures the scan's per-photo work (Inspect, DecodeUpright at 224, Thumbnail at 256)
// over the khumbu photos on one goroutine, reporting photos/s. Files are read before the timer starts.
func BenchmarkDecodeKhumbu(b *testing.B) {
	dir := testenv.SharedDir(b, "khumbu", "data", "images")
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var files [][]byte
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
	}
	b.ResetTimer()
	photos := 0
	for b.Loop() {
		for _, data := range files {
			info, err := Inspect(data)
			if err != nil {
				b.Fatal(err)
			}
			img, err := DecodeUpright(data, info, 224)
			if err != nil {
				b.Fatal(err)
			}
			Thumbnail(img, 256)
			photos++
		}
	}
	b.ReportMetric(float64(photos)/b.Elapsed().Seconds(), "photos/s")
}
