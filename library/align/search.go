package align

import (
	"math"
	"slices"

	"github.com/cairn-photos/cairn/library/camera"
	"github.com/cairn-photos/cairn/library/geo"
	"github.com/cairn-photos/cairn/library/skyline"
	"github.com/cairn-photos/cairn/library/terrain"
)

// column is one reliable skyline column: its position in the photo and its confidence.
type column struct{ x, y, w float64 }

func reliableColumns(p skyline.Profile) []column {
	var cols []column
	for i := range p.Y {
		if p.Reliable(i) {
			cols = append(cols, column{p.X(i), float64(p.Y[i]), float64(p.Conf[i])})
		}
	}
	return cols
}

// maxColumns bounds the columns a search uses: every other of 256 is plenty, and the search costs in
// proportion.
const maxColumns = 128

// thin keeps at most maxColumns columns, evenly.
func thin(cols []column) []column {
	if len(cols) <= maxColumns {
		return cols
	}
	out := make([]column, maxColumns)
	for i := range out {
		out[i] = cols[i*len(cols)/maxColumns]
	}
	return out
}

// ray is where a skyline column looks for a view turned to heading 0: turning the camera about the vertical
// only adds the heading to every azimuth, so one set of rays serves every heading of a pitch, roll and FOV.
type ray struct{ az, el, w float64 }

// candidate is a scored view.
type candidate struct {
	view            camera.View
	score           float64 // mean truncated distance, degrees (0 … tol)
	agree, residual float64
	ok              bool
}

// search holds what one alignment needs, and scratch space.
type search struct {
	h     *terrain.Horizon
	cols  []column
	prior camera.Estimate
	opt   Options
	tol   float64 // a column agrees within this many degrees of the horizon
	rays  []ray
	res   []float64
	hist  []float64
}

// Search steps.
const (
	fineHeadingStep   = 0.05 // degrees
	roundHeadingReach = 0.4  // degrees either way a refinement round rescans the heading
	rollStep          = 0.5  // degrees
	fovStep           = 0.0125
	refineRounds      = 2
	polishSteps       = 4
	maxScanSteps      = 40 // a scan tries at most this many steps either way
)

func newSearch(h *terrain.Horizon, cols []column, prior camera.Estimate, opt Options) *search {
	// 2 % of the frame's height, and never below the horizon's own azimuth step's worth.
	tol := math.Max(0.02*prior.View.VFOV, 0.05)
	cols = thin(cols)
	return &search{h: h, cols: cols, prior: prior, opt: opt, tol: tol,
		rays: make([]ray, len(cols)), res: make([]float64, len(cols))}
}

// run returns the best view and the best-scoring one at a clearly different heading (ok false if none).
func (s *search) run() (best, second candidate) {
	base := s.prior.View
	step := math.Min(math.Max(base.HFOV/40, 0.2), 1)
	lo, span := 0.0, 360.0
	if s.prior.HasHeading {
		// On the same grid as the search all around, so that both find the same coarse best.
		lo = math.Floor((base.Heading-s.opt.HeadingWindowDeg)/step) * step
		span = base.Heading + s.opt.HeadingWindowDeg - lo
	}
	coarseTol := 2*s.tol + step/2
	n := int(math.Ceil(span/step)) + 1
	scores := make([]float64, n)
	s.castRays(base)
	for i := range scores {
		scores[i], _ = s.score(lo+float64(i)*step, base.Pitch, coarseTol)
	}
	minima := localMinima(scores, !s.prior.HasHeading)
	if len(minima) == 0 {
		return candidate{}, candidate{}
	}
	best = s.refine(base, lo+float64(minima[0])*step, step)
	sep := math.Max(1, base.HFOV/10)
	for _, i := range minima[1:] {
		h := lo + float64(i)*step
		if math.Abs(geo.OffsetDeg(h, best.view.Heading)) <= sep {
			continue
		}
		v := best.view
		v.Heading = h
		second = s.refineHeading(v, step)
		break
	}
	return best, second
}

