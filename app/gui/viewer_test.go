package gui

import (
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// viewerAlbum scans an album of three generated photos into a real library and returns it with its photo
// ids in path order: a landscape photo taken at Tengboche facing Ama Dablam (GPS, heading, camera, time
// with offset), a portrait stored sideways (EXIF orientation 6) without GPS, and one without any EXIF.
func viewerAlbum(t *testing.T) (*library.Library, []string) {
	t.Helper()
	album := t.TempDir()
	write := func(rel string, data []byte) {
		path := filepath.Join(album, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("1-tengboche/ama-dablam.jpg", mediatest.JPEG(t, mediatest.MarkerImage(1200, 800), mediatest.EXIF{
		Make: "Apple", Model: "iPhone 15 Pro", ShotTime: "2023:10:12 09:41:07", Offset: "+05:45", Focal35mm: 26,
		HasGPS: true, Lat: 27.83626, Lon: 86.76464, HasAltitude: true, AltitudeM: 3867, HasHeading: true, HeadingDeg: 75,
	}.Bytes()))
	write("2-gokyo/portrait.jpg", mediatest.JPEG(t, mediatest.MarkerImage(800, 600), mediatest.EXIF{
		Make: "Canon", Model: "Canon EOS R6", ShotTime: "2023:10:20 16:02:00", Orientation: 6, Focal35mm: 50,
	}.Bytes()))
	write("3-plain.jpg", mediatest.JPEG(t, mediatest.MarkerImage(300, 200), nil))

	lib, err := library.Open(album, true, library.Options{DataRoot: t.TempDir(), Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	if _, err := lib.Scan(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	photos, err := lib.Photos(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(photos, func(i, j int) bool { return photos[i].Rel < photos[j].Rel })
	ids := make([]string, len(photos))
	for i, p := range photos {
		ids[i] = p.ID
	}
	if len(ids) != 3 {
		t.Fatalf("scanned %d photos, want 3", len(ids))
	}
	return lib, ids
}

// openTestViewer shows a viewer over the album's photos in a test window whose content was a grid stand-in,
// and waits for the first photo.
func openTestViewer(t *testing.T, lib *library.Library, ids []string, start int) (fyne.Window, *viewer, fyne.CanvasObject, func()) {
	t.Helper()
	a := test.NewTempApp(t)
	w := a.NewWindow("Cairn")
	w.Resize(fyne.NewSize(1100, 720))
	grid := widget.NewLabel("the grid")
	w.SetContent(grid)
	v := newViewer(viewerSource{photo: lib.Photo, image: library.LoadImage, screen: library.LoadScreenImage,
		thumbPath: lib.ThumbPath}, ids, start)
	wait := waitForShown(t, v)
	showViewerIn(w, v)
	wait()
	return w, v, grid, wait
}

// waitForShown returns a function that waits until v has shown the photo asked for last. Waiting on onShown,
// rather than polling the widgets, keeps the test off them while a load runs: the test driver runs fyne.Do
// on the calling goroutine.
func waitForShown(t *testing.T, v *viewer) func() {
	shown := make(chan struct{}, 1)
	v.onShown = func() { shown <- struct{}{} }
	return func() {
		t.Helper()
		select {
		case <-shown:
		case <-time.After(testWait):
			t.Fatal("timed out waiting for the viewer to show its photo")
		}
	}
}

// labelTexts collects the text of every label and rich text under o.
func labelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestViewerShowsMetadataAndIdentification(t *testing.T) {
	lib, ids := viewerAlbum(t)
	w, v, _, _ := openTestViewer(t, lib, ids, 0)
	text := labelTexts(v.object())
	for _, want := range []string{
		"1-tengboche/ama-dablam.jpg", "1 of 3",
		"Thu 12 Oct 2023, 09:41:07 (UTC+05:45)",
		"27.83626° N, 86.76464° E", "3867 m above sea level",
		"75° (ENE)", "Apple iPhone 15 Pro", "26 mm (35 mm equivalent)", "1200 × 800 px",
		"Ama Dablam", "Ama Dablam — ", "km at bearing",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("viewer does not show %q; it shows:\n%s", want, text)
		}
	}
	// Decoded for the frame: at least its size on the screen, below twice it, in the photo's shape.
	if b, side := v.img.Image.Bounds(), v.screenSide(); b.Dx() < side || b.Dx() >= 2*side || b.Dx()*2 != b.Dy()*3 {
		t.Errorf("image %v for a frame of %d px, want 3:2 at least as wide", b, side)
	}
	saveScreenshot(t, w, "viewer.png")
}

// TestViewerMarkup compares the rendered viewer with testdata/viewer.xml. Its photo record is fixed here, as a
// search result list would hand it over, so the golden file does not change when peak prediction is tuned
// and holds no temporary path; the pixels come from a real JPEG in a temporary folder.
func TestViewerMarkup(t *testing.T) {
	album := t.TempDir()
	path := filepath.Join(album, "ama-dablam.jpg")
	if err := os.WriteFile(path, mediatest.JPEG(t, mediatest.MarkerImage(1200, 800), nil), 0o644); err != nil {
		t.Fatal(err)
	}
	alt, heading := 3867.0, 75.0
	photos := map[string]library.Photo{"a1": {
		ID: "a1", Path: "/home/ang/Pictures/khumbu/1-tengboche/ama-dablam.jpg", Rel: "1-tengboche/ama-dablam.jpg", ShotTime: library.NewShotTime(time.Date(2023, 10, 12, 9, 41, 7, 0, time.FixedZone("", 20700)), true),
		GPS: &library.LatLon{Lat: 27.83626, Lon: 86.76464}, Altitude: &alt, Heading: &heading, Focal35mm: 26,
		Make: "Apple", Model: "iPhone 15 Pro", Format: "jpeg", Width: 1200, Height: 800,
		PredictedPeaks: []library.PeakGuess{
			{ID: "ama_dablam", Name: "Ama Dablam", Score: 0.87, Source: "both",
				Explanation: "Ama Dablam — 9.8 km at bearing 73°, 2° left of centre, 16.7° above the horizon; looks like Ama Dablam"},
			{ID: "lhotse_shar", Name: "Lhotse Shar", Score: 0.6, Source: "geometry",
				Explanation: "Lhotse Shar — 22.4 km at bearing 53°, 22° left of centre, 11.3° above the horizon"},
		},
	}}
	lookup := func(id string) (library.Photo, error) { return photos[id], nil }
	a := test.NewTempApp(t)
	w := a.NewWindow("Cairn")
	w.Resize(fyne.NewSize(1100, 720))
	load := func(_ string, maxSide int) (image.Image, error) { return library.LoadImage(path, maxSide) }
	v := newViewer(viewerSource{photo: lookup, image: load}, []string{"a1"}, 0)
	wait := waitForShown(t, v)
	showViewerIn(w, v)
	wait()
	assertGoldenMarkup(t, "viewer.xml", w)
}

func TestViewerNextPreviousAndKeys(t *testing.T) {
	lib, ids := viewerAlbum(t)
	w, v, grid, wait := openTestViewer(t, lib, ids, 0)

	test.Tap(v.next)
	wait()
	if v.current() != 1 || !strings.Contains(labelTexts(v.object()), "2-gokyo/portrait.jpg") {
		t.Fatalf("Next shows photo %d", v.current())
	}
	// Stored sideways with orientation 6: shown upright, portrait.
	if b := v.img.Image.Bounds(); b.Dx() != 600 || b.Dy() != 800 {
		t.Errorf("portrait shown as %v, want 600×800", b)
	}
	text := labelTexts(v.object())
	for _, want := range []string{"camera clock, no time zone", "Canon EOS R6", "No peak identified"} {
		if !strings.Contains(text, want) {
			t.Errorf("second photo: no %q in\n%s", want, text)
		}
	}

	key := func(name fyne.KeyName) { w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name}) }
	key(fyne.KeyRight)
	wait()
	if v.current() != 2 || !v.next.Disabled() {
		t.Errorf("Right: at %d, Next disabled %v; want the last photo with Next disabled", v.current(), v.next.Disabled())
	}
	key(fyne.KeyRight) // stays on the last photo, loading nothing
	if v.current() != 2 {
		t.Errorf("Right on the last photo moved to %d", v.current())
	}
	key(fyne.KeyLeft)
	wait()
	key(fyne.KeyLeft)
	wait()
	if v.current() != 0 || !v.prev.Disabled() {
		t.Errorf("Left twice: at %d, Previous disabled %v", v.current(), v.prev.Disabled())
	}
	test.Tap(v.prev) // disabled: nothing happens
	if v.current() != 0 {
		t.Errorf("Previous on the first photo moved to %d", v.current())
	}

	key(fyne.KeyEscape)
	if w.Content() != grid {
		t.Error("Escape did not bring the grid back")
	}
	if w.Canvas().OnTypedKey() != nil {
		t.Error("the viewer's key handler outlived it")
	}
}

// TestViewerLoadError: a photo whose file went away shows the error naming it instead of an image.
func TestViewerLoadError(t *testing.T) {
	lib, ids := viewerAlbum(t)
	p, _ := lib.Photo(ids[2])
	if err := os.Remove(p.Path); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("Cairn")
	v := newViewer(viewerSource{photo: lib.Photo, image: library.LoadImage}, ids, 2)
	wait := waitForShown(t, v)
	showViewerIn(w, v)
	wait()
	if !strings.Contains(v.status.Text, p.Path) || v.img.Image != nil {
		t.Errorf("status %q, image %v; want the error naming %s and no image", v.status.Text, v.img.Image != nil, p.Path)
	}
}

// assertGoldenMarkup compares the window's markup to testdata/<name>; CAIRN_UPDATE_GOLDEN=1 rewrites the file.
// The content is laid out again first, as a real window does each frame when a label's text changed its size.
func assertGoldenMarkup(t *testing.T, name string, w fyne.Window) {
	t.Helper()
	w.Content().Refresh()
	got := test.RenderToMarkup(w.Canvas())
	path := filepath.Join("testdata", name)
	if os.Getenv("CAIRN_UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden %s: %v (CAIRN_UPDATE_GOLDEN=1 writes it)", path, err)
	}
	if got != string(want) {
		failed := filepath.Join(os.TempDir(), "cairn-failed-"+name)
		os.WriteFile(failed, []byte(got), 0o644)
		t.Errorf("%s differs from the rendered markup, written to %s", path, failed)
	}
}

// saveScreenshot writes the window, drawn with Fyne's own theme, to $CAIRN_SCREENSHOT_DIR when it is set, for
// looking at the layout.
func saveScreenshot(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	dir := os.Getenv("CAIRN_SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	test.ApplyTheme(t, theme.DefaultTheme())
	img := w.Canvas().Capture()
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
