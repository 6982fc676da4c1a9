package mapview

import (
	"bytes"
	"image"
	"testing"
)

// A pan shows the cached layers shifted at once, and the background redraw then brings the frame to exactly
// what a fresh render of the new view draws.
func TestPanRedrawsInBackground(t *testing.T) {
	m, _ := newTestMap(t, 640, 480)
	m.Select('k')
	before := frame(m)
	m.view.pan(30, 10)
	preview := frame(m)
	m.redraw.wg.Wait()
	refined := frame(m)
	m.dropLayers()
	fresh := frame(m)
	if !bytes.Equal(refined.Pix, fresh.Pix) {
		t.Error("the frame after the background redraw differs from a fresh render")
	}
	// The preview is the old frame moved by (30, 10), away from the edges it reveals.
	for _, q := range []image.Point{{200, 200}, {300, 250}, {400, 100}} {
		if got, want := preview.RGBAAt(q.X, q.Y), before.RGBAAt(q.X-30, q.Y-10); got != want {
			t.Errorf("preview at %v = %v, want %v", q, got, want)
		}
	}
}

// Selecting a photo keeps the cached layers: only the overlays are drawn anew.
func TestSelectKeepsLayers(t *testing.T) {
	m, _ := newTestMap(t, 640, 480)
	m.render(640, 480)
	base, photos := m.base.img, m.photoLayer.img
	m.Select('c')
	m.render(640, 480)
	if m.base.img != base || m.photoLayer.img != photos {
		t.Error("a selection change redrew the cached layers")
	}
	// New photos are drawn in the background, the old dots shown meanwhile.
	m.SetPhotos(khumbuTrek()[:5])
	m.render(640, 480)
	if m.photoLayer.img != photos {
		t.Error("new photos held up a frame to redraw the photo layer")
	}
	m.redraw.wg.Wait()
	newPhotos := frame(m)
	if m.photoLayer.img == photos {
		t.Fatal("new photos did not redraw the photo layer")
	}
	m.dropLayers()
	if fresh := frame(m); !bytes.Equal(newPhotos.Pix, fresh.Pix) {
		t.Error("the frame after the background redraw of new photos differs from a fresh render")
	}
}

// Peaks whose triangles would overlap an earlier one are left out, with their labels.
func TestCrowdedPeaksThinOut(t *testing.T) {
	m, _ := newTestMap(t, 640, 480)
	all := len(m.shownPeaks()) // Cho Oyu lies beyond the fitted view
	m.view.zoom = 6            // Everest's neighbours within a few pixels, Cho Oyu some way off
	if n := len(m.shownPeaks()); n != 2 || all != len(khumbuPeaks())-1 {
		t.Errorf("shown peaks: %d fitted, %d zoomed out; want %d and 2", all, n, len(khumbuPeaks())-1)
	}
}

// frame renders a frame and copies it: frames reuse two buffers.
func frame(m *Map) *image.RGBA {
	img := m.render(640, 480).(*image.RGBA)
	out := image.NewRGBA(img.Rect)
	copy(out.Pix, img.Pix)
	return out
}
