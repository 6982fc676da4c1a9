package track

import (
	"sort"
	"time"
)

// Options are the placement settings.
type Options struct {
	// MaxGap is the longest interval between two recorded points across which a photo is placed by
	// interpolation; in a longer one (the receiver was off, or lost the sky) the photo stays unplaced.
	MaxGap time.Duration
	// EdgeSlack is how long before a segment's first point or after its last a photo is still placed, at
	// that point.
	EdgeSlack time.Duration
}

// DefaultOptions suit walking: a watch records every few seconds, and five minutes without a point is a gap.
var DefaultOptions = Options{MaxGap: 5 * time.Minute, EdgeSlack: time.Minute}

// Fix is a position placed from a track.
type Fix struct {
	Lat, Lon float64
	Ele      float64
	HasEle   bool
	// Gap is the interval between the two points interpolated (0 at a point or a segment's end): how much the
	// fix is guessed.
	Gap time.Duration
}

// Placer places times on a set of segments (from any number of tracks).
type Placer struct {
	segs []Segment // sorted by start time
	opt  Options
}

// NewPlacer indexes the segments of tracks. Zero options take DefaultOptions' values.
func NewPlacer(tracks []Track, opt Options) *Placer {
	if opt.MaxGap <= 0 {
		opt.MaxGap = DefaultOptions.MaxGap
	}
	if opt.EdgeSlack < 0 {
		opt.EdgeSlack = 0
	}
	p := &Placer{opt: opt}
	for _, t := range tracks {
		for _, s := range t.Segments {
			if len(s) > 0 {
				p.segs = append(p.segs, s)
			}
		}
	}
	sort.SliceStable(p.segs, func(i, j int) bool { return p.segs[i][0].Time.Before(p.segs[j][0].Time) })
	return p
}

// Empty reports whether the placer has no points.
func (p *Placer) Empty() bool { return len(p.segs) == 0 }

// Place returns the position at instant t: interpolated between the two points around it, or the nearest end
// of a segment within EdgeSlack. When segments overlap in time, the one whose answer is the least guessed wins.
func (p *Placer) Place(t time.Time) (Fix, bool) {
	var best Fix
	found := false
	for _, s := range p.segs {
		if s[0].Time.After(t.Add(p.opt.EdgeSlack)) {
			break // sorted by start: no later segment starts in time
		}
		f, ok := placeOn(s, t, p.opt)
		if ok && (!found || f.Gap < best.Gap) {
			best, found = f, true
		}
	}
	return best, found
}

func placeOn(s Segment, t time.Time, opt Options) (Fix, bool) {
	first, last := s[0], s[len(s)-1]
	switch {
	case t.Before(first.Time):
		return fixAt(first), first.Time.Sub(t) <= opt.EdgeSlack
	case t.After(last.Time):
		return fixAt(last), t.Sub(last.Time) <= opt.EdgeSlack
	}
	// The first point after t; t lies in [s[i-1], s[i]].
	i := sort.Search(len(s), func(i int) bool { return s[i].Time.After(t) })
	if i == len(s) {
		return fixAt(last), true // t is the last point's time
	}
	a, b := s[i-1], s[i]
	gap := b.Time.Sub(a.Time)
	if t.Equal(a.Time) {
		return fixAt(a), true
	}
	if gap > opt.MaxGap {
		return Fix{}, false
	}
	f := float64(t.Sub(a.Time)) / float64(gap)
	dLon := b.Lon - a.Lon
	if dLon > 180 { // across the antimeridian the short way
		dLon -= 360
	} else if dLon < -180 {
		dLon += 360
	}
	lon := a.Lon + f*dLon
	if lon > 180 {
		lon -= 360
	} else if lon < -180 {
		lon += 360
	}
	fix := Fix{Lat: a.Lat + f*(b.Lat-a.Lat), Lon: lon, Gap: gap}
	switch {
	case a.HasEle && b.HasEle:
		fix.Ele, fix.HasEle = a.Ele+f*(b.Ele-a.Ele), true
	case a.HasEle && f < 0.5:
		fix.Ele, fix.HasEle = a.Ele, true
	case b.HasEle && f >= 0.5:
		fix.Ele, fix.HasEle = b.Ele, true
	}
	return fix, true
}

func fixAt(p Point) Fix {
	return Fix{Lat: p.Lat, Lon: p.Lon, Ele: p.Ele, HasEle: p.HasEle}
}
