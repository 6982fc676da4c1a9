package mapview

import (
	"math"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// randomTrek walks n photos over the Khumbu, a few tens of metres apart, a minute apart: the shape of a big
// library from one region, with a trek line that doubles back on itself many times.
func randomTrek(n int) []Photo {
	r := rand.New(rand.NewPCG(7, 7))
	lat, lon, dir := 27.85, 86.80, 0.0
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	photos := make([]Photo, n)
	for i := range photos {
		dir += r.NormFloat64() * 0.4
		lat += 0.0004 * math.Cos(dir)
		lon += 0.0004 * math.Sin(dir)
		if lat < 27.75 || lat > 28.0 || lon < 86.65 || lon > 86.95 { // turn back at the region's edge
			dir += math.Pi
			lat, lon = math.Max(27.75, math.Min(28.0, lat)), math.Max(86.65, math.Min(86.95, lon))
		}
		photos[i] = Photo{ID: string(rune(i)), Lat: lat, Lon: lon, Time: start.Add(time.Duration(i) * time.Minute),
			Heading: float64(r.IntN(360)), HasHeading: true}
	}
	return photos
}

// BenchmarkRender100k times one whole frame (basemap, trek line, 100,000 dots, peaks, a view cone) at
// 1280×800 pixels, fitted to the photos.
func BenchmarkRender100k(b *testing.B) { benchRender100k(b, nil) }

// benchRender100k times whole frames of 100,000 photos with the tracks (nil for none), fitted to everything.
func benchRender100k(b *testing.B, tracks *Tracks) {
	test.NewTempApp(b)
	m := New()
	m.SetPeaks(khumbuPeaks())
	photos := randomTrek(100_000)
	m.SetPhotos(photos)
	m.SetTracks(tracks)
	m.resize(fyne.NewSize(1280, 800))
	m.Select(photos[50_000].ID)
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		m.dropLayers()
		m.render(1280, 800)
	}
	reportCPU(b, cpu)
}

// BenchmarkSelectionChange100k times a frame after selecting another photo: the cached layers are reused
// and only the cone and the selected dot are drawn anew.
func BenchmarkSelectionChange100k(b *testing.B) {
	m, photos := bench100k(b)
	cpu := cpuTime()
	i := 0
	for b.Loop() {
		i = (i + 7919) % len(photos)
		m.Select(photos[i].ID)
		m.render(1280, 800)
	}
	reportCPU(b, cpu)
}

// BenchmarkPanStep100k times a frame during a drag: the cached layers are shifted, and the redraw for the
// new view, which runs on another goroutine, is held back so that only the frame's own cost is counted.
func BenchmarkPanStep100k(b *testing.B) {
	m, _ := bench100k(b)
	m.redraw.busy = true // as if a background redraw were running
	cpu := cpuTime()
	step := 5.0
	for b.Loop() {
		step = -step // back and forth, so the map stays in view
		m.view.pan(step, step/2)
		m.render(1280, 800)
	}
	reportCPU(b, cpu)
}

// BenchmarkZoomStep100k times a frame during a scroll-wheel zoom: the cached layers are scaled as a preview
// while the background redraw is held back.
func BenchmarkZoomStep100k(b *testing.B) {
	m, _ := bench100k(b)
	m.redraw.busy = true
	cpu := cpuTime()
	dz := 0.25
	for b.Loop() {
		dz = -dz
		m.view.zoomAt(640, 400, dz)
		m.render(1280, 800)
	}
	reportCPU(b, cpu)
}

// bench100k returns a map of 100,000 photos at 1280×800 with one frame drawn, so its layers are cached.
func bench100k(b *testing.B) (*Map, []Photo) {
	test.NewTempApp(b)
	m := New()
	m.SetPeaks(khumbuPeaks())
	photos := randomTrek(100_000)
	m.SetPhotos(photos)
	m.resize(fyne.NewSize(1280, 800))
	m.Select(photos[50_000].ID)
	m.render(1280, 800)
	b.ResetTimer()
	return m, photos
}

// dropLayers forgets the cached layers, so the next frame draws everything.
func (m *Map) dropLayers() { m.base, m.photoLayer = layer{}, layer{} }

// BenchmarkRenderWorld times a frame of the whole world's basemap, the most basemap points a frame draws.
func BenchmarkRenderWorld(b *testing.B) {
	test.NewTempApp(b)
	m := New()
	m.resize(fyne.NewSize(1280, 800))
	cpu := cpuTime()
	for b.Loop() {
		m.dropLayers()
		m.render(1280, 800)
	}
	reportCPU(b, cpu)
}

// BenchmarkTapHitTest100k times finding the dot under a tap among 100,000.
func BenchmarkTapHitTest100k(b *testing.B) {
	test.NewTempApp(b)
	m := New()
	photos := randomTrek(100_000)
	m.SetPhotos(photos)
	m.resize(fyne.NewSize(1280, 800))
	pos := m.PositionOf(photos[1234].Lat, photos[1234].Lon)
	for b.Loop() {
		m.photoAt(pos)
	}
}

// cpuTime is the process's CPU time so far. The development machine is shared, so wall time per frame
// swings with the neighbours' load while CPU time per frame does not; benchmarks report both.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportCPU(b *testing.B, since time.Duration) {
	b.ReportMetric(float64(cpuTime()-since)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
