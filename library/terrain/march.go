package terrain

import (
	"math"
	"sort"

	"github.com/cairn-photos/cairn/library/geo"
)

// steps is the sampling schedule shared by all rays of a horizon: distances, the curvature drop at each and
// the reciprocal of the distance, computed once.
type steps struct {
	dist, drop, inv []float64
}

func newSteps(nearStepM, relStep, maxDistM float64) steps {
	var st steps
	for s := minSightM; s <= maxDistM; s += math.Max(nearStepM, s*relStep) {
		st.dist = append(st.dist, s)
		st.drop = append(st.drop, geo.CurvatureDropM(s))
		st.inv = append(st.inv, 1/s)
	}
	return st
}

// uniformSteps is a schedule of steps stepM apart from from to before to.
func uniformSteps(stepM, from, to float64) steps {
	var st steps
	for s := from; s < to; s += stepM {
		st.dist = append(st.dist, s)
		st.drop = append(st.drop, geo.CurvatureDropM(s))
		st.inv = append(st.inv, 1/s)
	}
	return st
}

// marchRay walks a ray over the steps kFrom to kTo−1 and returns the tangent of the apparent elevation of its
// highest point and that point's distance, when it rises above best (else best and 0), and the distance of the
// first sample without data (−1 when none). This is the horizon's inner loop: the current tile's geometry is
// kept in locals, heights are read straight from its samples, the ray jumps over blocks and tiles whose highest
// point cannot rise above best, and stops once not even the grid's highest point could.
func marchRay(g *tileGrid, r *ray, st *steps, kFrom, kTo int, eyeAltM, best float64) (bestTan, bestD, gapM float64) {
	bestD, reach := 0.0, -1.0
	top := g.maxH - eyeAltM // the highest terrain anywhere, above the eye
	var (
		cur                 *tile
		latLo, latHi, lonLo float64 // the current tile's bounds
		lonHi, scale, tMax  float64
		n                   int
		hs                  []int16
		bm                  *blockMaxima
	)
	for k := kFrom; k < kTo; k++ {
		s := st.dist[k]
		if top > 0 && (top-st.drop[k])*st.inv[k] <= best {
			// Nothing further out can rise above the skyline (the bound falls with distance), unless it
			// lies in a tile the DEM does not have.
			return best, bestD, g.firstGap(r, st, k, kTo, reach)
		}
		pLat, pLon := r.at(s)
		if cur == nil || pLat < latLo || pLat >= latHi || pLon < lonLo || pLon >= lonHi {
			cur = g.tileAt(pLat, pLon)
			if cur == nil {
				if reach < 0 {
					reach = s
				}
				continue
			}
			latLo, latHi = float64(cur.key.lat), float64(cur.key.lat+1)
			lonLo, lonHi = float64(cur.key.lon), float64(cur.key.lon+1)
			n, hs, scale, tMax = cur.n, cur.h, float64(cur.n-1), float64(cur.maxH)
			bm = &cur.blockMaxima
		}
		fr, fc := (latHi-pLat)*scale, (pLon-lonLo)*scale // position in samples from the north-west corner
		if (tMax-eyeAltM-st.drop[k])*st.inv[k] <= best {
			k = skipTo(st.dist[:kTo], k, s+r.exitM(s, scale, fr, fc, 0, float64(n-1), 0, float64(n-1)))
			continue
		}
		var z float64
		if cur.voids {
			var ok bool
			if z, ok = cur.at(pLat, pLon); !ok {
				if reach < 0 {
					reach = s
				}
				continue
			}
		} else {
			r0, c0 := int(fr), int(fc)
			if r0 >= n-1 {
				r0 = n - 2
			}
			if c0 >= n-1 {
				c0 = n - 2
			}
			if shift := bm.shift + coarseShift; (float64(bm.coarse[(r0>>shift)*bm.coarseBlocks+c0>>shift])-eyeAltM-st.drop[k])*st.inv[k] <= best {
				k = skipTo(st.dist[:kTo], k, s+r.exitBlockM(s, scale, fr, fc, r0, c0, shift))
				continue
			}
			if (float64(bm.fine[(r0>>bm.shift)*bm.blocks+c0>>bm.shift])-eyeAltM-st.drop[k])*st.inv[k] <= best {
				k = skipTo(st.dist[:kTo], k, s+r.exitBlockM(s, scale, fr, fc, r0, c0, bm.shift))
				continue
			}
			wr, wc := fr-float64(r0), fc-float64(c0)
			q := hs[r0*n+c0 : r0*n+c0+n+2]
			north := float64(q[0]) + wc*float64(q[1]-q[0])
			south := float64(q[n]) + wc*float64(q[n+1]-q[n])
			z = north + wr*(south-north)
		}
		if tan := (z - eyeAltM - st.drop[k]) * st.inv[k]; tan > best {
			best, bestD = tan, s
		}
	}
	return best, bestD, reach
}

// exitM is how far the ray, at s metres and at (fr, fc) in a tile's samples (scale samples per degree), goes
// before it leaves the rectangle of rows r0–r1 and columns c0–c1, to first order (over a block or a tile the
// ray's curvature is far below a sample), less half a metre so as never to overshoot.
func (r *ray) exitM(s, scale, fr, fc, r0, r1, c0, c1 float64) float64 {
	dr := -(r.lat1 + 2*r.lat2*s) * scale // rows grow southwards
	dc := (r.lon1 + 2*r.lon2*s) * scale
	exit := math.Inf(1)
	switch {
	case dr > 0:
		exit = (r1 - fr) / dr
	case dr < 0:
		exit = (r0 - fr) / dr
	}
	switch {
	case dc > 0:
		exit = math.Min(exit, (c1-fc)/dc)
	case dc < 0:
		exit = math.Min(exit, (c0-fc)/dc)
	}
	return exit - 0.5
}

// exitBlockM is exitM for the block 1<<shift samples wide holding cell (r0, c0).
func (r *ray) exitBlockM(s, scale, fr, fc float64, r0, c0, shift int) float64 {
	side := 1 << shift
	br, bc := float64(r0>>shift<<shift), float64(c0>>shift<<shift)
	return r.exitM(s, scale, fr, fc, br, br+float64(side), bc, bc+float64(side))
}

// skipTo returns the index of the last step before distance s (at least k), so that the loop's next step is
// the first at or beyond s.
func skipTo(dist []float64, k int, s float64) int {
	if k+1 >= len(dist) || dist[k+1] >= s {
		return k
	}
	return k + sort.SearchFloat64s(dist[k+1:], s)
}

// firstGap is gap, or when that is −1 (none found yet) the distance of the first step from k on that falls
// outside the grid's tiles (−1 when none does). It jumps from tile to tile.
func (g *tileGrid) firstGap(r *ray, st *steps, k, kTo int, gap float64) float64 {
	if gap >= 0 || g.complete {
		return gap
	}
	for ; k < kTo; k++ {
		s := st.dist[k]
		lat, lon := r.at(s)
		t := g.tileAt(lat, lon)
		if t == nil {
			return s
		}
		scale := float64(t.n - 1)
		fr, fc := (float64(t.key.lat+1)-lat)*scale, (lon-float64(t.key.lon))*scale
		k = skipTo(st.dist[:kTo], k, s+r.exitM(s, scale, fr, fc, 0, scale, 0, scale))
	}
	return -1
}
