package mapview

// shownPeaks lists the peaks whose triangles the view shows, by index: those on screen, minus any whose
// triangle would overlap one listed before it. SetPeaks' order decides which win, so zoomed out a range
// reads as its highest summits instead of a red blot over the photos. Labels are placed for these peaks only.
func (m *Map) shownPeaks() []int {
	v := m.view
	const k = peakSize
	var shown []int
	var placed []box
	for i, pk := range m.peaks {
		x, y := v.toScreen(pk.x, pk.y)
		if x < -k || y < -k || x > v.w+k || y > v.h+k {
			continue
		}
		b := box{x - 0.85*k, y - k, x + 0.85*k, y + 0.55*k}
		if overlapsAny(b, placed) {
			continue
		}
		placed = append(placed, b)
		shown = append(shown, i)
	}
	return shown
}

func (m *Map) drawPeaks(p *painter) {
	k := peakSize * p.px
	var tris [][]pt
	for _, i := range m.shownPeaks() {
		c := p.at(m.peaks[i].x, m.peaks[i].y)
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
