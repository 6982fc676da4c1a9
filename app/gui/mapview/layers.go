package mapview

import (
	"encoding/binary"
	"image"
	"math"

	"golang.org/x/image/draw"
	"golang.org/x/image/math/f64"
)

// layer is a cached image of the slow part of a frame (the basemap, or the trek and the dots) and the scene it
// was drawn for. A frame that changes only the selection, the cone or the area box reuses it as it is; a
// frame after a pan or a zoom shows it moved or scaled until a redraw for the new view arrives.
type layer struct {
	img *image.RGBA
	s   scene
}

type layerKind int

const (
	baseLayer  layerKind = iota // opaque: sea, land, coast, borders
	photoLayer                  // transparent: trek line and dots
)

// sized reports whether the layer was drawn at the size of s, whatever it shows.
func (l *layer) sized(s scene) bool {
	return l.img != nil && l.s.w == s.w && l.s.h == s.h && l.s.px == s.px
}

// reusable reports whether the layer shows the same content at the same size as s, perhaps for another view.
func (l *layer) reusable(s scene, kind layerKind) bool {
	if !l.sized(s) {
		return false
	}
	if kind == baseLayer {
		return l.s.baseGen == s.baseGen
	}
	return l.s.photoGen == s.photoGen
}

// current reports whether the layer is exactly what s would draw.
func (l *layer) current(s scene, kind layerKind) bool {
	return l.reusable(s, kind) && l.s.view == s.view && (kind != baseLayer || l.s.reliefGen == s.reliefGen)
}

// drawOnto puts the layer into a frame of scene s: copied as it is, shifted by whole pixels after a pan, or
// scaled (nearest neighbour, a quick preview) after a zoom. The base layer replaces what lies beneath; the
// photo layer is composited over it.
func (l *layer) drawOnto(dst *image.RGBA, s scene, kind layerKind) {
	// A world point at x is at x·k + o in either image, so frame = layer·(k1/k0) + (o1 − o0·k1/k0).
	k0, k1 := l.s.view.scale()*l.s.px, s.view.scale()*s.px
	ox0, oy0 := l.s.view.w/2*l.s.px-l.s.view.cx*k0, l.s.view.h/2*l.s.px-l.s.view.cy*k0
	ox1, oy1 := s.view.w/2*s.px-s.view.cx*k1, s.view.h/2*s.px-s.view.cy*k1
	f := k1 / k0
	tx, ty := ox1-ox0*f, oy1-oy0*f
	if math.Abs(f-1) < 1e-9 {
		off := image.Pt(int(math.Round(tx)), int(math.Round(ty)))
		if kind == baseLayer {
			r := l.img.Bounds().Add(off)
			draw.Draw(dst, r, l.img, image.Point{}, draw.Src)
		} else {
			over(dst, l.img, off)
		}
		return
	}
	op := draw.Over
	if kind == baseLayer {
		op = draw.Src
	}
	draw.NearestNeighbor.Transform(dst, f64.Aff3{f, 0, tx, 0, f, ty}, l.img, l.img.Bounds(), op, nil)
}

// over composites a premultiplied src, offset by off, over dst. Most of the photo layer is transparent, so
// those pixels are skipped and opaque ones copied, leaving the arithmetic to anti-aliased edges.
func over(dst, src *image.RGBA, off image.Point) {
	r := src.Bounds().Add(off).Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	n := r.Dx() * 4
	for y := r.Min.Y; y < r.Max.Y; y++ {
		d := dst.Pix[dst.PixOffset(r.Min.X, y):][:n:n]
		s := src.Pix[src.PixOffset(r.Min.X-off.X, y-off.Y):][:n:n]
		for i := 0; i < n; i += 4 {
			// Skip two transparent pixels at a time: most of the layer is empty.
			if i+8 <= n && binary.LittleEndian.Uint64(s[i:i+8])&0xff000000_ff000000 == 0 {
				i += 4
				continue
			}
			switch a := uint32(s[i+3]); a {
			case 0:
			case 255:
				copy(d[i:i+4], s[i:i+4])
			default:
				inv := 255 - a
				d[i] = s[i] + uint8(uint32(d[i])*inv/255)
				d[i+1] = s[i+1] + uint8(uint32(d[i+1])*inv/255)
				d[i+2] = s[i+2] + uint8(uint32(d[i+2])*inv/255)
				d[i+3] = s[i+3] + uint8(uint32(d[i+3])*inv/255)
			}
		}
	}
}
