package media

import (
	"image"
	"image/draw"
)

// toRGBA returns img as *image.RGBA, converting (or reusing the pixels of an opaque NRGBA) as needed. The result
// starts at (0, 0).
func toRGBA(img image.Image) *image.RGBA {
	b := img.Bounds()
	switch m := img.(type) {
	case *image.RGBA:
		if b.Min == (image.Point{}) {
			return m
		}
	case *image.NRGBA:
		if b.Min == (image.Point{}) && m.Opaque() { // with full alpha, NRGBA and RGBA bytes are the same
			return &image.RGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
		}
	}
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Rect, img, b.Min, draw.Src)
	return out
}

// resizeArea scales src to w×h with an area (box) filter: every output pixel is the coverage-weighted mean of
// the source pixels under it. It is meant for shrinking, where it avoids the aliasing of point sampling.
func resizeArea(src *image.RGBA, w, h int) *image.RGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	cols := areaWeights(sw, w)
	rows := areaWeights(sh, h)

	// Horizontal pass into a float buffer of w×sh, then vertical pass into the result.
	tmp := make([]float32, w*sh*4)
	for y := 0; y < sh; y++ {
		srow := src.Pix[y*src.Stride:]
		trow := tmp[y*w*4:]
		for x, taps := range cols {
			var r, g, b, a float32
			for _, t := range taps {
				p := srow[t.index*4 : t.index*4+4]
				r += t.weight * float32(p[0])
				g += t.weight * float32(p[1])
				b += t.weight * float32(p[2])
				a += t.weight * float32(p[3])
			}
			trow[x*4], trow[x*4+1], trow[x*4+2], trow[x*4+3] = r, g, b, a
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	acc := make([]float32, w*4)
	for y, taps := range rows {
		clear(acc)
		for _, t := range taps {
			trow := tmp[t.index*w*4 : (t.index+1)*w*4]
			for i, v := range trow {
				acc[i] += t.weight * v
			}
		}
		drow := dst.Pix[y*dst.Stride : y*dst.Stride+w*4]
		for i, v := range acc {
			drow[i] = uint8(min(max(v+0.5, 0), 255))
		}
	}
	return dst
}

// tap is one source pixel's share of an output pixel.
type tap struct {
	index  int
	weight float32
}

// areaWeights gives, for each of the dst output positions, the source positions it covers and their weights
// (the overlap of the source pixel with the output pixel's footprint, normalised to sum to 1).
func areaWeights(src, dst int) [][]tap {
	scale := float64(src) / float64(dst)
	out := make([][]tap, dst)
	for i := range out {
		lo, hi := float64(i)*scale, float64(i+1)*scale
		for j := int(lo); j < src && float64(j) < hi; j++ {
			overlap := min(hi, float64(j+1)) - max(lo, float64(j))
			if overlap > 0 {
				out[i] = append(out[i], tap{index: j, weight: float32(overlap / scale)})
			}
		}
	}
	return out
}

// Thumbnail returns img shrunk with an area filter so that its longer side is maxSide, keeping the aspect
// ratio. An image already that small is returned unchanged: thumbnails are never enlarged.
func Thumbnail(img image.Image, maxSide int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if maxSide <= 0 || max(w, h) <= maxSide {
		return img
	}
	tw, th := maxSide, max(1, (h*maxSide+w/2)/w)
	if h > w {
		tw, th = max(1, (w*maxSide+h/2)/h), maxSide
	}
	return resizeArea(toRGBA(img), tw, th)
}

// shrinkToShortSide scales img down so its shorter side is exactly short, when it is at least twice that.
func shrinkToShortSide(img *image.RGBA, short int) *image.RGBA {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if short <= 0 || min(w, h) < 2*short {
		return img
	}
	if w < h {
		return resizeArea(img, short, max(1, (h*short+w/2)/w))
	}
	return resizeArea(img, max(1, (w*short+h/2)/h), short)
}
