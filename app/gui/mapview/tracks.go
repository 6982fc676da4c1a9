package mapview

import (
	"image/color"
	"math"
	"time"
)

// Track is a GPS track to draw: one segment's points in time order.
type Track struct {
	Name   string
	Points []TrackPoint
}

// TrackPoint is a point of a track; Time is on the photos' clock (see Photo.Time), zero when unknown.
type TrackPoint struct {
	Lat, Lon float64
	Time     time.Time
}

// A track is simplified once, when set, for every zoom level: a frame draws only the points that move its
// line by more than trackTolerance units at its zoom, and only the chunks of them on screen. A day's track
// logged every second (86,400 points) draws a few hundred points zoomed out.
const (
	trackTolerance = 0.4 // units: under half a pixel at scale 1
	trackChunk     = 128 // points per chunk culled by its box
	trackWidth     = 2.4 // units
	trackCasing    = 4.4 // units: the pale edge that keeps the line readable over the relief
	// trackShades is how many steps of the date ramp a track's line is drawn in: as many colour changes
	// as a frame rasterises per track at most.
	trackShades = 24
)

var (
	trackCasingColour = color.NRGBA{0xff, 0xff, 0xff, 0xc0}
	trackUndated      = color.NRGBA{0x50, 0x50, 0x50, 0xd0}
)

// trackLine is a track ready to draw: its points in world coordinates at every level of simplification.
type trackLine struct {
	name   string
	bounds box
	levels [][]chunk // by zoom level; a level that keeps every point is the last
	t0, t1 time.Time // its first and last dated points; zero when none is dated
}

// chunk is a run of a simplified line with its box; consecutive chunks share their end points.
type chunk struct {
	pts    []trackPt
	bounds box
}

type trackPt struct {
	x, y float64
	t    int64 // Unix nanoseconds; 0 when unknown
}

// Tracks are tracks ready to draw. Preparing them takes about 70 ms of CPU for a day logged every second, so
// make them with NewTracks off the UI goroutine.
type Tracks struct{ lines []trackLine }

// NewTracks prepares tracks for SetTracks; it is safe to call from any goroutine.
func NewTracks(tracks []Track) *Tracks {
	t := &Tracks{}
	for _, tr := range tracks {
		if len(tr.Points) > 0 {
			t.lines = append(t.lines, newTrackLine(tr))
		}
	}
	return t
}

// SetTracks replaces the tracks (nil for none). The photos' date colours and the legend span the tracks'
// dates too, so a dot has the colour of the track where it was taken.
func (m *Map) SetTracks(t *Tracks) {
	m.tracks = nil
	if t != nil {
		m.tracks = t.lines
	}
	m.photoGen++ // the dots' colours span the tracks' dates too
	if !m.userMoved {
		m.fitContent()
	}
	m.Refresh()
}

func newTrackLine(t Track) trackLine {
	pts := make([]trackPt, len(t.Points))
	tl := trackLine{name: t.Name, bounds: emptyBox()}
	for i, p := range t.Points {
		x, y := project(p.Lat, p.Lon)
		pts[i] = trackPt{x: x, y: y}
		if !p.Time.IsZero() {
			pts[i].t = p.Time.UnixNano()
		}
		tl.bounds.grow(x, y)
		if !p.Time.IsZero() {
			if tl.t0.IsZero() {
				tl.t0 = p.Time
			}
			tl.t1 = p.Time
		}
	}
	weight := simplifyWeights(pts)
	for z := minZoom; z <= maxZoom; z++ {
		tol := trackTolerance / (tileSize * math.Exp2(float64(z)))
		n := 0
		for _, w := range weight {
			if w > tol {
				n++
			}
		}
		kept := make([]trackPt, 0, n)
		for i, p := range pts {
			if weight[i] > tol {
				kept = append(kept, p)
			}
		}
		tl.levels = append(tl.levels, chunks(kept))
		if n == len(pts) {
			break
		}
	}
	return tl
}

// simplifyWeights gives each point the largest tolerance at which Douglas–Peucker keeps it: keeping the
// points whose weight exceeds a tolerance is that tolerance's simplification. The ends are always kept.
func simplifyWeights(pts []trackPt) []float64 {
	w := make([]float64, len(pts))
	if len(pts) == 0 {
		return w
	}
	w[0], w[len(pts)-1] = math.Inf(1), math.Inf(1)
	type span struct {
		a, b int
		max  float64 // the weight of the point that split off this span: no point in it weighs more
	}
	stack := []span{{0, len(pts) - 1, math.Inf(1)}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.b-s.a < 2 {
			continue
		}
		far, dist := s.a+1, -1.0
		for i := s.a + 1; i < s.b; i++ {
			if d := segmentDistance(pts[i], pts[s.a], pts[s.b]); d > dist {
				far, dist = i, d
			}
		}
		w[far] = math.Min(dist, s.max)
		stack = append(stack, span{s.a, far, w[far]}, span{far, s.b, w[far]})
	}
	return w
}

