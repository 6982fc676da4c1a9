package mapview

import (
	"image/color"
	"math"
)

// The map's palette. The map keeps a light, paper-like look in both themes so the dots' colours read the same.
var (
	seaColour     = color.RGBA{0xb5, 0xd0, 0xdc, 0xff}
	landColour    = color.RGBA{0xf2, 0xef, 0xe6, 0xff}
	coastColour   = color.RGBA{0x6f, 0x93, 0xa8, 0xff}
	borderColour  = color.NRGBA{0x8a, 0x6f, 0x8f, 0xc0}
	trekColour    = color.NRGBA{0x40, 0x30, 0x28, 0xb0}
	peakColour    = color.RGBA{0xd7, 0x19, 0x1c, 0xff}
	peakEdge      = color.RGBA{0x5a, 0x08, 0x08, 0xff}
	labelColour   = color.RGBA{0x2a, 0x1a, 0x1a, 0xff}
	coneFill      = color.NRGBA{0xff, 0xa5, 0x00, 0x60}
	coneEdge      = color.NRGBA{0xe0, 0x70, 0x00, 0xe0}
	selectedRing  = color.RGBA{0x10, 0x10, 0x10, 0xff}
	areaFill      = color.NRGBA{0x1e, 0x64, 0xc8, 0x30}
	areaEdge      = color.NRGBA{0x1e, 0x64, 0xc8, 0xe0}
	dateGradient  = []color.RGBA{{0x44, 0x01, 0x54, 0xff}, {0x3b, 0x52, 0x8b, 0xff}, {0x21, 0x91, 0x8c, 0xff}, {0x5e, 0xc9, 0x62, 0xff}, {0xd8, 0xc8, 0x1d, 0xff}}
	undatedColour = color.RGBA{0x80, 0x80, 0x80, 0xff}
)

// dateColour maps t in [0, 1] (oldest to newest photo) onto a viridis-like ramp, which stays readable for
// colour-blind users and never turns the dots the peaks' red.
func dateColour(t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t)) * float64(len(dateGradient)-1)
	i := int(t)
	if i >= len(dateGradient)-1 {
		return dateGradient[len(dateGradient)-1]
	}
	f := t - float64(i)
	a, b := dateGradient[i], dateGradient[i+1]
	mix := func(p, q uint8) uint8 { return uint8(float64(p) + (float64(q)-float64(p))*f + 0.5) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}
