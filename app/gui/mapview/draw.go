package mapview

import (
	"image"
	"image/color"
	"math"
)

// Sizes in Fyne units; the painter multiplies them by the canvas scale.
const (
	dotRadius      = 4.5
	selectedRadius = 7.5
	peakSize       = 7
	coneMinLength  = 60    // units: a cone stays visible when zoomed out
	coneLength     = 15000 // metres: about as far as the Khumbu's peaks stand from the trails
	defaultFOV     = 69    // degrees: a phone's main camera (26 mm equivalent)
)

// render draws every layer except the labels into a w×h pixel image.
func (m *Map) render(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	if w == 0 || h == 0 || m.view.w <= 0 {
		return img
	}
	p := newPainter(img, m.view, float64(w)/m.view.w)
	fillImage(img, seaColour)
	if m.tiles != nil {
		m.drawTiles(p)
	} else {
		m.drawLand(p)
	}
	m.drawCoastAndBorders(p)
	m.drawArea(p)
	m.drawTrek(p)
	m.drawCone(p)
	m.drawDots(p)
	m.drawPeaks(p)
	m.drawDragBox(p)
	return img
}

func fillImage(img *image.RGBA, c color.RGBA) {
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
}

// visible reports whether a basemap line can show: it overlaps the view and spans at least half a pixel.
func visible(r ring, view box, pixelsPerWorld float64) bool {
	b := r.bounds
	return b.overlaps(view) && math.Max(b.maxX-b.minX, b.maxY-b.minY)*pixelsPerWorld >= 0.5
}

func (m *Map) drawLand(p *painter) {
	view, ppw := p.worldBox(), m.view.scale()*p.px
	for _, r := range m.land {
		if visible(r, view, ppw) {
			p.addRing(p.project(r.pts))
		}
	}
	p.flush(landColour)
}

func (m *Map) drawCoastAndBorders(p *painter) {
	view, ppw := p.worldBox(), m.view.scale()*p.px
	for _, r := range m.land {
		if visible(r, view, ppw) {
			line := p.project(r.pts)
			p.addStroke(append(line, line[0]), p.px)
		}
	}
	p.flush(coastColour)
	for _, r := range m.borders {
		if visible(r, view, ppw) {
			p.addStroke(p.project(r.pts), 0.8*p.px)
		}
	}
	p.flush(borderColour)
}

// drawTrek joins the dated photos in time order, skipping points less than two pixels from the last one
// kept, which keeps 100,000 photos of a trek down to the segments the eye can tell apart.
func (m *Map) drawTrek(p *painter) {
	line := p.path[:0]
	for i := range m.photos {
		d := &m.photos[i]
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

// drawCone draws the selected photo's field of view as a wedge from its dot along its compass heading.
// Mercator keeps angles, so the wedge's opening on screen is the camera's on the ground.
func (m *Map) drawCone(p *painter) {
	if m.selected < 0 || !m.photos[m.selected].hasHead {
		return
	}
	d := m.photos[m.selected]
	fov := d.fov
	if fov <= 0 {
		fov = defaultFOV
	}
	apex := p.at(d.x, d.y)
	length := math.Max(metresToWorld(coneLength, d.lat)*m.view.scale(), coneMinLength) * p.px
	wedge := []pt{apex}
	for a := d.heading - fov/2; ; a += 2 {
		a = math.Min(a, d.heading+fov/2)
		r := a * math.Pi / 180
		wedge = append(wedge, pt{apex.x + length*math.Sin(r), apex.y - length*math.Cos(r)})
		if a >= d.heading+fov/2 {
			break
		}
	}
	p.addRing(wedge)
	p.flush(coneFill)
	p.addStroke(append(wedge, apex), 1.2*p.px)
	p.flush(coneEdge)
}

func (m *Map) drawDots(p *painter) {
	s := newStamp(dotRadius*p.px, 1.2*p.px)
	b := p.img.Bounds()
	margin := float64(s.r)
	white := color.RGBA{255, 255, 255, 255}
	// A dot drawn within a pixel of a newer one is all but hidden by it, so walk from the newest down, keep
	// the first dot per 2×2-pixel cell, and draw those oldest first. Dense treks share many cells.
	w, h := b.Dx(), b.Dy()
	cw := (w + 1) / 2
	taken := make([]uint64, (cw*((h+1)/2)+63)/64)
	keep := make([]int32, 0, 1024)
	for i := len(m.photos) - 1; i >= 0; i-- {
		q := p.at(m.photos[i].x, m.photos[i].y)
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
		d := &m.photos[keep[j]]
		q := p.at(d.x, d.y)
		s.draw(p.img, int(math.Round(q.x)), int(math.Round(q.y)), white, d.colour)
	}
	if m.selected >= 0 {
		d := m.photos[m.selected]
		q := p.at(d.x, d.y)
		big := newStamp(selectedRadius*p.px, 2.5*p.px)
		big.draw(p.img, int(math.Round(q.x)), int(math.Round(q.y)), selectedRing, d.colour)
	}
}

func (m *Map) drawPeaks(p *painter) {
	k := peakSize * p.px
	var tris [][]pt
	for _, pk := range m.peaks {
		c := p.at(pk.x, pk.y)
		if c.x < -k || c.y < -k || c.x > p.clip.maxX || c.y > p.clip.maxY {
			continue
		}
		tri := []pt{{c.x, c.y - k}, {c.x + 0.85*k, c.y + 0.55*k}, {c.x - 0.85*k, c.y + 0.55*k}}
		tris = append(tris, tri)
		p.addRing(tri)
	}
	p.flush(peakColour)
	for _, tri := range tris {
		p.addStroke(append(tri, tri[0]), 0.9*p.px)
	}
	p.flush(peakEdge)
}

// drawArea shows the last selected area, which the caller is filtering by, until ClearArea.
func (m *Map) drawArea(p *painter) {
	if m.area == nil {
		return
	}
	a, b := p.at(m.area.minX, m.area.minY), p.at(m.area.maxX, m.area.maxY)
	p.rect(a, b, areaFill, areaEdge)
}

func (m *Map) drawDragBox(p *painter) {
	if !m.drag.selecting {
		return
	}
	s, e := m.drag.start, m.drag.end
	p.rect(pt{float64(s.X) * p.px, float64(s.Y) * p.px}, pt{float64(e.X) * p.px, float64(e.Y) * p.px}, areaFill, areaEdge)
}

func (p *painter) rect(a, b pt, fill, edge color.Color) {
	r := []pt{a, {b.x, a.y}, b, {a.x, b.y}}
	p.addRing(r)
	p.flush(fill)
	p.addStroke(append(r, a), 1.5*p.px)
	p.flush(edge)
}
