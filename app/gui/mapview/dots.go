package mapview

import (
	"image"
	"image/color"
	"math"
)

// stamp is a pre-rendered anti-aliased disc with a rim, kept as the list of pixels it touches. Dots are
// written straight into the image's pixels: at 100,000 photos a per-dot path through a rasteriser would cost
// far more than the dots themselves.
type stamp struct {
	r     int
	cells []stampCell
}

type stampCell struct {
	dx, dy     int
	rim, inner uint8 // coverage 0–255
}

func newStamp(radius, rim float64) stamp {
	r := int(math.Ceil(radius + 0.5))
	s := stamp{r: r}
	cover := func(d, edge float64) uint8 { return uint8(255 * math.Max(0, math.Min(1, edge+0.5-d))) }
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			d := math.Hypot(float64(dx), float64(dy))
			if c := (stampCell{dx, dy, cover(d, radius), cover(d, radius-rim)}); c.rim > 0 {
				s.cells = append(s.cells, c)
			}
		}
	}
	return s
}

// draw paints the stamp centred on pixel (cx, cy): the rim in rim, the inside in c (both opaque).
func (s stamp) draw(img *image.RGBA, cx, cy int, rim, c color.RGBA) {
	b := img.Bounds()
	inside := cx-s.r >= b.Min.X && cy-s.r >= b.Min.Y && cx+s.r < b.Max.X && cy+s.r < b.Max.Y
	for _, cell := range s.cells {
		x, y := cx+cell.dx, cy+cell.dy
		if !inside && (x < b.Min.X || y < b.Min.Y || x >= b.Max.X || y >= b.Max.Y) {
			continue
		}
		i := img.PixOffset(x, y)
		pix := img.Pix[i : i+4 : i+4]
		switch {
		case cell.inner == 255:
			pix[0], pix[1], pix[2], pix[3] = c.R, c.G, c.B, 255
		case cell.rim == 255:
			// Inside the rim the result depends only on the two colours, not on what lies beneath.
			pix[0], pix[1], pix[2], pix[3] = rim.R, rim.G, rim.B, 255
			blend(pix, c, cell.inner)
		default:
			blend(pix, rim, cell.rim)
		}
	}
}

// drawUnder paints the stamp centred on pixel (cx, cy) beneath what img already holds, which must be
// premultiplied and drawn newest first: a pixel already opaque is left as it is, so where dots crowd, each
// pixel is painted about once rather than once per dot over it.
func (s stamp) drawUnder(img *image.RGBA, cx, cy int, rim, c color.RGBA) {
	b := img.Bounds()
	inside := cx-s.r >= b.Min.X && cy-s.r >= b.Min.Y && cx+s.r < b.Max.X && cy+s.r < b.Max.Y
	for _, cell := range s.cells {
		x, y := cx+cell.dx, cy+cell.dy
		if !inside && (x < b.Min.X || y < b.Min.Y || x >= b.Max.X || y >= b.Max.Y) {
			continue
		}
		i := img.PixOffset(x, y)
		pix := img.Pix[i : i+4 : i+4]
		under := 255 - uint32(pix[3])
		if under == 0 {
			continue
		}
		// The stamp's own pixel, premultiplied: as draw would paint it over nothing.
		var px [4]uint8
		switch {
		case cell.inner == 255:
			px = [4]uint8{c.R, c.G, c.B, 255}
		case cell.rim == 255:
			px = [4]uint8{rim.R, rim.G, rim.B, 255}
			blend(px[:], c, cell.inner)
		default:
			blend(px[:], rim, cell.rim)
		}
		if under == 255 {
			copy(pix, px[:])
			continue
		}
		for k := range pix {
			pix[k] += uint8(uint32(px[k]) * under / 255)
		}
	}
}

// blend mixes an opaque colour into a premultiplied RGBA pixel with coverage a.
func blend(pix []uint8, c color.RGBA, a uint8) {
	if a == 0 {
		return
	}
	k, inv := uint32(a), 255-uint32(a)
	pix[0] = uint8((uint32(c.R)*k + uint32(pix[0])*inv) / 255)
	pix[1] = uint8((uint32(c.G)*k + uint32(pix[1])*inv) / 255)
	pix[2] = uint8((uint32(c.B)*k + uint32(pix[2])*inv) / 255)
	pix[3] = uint8((255*k + uint32(pix[3])*inv) / 255)
}
