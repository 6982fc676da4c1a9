package mapview

import (
	"bytes"
	"image"
	"math"
	"testing"

	"github.com/cairn-photos/cairn/library/terrain"
)

// khumbuRelief is the terrain bundled with Cairn, whose tiles cover the Khumbu, as the map's relief.
func khumbuRelief(t testing.TB) demRelief {
	t.Helper()
	dem, err := terrain.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return demRelief{dem}
}

// demRelief hands the terrain's hillshade overlay tiles to the map, as the app does.
type demRelief struct{ dem *terrain.DEM }

func (r demRelief) HillshadeTile(z, x, y, size int) (*image.NRGBA, error) {
	return r.dem.HillshadeTile(z, x, y, size, terrain.HillshadeOptions{Overlay: true})
}

// settle lets the relief worker and the background redraws finish, rendering until a frame is exact: drawn
// from a base layer current for its view and relief, with no tile or redraw arriving after it.
func settle(t *testing.T, m *Map) *image.RGBA {
	t.Helper()
	for range 20 {
		gen := m.relief.generation()
		f := frame(m)
		exact := m.base.current(m.scene(f.Rect.Dx(), f.Rect.Dy()), baseLayer)
		if m.relief != nil {
			m.relief.wg.Wait()
		}
		m.redraw.wg.Wait()
		m.redraw.mu.Lock()
		pending := m.redraw.done != nil
		m.redraw.mu.Unlock()
		if exact && !pending && gen == m.relief.generation() {
			return f
		}
	}
	t.Fatal("the map never settled")
	return nil
}

// At trek scale the terrain shades the land: the frame is no longer a flat plane, the shading arrives without
// a frame waiting for it, and it is what a fresh render of the same view draws.
func TestReliefShadesTheLandAtTrekScale(t *testing.T) {
	m, _ := newTestMap(t, 640, 480)
	m.SetPhotos(nil)
	m.SetPeaks(nil) // only the ground: no dots or triangles in the statistics
	m.view.cx, m.view.cy = project(27.90, 86.80)
	m.view.zoom = 12
	m.userMoved = true
	plain := frame(m)

	m.SetRelief(khumbuRelief(t))
	first := frame(m)
	if !bytes.Equal(first.Pix, plain.Pix) {
		t.Error("the first frame with relief waited for shading instead of showing the plain land")
	}
	shaded := settle(t, m)
	if s0, s1 := lumaSpread(plain), lumaSpread(shaded); s0 > 3 || s1 < 15 {
		t.Errorf("brightness spread %.1f without relief, %.1f with; want a flat plane, then relief", s0, s1)
	}
	m.dropLayers()
	if fresh := frame(m); !bytes.Equal(fresh.Pix, shaded.Pix) {
		t.Error("the frame the background redraws reached differs from a fresh render")
	}
	m.SetRelief(nil)
	if got := settle(t, m); !bytes.Equal(got.Pix, plain.Pix) {
		t.Error("removing the relief did not bring back the plain land")
	}
}

// Zoomed out past the shaded zooms, no tile is asked for: a continent of 90 m terrain shades nothing visible.
func TestReliefLeftOutZoomedOut(t *testing.T) {
	m, _ := newTestMap(t, 640, 480)
	m.SetRelief(khumbuRelief(t))
	m.view.zoom = 5
	m.userMoved = true
	frame(m)
	m.relief.mu.Lock()
	asked := len(m.relief.cache) + len(m.relief.queue)
	running := m.relief.running
	m.relief.mu.Unlock()
	m.relief.wg.Wait()
	if asked != 0 || running {
		t.Errorf("%d tiles asked for at zoom 5", asked)
	}
}

// Off the terrain's tiles there is nothing to shade, and the tile is remembered as such.
func TestReliefOverlayWithoutTerrain(t *testing.T) {
	dem := khumbuRelief(t)
	img, err := dem.HillshadeTile(12, 100, 100, tileSize) // the Atlantic
	if err != nil {
		t.Fatal(err)
	}
	if shadesAnything(img) {
		t.Error("an overlay for a tile without terrain")
	}
}

// lumaSpread is the standard deviation of the frame's brightness.
func lumaSpread(img *image.RGBA) float64 {
	var sum, sq float64
	n := 0
	for i := 0; i < len(img.Pix); i += 4 {
		l := 0.3*float64(img.Pix[i]) + 0.59*float64(img.Pix[i+1]) + 0.11*float64(img.Pix[i+2])
		sum += l
		sq += l * l
		n++
	}
	mean := sum / float64(n)
	return math.Sqrt(sq/float64(n) - mean*mean)
}
