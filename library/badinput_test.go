package library

import (
	"context"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestScanGoesOnPastBadFiles: every bad file is skipped with a reason that names the cause, and the good
// photos beside them are indexed.
func TestScanGoesOnPastBadFiles(t *testing.T) {
	album := t.TempDir()
	good := mediatest.SolidJPEG(t, color.Gray{128}, 200, 150, mediatest.EXIF{ShotTime: "2023:10:31 09:36:13", Offset: "+05:45"}.Bytes())
	writeFile(t, album, "good one.jpg", good)
	writeFile(t, album, "nested/good two.jpg", good)
	writeFile(t, album, "empty.jpg", nil)
	writeFile(t, album, "text.jpg", []byte("just some text\n"))
	writeFile(t, album, "truncated.jpg", good[:len(good)/3])
	writeFile(t, album, "header-only.jpg", good[:20])
	writeFile(t, album, "bomb.png", mediatest.PNGDeclaring(t, 50000, 50000))
	writeFile(t, album, "loopy-exif.jpg", mediatest.SolidJPEG(t, color.Gray{50}, 64, 64, mediatest.EXIF{Make: "X", LoopIFDs: true}.Bytes()))
	if err := os.Symlink(album, filepath.Join(album, "nested", "loop")); err != nil {
		t.Fatal(err)
	}
	os.Symlink(filepath.Join(album, "gone.jpg"), filepath.Join(album, "dangling.jpg"))

	lib := openTestLibrary(t, album)
	var last Progress
	sum, err := lib.Scan(context.Background(), func(p Progress) { last = p })
	if err != nil {
		t.Fatal(err)
	}
	if last.Done != last.Total || last.Skipped != len(sum.Skipped) {
		t.Errorf("final progress %+v: done should reach the total, skips included (%d)", last, len(sum.Skipped))
	}
	skipped := skippedPaths(sum)
	for path, cause := range map[string]string{
		"empty.jpg":       "empty",
		"text.jpg":        "",
		"header-only.jpg": "",
		"bomb.png":        "megapixels",
		"dangling.jpg":    "broken link",
		"nested/loop":     "symlink loop",
	} {
		reason, ok := skipped[path]
		if !ok || reason == "" || !strings.Contains(reason, cause) {
			t.Errorf("%s: skipped %v with reason %q, want a reason saying %q", path, ok, reason, cause)
		}
	}
	// A truncated JPEG decodes to a partly grey picture, as browsers show it; looping EXIF is cut, not followed.
	for _, rel := range []string{"good one.jpg", "nested/good two.jpg", "loopy-exif.jpg"} {
		if _, bad := skipped[rel]; bad {
			t.Errorf("%s skipped: %s", rel, skipped[rel])
		}
	}
	if _, err := lib.Photo(PhotoID("nested/good two.jpg")); err != nil {
		t.Errorf("good photo beside bad ones: %v", err)
	}
	t.Logf("summary: %d indexed, skipped %v", sum.Indexed, skipped)
}

// TestFileVanishesMidScan: a photo deleted between the walk that found it and the worker that reads it is
// reported with its reason, and the photos beside it are read.
func TestFileVanishesMidScan(t *testing.T) {
	album := t.TempDir()
	writeJPEG(t, album, "stays.jpg", color.Gray{100}, 64, 48)
	writeJPEG(t, album, "vanishes.jpg", color.Gray{200}, 64, 48)
	lib := openTestLibrary(t, album)
	walk, err := walkAlbum(context.Background(), album, func(rel, reason string) { t.Errorf("walk skipped %s: %s", rel, reason) })
	found := walk.found
	if err != nil || len(found) != 2 {
		t.Fatalf("walk: %v, %v", found, err)
	}
	if err := os.Remove(filepath.Join(album, "vanishes.jpg")); err != nil {
		t.Fatal(err)
	}
	reasons := map[string]error{}
	for r := range lib.readAll(context.Background(), found, nil) {
		reasons[r.c.rel] = r.err
	}
	if err := reasons["vanishes.jpg"]; err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("vanished file: %v, want an error saying it is gone", err)
	}
	if err := reasons["stays.jpg"]; err != nil {
		t.Errorf("the file beside it: %v", err)
	}
}
