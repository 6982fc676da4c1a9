package mapview

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/cairn-photos/cairn/internal/testenv"
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
		photos[i] = Photo{Key: uint64(i), Lat: lat, Lon: lon, Time: start.Add(time.Duration(i) * time.Minute),
			Heading: float64(r.IntN(360)), HasHeading: true}
	}
	return photos
}

// BenchmarkRender100k times one whole frame (basemap, trek line, 100,000 dots, peaks, a view cone) at
// 1280×800 pixels, fitted to the photos.
func BenchmarkRender100k(b *testing.B) { benchRender(b, randomTrek(100_000), nil) }

// BenchmarkRender1M is BenchmarkRender100k with a million photos (issue 17: at most ten times the 100k figure).
func BenchmarkRender1M(b *testing.B) { benchRender(b, randomTrek(1_000_000), nil) }

// benchRender times whole frames of the photos with the tracks (nil for none), fitted to everything.
func benchRender(b *testing.B, photos []Photo, tracks *Tracks) {
	test.NewTempApp(b)
	m := New()
	m.SetPeaks(khumbuPeaks())
	n := len(photos)
	m.SetPhotos(photos)
	m.SetTracks(tracks)
	m.resize(fyne.NewSize(1280, 800))
	m.Select(photos[n/2].Key)
	b.ResetTimer()
	cpu := testenv.ProcessCPU()
	for b.Loop() {
		m.dropLayers()
		m.render(1280, 800)
	}
	reportCPU(b, cpu)
}

// BenchmarkSelectionChange100k times a frame after selecting another photo: the cached layers are reused
// and only the cone and the selected dot are drawn anew.
func BenchmarkSelectionChange100k(b *testing.B) { benchSelectionChange(b, 100_000) }
func BenchmarkSelectionChange1M(b *testing.B)   { benchSelectionChange(b, 1_000_000) }

func benchSelectionChange(b *testing.B, n int) {
	m, photos := benchMap(b, n)
	cpu := testenv.ProcessCPU()
	i := 0
	for b.Loop() {
		i = (i + 7919) % len(photos)
		m.Select(photos[i].Key)
		m.render(1280, 800)
	}
	reportCPU(b, cpu)
}

// BenchmarkPanStep100k times a frame during a drag: the cached layers are shifted, and the redraw for the
// new view, which runs on another goroutine, is held back so that only the frame's own cost is counted.
func BenchmarkPanStep100k(b *testing.B) { benchPanStep(b, 100_000) }
func BenchmarkPanStep1M(b *testing.B)   { benchPanStep(b, 1_000_000) }

func benchPanStep(b *testing.B, n int) {
	m, _ := benchMap(b, n)
	m.redraw.busy = true // as if a background redraw were running
	cpu := testenv.ProcessCPU()
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
func BenchmarkZoomStep100k(b *testing.B) { benchZoomStep(b, 100_000) }
func BenchmarkZoomStep1M(b *testing.B)   { benchZoomStep(b, 1_000_000) }

func benchZoomStep(b *testing.B, n int) {
	m, _ := benchMap(b, n)
	m.redraw.busy = true
	cpu := testenv.ProcessCPU()
	dz := 0.25
	for b.Loop() {
		dz = -dz
		m.view.zoomAt(640, 400, dz)
		m.render(1280, 800)
	}
	reportCPU(b, cpu)
}

// BenchmarkNewPhotosFrame1M times the frame after a search hands the map a million new dots: the old dots are
// shown while the new ones are drawn on another goroutine (held back here), so the frame costs what a pan
// step does.
func BenchmarkNewPhotosFrame1M(b *testing.B) {
	m, photos := benchMap(b, 1_000_000)
	sets := []*Dots{NewDots(photos), NewDots(photos[:len(photos)/2])}
	m.redraw.busy = true
	cpu := testenv.ProcessCPU()
	i := 0
	for b.Loop() {
		i ^= 1
		m.SetDots(sets[i])
		m.render(1280, 800)
	}
	reportCPU(b, cpu)
}

// benchMap returns a map of n photos at 1280×800 with one frame drawn, so its layers are cached.
func benchMap(b *testing.B, n int) (*Map, []Photo) {
	test.NewTempApp(b)
	m := New()
	m.SetPeaks(khumbuPeaks())
	photos := randomTrek(n)
	m.SetPhotos(photos)
	m.resize(fyne.NewSize(1280, 800))
	m.Select(photos[n/2].Key)
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
	cpu := testenv.ProcessCPU()
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

func reportCPU(b *testing.B, since time.Duration) {
	b.ReportMetric(float64(testenv.ProcessCPU()-since)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// scattered spreads n photos as librarytest's generated libraries do: anywhere in a 0.4° square of the Khumbu,
// at any time over five years, so the trek line jumps across the region from one photo to the next.
func scattered(n int) []Photo {
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	photos := make([]Photo, n)
	for i := range photos {
		photos[i] = Photo{Key: uint64(i), Lat: 27.7 + r.Float64()*0.4, Lon: 86.6 + r.Float64()*0.4,
			Time: start.Add(time.Duration(r.Int64N(int64(5 * 365 * 24 * time.Hour)))), Heading: r.Float64() * 360, HasHeading: true}
	}
	return photos
}

// BenchmarkRenderScattered1M times a whole frame of a million photos spread as the generated libraries the
// window is measured on: the trek line of photos taken anywhere at any time crosses the region at every step.
func BenchmarkRenderScattered100k(b *testing.B) { benchRender(b, scattered(100_000), nil) }
func BenchmarkRenderScattered1M(b *testing.B)   { benchRender(b, scattered(1_000_000), nil) }

// BenchmarkNewDots1M times preparing a million photos' dots, which the window does on the search's goroutine:
// newest first, the order a browse gives them, and in no order, which takes a sort.
func BenchmarkNewDots1M(b *testing.B) {
	photos := scattered(1_000_000)
	newest := slices.Clone(photos)
	slices.SortStableFunc(newest, func(p, q Photo) int { return q.Time.Compare(p.Time) })
	for _, c := range []struct {
		name   string
		photos []Photo
	}{{"newest-first", newest}, {"any-order", photos}} {
		b.Run(c.name, func(b *testing.B) {
			cpu := testenv.ProcessCPU()
			for b.Loop() {
				NewDots(c.photos)
			}
			reportCPU(b, cpu)
		})
	}
}
