package align

import (
	"image/color"
	"image/draw"
	"math"

	"github.com/cairn-photos/cairn/library/camera"
	"github.com/cairn-photos/cairn/library/terrain"
)

// HorizonColour is DrawHorizon's usual colour.
var HorizonColour = color.RGBA{255, 210, 0, 255}

// DrawHorizon draws the terrain's horizon as the view would see it over dst (which shows the whole upright
// photo), for people to check an alignment by eye.
func DrawHorizon(dst draw.Image, h *terrain.Horizon, v camera.View, c color.Color) {
	b := dst.Bounds()
	w, ht := float64(b.Dx()), float64(b.Dy())
	// One horizon sample per pixel column, from a little beyond the frame's left edge to beyond its right.
	p := v.Projector()
	azL, _ := p.Ray(-0.05, 0.5)
	azR, _ := p.Ray(1.05, 0.5)
	span := math.Mod(azR-azL+720, 360)
	n := int(w * 1.1)
	prevX, prevY, prevOK := 0.0, 0.0, false
	for i := 0; i <= n; i++ {
		az := azL + span*float64(i)/float64(n)
		e, _ := h.At(az)
		x, y, front := p.Project(az, e)
		ok := front && e > noTerrain
		if ok && prevOK {
			plot(dst, b.Min.X, b.Min.Y, prevX*w, prevY*ht, x*w, y*ht, c)
		}
		prevX, prevY, prevOK = x, y, ok
	}
}

// plot draws a 2 px line between two points.
func plot(dst draw.Image, ox, oy int, x0, y0, x1, y1 float64, c color.Color) {
	steps := int(math.Max(math.Abs(x1-x0), math.Abs(y1-y0))) + 1
	for s := 0; s <= steps; s++ {
		t := float64(s) / float64(steps)
		x, y := ox+int(x0+t*(x1-x0)), oy+int(y0+t*(y1-y0))
		dst.Set(x, y, c)
		dst.Set(x, y+1, c)
	}
}
