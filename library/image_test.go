package library

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/media/mediatest"
)

// TestLoadImageUpright stores one upright scene as a camera would for each EXIF orientation and expects
// LoadImage to return it upright, at full size and shrunk.
func TestLoadImageUpright(t *testing.T) {
	upright := mediatest.MarkerImage(640, 480)
	dir := t.TempDir()
	for o := 1; o <= 8; o++ {
		path := filepath.Join(dir, fmt.Sprintf("o%d.jpg", o))
		data := mediatest.JPEG(t, storedFor(upright, o), mediatest.EXIF{Make: "T", Orientation: o}.Bytes())
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct{ maxSide, w, h int }{{0, 640, 480}, {320, 320, 240}, {200, 200, 150}, {1000, 640, 480}} {
			img, err := LoadImage(path, tc.maxSide)
			if err != nil {
				t.Fatalf("orientation %d, max %d: %v", o, tc.maxSide, err)
			}
			assertMarkers(t, fmt.Sprintf("orientation %d, max %d", o, tc.maxSide), img, tc.w, tc.h)
		}
	}
}

// TestLoadScreenImage: the screen's image is the JPEG decoder's own reduction, upright, with its longer side at
// least the size asked and below twice it; a photo smaller than asked comes whole.
func TestLoadScreenImage(t *testing.T) {
	upright := mediatest.MarkerImage(1600, 1200)
	path := filepath.Join(t.TempDir(), "o6.jpg")
	data := mediatest.JPEG(t, storedFor(upright, 6), mediatest.EXIF{Make: "T", Orientation: 6}.Bytes())
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ side, w, h int }{{500, 600, 450}, {700, 800, 600}, {1000, 1000, 750}, {3000, 1600, 1200}} {
		img, err := LoadScreenImage(path, tc.side)
		if err != nil {
			t.Fatal(err)
		}
		assertMarkers(t, fmt.Sprintf("side %d", tc.side), img, tc.w, tc.h)
	}
}

func TestLoadImageErrorsNameTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.jpg")
	if err := os.WriteFile(path, []byte("not a photo at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadImage(path, 0)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("error %v does not name %s", err, path)
	}
	missing := filepath.Join(t.TempDir(), "gone.jpg")
	if _, err := LoadImage(missing, 0); err == nil || !strings.Contains(err.Error(), missing) {
		t.Fatalf("error %v does not name %s", err, missing)
	}
}

// TestLoadImageHEIC: a real iPhone HEIC (libheif applies its rotation) comes out upright and at the asked size.
func TestLoadImageHEIC(t *testing.T) {
	dir := testenv.SharedDir(t, "khumbu", "data", "images")
	files, _ := filepath.Glob(filepath.Join(dir, "*.HEIC"))
	if len(files) == 0 {
		t.Skip("no HEIC in " + dir)
	}
	img, err := LoadImage(files[0], 1600)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if max(b.Dx(), b.Dy()) != 1600 {
		t.Errorf("%s at 1600: got %v", files[0], b)
	}
	full, err := LoadImage(files[0], 0)
	if err != nil {
		t.Fatal(err)
	}
	fb := full.Bounds()
	if (fb.Dx() > fb.Dy()) != (b.Dx() > b.Dy()) || max(fb.Dx(), fb.Dy()) < 3000 {
		t.Errorf("%s full size %v, shrunk %v: not the same shape or not full resolution", files[0], fb, b)
	}
}

// assertMarkers checks an upright MarkerImage: w×h, red top-left, blue top-right, grey bottom.
func assertMarkers(t *testing.T, name string, img image.Image, w, h int) {
	t.Helper()
	b := img.Bounds()
	if b.Dx() != w || b.Dy() != h {
		t.Errorf("%s: size %d×%d, want %d×%d", name, b.Dx(), b.Dy(), w, h)
		return
	}
	near := func(x, y int, want [3]int) bool {
		r, g, bl, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
		got := [3]int{int(r >> 8), int(g >> 8), int(bl >> 8)}
		for i := range got {
			if d := got[i] - want[i]; d > 40 || d < -40 {
				return false
			}
		}
		return true
	}
	red, blue, grey := [3]int{230, 20, 20}, [3]int{20, 20, 230}, [3]int{128, 128, 128}
	if !near(w/8, h/8, red) || !near(w-w/8, h/8, blue) || !near(w/2, h-h/8, grey) {
		t.Errorf("%s: not upright (top-left %v, top-right %v)", name, img.At(w/8, h/8), img.At(w-w/8, h/8))
	}
}

// storedFor returns the pixels a camera stores for an upright scene so that EXIF orientation o shows it
// upright: stored(source(x, y)) = upright(x, y), with the mapping of the EXIF specification.
func storedFor(upright *image.RGBA, o int) *image.RGBA {
	uw, uh := upright.Bounds().Dx(), upright.Bounds().Dy()
	w, h := uw, uh // stored size
	if o >= 5 {
		w, h = uh, uw
	}
	source := map[int]func(x, y int) (int, int){
		1: func(x, y int) (int, int) { return x, y },
		2: func(x, y int) (int, int) { return w - 1 - x, y },
		3: func(x, y int) (int, int) { return w - 1 - x, h - 1 - y },
		4: func(x, y int) (int, int) { return x, h - 1 - y },
		5: func(x, y int) (int, int) { return y, x },
		6: func(x, y int) (int, int) { return y, h - 1 - x },
		7: func(x, y int) (int, int) { return w - 1 - y, h - 1 - x },
		8: func(x, y int) (int, int) { return w - 1 - y, x },
	}[o]
	stored := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < uh; y++ {
		for x := 0; x < uw; x++ {
			sx, sy := source(x, y)
			stored.Set(sx, sy, upright.At(x, y))
		}
	}
	return stored
}
