package mapview

import (
	"image/color"
	"math"
)

// drawTrek joins the dated photos in time order, skipping points less than two pixels from the last one
// kept, which keeps 100,000 photos of a trek down to the segments the eye can tell apart.
func (s *scene) drawTrek(p *painter) {
	line := p.path[:0]
	for i := range s.photos {
		d := &s.photos[i]
		if d.t.IsZero() {
			continue
		}
		q := p.at(d.x, d.y)
		if n := len(line); n > 0 && math.Abs(q.x-line[n-1].x)+math.Abs(q.y-line[n-1].y) < 2*p.px {
			continue
		}
		line = append(line, q)
	}
	p.path = line
	p.addStroke(line, 1.6*p.px)
	p.flush(trekColour)
}

func (s *scene) drawDots(p *painter) {
	st := newStamp(dotRadius*p.px, 1.2*p.px)
	b := p.img.Bounds()
	margin := float64(st.r)
	white := color.RGBA{255, 255, 255, 255}
	// A dot drawn within a pixel of a newer one is all but hidden by it, so walk from the newest down, keep
	// the first dot per 2×2-pixel cell, and draw those oldest first. Dense treks share many cells.
	w, h := b.Dx(), b.Dy()
	cw := (w + 1) / 2
	taken := make([]uint64, (cw*((h+1)/2)+63)/64)
	keep := make([]int32, 0, 1024)
	for i := len(s.photos) - 1; i >= 0; i-- {
		q := p.at(s.photos[i].x, s.photos[i].y)
		if q.x < -margin || q.y < -margin || q.x > float64(w)+margin || q.y > float64(h)+margin {
			continue
		}
		x, y := int(math.Round(q.x)), int(math.Round(q.y))
		if x >= 0 && y >= 0 && x < w && y < h {
			k := (y/2)*cw + x/2
			if taken[k/64]&(1<<(k%64)) != 0 {
				continue
			}
			taken[k/64] |= 1 << (k % 64)
		}
		keep = append(keep, int32(i))
	}
	for j := len(keep) - 1; j >= 0; j-- {
		d := &s.photos[keep[j]]
		q := p.at(d.x, d.y)
		st.draw(p.img, int(math.Round(q.x)), int(math.Round(q.y)), white, d.colour)
	}
}
