package mapview

import (
	"image"
	"image/color"
	"math"
	"math/bits"
)

// trekCover is how many times over the trek line may cover the frame. A million photos of one trek cover it
// about twice at 1280×800; photos from all over a region taken minutes apart would cover it a hundred
// times, with lines across the region at every step that show no route anyone took, and take seconds to
// draw. Beyond it the longest segments on screen are left out, as many as it takes.
const trekCover = 3

// drawTrek joins the dated photos in time order, skipping points less than two pixels from the last one
// kept, which keeps a million photos of a trek down to the segments the eye can tell apart. The segments are
// drawn into one coverage mask, so where the line crosses itself it is no darker, and only the pixels near
// each segment are touched.
func (s *scene) drawTrek(p *painter) {
	hw := trekWidth / 2 * p.px
	limit := s.trekLimit(p)
	mask := newCoverage(p.img.Bounds(), hw)
	drew := false // the last segment
	s.trekSegments(p, func(a, b pt, l float64, follows bool) {
		draw := l < limit
		if draw {
			mask.segment(a, b, !follows || !drew)
		}
		drew = draw
	})
	mask.paint(p.img, trekColour)
}

// trekWidth is the trek line's width, in units.
const trekWidth = 1.6

// trekLimit is the length on screen, in pixels, from which the trek line's segments are left out so that the
// line covers the frame at most trekCover times over; +Inf when it never would.
func (s *scene) trekLimit(p *painter) float64 {
	b := p.img.Bounds()
	budget := trekCover * float64(b.Dx()*b.Dy()) / (trekWidth * p.px)
	// How long the segments are on screen, by whole pixels; the last bin holds all the longer ones.
	var byLength [1024]float64
	s.trekSegments(p, func(_, _ pt, l float64, _ bool) { byLength[min(int(l), len(byLength)-1)] += l })
	sum := 0.0
	for i, l := range byLength {
		if sum += l; sum > budget {
			return float64(i)
		}
	}
	return math.Inf(1)
}

// trekSegments calls f with each segment of the trek line in pixels, the length of its part on screen, and
// whether it follows on from the last segment f was given.
func (s *scene) trekSegments(p *painter, f func(a, b pt, onScreen float64, follows bool)) {
	d := s.dots
	m := 2 * p.px // a segment this close to the frame still shades its edge
	frame := box{-m, -m, float64(p.img.Bounds().Dx()) + m, float64(p.img.Bounds().Dy()) + m}
	inside := func(q pt) bool {
		return q.x >= frame.minX && q.y >= frame.minY && q.x <= frame.maxX && q.y <= frame.maxY
	}
	var last pt
	follows := false
	for i := d.firstDated; i < d.len(); i++ {
		q := p.at(d.pos[i].x, d.pos[i].y)
		if i == d.firstDated {
			last = q
			continue
		}
		if math.Abs(q.x-last.x)+math.Abs(q.y-last.y) < 2*p.px {
			continue
		}
		if inside(last) && inside(q) {
			f(last, q, math.Hypot(q.x-last.x, q.y-last.y), follows)
			follows = true
		} else if a, b, ok := clipSegment(last, q, frame); ok {
			f(last, q, math.Hypot(b.x-a.x, b.y-a.y), follows)
			follows = true
		} else {
			follows = false
		}
		last = q
	}
}

