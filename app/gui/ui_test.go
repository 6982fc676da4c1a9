package gui

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func writeTestJPEG(t *testing.T, path string, w, h int) {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// testWait bounds every wait of these tests for work on other goroutines (a scan, a decode, a search). It only
// stops a test that would hang: under the race detector on a shared 2-core machine a scan of the khumbu photos
// has taken over a minute, so it is generous.
const testWait = 5 * time.Minute

// waitFor polls cond on the UI until it holds or a generous deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(testWait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestOpenAlbumScansAndFillsGrid(t *testing.T) {
	album := t.TempDir()
	writeTestJPEG(t, filepath.Join(album, "a.jpg"), 400, 300)
	writeTestJPEG(t, filepath.Join(album, "trek", "b.jpg"), 300, 400)
	writeTestJPEG(t, filepath.Join(album, "trek", "c.jpg"), 500, 300)

	a := test.NewTempApp(t)
	drv := &loopDriver{Driver: a.Driver()}
	fyne.SetCurrentApp(&loopApp{App: a, drv: drv})
	// waitUntil runs the UI's queue, as the event loop would, until cond holds.
	waitUntil := func(what string, cond func() bool) {
		t.Helper()
		waitFor(t, what, func() bool { drv.run(); return cond() })
	}
	u := newUI(a, a.NewWindow("Cairn"), t.TempDir())
	if err := u.start(); err != nil {
		t.Fatal(err)
	}
	u.openAlbum(album, true)
	waitUntil("the scan to fill the grid", func() bool { return len(u.grid.matches) == 3 && !u.scans.running() })
	if got := a.Preferences().String(prefLastAlbum); got != album {
		t.Errorf("last album remembered as %q, want %q", got, album)
	}
	waitUntil("the status after the scan", func() bool { return strings.Contains(u.status.label.Text, "last scan") })

	// The next start reopens the same album without asking.
	u.close()
	drv.run()
	u2 := newUI(a, a.NewWindow("Cairn"), u.dataRoot)
	defer func() { u2.close(); drv.run() }()
	if err := u2.start(); err != nil {
		t.Fatal(err)
	}
	waitUntil("the reopened album's photos", func() bool { return len(u2.grid.matches) == 3 })
}

func TestFirstRunShowsWelcome(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Cairn")
	u := newUI(a, w, t.TempDir())
	defer u.close()
	if err := u.start(); err != nil {
		t.Fatal(err)
	}
	if u.session.library() != nil {
		t.Fatal("a library is open on first run")
	}
	test.AssertRendersToMarkup(t, "welcome.xml", w.Canvas())
}
