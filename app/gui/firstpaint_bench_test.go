package gui

import (
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/cairn-photos/cairn/library/librarytest"
)

// BenchmarkFirstPaint100k opens a generated library of 100,000 photos in a new window and measures the time
// until the grid is painted with its first photos, and the process's resident memory then. Goals: first
// paint ≤ 1 s, resident memory ≤ 600 MB. The library is generated on the first run and kept (see
// librarytest), so the figures are those of a warm disk cache, as when a user reopens their album.
func BenchmarkFirstPaint100k(b *testing.B) { benchFirstPaint(b, 100_000) }

// BenchmarkFirstPaint1M is BenchmarkFirstPaint100k at a million photos (issue 17: first paint ≤ 1 s). Its
// resident memory includes what of the mapped vectors the kernel has paged in.
func BenchmarkFirstPaint1M(b *testing.B) { benchFirstPaint(b, 1_000_000) }

func benchFirstPaint(b *testing.B, n int) {
	album, opt := librarytest.Generate(b, n, true)
	var took []time.Duration
	for b.Loop() {
		a := test.NewTempApp(b)
		w := a.NewWindow("Cairn")
		w.Resize(fyne.NewSize(1280, 800))
		u := newUI(a, w, opt.DataRoot)
		start := time.Now()
		u.openAlbum(album, false)
		for len(u.grid.matches) == 0 {
			time.Sleep(time.Millisecond)
		}
		w.Canvas().Capture() // lays out and paints the visible cells, reading their records
		took = append(took, time.Since(start))
		if len(u.grid.matches) != n {
			b.Fatalf("grid holds %d photos, want %d", len(u.grid.matches), n)
		}
		u.close()
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Milliseconds()), "first-paint-ms")
	b.ReportMetric(float64(residentKB("VmRSS:"))/1024, "rss-MB")
	b.ReportMetric(float64(residentKB("VmHWM:"))/1024, "peak-rss-MB")
	b.ReportMetric(0, "ns/op")
	runtime.KeepAlive(took)
}

// residentKB reads a memory figure of this process from /proc (0 where there is none).
func residentKB(field string) int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return n
		}
	}
	return 0
}
