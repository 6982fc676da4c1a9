package skyline

import (
	"image"
	"math"
)

// Columns is the number of columns Detect returns, and the working width.
const Columns = 256

// Detect finds the skyline of an upright photo. img may be any size; it is shrunk to Columns wide first, so a
// thumbnail of 256–512 px is all it needs. It is safe for concurrent use.
func Detect(img image.Image) Profile {
	b := img.Bounds()
	if b.Dx() < 16 || b.Dy() < 16 {
		return empty(Columns, max(b.Dx(), 0), max(b.Dy(), 0))
	}
	w := Columns
	h := min(max(int(math.Round(float64(w)*float64(b.Dy())/float64(b.Dx()))), 32), 4*Columns)
	return detect(shrink(img, w, h))
}

func empty(n, w, h int) Profile {
	p := Profile{Width: w, Height: h, Y: make([]float32, n), Conf: make([]float32, n)}
	for i := range p.Y {
		p.Y[i] = float32(math.NaN())
	}
	return p
}

// Weights of the path's energy, in units of "one pixel on the wrong side of the boundary".
const (
	weightSkyBelow = 1.5  // a sky-like pixel below the boundary (less than a terrain pixel above: snow looks like sky)
	weightEdge     = 0.05 // a full-contrast edge at the boundary, times the working height
	weightJump     = 0.6  // one row of vertical step between neighbouring columns
	belowBand      = 10   // the band below the boundary that should not look like sky: 1/belowBand of the height
)

func detect(px planes) Profile {
	w, h := px.w, px.h
	skyAbove, skyBelow := skyness(px)
	edge, energy := make([]float32, w*(h+1)), make([]float32, w*(h+1))
	edges(edge, px, skyBelow)
	boundaryEnergy(energy, skyAbove, skyBelow, edge, w, h)
	rows := bestPath(energy, w, h+1, weightJump)
	refine(px, rows, skyAbove, skyBelow) // then again with what this photo's sky and terrain look like
	edges(edge, px, skyBelow)
	boundaryEnergy(energy, skyAbove, skyBelow, edge, w, h)
	rows = bestPath(energy, w, h+1, weightJump)
	out := Profile{Width: w, Height: h, Y: make([]float32, w), Conf: make([]float32, w)}
	var sum float32
	for x, b := range rows {
		out.Y[x] = float32(math.NaN())
		if b == 0 || b == h {
			continue // no sky, or no terrain, in this column
		}
		out.Y[x] = float32(b) / float32(h)
		out.Conf[x] = columnConfidence(skyAbove, skyBelow, edge, w, h, x, b)
	}
	distrustNotches(out)
	distrustOccluders(out)
	for _, c := range out.Conf {
		sum += c
	}
	out.Informative = sum / float32(w)
	return out
}

// distrustNotches lowers the confidence of columns whose boundary lies far below the skyline on both sides
// of it within a few columns: a narrow gap like that is seldom the mountains' outline, more often sky seen
// between foreground things (a person's arm, a flag pole, branches) or a snow gully the path slipped into.
func distrustNotches(p Profile) {
	const reach = Columns / 32
	const depth = 0.08
	n := len(p.Y)
	for x, y := range p.Y {
		if math.IsNaN(float64(y)) {
			continue
		}
		left, right := float32(math.Inf(1)), float32(math.Inf(1))
		for d := 1; d <= reach; d++ {
			if x-d >= 0 && !math.IsNaN(float64(p.Y[x-d])) {
				left = min(left, p.Y[x-d])
			}
			if x+d < n && !math.IsNaN(float64(p.Y[x+d])) {
				right = min(right, p.Y[x+d])
			}
		}
		if y-max(left, right) > depth {
			p.Conf[x] *= 0.2
		}
	}
}

// edges scores into out, for every column and every boundary row b (between rows b-1 and b, 1 ≤ b < h), how much it looks
// like a skyline edge: a colour change from the two rows above to the two rows below, counted fully when the
// pixels above look more like sky than those below. Row 0 and row h (no boundary in the frame) score 0.
func edges(out []float32, px planes, sky []float32) {
	w, h := px.w, px.h
	for b := 2; b+1 < h; b++ {
		for x := range w {
			u1, u2, d1, d2 := (b-1)*w+x, (b-2)*w+x, b*w+x, (b+1)*w+x
			dc := abs(px.r[u1]+px.r[u2]-px.r[d1]-px.r[d2]) + abs(px.g[u1]+px.g[u2]-px.g[d1]-px.g[d2]) +
				abs(px.b[u1]+px.b[u2]-px.b[d1]-px.b[d2])
			dc /= 6
			ds := (sky[u1] + sky[u2] - sky[d1] - sky[d2]) / 2
			out[b*w+x] = min(dc/0.12, 1) * (0.25 + 0.75*smoothstep(-0.05, 0.3, ds))
		}
	}
}

