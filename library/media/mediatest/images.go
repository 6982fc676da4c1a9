package mediatest

import (
	"image"
	"image/color"
	"testing"
)

// MarkerImage is w×h grey (128,128,128) with a red (230,20,20) block in the top-left corner and a blue
// (20,20,230) block in the top-right corner, each a quarter of the width and height, as the scene looks
// upright: a test can tell every rotation and mirroring apart.
func MarkerImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{128, 128, 128, 255}
			switch {
			case x < w/4 && y < h/4:
				c = color.RGBA{230, 20, 20, 255}
			case x >= w-w/4 && y < h/4:
				c = color.RGBA{20, 20, 230, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// SolidJPEG is a w×h JPEG of one colour carrying exif (nil for none).
func SolidJPEG(t testing.TB, c color.Color, w, h int, exif []byte) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r, g, b, a := c.RGBA()
	px := [4]byte{byte(r >> 8), byte(g >> 8), byte(b >> 8), byte(a >> 8)}
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:i+4], px[:])
	}
	return JPEG(t, img, exif)
}
