package skyline

import (
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/cairn-photos/cairn/library/media"
)

// overlayDir, when set (go test -run Khumbu -draw DIR), receives every khumbu photo with its found skyline
// (and the hand-labelled points, as white dots) drawn over it, for looking at.
var overlayDir = flag.String("draw", "", "write skyline overlays of the khumbu photos as PNG into this folder")

// khumbuPhoto decodes a khumbu photo upright at the size the scan uses (short side ≥ 256).
func khumbuPhoto(t testing.TB, name string) image.Image {
	t.Helper()
	path := filepath.Join(testenv.SharedDir(t, "khumbu", "data", "images"), name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	info, err := media.Inspect(data)
	if err != nil {
		t.Fatalf("inspect %s: %v", name, err)
	}
	img, err := media.DecodeUpright(data, info, 256)
	if err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return img
}

// khumbuNames lists the khumbu photos.
func khumbuNames(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir(testenv.SharedDir(t, "khumbu", "data", "images"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	return names
}

// writeOverlay saves img with p (and optional labelled points) drawn over it into *overlayDir.
func writeOverlay(t testing.TB, name string, img image.Image, p Profile, labels []labelPoint) {
	t.Helper()
	if *overlayDir == "" {
		return
	}
	out := Overlay(img, p)
	b := out.Bounds()
	for _, l := range labels {
		cx, cy := int(l.x*float64(b.Dx())), int(l.y*float64(b.Dy()))
		for dy := -2; dy <= 2; dy++ {
			for dx := -2; dx <= 2; dx++ {
				out.Set(cx+dx, cy+dy, image.White)
			}
		}
	}
	f, err := os.Create(filepath.Join(*overlayDir, strings.TrimSuffix(name, filepath.Ext(name))+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, out); err != nil {
		t.Fatal(err)
	}
}

type labelPoint struct{ x, y float64 }

func TestKhumbuOverlays(t *testing.T) {
	if *overlayDir == "" {
		t.Skip("no -draw folder")
	}
	for _, name := range khumbuNames(t) {
		img := khumbuPhoto(t, name)
		p := Detect(img)
		t.Logf("%s: %dx%d informative %.2f", name, img.Bounds().Dx(), img.Bounds().Dy(), p.Informative)
		writeOverlay(t, name, img, p, nil)
	}
}