// drawDots draws a disc for each photo on screen, newer over older. A dot drawn within a pixel of a newer one
// is all but hidden by it, so only the newest dot of each 2×2-pixel cell is drawn: dense treks share many
// cells, and a million photos over one region fill every cell with a thousand dots but draw a disc in each
// once. The dots come from the grid's cells on screen; a dot's number is its rank in time, so the newest of
// a pixel cell is the one with the highest number.
func (s *scene) drawDots(p *painter) {
	d := s.dots
	st := newStamp(dotRadius*p.px, 1.2*p.px)
	b := p.img.Bounds()
	w, h := b.Dx(), b.Dy()
	margin := float64(st.r)
	cw := (w + 1) / 2
	newest := make([]int32, cw*((h+1)/2)) // dot number + 1 of each 2×2 cell's newest dot; 0 for none
	draw := make([]uint64, (d.len()+63)/64)
	onScreen := box{(-margin - p.ox) / p.k, (-margin - p.oy) / p.k, (float64(w) + margin - p.ox) / p.k, (float64(h) + margin - p.oy) / p.k}
	d.grid.visit(onScreen, func(at []wpt, dot []int32) {
		for j, wp := range at {
			q := p.at(wp.x, wp.y)
			if q.x < -margin || q.y < -margin || q.x > float64(w)+margin || q.y > float64(h)+margin {
				continue
			}
			x, y := int(math.Round(q.x)), int(math.Round(q.y))
			if x >= 0 && y >= 0 && x < w && y < h {
				k := (y/2)*cw + x/2
				newest[k] = max(newest[k], dot[j]+1)
				continue
			}
			draw[dot[j]/64] |= 1 << (dot[j] % 64) // partly off screen: no cell to share
		}
	})
	for _, n := range newest {
		if n > 0 {
			draw[(n-1)/64] |= 1 << ((n - 1) % 64)
		}
	}
	// Newest first, each beneath the dots drawn so far, into a layer of their own laid over the lines.
	white := color.RGBA{255, 255, 255, 255}
	ramp := s.ramp()
	dots := image.NewRGBA(b)
	for word := len(draw) - 1; word >= 0; word-- {
		for set := draw[word]; set != 0; {
			top := 63 - bits.LeadingZeros64(set)
			set &^= 1 << top
			i := word*64 + top
			q := p.at(d.pos[i].x, d.pos[i].y)
			st.drawUnder(dots, int(math.Round(q.x)), int(math.Round(q.y)), white, ramp.colour(d, i))
		}
	}
	over(p.img, dots, image.Point{})
}

// dotRamp colours dots by date between the scene's first and last date.
type dotRamp struct {
	t0   int64   // Unix milliseconds
	span float64 // milliseconds; 0 when every date is the same
}

func (s *scene) ramp() dotRamp {
	if s.t0.IsZero() {
		return dotRamp{}
	}
	return dotRamp{s.t0.UnixMilli(), float64(s.t1.UnixMilli() - s.t0.UnixMilli())}
}

func (r dotRamp) colour(d *Dots, i int) color.RGBA {
	switch {
	case i < d.firstDated:
		return undatedColour
	case r.span == 0:
		return dateColour(1)
	default:
		return dateColour(float64(d.ms[i]-r.t0) / r.span)
	}
}

// dotColour is the colour of dot i in this scene.
func (s *scene) dotColour(i int) color.RGBA { return s.ramp().colour(s.dots, i) }

// coverage is an anti-aliased mask that line segments of one width are added to: each pixel keeps the most
// any segment covers it, so overlapping segments read as one line.
type coverage struct {
	mask  *image.Alpha
	dirty image.Rectangle // what the segments touched
	hw    float64         // half the lines' width, in pixels
	disc  discStamps
}

func newCoverage(r image.Rectangle, hw float64) *coverage {
	return &coverage{mask: image.NewAlpha(image.Rect(0, 0, r.Dx(), r.Dy())), hw: hw, disc: newDiscStamps(hw + 0.5)}
}

// coverOf is how much of a pixel whose centre lies d from a line's middle the line of half-width hw covers:
// the pixel's width across the line's edge, which is exact for an edge along either axis.
func coverOf(hw, d float64) uint8 { return uint8(255 * min(1, max(0, hw+0.5-d))) }

// segment adds the segment from a to b with round ends. A round-ended segment is its body, the points
// beside it, and a disc at each end: the body is walked along its longer axis, a pixel column (or row) at a
// time, and the discs are stamped. Its cost is its length, however long, and nothing off the mask. The disc
// at a is left out when the segment before, which ended there, stamped it (startDisc false).
func (c *coverage) segment(a, b pt, startDisc bool) {
	r := c.hw + 0.5 // beyond it, no coverage
	w, h := c.mask.Rect.Dx(), c.mask.Rect.Dy()
	if max(a.x, b.x)+r < 0 || max(a.y, b.y)+r < 0 || min(a.x, b.x)-r > float64(w) || min(a.y, b.y)-r > float64(h) {
		return
	}
	c.dirty = c.dirty.Union(image.Rect(int(math.Floor(min(a.x, b.x)-r)), int(math.Floor(min(a.y, b.y)-r)),
		int(math.Ceil(max(a.x, b.x)+r))+1, int(math.Ceil(max(a.y, b.y)+r))+1).Intersect(c.mask.Rect))
	if startDisc {
		c.stampDisc(a)
	}
	c.stampDisc(b)
	if math.Abs(b.x-a.x) < math.Abs(b.y-a.y) { // walk the rows: swap the axes, and back for each pixel
		c.body(pt{a.y, a.x}, pt{b.y, b.x}, h, w, 1, c.mask.Stride)
	} else {
		c.body(a, b, w, h, c.mask.Stride, 1)
	}
}

