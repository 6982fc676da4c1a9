package model

import (
	"image"
	"image/color"
	"math"
)

// The resampler reproduces Pillow's Image.resize (which open_clip's torchvision transforms call on PIL
// images): separable passes, horizontal first, a filter widened by the scale factor when shrinking
// (antialiasing), coefficients in 22-bit fixed point and 8-bit rounding between the passes. Matching it
// keeps Cairn's vectors equal to the ones the model was trained and evaluated with.

const precisionBits = 32 - 8 - 2

type filter struct {
	support float64
	weight  func(x float64) float64
}

func bicubic(x float64) float64 {
	const a = -0.5
	x = math.Abs(x)
	switch {
	case x < 1:
		return ((a+2)*x-(a+3))*x*x + 1
	case x < 2:
		return (((x-5)*x+8)*x - 4) * a
	}
	return 0
}

func bilinear(x float64) float64 {
	x = math.Abs(x)
	if x < 1 {
		return 1 - x
	}
	return 0
}

func filterFor(interpolation string) filter {
	if interpolation == "bilinear" {
		return filter{support: 1, weight: bilinear}
	}
	return filter{support: 2, weight: bicubic}
}

// coefficients are, for each output pixel, the first input pixel it reads and fixed-point weights.
type coefficients struct {
	start   []int
	weights [][]int32
}

// computeCoefficients maps the input span [in0, in1) of an axis onto outSize pixels.
func computeCoefficients(in0, in1 float64, inSize, outSize int, f filter) coefficients {
	scale := (in1 - in0) / float64(outSize)
	filterScale := math.Max(scale, 1)
	support := f.support * filterScale
	c := coefficients{start: make([]int, outSize), weights: make([][]int32, outSize)}
	for xx := 0; xx < outSize; xx++ {
		center := in0 + (float64(xx)+0.5)*scale
		xmin := max(int(center-support+0.5), 0)
		xmax := min(int(center+support+0.5), inSize)
		ws := make([]float64, 0, xmax-xmin)
		total := 0.0
		for x := xmin; x < xmax; x++ {
			w := f.weight((float64(x) - center + 0.5) / filterScale)
			ws = append(ws, w)
			total += w
		}
		fixed := make([]int32, len(ws))
		for i, w := range ws {
			if total != 0 {
				w /= total
			}
			if w < 0 {
				fixed[i] = int32(-0.5 + w*(1<<precisionBits))
			} else {
				fixed[i] = int32(0.5 + w*(1<<precisionBits))
			}
		}
		c.start[xx], c.weights[xx] = xmin, fixed
	}
	return c
}

func clip8(v int64) uint8 {
	v >>= precisionBits
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

// rgb is a packed 8-bit RGB picture, 3 bytes per pixel.
type rgb struct {
	w, h int
	pix  []uint8
}

func toRGB(img image.Image) rgb {
	b := img.Bounds()
	out := rgb{w: b.Dx(), h: b.Dy(), pix: make([]uint8, 3*b.Dx()*b.Dy())}
	i := 0
	switch src := img.(type) {
	case *image.RGBA:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := src.Pix[src.PixOffset(b.Min.X, y):]
			for x := 0; x < out.w; x++ {
				out.pix[i], out.pix[i+1], out.pix[i+2] = row[4*x], row[4*x+1], row[4*x+2]
				i += 3
			}
		}
	case *image.NRGBA:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := src.Pix[src.PixOffset(b.Min.X, y):]
			for x := 0; x < out.w; x++ {
				out.pix[i], out.pix[i+1], out.pix[i+2] = row[4*x], row[4*x+1], row[4*x+2]
				i += 3
			}
		}
	case *image.YCbCr:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				yi, ci := src.YOffset(x, y), src.COffset(x, y)
				out.pix[i], out.pix[i+1], out.pix[i+2] = color.YCbCrToRGB(src.Y[yi], src.Cb[ci], src.Cr[ci])
				i += 3
			}
		}
	case *image.Gray:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := src.Pix[src.PixOffset(b.Min.X, y):]
			for x := 0; x < out.w; x++ {
				out.pix[i], out.pix[i+1], out.pix[i+2] = row[x], row[x], row[x]
				i += 3
			}
		}
	default:
		// Alpha is dropped, as PIL's convert("RGB") does.
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, a := img.At(x, y).RGBA()
				if a != 0 && a != 0xffff { // un-premultiply
					r, g, bl = r*0xffff/a, g*0xffff/a, bl*0xffff/a
				}
				out.pix[i], out.pix[i+1], out.pix[i+2] = uint8(r>>8), uint8(g>>8), uint8(bl>>8)
				i += 3
			}
		}
	}
	return out
}

// resize scales src to w×h.
func resize(src rgb, w, h int, f filter) rgb {
	if w == src.w && h == src.h {
		return src
	}
	out := src
	if w != src.w {
		c := computeCoefficients(0, float64(src.w), src.w, w, f)
		out = rgb{w: w, h: src.h, pix: make([]uint8, 3*w*src.h)}
		for y := 0; y < src.h; y++ {
			in := src.pix[3*y*src.w:]
			o := out.pix[3*y*w:]
			for x := 0; x < w; x++ {
				var sr, sg, sb int64 = 1 << (precisionBits - 1), 1 << (precisionBits - 1), 1 << (precisionBits - 1)
				for k, wt := range c.weights[x] {
					p := 3 * (c.start[x] + k)
					sr += int64(in[p]) * int64(wt)
					sg += int64(in[p+1]) * int64(wt)
					sb += int64(in[p+2]) * int64(wt)
				}
				o[3*x], o[3*x+1], o[3*x+2] = clip8(sr), clip8(sg), clip8(sb)
			}
		}
	}
	if h != out.h {
		src := out
		c := computeCoefficients(0, float64(src.h), src.h, h, f)
		out = rgb{w: src.w, h: h, pix: make([]uint8, 3*src.w*h)}
		for y := 0; y < h; y++ {
			o := out.pix[3*y*src.w:]
			for x := 0; x < 3*src.w; x++ {
				var s int64 = 1 << (precisionBits - 1)
				for k, wt := range c.weights[y] {
					s += int64(src.pix[3*(c.start[y]+k)*src.w+x]) * int64(wt)
				}
				o[x] = clip8(s)
			}
		}
	}
	return out
}

// crop cuts the w×h rectangle at (x0, y0).
func crop(src rgb, x0, y0, w, h int) rgb {
	out := rgb{w: w, h: h, pix: make([]uint8, 3*w*h)}
	for y := 0; y < h; y++ {
		copy(out.pix[3*y*w:3*(y+1)*w], src.pix[3*((y0+y)*src.w+x0):])
	}
	return out
}