// localMinima returns the indexes of the local minima of v, best first (wrapping around for a full circle).
func localMinima(v []float64, circular bool) []int {
	n := len(v)
	var out []int
	for i := range v {
		l, r := i-1, i+1
		if circular {
			l, r = (i-1+n)%n, (i+1)%n
		}
		if (l < 0 || v[i] <= v[l]) && (r >= n || v[i] < v[r]) {
			out = append(out, i)
		}
	}
	slices.SortFunc(out, func(a, b int) int { return cmpFloat(v[a], v[b]) })
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// refine improves a coarse heading: heading, then roll, then field of view, twice, each scan also settling
// the pitch; then the heading once more at the final pose.
func (s *search) refine(base camera.View, heading, coarseStep float64) candidate {
	v := base
	v.Heading = heading
	c := s.refineHeading(v, coarseStep)
	for range refineRounds {
		c = s.refineHeading(c.view, roundHeadingReach)
		c = s.scan(c, func(v camera.View, k int) (camera.View, bool) {
			v.Roll = s.prior.View.Roll + float64(k)*rollStep
			return v, math.Abs(v.Roll-s.prior.View.Roll) <= s.opt.RollWindowDeg
		})
		c = s.scan(c, func(v camera.View, k int) (camera.View, bool) {
			f := 1 + float64(k)*fovStep
			v.HFOV, v.VFOV = scaleFOV(s.prior.View.HFOV, f), scaleFOV(s.prior.View.VFOV, f)
			return v, math.Abs(f-1) <= s.opt.FOVWindow+1e-9
		})
	}
	return s.refineHeading(c.view, 2*fineHeadingStep)
}

// scaleFOV is the field of view of a focal length 1/f times the one that gives fov.
func scaleFOV(fov, f float64) float64 {
	return 2 * geo.Deg(math.Atan(math.Tan(geo.Rad(fov)/2)*f))
}

// scan tries the views vary(c.view, k) for k = …, −1, 0, 1, … while they are allowed, and keeps the best.
func (s *search) scan(c candidate, vary func(camera.View, int) (camera.View, bool)) candidate {
	for k := -maxScanSteps; k <= maxScanSteps; k++ {
		v, ok := vary(c.view, k)
		if !ok {
			continue
		}
		if t := s.estimate(v); t.score < c.score {
			c = t
		}
	}
	return s.evaluate(c.view)
}

// refineHeading scans headings within ±reach of v's at the fine step and settles the pitch at the best.
func (s *search) refineHeading(v camera.View, reach float64) candidate {
	s.castRays(v)
	bestH, bestScore := v.Heading, math.Inf(1)
	for h := v.Heading - reach; h <= v.Heading+reach+1e-9; h += fineHeadingStep {
		if sc, _ := s.score(h, v.Pitch, s.tol); sc < bestScore {
			bestH, bestScore = h, sc
		}
	}
	v.Heading = geo.NormDeg(bestH)
	return s.evaluate(v)
}

// evaluate scores a view: its heading is first polished within a few fine steps (a change of roll or field
// of view moves the best heading a little) and its pitch moved by the offset that fits best, then the view is
// scored exactly at that pitch.
func (s *search) evaluate(v camera.View) candidate {
	c := s.estimate(v)
	s.castRays(c.view)
	score, off := s.score(c.view.Heading, c.view.Pitch, s.tol)
	c.score = score
	c.agree, c.residual = s.agreement(off)
	return c
}

// estimate is evaluate without the exact rescoring: the pitch offset is applied as a shift of elevations,
// which is exact at the frame's centre and off by (1 − cos) of the azimuth from it elsewhere; good enough to
// compare the views of a scan.
func (s *search) estimate(v camera.View) candidate {
	s.castRays(v)
	bestH, bestScore, off := v.Heading, math.Inf(1), 0.0
	for k := -polishSteps; k <= polishSteps; k++ {
		h := v.Heading + float64(k)*fineHeadingStep
		if sc, o := s.score(h, v.Pitch, s.tol); sc < bestScore {
			bestH, bestScore, off = h, sc, o
		}
	}
	v.Heading = geo.NormDeg(bestH)
	v.Pitch -= off
	return candidate{view: v, score: bestScore, ok: true}
}

// castRays fills s.rays for the view (at heading 0).
func (s *search) castRays(v camera.View) {
	v.Heading = 0
	p := v.Projector()
	for i, c := range s.cols {
		az, el := p.Ray(c.x, c.y)
		if az > 180 {
			az -= 360
		}
		s.rays[i] = ray{az, el, c.w}
	}
}

// score is the mean truncated distance (degrees) between the rays turned to heading and the horizon, after the
// vertical offset that fits them best (the mode of the differences, within what the pitch window allows
// around the prior pitch given the view's current pitch); it leaves the differences in s.res.
func (s *search) score(heading, pitch, tol float64) (score, offset float64) {
	for i, r := range s.rays {
		e, _ := s.h.At(r.az + heading)
		s.res[i] = math.NaN()
		if e > noTerrain {
			s.res[i] = r.el - e
		}
	}
	// The pitch may move to prior ± window: offsets (current − new pitch) in [lo, hi].
	lo := pitch - (s.prior.View.Pitch + s.opt.PitchWindowDeg)
	hi := pitch - (s.prior.View.Pitch - s.opt.PitchWindowDeg)
	offset = s.bestOffset(lo, hi, tol)
	var sum, wsum float64
	for i, r := range s.rays {
		sum += r.w * cost(s.res[i]-offset, tol)
		wsum += r.w
	}
	return sum / wsum, offset
}

// cost is what a column whose skyline lies d degrees above the rendered horizon costs. Something in front of
// the mountains (a person, a tree, a cloud) can only raise the photo's skyline, never show sky where terrain
// stands: so a skyline above the horizon costs at most tol, one below it up to twice that.
func cost(d, tol float64) float64 {
	switch {
	case math.IsNaN(d):
		return tol
	case d >= 0:
		return math.Min(d, tol)
	}
	return math.Min(-d, 2*tol)
}

// bestOffset finds the vertical offset in [lo, hi] that the most weight of s.res lies near: the peak of a
// histogram with bins of tol/2, refined to the weighted mean of the differences within tol of it.
func (s *search) bestOffset(lo, hi, tol float64) float64 {
	bin := tol / 2
	n := int(math.Ceil((hi-lo)/bin)) + 1
	if cap(s.hist) < n {
		s.hist = make([]float64, n)
	}
	hist := s.hist[:n]
	clear(hist)
	for i, r := range s.res {
		if math.IsNaN(r) {
			continue
		}
		k := int(math.Round((r - lo) / bin))
		for d := -1; d <= 1; d++ { // each difference supports the offsets within tol of it
			if j := k + d; j >= 0 && j < n {
				hist[j] += s.rays[i].w
			}
		}
	}
	peak := 0
	for j := range hist {
		if hist[j] > hist[peak] {
			peak = j
		}
	}
	centre := lo + float64(peak)*bin
	var sum, wsum float64
	for i, r := range s.res {
		if !math.IsNaN(r) && math.Abs(r-centre) < tol {
			sum += s.rays[i].w * r
			wsum += s.rays[i].w
		}
	}
	if wsum == 0 {
		return math.Min(math.Max(0, lo), hi)
	}
	return math.Min(math.Max(sum/wsum, lo), hi)
}

// agreement is the weighted share of columns within tolerance of the horizon (s.res after score) and their
// median distance.
func (s *search) agreement(offset float64) (share, median float64) {
	var in, total float64
	var ds []float64
	for i, r := range s.res {
		total += s.rays[i].w
		if d := math.Abs(r - offset); !math.IsNaN(r) && d < s.tol {
			in += s.rays[i].w
			ds = append(ds, d)
		}
	}
	if len(ds) > 0 {
		slices.Sort(ds)
		median = ds[len(ds)/2]
	}
	return in / total, median
}
