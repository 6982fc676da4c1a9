package library

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/index"
)

// writeJPEG writes a solid w×h JPEG at album/rel.
func writeJPEG(t *testing.T, album, rel string, c color.Color, w, h int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		r, g, b, _ := c.RGBA()
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(r>>8), uint8(g>>8), uint8(b>>8), 255
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	writeFile(t, album, rel, buf.Bytes())
}

func writeFile(t *testing.T, album, rel string, data []byte) {
	t.Helper()
	path := filepath.Join(album, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func openTestLibrary(t *testing.T, album string) *Library {
	t.Helper()
	lib, err := Open(album, true, Options{DataRoot: t.TempDir(), Workers: 2})
	if err != nil {
		t.Fatalf("open library: %v", err)
	}
	t.Cleanup(func() { lib.Close() })
	return lib
}

func scan(t *testing.T, lib *Library) Summary {
	t.Helper()
	sum, err := lib.Scan(context.Background(), nil)
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	return sum
}

func skippedPaths(sum Summary) map[string]string {
	out := map[string]string{}
	for _, s := range sum.Skipped {
		out[s.Path] = s.Reason
	}
	return out
}

func TestScanIndexesRereadsAndForgets(t *testing.T) {
	album := t.TempDir()
	writeJPEG(t, album, "a.jpg", color.RGBA{200, 30, 30, 255}, 640, 480)
	writeJPEG(t, album, "trek/day 2/b.JPG", color.RGBA{30, 30, 200, 255}, 300, 600)
	writeJPEG(t, album, "disguised.HEIC", color.RGBA{30, 200, 30, 255}, 320, 240) // a JPEG by its bytes
	writeJPEG(t, album, ".hidden/c.jpg", color.White, 64, 64)
	writeFile(t, album, "notes.txt", []byte("not a photo"))
	writeFile(t, album, "fake.jpg", []byte("this is text, not a JPEG"))
	writeFile(t, album, "empty.png", nil)

	lib := openTestLibrary(t, album)
	sum := scan(t, lib)
	if sum.Indexed != 3 || sum.Unchanged != 0 || sum.Removed != 0 {
		t.Fatalf("first scan: %+v", sum)
	}
	skipped := skippedPaths(sum)
	if len(skipped) != 2 || skipped["fake.jpg"] == "" || skipped["empty.png"] == "" {
		t.Fatalf("skipped: %v, want fake.jpg and empty.png with reasons", skipped)
	}
	photos, err := lib.Photos(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	byRel := map[string]Photo{}
	for _, p := range photos {
		byRel[p.Rel] = p
		if p.ID != PhotoID(p.Rel) {
			t.Errorf("%s: id %s, want digest of its path", p.Rel, p.ID)
		}
		if _, err := os.Stat(lib.ThumbPath(p.ID)); err != nil {
			t.Errorf("%s: no thumbnail: %v", p.Rel, err)
		}
	}
	if p := byRel["disguised.HEIC"]; p.Format != "jpeg" {
		t.Errorf("disguised.HEIC read as %q, want jpeg", p.Format)
	}
	if p := byRel["trek/day 2/b.JPG"]; p.Width != 300 || p.Height != 600 {
		t.Errorf("b.JPG is %d×%d, want 300×600", p.Width, p.Height)
	}

	// Nothing changed: nothing is read again.
	sum = scan(t, lib)
	if sum.Indexed != 0 || sum.Unchanged != 3 {
		t.Fatalf("rescan: %+v, want 3 unchanged", sum)
	}

	// A changed file is read again, a deleted one leaves.
	writeJPEG(t, album, "a.jpg", color.RGBA{10, 10, 10, 255}, 800, 600)
	future := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(album, "a.jpg"), future, future)
	os.Remove(filepath.Join(album, "trek", "day 2", "b.JPG"))
	sum = scan(t, lib)
	if sum.Indexed != 1 || sum.Unchanged != 1 || sum.Removed != 1 {
		t.Fatalf("scan after change: %+v, want 1 indexed, 1 unchanged, 1 removed", sum)
	}
	if n, _ := lib.Count(context.Background()); n != 2 {
		t.Fatalf("library holds %d photos, want 2", n)
	}
	if _, err := os.Stat(lib.ThumbPath(PhotoID("trek/day 2/b.JPG"))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("thumbnail of a deleted photo is still there: %v", err)
	}
	p, err := lib.Photo(PhotoID("a.jpg"))
	if err != nil || p.Width != 800 {
		t.Fatalf("changed photo: %+v, %v", p, err)
	}
}

func TestScanSurvivesReopen(t *testing.T) {
	album := t.TempDir()
	writeJPEG(t, album, "a.jpg", color.Black, 100, 100)
	root := t.TempDir()
	lib, err := Open(album, true, Options{DataRoot: root})
	if err != nil {
		t.Fatal(err)
	}
	scan(t, lib)
	if _, err := Open(album, true, Options{DataRoot: root}); !errors.Is(err, index.ErrLocked) || !strings.Contains(err.Error(), "pid") {
		t.Fatalf("second open: %v, want 'library in use by pid N'", err)
	}
	lib.Close()

	lib, err = Open("", false, Options{DataRoot: root}) // the only library under root
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if lib.Album() != album {
		t.Errorf("reopened album %s, want %s", lib.Album(), album)
	}
	if n, _ := lib.Count(context.Background()); n != 1 {
		t.Errorf("reopened library holds %d photos, want 1", n)
	}
}

func TestOpenWithoutLibrary(t *testing.T) {
	_, err := Open(t.TempDir(), false, Options{DataRoot: t.TempDir()})
	if !errors.Is(err, ErrNoLibrary) {
		t.Fatalf("open of an unscanned album: %v, want ErrNoLibrary", err)
	}
}

func TestScanCancel(t *testing.T) {
	album := t.TempDir()
	for i := range 20 {
		writeJPEG(t, album, filepath.Join("d", string(rune('a'+i))+".jpg"), color.Gray{uint8(i * 10)}, 200, 200)
	}
	lib := openTestLibrary(t, album)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := lib.Scan(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled scan: %v", err)
	}
	sum := scan(t, lib) // finishes what the cancelled one left
	if sum.Indexed+sum.Unchanged != 20 {
		t.Fatalf("scan after cancel: %+v", sum)
	}
}

func TestScanReportsProgress(t *testing.T) {
	album := t.TempDir()
	for i := range 5 {
		writeJPEG(t, album, string(rune('a'+i))+".jpg", color.Gray{uint8(i * 40)}, 200, 150)
	}
	lib := openTestLibrary(t, album)
	var last Progress
	phases := map[string]bool{}
	_, err := lib.Scan(context.Background(), func(p Progress) { last = p; phases[p.Phase] = true })
	if err != nil {
		t.Fatal(err)
	}
	if !phases["listing"] || last.Phase != "done" || last.Done != 5 || last.Total != 5 || last.Indexed != 5 || last.Rate <= 0 {
		t.Fatalf("last progress %+v, phases %v", last, phases)
	}
}
