package model

import (
	"fmt"
	"image"
	"math"
)

// pixels turns one image into the tower's input, S×S×3 floats in channel-major (CHW) order, written to dst.
func (p Preprocess) pixels(img image.Image, dst []float32) error {
	b := img.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		return fmt.Errorf("empty image %v", b)
	}
	src := toRGB(img)
	f := filterFor(p.Interpolation)
	var sized rgb
	switch p.Mode {
	case "squash":
		sized = resize(src, p.Size, p.Size, f)
	default: // "shortest": torchvision Resize(S) then CenterCrop(S)
		w, h := shortestSide(src.w, src.h, p.Size)
		sized = resize(src, w, h, f)
		top := int(math.RoundToEven(float64(h-p.Size) / 2))
		left := int(math.RoundToEven(float64(w-p.Size) / 2))
		sized = crop(sized, left, top, p.Size, p.Size)
	}
	plane := p.Size * p.Size
	for c := 0; c < 3; c++ {
		scale := 1 / (255 * p.Std[c])
		offset := p.Mean[c] / p.Std[c]
		out := dst[c*plane : (c+1)*plane]
		for i := range out {
			out[i] = float32(sized.pix[3*i+c])*scale - offset
		}
	}
	return nil
}

// shortestSide gives the size torchvision's Resize(s) picks: the short side becomes s, the long side
// s·long/short truncated.
func shortestSide(w, h, s int) (int, int) {
	if w <= h {
		return s, int(float64(s) * float64(h) / float64(w))
	}
	return int(float64(s) * float64(w) / float64(h)), s
}
