package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestDroppedPhotoShowsLabelsAndHorizon: a photo dropped on the window, taken on Kala Patthar facing Everest,
// is shown from the banner with the peaks identification placed in its frame labelled on it, and the Horizon
// switch draws the terrain's skyline over it; Back returns to the photos like it.
func TestDroppedPhotoShowsLabelsAndHorizon(t *testing.T) {
	win := openWindow(t)
	u := win.u
	drop := filepath.Join(t.TempDir(), "IMG_0001.jpg")
	exif := mediatest.EXIF{Make: "Apple", Model: "iPhone 15", ShotTime: "2024:04:02 08:00:00", Offset: "+05:45",
		Focal35mm: 26, HasGPS: true, Lat: 27.9957, Lon: 86.8286, HasHeading: true, HeadingDeg: 95}
	if err := os.WriteFile(drop, mediatest.JPEG(t, mediatest.MarkerImage(800, 600), exif.Bytes()), 0o644); err != nil {
		t.Fatal(err)
	}
	u.banner.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(drop)})
	win.waitFor("the identification", func() bool { return strings.Contains(u.banner.text.String(), "shows") })
	show := button(t, u.banner.object(), "Show the photo")
	if !show.Visible() {
		t.Fatal("no Show the photo after an identification")
	}
	test.Tap(show)
	v := u.viewer
	if v == nil {
		t.Fatal("Show the photo opened no viewer")
	}
	win.waitFor("the dropped photo", func() bool { return v.status.Text == "" && v.frame.aspect > 0 })
	var names []string
	for _, o := range v.frame.markers.Objects {
		if txt, ok := o.(*canvas.Text); ok {
			names = append(names, txt.Text)
		}
	}
	if len(names) == 0 {
		t.Error("no peak labelled on the dropped photo")
	}
	win.waitFor("the horizon", func() bool { return len(v.frame.horizon.lines) > 0 })
	test.Tap(v.skyline)
	if n := v.frame.horizon.segments(); n < 50 {
		t.Errorf("%d segments of horizon on the dropped photo", n)
	}
	v.close()
	if u.viewer != nil || !u.banner.box.Visible() {
		t.Error("closing the viewer did not return to the banner and the photos like the dropped one")
	}
}
