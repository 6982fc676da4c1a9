package gui

import (
	"image"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestViewerLabelsZoomAndPan: the peaks the record places in the frame are named on the photo at their
// places, follow it through zoom and pan, and go with the label switch; a peak without a place is not drawn.
func TestViewerLabelsZoomAndPan(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ama.jpg")
	if err := os.WriteFile(path, mediatest.JPEG(t, mediatest.MarkerImage(1200, 800), nil), 0o644); err != nil {
		t.Fatal(err)
	}
	x, y := 0.25, 0.4
	photos := map[string]library.Photo{"a1": {ID: "a1", Path: path, Rel: "ama.jpg", Width: 1200, Height: 800,
		PredictedPeaks: []library.PeakGuess{
			{ID: "ama_dablam", Name: "Ama Dablam", Score: 0.9, Source: "geometry", Visible: true, DistanceKm: 9.8, X: &x, Y: &y},
			{ID: "lhotse", Name: "Lhotse", Score: 0.5, Source: "geometry"}, // no place in the frame
		}}}
	a := test.NewTempApp(t)
	w := a.NewWindow("Cairn")
	w.Resize(fyne.NewSize(1100, 720))
	w.SetContent(canvas.NewRectangle(nil))
	load := func(_ string, maxSide int) (image.Image, error) { return library.LoadImage(path, maxSide) }
	v := newViewer(viewerSource{photo: func(id string) (library.Photo, error) { return photos[id], nil }, image: load}, []string{"a1"}, 0)
	wait := waitForShown(t, v)
	showViewerIn(w, v)
	wait()
	w.Content().Refresh()

	f := v.frame
	summit := func() (fyne.Position, bool) {
		var names []string
		var at fyne.Position
		for _, o := range f.markers.Objects {
			switch m := o.(type) {
			case *canvas.Text:
				names = append(names, m.Text)
			case *canvas.Line:
				at = m.Position2
			}
		}
		return at, len(names) == 1 && names[0] == "Ama Dablam"
	}
	want := func() fyne.Position {
		p, s := f.img.Position(), f.img.Size()
		return fyne.NewPos(p.X+float32(x)*s.Width, p.Y+float32(y)*s.Height)
	}
	near := func(a, b fyne.Position) bool {
		return math.Abs(float64(a.X-b.X)) < 0.5 && math.Abs(float64(a.Y-b.Y)) < 0.5
	}

	at, ok := summit()
	if !ok || !near(at, want()) {
		t.Fatalf("label at %v (only Ama Dablam drawn: %v), want the summit at %v", at, ok, want())
	}
	if s := f.img.Size(); math.Abs(float64(s.Width/s.Height)-1.5) > 0.01 {
		t.Errorf("the photo is drawn %v, not at its 3:2 aspect", s)
	}
	fitted := f.img.Size()

	zoomInWaitingForDetail(t, v)
	if s := f.img.Size(); math.Abs(float64(s.Width/fitted.Width)-zoomStep) > 0.01 {
		t.Errorf("+ zoomed to %v from %v", s, fitted)
	}
	f.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 100)}, Scrolled: fyne.NewDelta(0, 10)})
	if f.zoom < zoomStep*zoomStep-0.01 {
		t.Errorf("a wheel notch zoomed to %.2f", f.zoom)
	}
	v.typedRune('0')
	for range 4 {
		v.typedRune('+') // about the centre, with room to pan every way
	}
	before := f.img.Position()
	f.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(-40, 25)})
	if moved := f.img.Position().Subtract(before); !near(moved, fyne.NewPos(-40, 25)) {
		t.Errorf("a drag moved the photo by %v", moved)
	}
	if at, named := summit(); named || want().X >= 0 {
		t.Errorf("the summit panned out of the frame to %v still named at %v", want(), at)
	}
	f.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(200, 0)}) // back into the frame
	if at, _ := summit(); !near(at, want()) {
		t.Errorf("after zoom and pan the label is at %v, the summit at %v", at, want())
	}
	f.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(-5000, 0)}) // cannot leave the frame empty
	if p, s := f.img.Position(), f.img.Size(); p.X+s.Width < f.Size().Width-0.5 {
		t.Errorf("dragged off: photo at %v size %v in a frame %v", p, s, f.Size())
	}
	v.typedRune('0')
	if f.img.Size() != fitted || f.pan != (fyne.Position{}) {
		t.Errorf("0 gave %v, want the whole photo %v", f.img.Size(), fitted)
	}
	v.typedRune('l')
	if len(f.markers.Objects) != 0 || v.labels.Checked {
		t.Error("l left the labels on")
	}
	if strings.Contains(labelTexts(v.object()), "Show on map") && v.onMap.Visible() {
		t.Error("Show on map offered with nowhere to show it")
	}
}
