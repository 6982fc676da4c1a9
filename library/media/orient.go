package media

import (
	"image"
)

// orient returns img turned upright according to EXIF orientation o (1..8). Orientation 1 and unknown values
// return img unchanged. Orientations 5–8 swap width and height.
func orient(img *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	// source returns the stored pixel shown at upright position (x, y).
	source := map[int]func(x, y int) (int, int){
		2: func(x, y int) (int, int) { return w - 1 - x, y },         // mirrored left–right
		3: func(x, y int) (int, int) { return w - 1 - x, h - 1 - y }, // rotated 180°
		4: func(x, y int) (int, int) { return x, h - 1 - y },         // mirrored top–bottom
		5: func(x, y int) (int, int) { return y, x },                 // transposed
		6: func(x, y int) (int, int) { return y, h - 1 - x },         // needs 90° clockwise
		7: func(x, y int) (int, int) { return w - 1 - y, h - 1 - x }, // transversed
		8: func(x, y int) (int, int) { return w - 1 - y, x },         // needs 90° counter-clockwise
	}[o]
	for y := 0; y < dh; y++ {
		row := dst.Pix[y*dst.Stride:]
		for x := 0; x < dw; x++ {
			sx, sy := source(x, y)
			i := (sy)*img.Stride + sx*4
			copy(row[x*4:x*4+4], img.Pix[i:i+4])
		}
	}
	return dst
}