// boundaryEnergy fills e with the cost of putting the boundary of column x at row b (0 ≤ b ≤ h; b = 0: all
// terrain, b = h: all sky): the non-sky above it, the sky in a band just below it, less the edge there. Only a
// band below counts because what lies far below the skyline may well look like sky (a sea of cloud, haze, a
// lake, snow). Stored b-major: e[b*w+x]; running sums per column keep it one pass.
func boundaryEnergy(e, skyAbove, skyBelow, edge []float32, w, h int) {
	band := max(h/belowBand, 2)
	edgeWeight := weightEdge * float32(h)
	notSkyAbove := make([]float32, w) // Σ (1 − skyAbove) over rows < b
	skyInBand := make([]float32, w)   // Σ skyBelow over rows b … b+band−1
	for y := range min(band, h) {
		for x := range w {
			skyInBand[x] += skyBelow[y*w+x]
		}
	}
	for b := 0; b <= h; b++ {
		row := e[b*w : (b+1)*w]
		for x := range w {
			row[x] = notSkyAbove[x] + weightSkyBelow*skyInBand[x] - edgeWeight*edge[b*w+x]
		}
		if b == h {
			break
		}
		for x := range w {
			notSkyAbove[x] += 1 - skyAbove[b*w+x]
			skyInBand[x] -= skyBelow[b*w+x]
			if b+band < h {
				skyInBand[x] += skyBelow[(b+band)*w+x]
			}
		}
	}
}

// columnConfidence rates the boundary of column x at row b: clear sky above, terrain below, a sharp edge.
func columnConfidence(skyAbove, skyBelow, edge []float32, w, h, x, b int) float32 {
	band := max(h/12, 3)
	var above float32
	for y := max(b-band, 0); y < b; y++ {
		above += skyAbove[y*w+x]
	}
	above /= float32(band) // rows missing above the frame's top count as not sky
	var below float32
	m := max(band/2, 2)
	for y := b; y < min(b+m, h); y++ {
		below += skyBelow[y*w+x]
	}
	below /= float32(m)
	return smoothstep(0.2, 0.7, above) * (1 - smoothstep(0.3, 0.7, below)) * (0.4 + 0.6*edge[b*w+x])
}

// Occluders: a stretch of the boundary that stands up from its neighbours with a sheer step on each side (or
// on one side, at the frame's edge) and is narrow is more likely a thing
// in front of the mountains (a person, a stupa, a tree, a cloud) than their outline: the mountains' own
// outline, seen from afar, seldom has a step that sheer.
const (
	sheerStep        = 0.04 // of the height, between neighbouring columns
	maxOccluderWidth = 0.35 // of the width
	// At the frame's edge a stretch with one sheer step is as often a nearer ridge leaving the frame.
	maxEdgeOccluderWidth = 0.15
)

func distrustOccluders(p Profile) {
	n := len(p.Y)
	step := func(x int) float32 { // the rise from column x to x+1 (positive: x+1 is higher), 0 across gaps
		a, b := p.Y[x], p.Y[x+1]
		if math.IsNaN(float64(a)) || math.IsNaN(float64(b)) {
			return 0
		}
		return a - b
	}
	var jumps []int // x: a sheer step between x and x+1
	for x := 0; x+1 < n; x++ {
		if abs(step(x)) > sheerStep {
			jumps = append(jumps, x)
			for _, c := range []int{x, x + 1} {
				p.Conf[c] *= 0.5 // the boundary is uncertain on a step
			}
		}
	}
	// Each stretch between consecutive sheer steps (or a step and the frame's edge).
	bounds := append(append([]int{-1}, jumps...), n-1)
	for i := 0; i+1 < len(bounds); i++ {
		lo, hi := bounds[i]+1, bounds[i+1] // columns lo..hi
		width := float64(hi-lo+1) / float64(n)
		atEdge := lo == 0 || hi == n-1
		if width > maxOccluderWidth || atEdge && width > maxEdgeOccluderWidth {
			continue
		}
		upLeft := lo == 0 || step(lo-1) > sheerStep
		upRight := hi == n-1 || step(hi) < -sheerStep
		if upLeft && upRight {
			for x := lo; x <= hi; x++ {
				p.Conf[x] *= 0.25
			}
		}
	}
}
