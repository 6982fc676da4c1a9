package model

import (
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairn-photos/cairn/internal/testenv"
)

// TestRealPhotoEmbedsItsMeanColour sends a real 4032×3024 iPhone JPEG (named .HEIC, as in the album)
// through preprocessing and the tiny model's image tower, whose output is the image's mean colour: it
// must agree with the mean computed here straight from the decoded pixels.
func TestRealPhotoEmbedsItsMeanColour(t *testing.T) {
	dir := testenv.SharedDir(t, "khumbu", "data", "training_peaks", "pumori")
	f, err := os.Open(filepath.Join(dir, "IMG_2647.HEIC"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := jpeg.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	m := loadTiny(t, Options{})
	got, err := m.EmbedImages([]image.Image{img})
	if err != nil {
		t.Fatal(err)
	}
	px := toRGB(img)
	var sum [3]float64
	for i := 0; i < len(px.pix); i += 3 {
		for c := 0; c < 3; c++ {
			sum[c] += float64(px.pix[i+c])
		}
	}
	n := float64(len(px.pix) / 3)
	want := make([]float32, 4)
	for c := 0; c < 3; c++ {
		want[c] = float32(sum[c]/n/255*2 - 1)
	}
	want[3] = 1
	normalize(want)
	if d := dot(got[0], want); d < 0.999 {
		t.Errorf("photo vector %v, want ≈ %v (cos %v)", got[0], want, d)
	}
}
