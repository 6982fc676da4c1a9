package skyline

import (
	"image"
	"image/color"
	"image/draw"
	"math"
)

// Colours of DrawProfile: reliable columns green, the others red.
var (
	ReliableColour   = color.RGBA{0, 230, 0, 255}
	UnreliableColour = color.RGBA{255, 40, 40, 255}
)

// Overlay returns a copy of img with the profile drawn over it, for people to check a skyline by eye.
func Overlay(img image.Image, p Profile) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()))
	draw.Draw(out, out.Rect, img, img.Bounds().Min, draw.Src)
	DrawProfile(out, p)
	return out
}

// DrawProfile draws the profile's boundary over dst (which shows the whole photo), column by column, joined
// where neighbouring columns are both known.
func DrawProfile(dst draw.Image, p Profile) {
	colours := make([]color.RGBA, len(p.Y))
	ys := make([]float64, len(p.Y))
	for i := range p.Y {
		ys[i] = float64(p.Y[i])
		colours[i] = UnreliableColour
		if p.Reliable(i) {
			colours[i] = ReliableColour
		}
	}
	DrawCurve(dst, ys, colours)
}

// DrawCurve draws a curve given as one row per column (fractions of the height, NaN for gaps; the columns
// spread evenly over the width) over dst, 2 px thick, in the colour of each column.
func DrawCurve(dst draw.Image, ys []float64, colours []color.RGBA) {
	b := dst.Bounds()
	n := len(ys)
	px := func(i int) (float64, float64) {
		return float64(b.Min.X) + (float64(i)+0.5)/float64(n)*float64(b.Dx()), float64(b.Min.Y) + ys[i]*float64(b.Dy())
	}
	for i := range n {
		if math.IsNaN(ys[i]) {
			continue
		}
		x0, y0 := px(i)
		x1, y1 := x0+float64(b.Dx())/float64(n)/2, y0
		if i+1 < n && !math.IsNaN(ys[i+1]) {
			x1, y1 = px(i + 1)
		}
		line(dst, x0, y0, x1, y1, colours[i])
	}
}

func line(dst draw.Image, x0, y0, x1, y1 float64, c color.RGBA) {
	steps := int(math.Max(math.Abs(x1-x0), math.Abs(y1-y0))) + 1
	for s := 0; s <= steps; s++ {
		t := float64(s) / float64(steps)
		x, y := int(x0+t*(x1-x0)), int(y0+t*(y1-y0))
		for dy := -1; dy <= 0; dy++ {
			for dx := -1; dx <= 0; dx++ {
				dst.Set(x+dx, y+dy, c)
			}
		}
	}
}
