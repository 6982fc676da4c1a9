package gui

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/media/mediatest"
	"github.com/cairn-photos/cairn/library/peaks"
)

// These tests drive the whole window over a real library of generated photos whose EXIF places the camera
// where geometry alone names the peak: no model is installed, so every peak below comes from GPS, compass
// heading and focal length.

// The album's photos, by their path in the album. Their names name no peak, so that a name search finds them
// by their predicted peaks only.
var windowAlbum = []struct {
	rel  string
	exif *mediatest.EXIF
}{
	// Near Pangboche facing east with a 60 mm lens: Ama Dablam.
	{"khumbu/IMG_0101.jpg", &mediatest.EXIF{Make: "Apple", Model: "iPhone 15 Pro", ShotTime: "2023:10:31 09:36:13", Offset: "+05:45",
		Focal35mm: 60, HasGPS: true, Lat: 27.8514, Lon: 86.7832, HasHeading: true, HeadingDeg: 84.6}},
	// Tengboche facing Ama Dablam, a day earlier.
	{"khumbu/IMG_0102.jpg", &mediatest.EXIF{Make: "Apple", Model: "iPhone 15 Pro", ShotTime: "2023:10:30 16:10:00", Offset: "+05:45",
		Focal35mm: 60, HasGPS: true, Lat: 27.83626, Lon: 86.76464, HasHeading: true, HeadingDeg: 73}},
	// Gorak Shep facing north with a 26 mm lens: Pumori, no Ama Dablam.
	{"khumbu/IMG_0201.jpg", &mediatest.EXIF{Make: "Apple", Model: "iPhone 15 Pro", ShotTime: "2023:11:03 07:05:00", Offset: "+05:45",
		Focal35mm: 26, HasGPS: true, Lat: 27.98, Lon: 86.83, HasHeading: true, HeadingDeg: 355}},
	// No GPS: no peak.
	{"home/IMG_0001.jpg", &mediatest.EXIF{Make: "Canon", Model: "Canon EOS R6", ShotTime: "2023:09:20 12:00:00", Focal35mm: 50}},
}

