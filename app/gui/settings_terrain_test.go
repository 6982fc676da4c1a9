package gui

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/cairn-photos/cairn/library"
	"github.com/cairn-photos/cairn/library/terrain"
)

// srtmTile is a 3″ SRTM tile (1201×1201 big-endian heights) of a smooth hill, gzipped as tile services serve it.
func srtmTile(t *testing.T) []byte {
	const n = 1201
	raw := make([]byte, 2*n*n)
	for r := range n {
		for c := range n {
			binary.BigEndian.PutUint16(raw[2*(r*n+c):], uint16(1000+(r*c)%500))
		}
	}
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(raw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// waitForTerrainFetch returns a function that waits until the fetch has ended and returns its error, without
// touching the widgets while it runs.
func waitForTerrainFetch(t *testing.T, s *terrainSettings) func() error {
	ended := make(chan error, 1)
	s.ended = func(err error) { ended <- err }
	return func() error {
		t.Helper()
		select {
		case err := <-ended:
			return err
		case <-time.After(testWait):
			t.Fatal("timed out waiting for the terrain fetch to end")
			return nil
		}
	}
}

// TestSettingsTerrainCoverageAndFetch: the settings list the bundled tiles with their sizes; fetching a box
// from a tile service brings its tile into the data folder, lists it, and tells the window.
func TestSettingsTerrainCoverageAndFetch(t *testing.T) {
	test.NewTempApp(t)
	tile := srtmTile(t)
	var asked atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		if r.URL.Path != "/N45/N45E007.hgt.gz" {
			http.NotFound(w, r)
			return
		}
		w.Write(tile)
	}))
	defer srv.Close()

	root := t.TempDir()
	s := newTerrainSettings(root, newTerrainModel(root))
	if !strings.Contains(s.summary.Text, "bundled with Cairn, 0 in the data folder") {
		t.Errorf("summary %q", s.summary.Text)
	}
	if got := labelTexts(s.tiles); !strings.Contains(got, "N27E086 — bundled") || !strings.Contains(got, " MB") {
		t.Errorf("tiles listed: %q; want the bundled Khumbu tiles with sizes", got)
	}
	changed := false
	s.changed = func() { changed = true }
	s.baseURL = srv.URL
	wait := waitForTerrainFetch(t, s)
	s.box.SetText("45.2, 7.2, 45.8, 7.8")
	test.Tap(s.forBox)
	if err := wait(); err != nil {
		t.Fatalf("fetch: %v", err)
	}
	if !strings.HasPrefix(s.status.Text, "Fetched 1 tile.") || s.bar.Visible() || s.stop.Visible() {
		t.Errorf("after the fetch: status %q, bar %v, cancel %v", s.status.Text, s.bar.Visible(), s.stop.Visible())
	}
	if got := labelTexts(s.tiles); !strings.Contains(got, "N45E007 — data folder") || !changed {
		t.Errorf("after the fetch the tiles are %q and the window was told %v", got, changed)
	}
	if dem, _ := s.model.get(); dem == nil {
		t.Fatal("no terrain after the fetch")
	} else if h, ok := dem.Elevation(45.5, 7.5); !ok || h < 1000 || h > 1500 {
		t.Errorf("the fetched tile reads %.0f m (%v) at 45.5° N 7.5° E", h, ok)
	}

	// A box typed wrong is explained, and nothing is asked of the service.
	asked.Store(0)
	s.box.SetText("the Alps")
	test.Tap(s.forBox)
	if asked.Load() != 0 || !strings.Contains(s.status.Text, "south, west, north, east") {
		t.Errorf("a bad box: status %q, %d requests", s.status.Text, asked.Load())
	}
	// Without an album there is no area.
	test.Tap(s.forAlbum)
	if !strings.Contains(s.status.Text, "Open an album first") {
		t.Errorf("no album: status %q", s.status.Text)
	}
	s.area = func() (library.Box, bool, error) { return library.Box{}, false, nil }
	test.Tap(s.forAlbum)
	if !strings.Contains(s.status.Text, "No photo in the album has a position") {
		t.Errorf("no positions: status %q", s.status.Text)
	}
}

// TestSettingsTerrainFetchCancels: Cancel stops a fetch that stalls, and the status says fetching again resumes.
func TestSettingsTerrainFetchCancels(t *testing.T) {
	test.NewTempApp(t)
	stall := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-stall:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(stall)
	root := t.TempDir()
	s := newTerrainSettings(root, newTerrainModel(root))
	s.baseURL = srv.URL
	s.area = func() (library.Box, bool, error) {
		return library.Box{South: 45.2, West: 7.2, North: 45.8, East: 7.8}, true, nil
	}
	wait := waitForTerrainFetch(t, s)
	test.Tap(s.forAlbum)
	if !s.bar.Visible() || !s.stop.Visible() || !s.forAlbum.Disabled() {
		t.Error("no progress bar and Cancel while fetching, or the fetch buttons still enabled")
	}
	test.Tap(s.stop)
	wait()
	if !strings.HasPrefix(s.status.Text, "Stopped.") || !strings.Contains(s.status.Text, "resumes") {
		t.Errorf("after Cancel the status says %q", s.status.Text)
	}
}

// The progress line counts the tiles, shows the one coming in and the time left.
func TestTerrainProgressText(t *testing.T) {
	got := terrainProgressText(terrain.FetchProgress{Tile: "N28E086", Done: 2, Total: 9, Bytes: 3 << 20, Size: 12 << 20, ETA: 95 * time.Second})
	if want := "2 of 9 tiles · N28E086 3.0 of 12.0 MB · about 1m35s left"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
