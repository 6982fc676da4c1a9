package mapview

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/vector"

	"github.com/cairn-photos/cairn/assets/basemap"
)

// painter draws world-space shapes into an image. Shapes added with addRing and addStroke are collected,
// and flush rasterises them in one colour over just their bounding box: most layers (a cone, the peaks, a
// box) cover a small part of the frame, and rasterising the whole frame for each would dominate its cost.
type painter struct {
	img    *image.RGBA
	px     float64 // image pixels per Fyne unit
	k      float64 // image pixels per world unit
	ox, oy float64 // where the world's origin falls, in image pixels
	view   viewport
	clip   box // the image grown by a margin, so clipped strokes end off screen

	z      vector.Rasterizer
	mask   *image.Alpha
	shapes []pt  // closed polygons waiting for flush, one after another
	starts []int // where each polygon begins in shapes
	bounds box   // of shapes
	path   []pt
	bufs   [2][]pt
}

func newPainter(img *image.RGBA, v viewport, px float64) *painter {
	b := img.Bounds()
	p := &painter{img: img, view: v, px: px, k: v.scale() * px}
	p.ox, p.oy = v.w/2*px-v.cx*p.k, v.h/2*px-v.cy*p.k
	p.clip = box{-8, -8, float64(b.Dx()) + 8, float64(b.Dy()) + 8}
	p.bounds = emptyBox()
	return p
}

func emptyBox() box { return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

// at converts a world point to image pixels.
func (p *painter) at(x, y float64) pt { return pt{x*p.k + p.ox, y*p.k + p.oy} }

// worldBox is the part of the world the image shows, in world coordinates.
func (p *painter) worldBox() box {
	return box{(p.clip.minX - p.ox) / p.k, (p.clip.minY - p.oy) / p.k, (p.clip.maxX - p.ox) / p.k, (p.clip.maxY - p.oy) / p.k}
}

// project converts world points to pixels, dropping points within half a pixel of the last one kept: at
// world zoom that leaves a few thousand of the basemap's 400,000 points. The result is reused by the next call.
func (p *painter) project(pts []basemap.Point) []pt {
	p.path = p.path[:0]
	for i, w := range pts {
		q := p.at(w.X, w.Y)
		if n := len(p.path); n > 0 && i < len(pts)-1 {
			if last := p.path[n-1]; math.Abs(q.x-last.x)+math.Abs(q.y-last.y) < 0.5 {
				continue
			}
		}
		p.path = append(p.path, q)
	}
	return p.path
}

// addRing adds a closed ring to the current fill.
func (p *painter) addRing(ring []pt) {
	ring = clipPolygon(ring, p.clip, &p.bufs)
	if len(ring) < 3 {
		return
	}
	p.addShape(ring)
}

func (p *painter) addShape(s []pt) {
	for _, q := range s {
		p.bounds.minX, p.bounds.minY = math.Min(p.bounds.minX, q.x), math.Min(p.bounds.minY, q.y)
		p.bounds.maxX, p.bounds.maxY = math.Max(p.bounds.maxX, q.x), math.Max(p.bounds.maxY, q.y)
	}
	p.starts = append(p.starts, len(p.shapes))
	p.shapes = append(p.shapes, s...)
}

// addStroke adds a polyline of the given width in pixels. Each segment becomes a rectangle lengthened by
// half the width at both ends, so joints overlap instead of leaving notches; all rectangles wind the same way,
// so overlaps add up instead of cancelling.
func (p *painter) addStroke(line []pt, width float64) {
	hw := width / 2
	for i := 1; i < len(line); i++ {
		a, b, ok := clipSegment(line[i-1], line[i], p.clip)
		if !ok {
			continue
		}
		dx, dy := b.x-a.x, b.y-a.y
		l := math.Hypot(dx, dy)
		if l == 0 {
			continue
		}
		ux, uy := dx/l*hw, dy/l*hw // along the segment
		nx, ny := -uy, ux          // across it
		quad := [4]pt{{a.x - ux + nx, a.y - uy + ny}, {b.x + ux + nx, b.y + uy + ny},
			{b.x + ux - nx, b.y + uy - ny}, {a.x - ux - nx, a.y - uy - ny}}
		p.addShape(quad[:])
	}
}

// flush paints the shapes added since the last flush in c and starts afresh. Coverage sums signed areas, so
// holes wound against their outer ring stay empty and overlapping strokes do not cancel.
func (p *painter) flush(c color.Color) {
	shapes, starts, bb := p.shapes, p.starts, p.bounds
	p.shapes, p.starts, p.bounds = p.shapes[:0], p.starts[:0], emptyBox()
	r := image.Rect(int(math.Floor(bb.minX)), int(math.Floor(bb.minY)), int(math.Ceil(bb.maxX)), int(math.Ceil(bb.maxY))).
		Intersect(p.img.Bounds())
	if len(shapes) == 0 || r.Empty() {
		return
	}
	w, h := r.Dx(), r.Dy()
	p.z.Reset(w, h)
	p.z.DrawOp = draw.Src
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	for i, start := range starts {
		end := len(shapes)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		s := shapes[start:end]
		p.z.MoveTo(float32(s[0].x)-ox, float32(s[0].y)-oy)
		for _, q := range s[1:] {
			p.z.LineTo(float32(q.x)-ox, float32(q.y)-oy)
		}
		p.z.ClosePath()
	}
	if p.mask == nil || cap(p.mask.Pix) < w*h {
		p.mask = image.NewAlpha(image.Rect(0, 0, w, h))
	} else {
		p.mask.Pix, p.mask.Stride, p.mask.Rect = p.mask.Pix[:w*h], w, image.Rect(0, 0, w, h)
	}
	p.z.Draw(p.mask, p.mask.Rect, image.Opaque, image.Point{})
	composite(p.img, r.Min, p.mask, color.NRGBAModel.Convert(c).(color.NRGBA))
}

// composite paints c through a coverage mask whose origin sits at off in dst. Uncovered pixels are skipped
// and fully covered ones written outright, which leaves blending to the anti-aliased edges.
func composite(dst *image.RGBA, off image.Point, mask *image.Alpha, c color.NRGBA) {
	b := mask.Rect
	solid := c.A == 255
	rgba := color.RGBA{c.R, c.G, c.B, 255}
	for y := 0; y < b.Dy(); y++ {
		row := mask.Pix[y*mask.Stride : y*mask.Stride+b.Dx()]
		i := dst.PixOffset(off.X, off.Y+y)
		for _, a := range row {
			switch {
			case a == 0:
			case a == 255 && solid:
				dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = c.R, c.G, c.B, 255
			default:
				blend(dst.Pix[i:i+4:i+4], rgba, uint8(uint32(a)*uint32(c.A)/255))
			}
			i += 4
		}
	}
}
