package mapview

// pt is a point in image pixels.
type pt struct{ x, y float64 }

// box is an axis-aligned rectangle in image pixels.
type box struct{ minX, minY, maxX, maxY float64 }

func (b box) overlaps(o box) bool {
	return b.minX <= o.maxX && o.minX <= b.maxX && b.minY <= o.maxY && o.minY <= b.maxY
}

// clipPolygon clips a closed ring to b (Sutherland–Hodgman). Clipping matters for more than speed: the
// rasteriser walks every row a segment spans, so a coastline a million pixels off screen at a high zoom
// would cost a million rows. The result lives in bufs, which the next call reuses.
func clipPolygon(in []pt, b box, bufs *[2][]pt) []pt {
	lerpX := func(p, q pt, x float64) pt { return pt{x, p.y + (q.y-p.y)*(x-p.x)/(q.x-p.x)} }
	lerpY := func(p, q pt, y float64) pt { return pt{p.x + (q.x-p.x)*(y-p.y)/(q.y-p.y), y} }
	edges := [4]struct {
		inside func(p pt) bool
		cross  func(p, q pt) pt
	}{
		{func(p pt) bool { return p.x >= b.minX }, func(p, q pt) pt { return lerpX(p, q, b.minX) }},
		{func(p pt) bool { return p.x <= b.maxX }, func(p, q pt) pt { return lerpX(p, q, b.maxX) }},
		{func(p pt) bool { return p.y >= b.minY }, func(p, q pt) pt { return lerpY(p, q, b.minY) }},
		{func(p pt) bool { return p.y <= b.maxY }, func(p, q pt) pt { return lerpY(p, q, b.maxY) }},
	}
	src := in
	for i, e := range edges {
		dst := bufs[i%2][:0]
		for j, q := range src {
			p := src[(j+len(src)-1)%len(src)]
			pIn, qIn := e.inside(p), e.inside(q)
			if qIn != pIn {
				dst = append(dst, e.cross(p, q))
			}
			if qIn {
				dst = append(dst, q)
			}
		}
		bufs[i%2] = dst
		if len(dst) == 0 {
			return nil
		}
		src = dst
	}
	return src
}

// clipSegment clips the segment p–q to b (Liang–Barsky) and reports whether any of it is left.
func clipSegment(p, q pt, b box) (pt, pt, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := q.x-p.x, q.y-p.y
	for _, c := range [4][2]float64{{-dx, p.x - b.minX}, {dx, b.maxX - p.x}, {-dy, p.y - b.minY}, {dy, b.maxY - p.y}} {
		pc, qc := c[0], c[1]
		if pc == 0 {
			if qc < 0 {
				return p, q, false
			}
			continue
		}
		r := qc / pc
		if pc < 0 {
			if r > t1 {
				return p, q, false
			}
			if r > t0 {
				t0 = r
			}
		} else {
			if r < t0 {
				return p, q, false
			}
			if r < t1 {
				t1 = r
			}
		}
	}
	return pt{p.x + t0*dx, p.y + t0*dy}, pt{p.x + t1*dx, p.y + t1*dy}, true
}
