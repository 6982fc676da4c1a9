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

// ownRGBA is toRGBA for an image nobody else holds: a non-opaque NRGBA is premultiplied in place instead of
// copied, which saves a second full-size buffer for PNGs with transparency.
func ownRGBA(img image.Image) *image.RGBA {
	m, ok := img.(*image.NRGBA)
	if !ok || m.Rect.Min != (image.Point{}) || m.Stride != 4*m.Rect.Dx() {
		return toRGBA(img)
	}
	p := m.Pix
	for i := 0; i+3 < len(p); i += 4 {
		if a := uint32(p[i+3]); a != 0xff {
			// As image/color does: widen to 16 bits, premultiply, narrow back.
			p[i] = uint8(uint32(p[i]) * 0x101 * a * 0x101 / 0xffff >> 8)
			p[i+1] = uint8(uint32(p[i+1]) * 0x101 * a * 0x101 / 0xffff >> 8)
			p[i+2] = uint8(uint32(p[i+2]) * 0x101 * a * 0x101 / 0xffff >> 8)
		}
	}
	return &image.RGBA{Pix: p, Stride: m.Stride, Rect: m.Rect}
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
		srow := src.Pix[y*src.Stride : y*src.Stride+sw*4]
		trow := tmp[y*w*4 : (y+1)*w*4]
		for x, span := range cols {
			var r, g, b, a float32
			px := srow[span.first*4 : (span.first+len(span.weights))*4]
			for i, wt := range span.weights {
				p := px[i*4 : i*4+4 : i*4+4]
				r += wt * float32(p[0])
				g += wt * float32(p[1])
				b += wt * float32(p[2])
				a += wt * float32(p[3])
			}
			o := trow[x*4 : x*4+4 : x*4+4]
			o[0], o[1], o[2], o[3] = r, g, b, a
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	acc := make([]float32, w*4)
	for y, span := range rows {
		clear(acc)
		for i, wt := range span.weights {
			sy := span.first + i
			trow := tmp[sy*w*4 : (sy+1)*w*4]
			for j, v := range trow {
				acc[j] += wt * v
			}
		}
		drow := dst.Pix[y*dst.Stride : y*dst.Stride+w*4]
		for i, v := range acc {
			drow[i] = uint8(min(max(v+0.5, 0), 255))
		}
	}
	return dst
}

// span is the run of source pixels one output pixel covers: the first index and each pixel's weight.
type span struct {
	first   int
	weights []float32
}

// areaWeights gives, for each of the dst output positions, the source positions it covers and their weights
// (the overlap of the source pixel with the output pixel's footprint, normalised to sum to 1).
func areaWeights(src, dst int) []span {
	scale := float64(src) / float64(dst)
	out := make([]span, dst)
	for i := range out {
		lo, hi := float64(i)*scale, min(float64(i+1)*scale, float64(src))
		out[i].first = int(lo)
		for j := int(lo); j < src && float64(j) < hi; j++ {
			overlap := min(hi, float64(j+1)) - max(lo, float64(j))
			out[i].weights = append(out[i].weights, float32(max(overlap, 0)/scale))
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
