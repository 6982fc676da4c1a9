package mapview

import (
	"math"

	"github.com/cairn-photos/cairn/assets/basemap"
)

// visible reports whether a basemap line can show: it overlaps the view and spans at least half a pixel.
func visible(r ring, view box, pixelsPerWorld float64) bool {
	b := r.bounds
	return b.overlaps(view) && math.Max(b.maxX-b.minX, b.maxY-b.minY)*pixelsPerWorld >= 0.5
}

func (s *scene) drawLand(p *painter) {
	view, ppw := p.worldBox(), p.k
	for _, r := range s.land {
		if visible(r, view, ppw) {
			p.addRing(p.project(r.pts))
		}
	}
	p.flush(landColour)
}

func (s *scene) drawCoastAndBorders(p *painter) {
	view, ppw := p.worldBox(), p.k
	for _, r := range s.land {
		if visible(r, view, ppw) {
			strokeCoast(p, r)
		}
	}
	p.flush(coastColour)
	for _, r := range s.borders {
		if visible(r, view, ppw) {
			p.addStroke(p.project(r.pts), 0.8*p.px)
		}
	}
	p.flush(borderColour)
}

// strokeCoast outlines a land ring except where the data cuts land rather than follows a coast: along the
// antimeridian (x = 0 or 1), along Mercator's southern limit, and across the world where a ring closes from
// one side to the other, as Antarctica's does below 84° S.
func strokeCoast(p *painter, r ring) {
	const eps = 1e-6
	onCut := func(a, b basemap.Point) bool {
		return a.X < eps && b.X < eps || a.X > 1-eps && b.X > 1-eps || a.Y > 1-eps && b.Y > 1-eps ||
			math.Abs(a.X-b.X) > 0.5
	}
	if r.bounds.minX >= eps && r.bounds.maxX <= 1-eps && r.bounds.maxY <= 1-eps {
		line := p.project(r.pts)
		p.addStroke(append(line, line[0]), p.px)
		return
	}
	pts := append(r.pts[:len(r.pts):len(r.pts)], r.pts[0]) // closed, in a copy
	start := 0
	for i := 1; i < len(pts); i++ {
		if onCut(pts[i-1], pts[i]) {
			if i-1 > start {
				p.addStroke(p.project(pts[start:i]), p.px)
			}
			start = i
		}
	}
	if len(pts)-1 > start {
		p.addStroke(p.project(pts[start:]), p.px)
	}
}
