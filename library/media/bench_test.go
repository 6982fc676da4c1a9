package media

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/media/mediatest"
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

// BenchmarkDecodeStages prints, per format found in khumbu, the mean time of each stage of the scan's work,
// to show where ingest time goes (HEIC: libheif thumbnail; JPEG: libjpeg-turbo at 1/8 scale).
func BenchmarkDecodeStages(b *testing.B) {
	dir := testenv.SharedDir(b, "khumbu", "data", "images")
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	type stageTotals struct {
		n                          int
		inspect, decode, thumbnail time.Duration
	}
	totals := map[Format]*stageTotals{}
	var files [][]byte
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, data := range files {
			t0 := time.Now()
			info, err := Inspect(data)
			if err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			img, err := DecodeUpright(data, info, 224)
			if err != nil {
				b.Fatal(err)
			}
			t2 := time.Now()
			Thumbnail(img, 256)
			t3 := time.Now()
			s := totals[info.Format]
			if s == nil {
				s = &stageTotals{}
				totals[info.Format] = s
			}
			s.n++
			s.inspect += t1.Sub(t0)
			s.decode += t2.Sub(t1)
			s.thumbnail += t3.Sub(t2)
		}
	}
	b.StopTimer()
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-6s %6s %12s %12s %12s\n", "format", "photos", "inspect", "decode", "thumbnail")
	for f, s := range totals {
		per := func(d time.Duration) time.Duration { return (d / time.Duration(s.n)).Round(time.Microsecond) }
		fmt.Fprintf(&table, "%-6s %6d %12v %12v %12v\n", f, s.n, per(s.inspect), per(s.decode), per(s.thumbnail))
	}
	b.Log(table.String())
}

// BenchmarkThumbnail shrinks a JPEG's 1/8-scale decode of a 12 MP photo (504×378) to 256 px.
func BenchmarkThumbnail(b *testing.B) {
	src := mediatest.MarkerImage(504, 378)
	for b.Loop() {
		Thumbnail(src, 256)
	}
}