// writeWindowAlbum writes the album's photos under dir.
func writeWindowAlbum(t *testing.T, dir string) {
	t.Helper()
	for i, p := range windowAlbum {
		var exif []byte
		if p.exif != nil {
			exif = p.exif.Bytes()
		}
		path := filepath.Join(dir, filepath.FromSlash(p.rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, mediatest.JPEG(t, mediatest.MarkerImage(600+40*i, 400), exif), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// loopDriver is the test driver with a UI goroutine: fyne.Do from another goroutine queues its function,
// and the test goroutine runs the queue while it waits, as the desktop driver's event loop does. Fyne's own
// test driver runs fyne.Do on the calling goroutine, which would have the search and scan goroutines touch
// the window while the test reads it.
type loopDriver struct {
	fyne.Driver
	mu    sync.Mutex
	queue []func()
}

func (d *loopDriver) DoFromGoroutine(f func(), wait bool) {
	if wait { // only the screenshot tour waits; run it where the test driver would
		f()
		return
	}
	d.mu.Lock()
	d.queue = append(d.queue, f)
	d.mu.Unlock()
}

// run runs the functions queued so far, and those they queue.
func (d *loopDriver) run() {
	for {
		d.mu.Lock()
		q := d.queue
		d.queue = nil
		d.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, f := range q {
			f()
		}
	}
}

type loopApp struct {
	fyne.App
	drv *loopDriver
}

func (a *loopApp) Driver() fyne.Driver { return a.drv }

// window is a test window with the ui over a scanned album.
type window struct {
	t     *testing.T
	drv   *loopDriver
	w     fyne.Window
	u     *ui
	album string
	ids   map[string]string        // photo id by path in the album
	rels  map[string]string        // path in the album by photo id
	peaks map[string][]string      // predicted peak names by path in the album
	recs  map[string]library.Photo // records by path in the album
}

// openWindow writes the album, opens the window on it as a user would (start, then the album), and waits
// for the scan and the search after it.
func openWindow(t *testing.T) *window { return openWindowWith(t, nil) }

// openWindowWith is openWindow with setup called first on the data folder and the preferences, to install
// models or set what the settings would.
func openWindowWith(t *testing.T, setup func(dataRoot string, prefs fyne.Preferences)) *window {
	t.Helper()
	a := test.NewTempApp(t)
	drv := &loopDriver{Driver: a.Driver()}
	fyne.SetCurrentApp(&loopApp{App: a, drv: drv})
	album := filepath.Join(t.TempDir(), "album")
	writeWindowAlbum(t, album)
	w := a.NewWindow("Cairn")
	w.Resize(fyne.NewSize(1280, 800))
	dataRoot := t.TempDir()
	if setup != nil {
		setup(dataRoot, a.Preferences())
	}
	u := newUI(a, w, dataRoot)
	win := &window{t: t, drv: drv, w: w, u: u, album: album}
	t.Cleanup(func() { win.shut(win.u) })
	if err := u.start(); err != nil {
		t.Fatal(err)
	}
	u.openAlbum(album, true)
	win.waitFor("the scan to fill the grid", func() bool {
		return !u.scans.running() && len(u.grid.matches) == len(windowAlbum)
	})
	photos, err := u.session.library().Photos(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	win.ids, win.rels, win.peaks, win.recs = map[string]string{}, map[string]string{}, map[string][]string{}, map[string]library.Photo{}
	for _, p := range photos {
		win.ids[p.Rel], win.rels[p.ID], win.recs[p.Rel] = p.ID, p.Rel, p
		for _, g := range p.PredictedPeaks {
			win.peaks[p.Rel] = append(win.peaks[p.Rel], g.Name)
		}
	}
	return win
}

// waitFor runs the UI's queue until cond holds with no search running, or a generous deadline passes.
func (win *window) waitFor(what string, cond func() bool) {
	win.t.Helper()
	deadline := time.Now().Add(testWait)
	for {
		win.drv.run()
		if win.idle() && cond() {
			return
		}
		if time.Now().After(deadline) {
			win.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// idle tells whether every search started has shown its results (or been overtaken) and no typing waits
// to search.
func (win *window) idle() bool {
	win.drv.mu.Lock()
	defer win.drv.mu.Unlock()
	return win.u.search.finished == win.u.search.searches && len(win.drv.queue) == 0
}

func (win *window) settle(what string) {
	win.t.Helper()
	win.waitFor(what, func() bool { return true })
}

// shut closes u as the window's end does, whatever happened in the test: the scan is stopped and awaited and
// the searches under way are let finish before the library closes, so that no goroutine of this test
// outlives it and runs a later test's fyne.Do. It reports, rather than stops at, a search that never ends.
func (win *window) shut(u *ui) {
	u.scans.cancelAndWait()
	deadline := time.Now().Add(testWait)
	for win.drv.run(); !win.idle(); win.drv.run() {
		if time.Now().After(deadline) {
			win.t.Errorf("searches still running when the window closed")
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	u.close()
	win.drv.run()
}

// shown lists the paths in the album of the photos the grid shows, sorted.
func (win *window) shown() []string {
	out := make([]string, 0, len(win.u.grid.matches))
	for _, m := range win.u.grid.matches {
		out = append(out, win.rels[m.ID()])
	}
	sort.Strings(out)
	return out
}

// predicting lists, sorted, the photos predicted to show the peak named.
func (win *window) predicting(name string) []string {
	var out []string
	for rel, names := range win.peaks {
		if slices.Contains(names, name) {
			out = append(out, rel)
		}
	}
	sort.Strings(out)
	return out
}

// find returns the first object under o, depth first, for which match holds.
func find[T fyne.CanvasObject](o fyne.CanvasObject, match func(T) bool) (T, bool) {
	var zero T
	if x, ok := o.(T); ok && match(x) {
		return x, true
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		if got, ok := find(c, match); ok {
			return got, true
		}
	}
	return zero, false
}

// button finds the visible button with the text under o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	b, ok := find(o, func(b *widget.Button) bool { return b.Text == text && b.Visible() })
	if !ok {
		t.Fatalf("no button %q", text)
	}
	return b
}

// peakCheck finds the rail's check box for the peak named.
func (win *window) peakCheck(name string) *widget.Check {
	win.t.Helper()
	c, ok := find(win.u.rail.list, func(c *widget.Check) bool { return strings.HasPrefix(c.Text, name+"  (") && c.Visible() })
	if !ok {
		win.t.Fatalf("the peaks list shows no %s", name)
	}
	return c
}

// key sends a key as the desktop driver does: to the focused widget, else to the canvas's handler.
func (win *window) key(name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := win.w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := win.w.Canvas().OnTypedKey(); h != nil {
		h(ev)
	}
}

// search types text into the search entry; the search runs when typing pauses.
func (win *window) typeSearch(text string) {
	e := win.u.bar.entry
	e.SetText("")
	test.Tap(e)
	test.Type(e, text)
}

func (win *window) wantShown(what string, want []string) {
	win.t.Helper()
	win.waitFor(what, func() bool { return slices.Equal(win.shown(), want) })
}

func TestTypingPeakNameFillsGrid(t *testing.T) {
	win := openWindow(t)
	u := win.u
	ama := win.predicting("Ama Dablam")
	if len(ama) != 2 || slices.Contains(ama, "khumbu/IMG_0201.jpg") {
		t.Fatalf("geometry predicts Ama Dablam in %v; want the two photos facing it", ama)
	}

	// The search runs by itself when typing pauses.
	win.typeSearch("ama dablam")
	win.waitFor("the search for ama dablam", func() bool { return u.search.query.Text == "ama dablam" })
	if got := win.shown(); !slices.Equal(got, ama) {
		t.Errorf("typing ama dablam shows %v, want %v", got, ama)
	}
	if !strings.Contains(u.status.label.Text, "2 photos for “ama dablam” — the peak Ama Dablam") {
		t.Errorf("status %q", u.status.label.Text)
	}
	if rows := u.rail.rows; len(rows) == 0 || rows[0].name != "Ama Dablam" || rows[0].count != 2 {
		t.Errorf("rail rows %v; want Ama Dablam (2) first", rows)
	}

	// Return searches at once, and a name without its space and in capitals still names the peak.
	win.typeSearch("AMADABLAM")
	u.bar.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	win.waitFor("the search for AMADABLAM", func() bool { return u.search.query.Text == "AMADABLAM" })
	if got := win.shown(); !slices.Equal(got, ama) {
		t.Errorf("AMADABLAM shows %v, want %v", got, ama)
	}

	// Clearing the entry shows every photo again.
	win.typeSearch("")
	u.bar.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	win.wantShown("every photo after clearing the search", win.all())

	// A prefix offers the peak; taking the suggestion searches for it.
	win.typeSearch("ama d")
	take := button(t, u.bar.suggestions, "Ama Dablam")
	test.Tap(take)
	win.waitFor("the suggestion's search", func() bool { return u.search.query.Text == "Ama Dablam" })
	if got := win.shown(); !slices.Equal(got, ama) {
		t.Errorf("the suggestion shows %v, want %v", got, ama)
	}
	if u.bar.entry.Text != "Ama Dablam" || len(u.bar.suggestions.Objects) != 0 {
		t.Errorf("after the suggestion: entry %q, %d suggestions left", u.bar.entry.Text, len(u.bar.suggestions.Objects))
	}

	// Pumori's photo is found by Pumori's name.
	win.typeSearch("pumori")
	win.waitFor("the search for pumori", func() bool { return u.search.query.Text == "pumori" })
	if got := win.shown(); !slices.Equal(got, []string{"khumbu/IMG_0201.jpg"}) {
		t.Errorf("pumori shows %v", got)
	}
}

// all lists every photo of the album, sorted.
func (win *window) all() []string {
	out := make([]string, len(windowAlbum))
	for i, p := range windowAlbum {
		out[i] = p.rel
	}
	sort.Strings(out)
	return out
}

func TestTickingPeakFilters(t *testing.T) {
	win := openWindow(t)
	u := win.u
	pumori := win.predicting("Pumori")
	if !slices.Equal(pumori, []string{"khumbu/IMG_0201.jpg"}) {
		t.Fatalf("geometry predicts Pumori in %v", pumori)
	}
	if c := win.peakCheck("Ama Dablam"); c.Text != "Ama Dablam  (2)" || c.Checked {
		t.Errorf("rail shows %q, checked %v", c.Text, c.Checked)
	}

	test.Tap(win.peakCheck("Pumori"))
	win.wantShown("the photos of Pumori", pumori)
	if !slices.Equal(u.search.query.Peaks, []string{"pumori"}) {
		t.Errorf("query peaks %v", u.search.query.Peaks)
	}
	if c := win.peakCheck("Pumori"); !c.Checked {
		t.Error("Pumori is not ticked after the grid changed")
	}

	// The rail still lists every peak, in the same order and with the same counts: Ama Dablam can be added.
	order := func() []string {
		var names []string
		for _, r := range u.rail.rows {
			names = append(names, fmt.Sprintf("%s (%d)", r.name, r.count))
		}
		return names
	}
	before := order()
	if c := win.peakCheck("Ama Dablam"); c.Text != "Ama Dablam  (2)" || c.Checked {
		t.Errorf("with Pumori ticked the rail shows %q, checked %v", c.Text, c.Checked)
	}
	test.Tap(win.peakCheck("Ama Dablam"))
	want := append(win.predicting("Ama Dablam"), pumori...)
	sort.Strings(want)
	win.wantShown("the photos of Pumori or Ama Dablam", want)
	if after := order(); !slices.Equal(before, after) {
		t.Errorf("ticking re-sorted the rail:\n%v\n%v", before, after)
	}
	if n := len(u.rail.rows); n != len(u.rail.catalog.Peaks) {
		t.Errorf("the rail lists %d peaks, the catalog holds %d", n, len(u.rail.catalog.Peaks))
	}
	// The peaks' filter reads names as the search does: an alias or a slip finds the peak.
	for text, want := range map[string]string{"sagarmatha": "Mount Everest", "ama dablem": "Ama Dablam", "PUMO": "Pumori"} {
		u.rail.filter.SetText(text)
		var shown []string
		for _, i := range u.rail.shown {
			shown = append(shown, u.rail.rows[i].name)
		}
		if !slices.Contains(shown, want) || len(shown) > 5 {
			t.Errorf("filter %q shows %v, want %s among a few", text, shown, want)
		}
	}
	u.rail.filter.SetText("")
	if len(u.rail.shown) != len(u.rail.rows) {
		t.Errorf("an empty filter shows %d of %d peaks", len(u.rail.shown), len(u.rail.rows))
	}
	test.Tap(win.peakCheck("Ama Dablam"))
	win.wantShown("the photos of Pumori", pumori)

	test.Tap(win.peakCheck("Pumori"))
	win.wantShown("every photo after unticking", win.all())
	test.Tap(win.peakCheck("Ama Dablam"))
	win.wantShown("the photos of Ama Dablam", win.predicting("Ama Dablam"))
	test.Tap(win.peakCheck("Ama Dablam"))
	win.wantShown("every photo after unticking", win.all())
	if len(u.search.query.Peaks) != 0 {
		t.Errorf("query peaks %v after unticking", u.search.query.Peaks)
	}

	// A date that does not parse is shown and searches nothing.
	searches := u.search.searches
	u.rail.from.SetText("2023-13-45")
	u.rail.from.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !u.rail.problem.Visible() || u.rail.problem.Text == "" {
		t.Errorf("a bad date shows no problem (visible %v, %q)", u.rail.problem.Visible(), u.rail.problem.Text)
	}
	if u.search.searches != searches || !u.search.query.From.IsZero() {
		t.Errorf("a bad date searched (%d searches, from %v)", u.search.searches-searches, u.search.query.From)
	}
	win.settle("nothing")
	if got := win.shown(); !slices.Equal(got, win.all()) {
		t.Errorf("a bad date changed the grid to %v", got)
	}

	// A valid range filters by capture time and clears the problem: October holds the two Ama Dablam photos.
	u.rail.from.SetText("2023-10-01")
	u.rail.to.SetText("2023-10-31")
	test.Tap(button(t, u.rail.object(), "Apply dates"))
	win.wantShown("October's photos", win.predicting("Ama Dablam"))
	if u.rail.problem.Visible() {
		t.Errorf("the problem %q stays after a valid date", u.rail.problem.Text)
	}
	u.rail.from.SetText("2023-11-01")
	u.rail.to.SetText("")
	u.rail.from.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	win.wantShown("November's photos", pumori)

	// Dates ending before they start are refused.
	u.rail.to.SetText("2023-10-01")
	u.rail.to.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !u.rail.problem.Visible() {
		t.Error("a range ending before it starts shows no problem")
	}

	test.Tap(button(t, u.rail.object(), "Clear filters"))
	win.wantShown("every photo after Clear filters", win.all())
	if u.rail.problem.Visible() || u.rail.from.Text != "" {
		t.Errorf("Clear filters left problem %v, from %q", u.rail.problem.Visible(), u.rail.from.Text)
	}
}

func TestDropIdentifiesAndShowsSimilar(t *testing.T) {
	win := openWindow(t)
	u := win.u
	drop := filepath.Join(t.TempDir(), "DSC09999.jpg")
	exif := mediatest.EXIF{Make: "Nikon", Model: "Z 6", ShotTime: "2024:04:02 08:00:00", Offset: "+05:45",
		Focal35mm: 50, HasGPS: true, Lat: 27.845, Lon: 86.775, HasHeading: true, HeadingDeg: 80}
	if err := os.WriteFile(drop, mediatest.JPEG(t, mediatest.MarkerImage(640, 480), exif.Bytes()), 0o644); err != nil {
		t.Fatal(err)
	}
	u.tabs.SelectIndex(1) // on the map: a drop brings the photos back

	u.banner.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(drop)})
	win.waitFor("the identification", func() bool { return strings.Contains(u.banner.text.String(), "shows") })
	if text := u.banner.text.String(); !strings.Contains(text, "DSC09999.jpg shows Ama Dablam") {
		t.Errorf("banner %q; want it to name Ama Dablam", text)
	}
	if got, want := win.shown(), win.predicting("Ama Dablam"); !slices.Equal(got, want) {
		t.Errorf("similar photos %v, want %v", got, want)
	}
	if !u.banner.box.Visible() || u.tabs.SelectedIndex() != 0 {
		t.Errorf("banner visible %v, tab %d", u.banner.box.Visible(), u.tabs.SelectedIndex())
	}
	if !strings.HasPrefix(u.status.label.Text, "2 similar photos") {
		t.Errorf("status %q", u.status.label.Text)
	}

	test.Tap(button(t, u.banner.object(), "Back to all photos"))
	win.wantShown("every photo again", win.all())
	if u.banner.box.Visible() || u.search.similarTo != "" {
		t.Error("the banner stays after Back to all photos")
	}

	// A file that is no photo says so in the banner.
	bad := filepath.Join(t.TempDir(), "notes.jpg")
	os.WriteFile(bad, []byte("not a photo"), 0o644)
	u.banner.dropped(fyne.NewPos(0, 0), []fyne.URI{storage.NewFileURI(bad)})
	win.waitFor("the failed identification", func() bool { return strings.Contains(u.banner.text.String(), "Could not identify") })
	if !u.banner.box.Visible() {
		t.Error("the error banner is hidden")
	}
}

func TestMapClickOpensPhotoAndAreaFilters(t *testing.T) {
	win := openWindow(t)
	u := win.u
	main := win.w.Content()
	tabs := u.tabs
	tabs.SelectIndex(1)
	if tabs.SelectedIndex() != 1 || u.maps.view.Size().Width < 200 {
		t.Fatalf("map tab %d, map size %v", tabs.SelectedIndex(), u.maps.view.Size())
	}
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.maps.view)
	gorak := win.recs["khumbu/IMG_0201.jpg"]
	at := u.maps.view.PositionOf(gorak.GPS.Lat, gorak.GPS.Lon)
	test.TapCanvas(win.w.Canvas(), origin.Add(at).Add(fyne.NewPos(2, -2)))
	if selectedOnMap(u) != gorak.ID {
		t.Fatalf("the tap selected %q on the map, want %s", selectedOnMap(u), gorak.ID)
	}
	win.waitFor("the viewer on the tapped photo", func() bool {
		text := labelTexts(win.w.Content())
		return win.w.Content() != main && strings.Contains(text, "khumbu/IMG_0201.jpg") && strings.Contains(text, "Pumori")
	})
	win.key(fyne.KeyEscape)
	if win.w.Content() != main || tabs.SelectedIndex() != 1 {
		t.Fatalf("Escape: back on the window %v, tab %d", win.w.Content() == main, tabs.SelectedIndex())
	}

	// A tap on empty map opens nothing.
	test.TapCanvas(win.w.Canvas(), origin.Add(fyne.NewPos(5, u.maps.view.Size().Height-5)))
	win.settle("the tap on empty map")
	if win.w.Content() != main {
		t.Fatal("a tap on empty map opened the viewer")
	}

	// A box drawn in select mode around Pangboche and Tengboche filters the grid to the two photos there.
	u.maps.view.SetSelectMode(true)
	from, to := u.maps.view.PositionOf(27.86, 86.755), u.maps.view.PositionOf(27.832, 86.79)
	test.Drag(win.w.Canvas(), origin.Add(to), to.X-from.X, to.Y-from.Y)
	win.wantShown("the photos in the area", win.predicting("Ama Dablam"))
	if b := u.search.query.Box; b == nil || b.South > 27.8362 || b.North < 27.8515 {
		t.Errorf("query box %+v", b)
	}
	if !u.rail.areaBox.Visible() || !strings.HasPrefix(u.rail.area.Text, "Area 27.8") {
		t.Errorf("rail area %v %q", u.rail.areaBox.Visible(), u.rail.area.Text)
	}
	// The rail's cross drops the area.
	clear, ok := find(u.rail.areaBox, func(b *widget.Button) bool { return b.Visible() })
	if !ok {
		t.Fatal("no button to drop the area")
	}
	test.Tap(clear)
	win.wantShown("every photo after dropping the area", win.all())
	if u.search.query.Box != nil {
		t.Errorf("query box %+v after dropping it", u.search.query.Box)
	}
}

func TestGridKeysOpenAndCloseViewer(t *testing.T) {
	win := openWindow(t)
	u := win.u
	main := win.w.Content()
	// A click on a photo selects it and gives the grid the keyboard.
	cell, ok := find(u.grid.grid, func(c *thumbCell) bool { return c.index == 0 && c.Visible() })
	if !ok {
		t.Fatal("no cell for the first photo")
	}
	test.Tap(cell)
	if win.w.Canvas().Focused() != u.grid.grid || u.grid.selected != 0 {
		t.Fatalf("after a click: focused %T, selected %d; want the grid and photo 0", win.w.Canvas().Focused(), u.grid.selected)
	}
	win.key(fyne.KeyRight) // the selection itself moves
	if u.grid.selected != 1 {
		t.Fatalf("Right selected %d, want 1", u.grid.selected)
	}
	second := u.grid.matches[1].ID()
	if selectedOnMap(u) != second {
		t.Errorf("the map shows %q selected, want %s", selectedOnMap(u), second)
	}
	win.key(fyne.KeyEnd)
	win.key(fyne.KeyLeft)
	win.key(fyne.KeyHome)
	win.key(fyne.KeyRight)
	if u.grid.selected != 1 {
		t.Fatalf("End, Left, Home, Right selected %d, want 1", u.grid.selected)
	}
	win.key(fyne.KeyReturn)
	rel := win.rels[second]
	win.waitFor("the viewer on the second photo", func() bool {
		return win.w.Content() != main && strings.Contains(labelTexts(win.w.Content()), rel)
	})
	if text := labelTexts(win.w.Content()); !strings.Contains(text, "2 of 4") {
		t.Errorf("viewer does not say 2 of 4:\n%s", text)
	}
	// Paging in the viewer moves the grid's selection with it.
	win.key(fyne.KeyRight)
	third := win.rels[u.grid.matches[2].ID()]
	win.waitFor("the next photo", func() bool { return strings.Contains(labelTexts(win.w.Content()), third) })
	if u.grid.selected != 2 {
		t.Errorf("after paging to the third photo the grid selects %d", u.grid.selected)
	}
	win.key(fyne.KeyEscape)
	if win.w.Content() != main {
		t.Fatal("Escape did not bring the grid back")
	}
	if win.w.Canvas().Focused() != u.grid.grid {
		t.Error("the grid lost the keyboard after the viewer closed")
	}
	// Return opens the photo the viewer showed last, now selected.
	win.key(fyne.KeyReturn)
	win.waitFor("the viewer again", func() bool {
		return win.w.Content() != main && strings.Contains(labelTexts(win.w.Content()), third)
	})
	win.key(fyne.KeyEscape)
}

// TestFindAndEscape: Ctrl+F gives the search entry the keyboard, from the grid and from the viewer; Escape
// or Down in the entry hands it back to the grid; Escape on the grid clears the search.
func TestFindAndEscape(t *testing.T) {
	win := openWindow(t)
	u := win.u
	main := win.w.Content()
	find := &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcut := func() { win.w.Canvas().(fyne.Shortcutable).TypedShortcut(find) }

	u.grid.focus()
	shortcut()
	if win.w.Canvas().Focused() != u.bar.entry {
		t.Fatalf("Ctrl+F focused %T, want the search entry", win.w.Canvas().Focused())
	}
	test.Type(u.bar.entry, "pumori")
	win.key(fyne.KeyReturn)
	win.wantShown("the search for pumori", []string{"khumbu/IMG_0201.jpg"})
	win.key(fyne.KeyEscape)
	if win.w.Canvas().Focused() != u.grid.grid || u.bar.entry.Text != "pumori" {
		t.Fatalf("Escape in the entry: focused %T, text %q", win.w.Canvas().Focused(), u.bar.entry.Text)
	}
	win.key(fyne.KeyEscape) // on the grid: back to every photo
	win.wantShown("every photo after Escape", win.all())
	if u.bar.entry.Text != "" {
		t.Errorf("Escape left the search %q", u.bar.entry.Text)
	}

	// From the viewer, Ctrl+F closes it and focuses the search.
	win.key(fyne.KeyDown) // selects the first photo
	win.key(fyne.KeyReturn)
	win.waitFor("the viewer", func() bool { return win.w.Content() != main })
	shortcut()
	if win.w.Content() != main || win.w.Canvas().Focused() != u.bar.entry {
		t.Errorf("Ctrl+F in the viewer: back on the grid %v, focused %T", win.w.Content() == main, win.w.Canvas().Focused())
	}
	// With nothing focused, the arrows still reach the grid.
	win.w.Canvas().Unfocus()
	win.key(fyne.KeyRight)
	if win.w.Canvas().Focused() != u.grid.grid || u.grid.selected != 1 {
		t.Errorf("Right with nothing focused: focused %T, selected %d", win.w.Canvas().Focused(), u.grid.selected)
	}
}

// TestSearchMarkup compares the window after a search by name with testdata/search.xml. What changes from
// run to run is written the same way every time: the library's folder (where the thumbnails are) as
// $LIBRARY, and the last scan's note (its duration) as "…" in a label of width W.
func TestSearchMarkup(t *testing.T) {
	win := openWindow(t)
	win.typeSearch("ama dablam")
	win.waitFor("the search for ama dablam", func() bool { return win.u.search.query.Text == "ama dablam" })
	win.w.Content().Refresh() // lays the content out again, as a real window does each frame
	got := test.RenderToMarkup(win.w.Canvas())
	got = strings.ReplaceAll(got, win.u.session.library().DirPath(), "$LIBRARY")
	got = scanNote.ReplaceAllString(got, "${1}W${2}…${3}")
	if strings.Contains(got, os.TempDir()) {
		t.Fatalf("the markup still holds a temporary path:\n%s", got)
	}
	path := filepath.Join("testdata", "search.xml")
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
		failed := filepath.Join(os.TempDir(), "cairn-failed-search.xml")
		os.WriteFile(failed, []byte(got), 0o644)
		t.Errorf("%s differs from the rendered markup, written to %s", path, failed)
	}
}

// scanNote matches the status label's scan note, whose duration (and so width) varies.
var scanNote = regexp.MustCompile(`(<text [^>]*size=")\d+(x\d+">[^<]* · last scan: )[^<]*(</text>)`)

// TestBannerNamesFileAsIs: cameras name files DSC_0001.JPG and IMG_20231031_093613.jpg, and the banner must
// show those names as they are. It builds its text as Markdown, where "_" and "*" are emphasis marks and
// Fyne's parser honours no backslash escape: "DSC_9999.jpg" shows as "DSC_ 9999.jpg".
func TestBannerNamesFileAsIs(t *testing.T) {
	test.NewTempApp(t)
	b := newBanner(nil, nil, nil)
	for _, name := range []string{"DSC_9999.jpg", "IMG_20231031_093613.jpg", "a*b*c.jpg"} {
		b.showIdentified("/photos/"+name, library.Identified{Peaks: []peaks.Prediction{{Name: "Ama Dablam", Score: 0.8}}}, 2)
		if text := b.text.String(); !strings.HasPrefix(text, name+" shows Ama Dablam") {
			t.Errorf("banner for %s says %q", name, text)
		}
		b.showBusy("/photos/" + name)
		if text := b.text.String(); !strings.Contains(text, name) {
			t.Errorf("busy banner for %s says %q", name, text)
		}
	}
}

// TestEmptyResultsSayWhy: a search that finds nothing says why over the grid — without a model, that a
// concept needs one, with a button to the settings; with filters, that they leave none, with a button to
// clear them — and the note goes when photos show again.
func TestEmptyResultsSayWhy(t *testing.T) {
	win := openWindow(t)
	u := win.u
	if u.empty.box.Visible() {
		t.Fatal("the empty note shows over a full grid")
	}
	win.typeSearch("prayer flags")
	win.waitFor("the search for prayer flags", func() bool { return u.search.query.Text == "prayer flags" })
	if len(u.grid.matches) != 0 || !u.empty.box.Visible() {
		t.Fatalf("prayer flags: %d photos, note visible %v", len(u.grid.matches), u.empty.box.Visible())
	}
	if got := u.empty.title.Text; got != "No peak, place or file is called “prayer flags”" {
		t.Errorf("note title %q", got)
	}
	if !strings.Contains(u.empty.text.Text, "needs an image–text model") {
		t.Errorf("note text %q does not say a model is needed", u.empty.text.Text)
	}
	test.Tap(button(t, u.empty.object(), "Install a model…"))
	top := win.w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(labelTexts(top), "Image–text model") {
		t.Fatal("Install a model… did not open the settings")
	}
	win.w.Canvas().Overlays().Remove(top)

	// A peak that shows in no photo of the filtered range: the filters are named, and clearing them helps.
	win.typeSearch("pumori")
	win.waitFor("the search for pumori", func() bool { return u.search.query.Text == "pumori" })
	if !strings.HasPrefix(u.status.label.Text, "1 photo for “pumori”") {
		t.Errorf("status %q; want one photo, singular", u.status.label.Text)
	}
	u.rail.to.SetText("2023-10-31")
	u.rail.to.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	win.waitFor("the filtered search", func() bool { return len(u.grid.matches) == 0 })
	if got := u.empty.title.Text; got != "No photo shows Pumori" || !strings.Contains(u.empty.text.Text, "filters") {
		t.Errorf("filtered note %q / %q", got, u.empty.text.Text)
	}
	test.Tap(button(t, u.empty.object(), "Clear filters"))
	win.wantShown("Pumori's photo after clearing the filters", []string{"khumbu/IMG_0201.jpg"})
	if u.empty.box.Visible() {
		t.Error("the note stays over a photo")
	}
}

// TestNearAcceptsSearchSpellings: "within N km of" reads a peak or a place the way the search does, and
// typing narrows its list of peaks and places to those that could be meant.
func TestNearAcceptsSearchSpellings(t *testing.T) {
	win := openWindow(t)
	u := win.u
	r := u.rail
	r.nearPeak.SetText("ama dab")
	if opts := r.offered; len(opts) == 0 || len(opts) > 5 || !slices.Contains(opts, "Ama Dablam") {
		t.Errorf("typing “ama dab” offers %v", opts)
	}
	r.nearKM.SetText("3")
	r.nearPeak.SetText("amadablam")
	r.nearPeak.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if r.problem.Visible() {
		t.Fatalf("“amadablam” is refused: %s", r.problem.Text)
	}
	ama, _ := r.catalog.ByID("ama_dablam")
	win.waitFor("the distance filter", func() bool { return u.search.query.Near != nil })
	if n := u.search.query.Near; n.Lat != ama.Lat || n.Lon != ama.Lon || n.KM != 3 {
		t.Errorf("within %+v, want 3 km of Ama Dablam at %.4f,%.4f", *n, ama.Lat, ama.Lon)
	}
	r.nearPeak.SetText("Sagarmatha")
	r.nearPeak.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	everest, _ := r.catalog.ByID("everest")
	win.waitFor("the distance from Everest", func() bool { return u.search.query.Near != nil && u.search.query.Near.Lat == everest.Lat })
	// A gazetteer place, misspelt, as the search reads it; the list offers it among the names.
	r.nearPeak.SetText("kala pattar")
	if !slices.Contains(r.offered, "Kala Patthar") {
		t.Errorf("typing “kala pattar” offers %v", r.offered)
	}
	r.nearPeak.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	kp, _ := u.session.library().Landmark("Kala Patthar")
	win.waitFor("the distance from Kala Patthar", func() bool { return u.search.query.Near != nil && u.search.query.Near.Lat == kp.Lat })
	r.nearPeak.SetText("Ámá Dablem") // accents and a slip
	r.nearPeak.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	win.waitFor("the distance from Ama Dablam again", func() bool { return u.search.query.Near != nil && u.search.query.Near.Lat == ama.Lat })
	r.nearPeak.SetText("xqzt")
	r.nearPeak.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !r.problem.Visible() {
		t.Error("a place that names nothing shows no problem")
	}
}

// TestViewerShowsOnMap: "Show on map" closes the viewer and shows the photo selected on the map, centred.
func TestViewerShowsOnMap(t *testing.T) {
	win := openWindow(t)
	u := win.u
	main := win.w.Content()
	gorak := win.recs["khumbu/IMG_0201.jpg"]
	i := slices.IndexFunc(u.grid.matches, func(m library.Match) bool { return m.ID() == gorak.ID })
	u.grid.selectIndex(i)
	u.grid.open(i)
	win.waitFor("the viewer", func() bool {
		return win.w.Content() != main && strings.Contains(labelTexts(win.w.Content()), "IMG_0201.jpg")
	})
	test.Tap(button(t, win.w.Content(), "Show on map"))
	if win.w.Content() != main || u.tabs.SelectedIndex() != 1 || selectedOnMap(u) != gorak.ID {
		t.Fatalf("after Show on map: viewer closed %v, tab %d, map selects %q", win.w.Content() == main, u.tabs.SelectedIndex(), selectedOnMap(u))
	}
	win.w.Content().Refresh()
	at := u.maps.view.PositionOf(gorak.GPS.Lat, gorak.GPS.Lon)
	size := u.maps.view.Size()
	if math.Abs(float64(at.X-size.Width/2)) > 2 || math.Abs(float64(at.Y-size.Height/2)) > 2 {
		t.Errorf("the photo is drawn at %v on a map of %v, not in its centre", at, size)
	}
}

// TestPlaceNames: a place's name, in any of its spellings, finds the photos taken there; the search bar
// offers places as it offers peaks; a place with no photo says so.
func TestPlaceNames(t *testing.T) {
	win := openWindow(t)
	u := win.u
	win.typeSearch("Tengpoche") // another spelling of Tengboche
	win.waitFor("the search for Tengboche", func() bool { return u.search.query.Text == "Tengpoche" })
	if got := win.shown(); !slices.Equal(got, []string{"khumbu/IMG_0102.jpg"}) {
		t.Errorf("Tengboche shows %v", got)
	}
	if want := "1 photo taken at Tengboche (monastery, within 1 km)"; !strings.HasPrefix(u.status.label.Text, want) {
		t.Errorf("status %q, want %q", u.status.label.Text, want)
	}
	win.typeSearch("gorakshep")
	win.wantShown("the photos at Gorak Shep", []string{"khumbu/IMG_0201.jpg"})

	win.typeSearch("kala pattar")
	win.waitFor("the search for Kala Patthar", func() bool { return u.search.query.Text == "kala pattar" })
	if len(u.grid.matches) != 0 || u.empty.title.Text != "No photo was taken at Kala Patthar" {
		t.Errorf("Kala Patthar: %d photos, note %q", len(u.grid.matches), u.empty.title.Text)
	}
	win.typeSearch("tengb")
	if _, ok := find(u.bar.suggestions, func(b *widget.Button) bool { return b.Text == "Tengboche" }); !ok {
		t.Errorf("typing “tengb” does not offer Tengboche:\n%s", labelTexts(u.bar.suggestions))
	}
	// A peak's name still finds the photos showing the peak, not those taken near a place of that name.
	win.typeSearch("ama dablam")
	win.wantShown("the photos of Ama Dablam", win.predicting("Ama Dablam"))
}

// TestThumbnailSizeAndDayHeader: the thumbnail size changes the grid's columns and is remembered, keeping
// the selection; the day of the first row shows over a grid in time order, not over one by relevance.
func TestThumbnailSizeAndDayHeader(t *testing.T) {
	win := openWindow(t)
	u := win.u
	win.w.Content().Refresh()
	if !u.grid.dayBox.Visible() || u.grid.day.Text != "Friday 3 November 2023" {
		t.Errorf("day header %q (shown %v), want the newest photo's day", u.grid.day.Text, u.grid.dayBox.Visible())
	}
	u.grid.selectIndex(2)
	cols := u.grid.grid.ColumnCount()
	sel, ok := find(win.w.Content(), func(s *widget.Select) bool { return s.Selected == "Medium" })
	if !ok {
		t.Fatal("no thumbnail size control")
	}
	sel.SetSelected("Small")
	win.w.Content().Refresh()
	if got := u.grid.grid.ColumnCount(); got <= cols || u.grid.selected != 2 {
		t.Errorf("small thumbnails: %d columns (was %d), selected %d", got, cols, u.grid.selected)
	}
	if side := u.app.Preferences().Float(prefThumbSide); side != float64(thumbSides[0]) {
		t.Errorf("thumbnail size remembered as %v", side)
	}
	win.typeSearch("ama dablam")
	win.waitFor("the search", func() bool { return u.search.query.Text == "ama dablam" })
	if u.grid.dayBox.Visible() {
		t.Error("a day header over results by relevance")
	}
}

// selectedOnMap is the id of the photo selected on the map, "" for none.
func selectedOnMap(u *ui) string {
	key, ok := u.maps.view.Selected()
	if !ok {
		return ""
	}
	return library.Place{Key: key}.ID()
}
