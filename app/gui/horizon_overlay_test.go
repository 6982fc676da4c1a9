package gui

import (
	"image"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestViewerHorizonToggle: the Horizon switch (and h) draws the skyline the bundled terrain renders for a photo
// taken on Kala Patthar, over the photo and inside it, and takes it away; a photo without a view gets none.
func TestViewerHorizonToggle(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kp.jpg")
	if err := os.WriteFile(path, mediatest.JPEG(t, mediatest.MarkerImage(1200, 900), nil), 0o644); err != nil {
		t.Fatal(err)
	}
	alt := 5545.0
	photos := map[string]library.Photo{
		"kp": {ID: "kp", Path: path, Rel: "kp.jpg", Width: 1200, Height: 900, GPS: &library.LatLon{Lat: 27.9957, Lon: 86.8286},
			Altitude: &alt, View: &library.ViewInfo{Heading: 95, Pitch: 8, FOV: 50, Source: "skyline"}},
		"plain": {ID: "plain", Path: path, Rel: "plain.jpg", Width: 1200, Height: 900},
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("Cairn")
	w.Resize(fyne.NewSize(1100, 720))
	w.SetContent(canvas.NewRectangle(nil))
	load := func(_ string, maxSide int) (image.Image, error) { return library.LoadImage(path, maxSide) }
	src := viewerSource{photo: func(id string) (library.Photo, error) { return photos[id], nil }, image: load,
		horizon: newTerrainModel(t.TempDir()).horizon}
	v := newViewer(src, []string{"kp", "plain"}, 0)
	wait := waitForShown(t, v)
	showViewerIn(w, v)
	wait()
	w.Content().Refresh()

	f := v.frame
	if v.skyline.Hidden || v.skyline.Checked || f.horizon.segments() != 0 {
		t.Fatalf("horizon switch shown %v, on %v, %d segments drawn; want shown, off, none", !v.skyline.Hidden, v.skyline.Checked, f.horizon.segments())
	}
	test.Tap(v.skyline)
	n := f.horizon.segments()
	if n < 50 {
		t.Fatalf("%d segments of horizon drawn with the switch on", n)
	}
	p, s := f.img.Position(), f.img.Size()
	inside := func(q fyne.Position) bool {
		return q.X >= p.X-0.5 && q.X <= p.X+s.Width+0.5 && q.Y >= p.Y-0.5 && q.Y <= p.Y+s.Height+0.5
	}
	for _, o := range f.horizon.box.Objects {
		l := o.(*canvas.Line)
		if !inside(l.Position1) || !inside(l.Position2) {
			t.Fatalf("a horizon segment %v–%v leaves the photo at %v, %v", l.Position1, l.Position2, p, s)
		}
	}
	// It follows the photo when zoomed.
	first := f.horizon.box.Objects[0].(*canvas.Line).Position1
	zoomInWaitingForDetail(t, v)
	if again := f.horizon.box.Objects[0].(*canvas.Line).Position1; again == first {
		t.Error("the horizon stayed put while the photo zoomed")
	}
	v.typedRune('0')
	v.typedRune('h')
	if v.skyline.Checked || f.horizon.segments() != 0 {
		t.Errorf("h left the horizon on (%d segments)", f.horizon.segments())
	}
	v.typedRune('h')
	wait = waitForShown(t, v)
	v.showNext()
	wait()
	if f.horizon.segments() != 0 {
		t.Errorf("a photo without position or view shows %d segments of horizon", f.horizon.segments())
	}
}