// segmentDistance is the distance from p to the segment a–b.
func segmentDistance(p, a, b trackPt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/l2))
	}
	return math.Hypot(p.x-(a.x+t*dx), p.y-(a.y+t*dy))
}

func chunks(pts []trackPt) []chunk {
	var out []chunk
	for start := 0; start < len(pts); start += trackChunk {
		end := min(start+trackChunk+1, len(pts)) // one point shared with the next chunk
		c := chunk{pts: pts[start:end], bounds: emptyBox()}
		for _, p := range c.pts {
			c.bounds.grow(p.x, p.y)
		}
		out = append(out, c)
		if end == len(pts) {
			break
		}
	}
	return out
}

func (b *box) grow(x, y float64) {
	b.minX, b.minY = math.Min(b.minX, x), math.Min(b.minY, y)
	b.maxX, b.maxY = math.Max(b.maxX, x), math.Max(b.maxY, y)
}

// level is the simplification of the track for a view at zoom: at most trackTolerance units off.
func (tl *trackLine) level(zoom float64) []chunk {
	z := int(math.Ceil(zoom))
	return tl.levels[max(0, min(len(tl.levels)-1, z-minZoom))]
}

// drawTracks draws every track: a pale casing, then the line in the colours of its dates on the photos'
// ramp (from t0 to t1), changing colour at most trackShades times along it.
func (s *scene) drawTracks(p *painter) {
	if len(s.tracks) == 0 {
		return
	}
	view := p.worldBox()
	visible := func(tl *trackLine, fn func(pts []pt)) {
		if !tl.bounds.overlaps(view) {
			return
		}
		for _, c := range tl.level(s.view.zoom) {
			if c.bounds.overlaps(view) {
				fn(p.projectTrack(c.pts))
			}
		}
	}
	for i := range s.tracks {
		visible(&s.tracks[i], func(line []pt) { p.addStroke(line, trackCasing*p.px) })
	}
	p.flush(trackCasingColour)
	t0, span := s.t0.UnixNano(), float64(s.t1.Sub(s.t0))
	shade := func(t int64) int {
		switch {
		case t == 0:
			return -1
		case span <= 0:
			return trackShades - 1
		}
		return int(math.Round(float64(t-t0) / span * (trackShades - 1)))
	}
	colourOf := func(k int) color.Color {
		if k < 0 {
			return trackUndated
		}
		return dateColour(float64(k) / (trackShades - 1))
	}
	for i := range s.tracks {
		tl := &s.tracks[i]
		if !tl.bounds.overlaps(view) {
			continue
		}
		cur := -2
		for _, c := range tl.level(s.view.zoom) {
			if !c.bounds.overlaps(view) {
				continue
			}
			// Runs of one shade: each segment takes the shade of its first point.
			start := 0
			for j := 1; j < len(c.pts); j++ {
				k := shade(c.pts[start].t)
				if j < len(c.pts)-1 && shade(c.pts[j].t) == k {
					continue
				}
				if k != cur {
					if cur != -2 {
						p.flush(colourOf(cur))
					}
					cur = k
				}
				p.addStroke(p.projectTrack(c.pts[start:j+1]), trackWidth*p.px)
				start = j
			}
		}
		if cur != -2 {
			p.flush(colourOf(cur))
		}
	}
}

// projectTrack converts track points to pixels into the painter's reusable path.
func (p *painter) projectTrack(pts []trackPt) []pt {
	p.path = p.path[:0]
	for _, w := range pts {
		p.path = append(p.path, p.at(w.x, w.y))
	}
	return p.path
}

// dateSpan is the first and last date of the dated photos and tracks, the ends of the date ramp; zero when
// nothing is dated.
func (m *Map) dateSpan() (t0, t1 time.Time) {
	widen := func(a, b time.Time) {
		if a.IsZero() {
			return
		}
		if t0.IsZero() || a.Before(t0) {
			t0 = a
		}
		if t1.IsZero() || b.After(t1) {
			t1 = b
		}
	}
	if d := m.dots; d.firstDated < d.len() {
		widen(d.time(d.firstDated), d.time(d.len()-1))
	}
	for _, tl := range m.tracks {
		widen(tl.t0, tl.t1)
	}
	return t0, t1
}

// TrackNames lists the names of the tracks drawn, one per segment, in the order set.
func (m *Map) TrackNames() []string {
	out := make([]string, len(m.tracks))
	for i, t := range m.tracks {
		out[i] = t.name
	}
	return out
}