// body covers the points beside the segment a–b, which is longer along x, in a mask w wide and h high; a
// pixel (x, y) is at y·ys + x·xs (swapped axes swap the steps).
func (c *coverage) body(a, b pt, w, h, ys, xs int) {
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	ux, uy := dx/l, dy/l
	r := c.hw + 0.5
	x0 := max(0, int(math.Floor(min(a.x, b.x)-r*math.Abs(uy))))
	x1 := min(w-1, int(math.Ceil(max(a.x, b.x)+r*math.Abs(uy))))
	pix := c.mask.Pix
	iux, iuy := 1/ux, 1/uy // uy may be 0: then iuy is not used
	for x := x0; x <= x1; x++ {
		// In this column, a pixel whose centre lies ey below a is beside the segment when its distance
		// across, d = ex·uy − ey·ux, is under r, and between its ends when t = ex·ux + ey·uy is in [0, l]:
		// two ranges of ey, the longer axis being x so ux is never 0.
		ex := float64(x) + 0.5 - a.x
		lo, hi := ordered((ex*uy-r)*iux, (ex*uy+r)*iux)
		if uy != 0 {
			tlo, thi := ordered(-ex*ux*iuy, (l-ex*ux)*iuy)
			lo, hi = max(lo, tlo), min(hi, thi)
		} else if t := ex * ux; t < 0 || t > l {
			continue
		}
		y0 := max(0, int(math.Ceil(a.y+lo-0.5)))
		y1 := min(h-1, int(math.Floor(a.y+hi-0.5)))
		d := ex*uy - (float64(y0)+0.5-a.y)*ux
		for y := y0; y <= y1; y, d = y+1, d-ux {
			if v := r - math.Abs(d); v > 0 { // coverOf, inline
				i := y*ys + x*xs
				pix[i] = max(pix[i], uint8(255*min(1, v)))
			}
		}
	}
}

func ordered(a, b float64) (float64, float64) {
	if a > b {
		return b, a
	}
	return a, b
}

// discStamps are a disc's coverage at sixteenths of a pixel's offsets, so a line's round ends and joints
// are stamped rather than computed.
type discStamps struct {
	r     int // pixels either side of the centre's pixel
	cover [discSteps * discSteps][]uint8
}

const discSteps = 8

func newDiscStamps(radius float64) discStamps {
	// A pixel k away is touched when its centre, k+½ from the centre pixel's edge, comes within radius of a
	// centre anywhere in that pixel: −radius−½ < k < radius+½.
	r := int(math.Ceil(radius+0.5)) - 1
	s := discStamps{r: r}
	n := 2*r + 1
	for fy := range discSteps {
		for fx := range discSteps {
			ox, oy := (float64(fx)+0.5)/discSteps, (float64(fy)+0.5)/discSteps // the centre within its pixel
			cells := make([]uint8, n*n)
			for j := range n {
				for i := range n {
					d := math.Hypot(float64(i-r)+0.5-ox, float64(j-r)+0.5-oy)
					cells[j*n+i] = coverOf(radius-0.5, d)
				}
			}
			s.cover[fy*discSteps+fx] = cells
		}
	}
	return s
}

// stampDisc covers the disc about p.
func (c *coverage) stampDisc(p pt) {
	fx, fy := math.Floor(p.x), math.Floor(p.y)
	cells := c.disc.cover[int((p.y-fy)*discSteps)*discSteps+int((p.x-fx)*discSteps)]
	r, n := c.disc.r, 2*c.disc.r+1
	x0, y0 := int(fx)-r, int(fy)-r
	w, h := c.mask.Rect.Dx(), c.mask.Rect.Dy()
	for j := range n {
		y := y0 + j
		if y < 0 || y >= h {
			continue
		}
		row := c.mask.Pix[y*c.mask.Stride:]
		for i, v := range cells[j*n : j*n+n] {
			if x := x0 + i; x >= 0 && x < w {
				row[x] = max(row[x], v)
			}
		}
	}
}

// paint puts the covered pixels into img in colour c.
func (c *coverage) paint(img *image.RGBA, col color.NRGBA) {
	if c.dirty.Empty() {
		return
	}
	sub := c.mask.SubImage(c.dirty).(*image.Alpha)
	composite(img, img.Bounds().Min.Add(c.dirty.Min), sub, col)
}
