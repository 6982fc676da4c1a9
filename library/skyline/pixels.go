package skyline

import (
	"image"
)

// planes is an image at working resolution as three float32 colour planes (0–1, row-major).
type planes struct {
	w, h    int
	r, g, b []float32
}

func newPlanes(w, h int) planes {
	return planes{w: w, h: h, r: make([]float32, w*h), g: make([]float32, w*h), b: make([]float32, w*h)}
}

// shrink averages img down to w×h (box filter; nearest pixel where img is smaller than that).
func shrink(img image.Image, w, h int) planes {
	p := newPlanes(w, h)
	bounds := img.Bounds()
	sw, sh := bounds.Dx(), bounds.Dy()
	rgba, _ := img.(*image.RGBA)
	for ty := range h {
		y0, y1 := span(ty, h, sh)
		for tx := range w {
			x0, x1 := span(tx, w, sw)
			var r, g, b uint32
			for y := y0; y < y1; y++ {
				if rgba != nil {
					row := rgba.Pix[(y)*rgba.Stride+x0*4 : (y)*rgba.Stride+x1*4]
					for i := 0; i < len(row); i += 4 {
						r += uint32(row[i])
						g += uint32(row[i+1])
						b += uint32(row[i+2])
					}
					continue
				}
				for x := x0; x < x1; x++ {
					cr, cg, cb, _ := img.At(bounds.Min.X+x, bounds.Min.Y+y).RGBA()
					r += cr >> 8
					g += cg >> 8
					b += cb >> 8
				}
			}
			n := float32((y1-y0)*(x1-x0)) * 255
			i := ty*w + tx
			p.r[i], p.g[i], p.b[i] = float32(r)/n, float32(g)/n, float32(b)/n
		}
	}
	if rgba != nil && rgba.Rect.Min != (image.Point{}) {
		// Pix offsets above assume the image starts at (0, 0); redo the rare other case the slow way.
		return shrink(struct{ image.Image }{img}, w, h)
	}
	return p
}

// span returns the source pixels [lo, hi) that target pixel t of n covers in a source of size src.
func span(t, n, src int) (lo, hi int) {
	lo = t * src / n
	hi = (t + 1) * src / n
	if hi <= lo {
		hi = lo + 1
	}
	return lo, min(hi, src)
}
