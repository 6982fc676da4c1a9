package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestScanFillsGridLiveAndCancels: during a scan the grid fills before the scan ends; Cancel stops it, the
// note says how far it got, and the photo count is the library's.
func TestScanFillsGridLiveAndCancels(t *testing.T) {
	album := filepath.Join(t.TempDir(), "album")
	os.MkdirAll(album, 0o755)
	const n = 300
	img := mediatest.JPEG(t, mediatest.MarkerImage(640, 480), nil)
	for i := range n {
		if err := os.WriteFile(filepath.Join(album, fmt.Sprintf("IMG_%04d.jpg", i)), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a := test.NewTempApp(t)
	a.Preferences().SetInt(prefWorkers, 1)
	drv := &loopDriver{Driver: a.Driver()}
	fyne.SetCurrentApp(&loopApp{App: a, drv: drv})
	w := a.NewWindow("Cairn")
	w.Resize(fyne.NewSize(1280, 800))
	u := newUI(a, w, t.TempDir())
	win := &window{t: t, drv: drv, w: w, u: u}
	t.Cleanup(func() { win.shut(u) })
	u.openAlbum(album, true)
	win.waitFor("the scan to start", func() bool { return u.scans.running() })

	// Not win.waitFor: while the scan runs a search starts every second, so the window is seldom idle.
	for deadline := time.Now().Add(testWait); len(u.grid.matches) == 0 && u.scans.running(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for photos in the grid while the scan runs")
		}
		drv.run()
	}
	if !u.scans.running() {
		t.Logf("searches %d, status %q", u.search.searches, u.status.label.Text)
		t.Skip("the scan ended before the grid showed photos: the machine is too fast for this album")
	}
	live := len(u.grid.matches)
	u.scans.stop()
	for deadline := time.Now().Add(testWait); u.scans.running(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for the cancelled scan")
		}
		drv.run()
	}
	win.settle("the search after it")
	stored, err := u.session.library().Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if live == 0 || live > stored || stored >= n {
		t.Errorf("%d photos showed during the scan, %d stored of %d", live, stored, n)
	}
	m := regexp.MustCompile(`scan cancelled after (\d+) of (\d+) photos`).FindStringSubmatch(u.status.label.Text)
	if m == nil {
		t.Fatalf("status %q does not say how far the scan got", u.status.label.Text)
	}
	done, _ := strconv.Atoi(m[1])
	if total, _ := strconv.Atoi(m[2]); total != n || done >= n {
		t.Errorf("status says %s of %s, want fewer than %d of %d", m[1], m[2], n, n)
	}
	if want := fmt.Sprintf("%d photos", stored); u.status.label.Text[:len(want)] != want {
		t.Errorf("status %q; want it to start with the %d photos stored", u.status.label.Text, stored)
	}
}
