package mapview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// newTestMap shows a map of the Khumbu trek in a headless window of the given size.
func newTestMap(t *testing.T, w, h float32) (*Map, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	m := New()
	m.SetPeaks(khumbuPeaks())
	m.SetPhotos(khumbuTrek())
	win := test.NewTempWindow(t, m)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return m, win
}

func TestGoldenKhumbu(t *testing.T) {
	m, win := newTestMap(t, 640, 480)
	m.Select('k')
	test.AssertImageMatches(t, "khumbu.png", win.Canvas().Capture())
}

func TestGoldenWorld(t *testing.T) {
	test.NewTempApp(t)
	m := New()
	win := test.NewTempWindow(t, m)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(640, 480))
	test.AssertImageMatches(t, "world.png", win.Canvas().Capture())
}
