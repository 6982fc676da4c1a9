package mapview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// trekScaleMap is a 1280×800 map of 100,000 photos at trek scale over the Khumbu (zoom 12.5, about 25 km
// across), with the shaded relief's tiles for the view computed when relief is set.
func trekScaleMap(b *testing.B, relief bool) *Map {
	test.NewTempApp(b)
	m := New()
	m.SetPeaks(khumbuPeaks())
	photos := randomTrek(100_000)
	m.SetPhotos(photos)
	m.resize(fyne.NewSize(1280, 800))
	m.view.cx, m.view.cy = project(27.88, 86.80)
	m.view.zoom = 12.5
	m.userMoved = true
	m.Select(photos[50_000].Key)
	if relief {
		m.SetRelief(khumbuRelief(b))
		m.render(1280, 800)
		m.relief.wg.Wait()
	}
	m.redraw.wg.Wait()
	m.dropLayers()
	m.render(1280, 800)
	b.ResetTimer()
	return m
}

// BenchmarkRenderTrekScale100k times a whole frame at trek scale without relief, the baseline for the next.
func BenchmarkRenderTrekScale100k(b *testing.B) {
	m := trekScaleMap(b, false)
	cpu := testenv.ProcessCPU()
	for b.Loop() {
		m.dropLayers()
		m.render(1280, 800)
	}
	reportCPU(b, cpu)
}

// BenchmarkRenderTrekScaleRelief100k times the same frame with the shaded relief's tiles cached: what the
// relief adds to a frame that redraws the base layer (a new size; after a pan or zoom the redraw runs in the
// background and the frame only moves the cached layer).
func BenchmarkRenderTrekScaleRelief100k(b *testing.B) {
	m := trekScaleMap(b, true)
	cpu := testenv.ProcessCPU()
	for b.Loop() {
		m.dropLayers()
		m.render(1280, 800)
	}
	reportCPU(b, cpu)
}

// BenchmarkReliefTile times shading one 256×256 tile at zoom 12 over Khumbu terrain already decoded: the
// background cost per tile the first time a view shows it (a 1280×800 view needs about 24).
func BenchmarkReliefTile(b *testing.B) {
	test.NewTempApp(b)
	rs := newReliefSource(khumbuRelief(b), func() {})
	x, y := project(27.88, 86.80)
	k := tileKey{12, int(x * 4096), int(y * 4096)}
	rs.shade(k)
	cpu := testenv.ProcessCPU()
	for b.Loop() {
		rs.shade(k)
	}
	reportCPU(b, cpu)
}
