package library

import (
	"fmt"
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestCatalogChangeReidentifiesWithoutReading: after a user catalog is added, a rescan names the new
// catalog's peaks on every photo from what the stores kept — the record, the vector — with the album's
// files unreadable (mode 000, which stops a user other than root) and not one of them opened (counted
// through the library's one way of reading a photo, which stops root too).
func TestCatalogChangeReidentifiesWithoutReading(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	const n = 6
	for i := range n {
		gornergrat := mediatest.EXIF{ShotTime: fmt.Sprintf("2024:08:14 07:%02d:00", i), Offset: "+02:00", HasGPS: true,
			Lat: 45.9833, Lon: 7.7850, HasAltitude: true, AltitudeM: 3089, HasHeading: true, HeadingDeg: 265, Focal35mm: 26}
		writeFile(t, album, fmt.Sprintf("gornergrat/%d.jpg", i), mediatest.SolidJPEG(t, color.Gray{uint8(100 + 20*i)}, 400, 300, gornergrat.Bytes()))
	}
	opt := Options{DataRoot: root, Workers: 2, Embedder: loadTinyModel(t, "tiny")}
	lib, err := Open(album, true, opt)
	if err != nil {
		t.Fatal(err)
	}
	if sum := scan(t, lib); sum.Indexed != n {
		t.Fatalf("first scan: %+v", sum)
	}
	if res := find(t, lib, Query{K: n}); len(res.Facets) != 0 {
		t.Fatalf("the Khumbu catalog named peaks in the Alps: %+v", res.Facets)
	}
	lib.Close()

	writeFile(t, filepath.Join(root, CatalogsDir), "alps.yaml", []byte(alpsCatalog))
	Unreadable(t, album)
	lib, err = Open(album, false, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	var opened atomic.Int64
	read := lib.readFile
	lib.readFile = func(path string) ([]byte, error) {
		opened.Add(1)
		return read(path)
	}
	sum := scan(t, lib)
	if opened.Load() != 0 || sum.Indexed != 0 || len(sum.Skipped) != 0 {
		t.Errorf("rescan opened %d album files: %+v", opened.Load(), sum)
	}
	if sum.Rederived != n || sum.Rederivation() != fmt.Sprintf("re-identified %d photos without reading them", n) {
		t.Errorf("rescan: %+v, %q", sum, sum.Rederivation())
	}
	photos, err := lib.Photos(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range photos {
		if len(p.PredictedPeaks) == 0 || p.PredictedPeaks[0].ID != "matterhorn" || !p.Embedded {
			t.Errorf("%s: predicted %+v (embedded %v), want the Matterhorn first", p.Rel, p.PredictedPeaks, p.Embedded)
		}
	}
	if res := find(t, lib, Query{Peaks: []string{"matterhorn"}, K: n}); len(res.Hits) != n {
		t.Errorf("the Matterhorn filter finds %d photos, want %d", len(res.Hits), n)
	}
	if sum := scan(t, lib); sum.Unchanged != n || sum.Rederived != 0 || opened.Load() != 0 {
		t.Errorf("scan once more: %+v, %d files opened; want nothing done", sum, opened.Load())
	}
}

// Unreadable takes every permission away from the files of dir (a user other than root can no longer read
// them), and gives them back at cleanup. Exported for the command-line tests of package library_test.
func Unreadable(t *testing.T, dir string) {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	for _, f := range files {
		if err := os.Chmod(f, 0); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, f := range files {
			os.Chmod(f, 0o644)
		}
	})
}
