package hnsw

import (
	"slices"

	"github.com/viterin/vek/vek32"
)

// Result is a slot found by a search with its score, the dot product with the query (higher is closer).
type Result struct {
	Slot  uint32
	Score float32
}

// SearchOptions tune one search; zero values take the graph's defaults.
type SearchOptions struct {
	Ef int // candidate list size; raised to k when smaller. Default Config.EfSearch.
	// Allow, when set, limits results to slots it accepts. The walk still passes through other
	// nodes, so connectivity does not suffer (as in Lucene's filtered HNSW search).
	Allow func(slot uint32) bool
	// MaxVisits stops the search once it has computed this many distances; Search then reports
	// incomplete so the caller can fall back to an exact scan. Zero means no limit.
	MaxVisits int
}

// Search returns up to k slots nearest to q, best first.
func (g *Graph) Search(q []float32, k int) []Result {
	res, _ := g.SearchWith(q, k, SearchOptions{})
	return res
}

// SearchWith is Search with options. complete is false when MaxVisits cut the search short.
func (g *Graph) SearchWith(q []float32, k int, opt SearchOptions) (results []Result, complete bool) {
	if k <= 0 {
		return nil, true
	}
	g.resize.RLock()
	defer g.resize.RUnlock()

	g.entryMu.RLock()
	entry, top, ef := g.entry, g.top, g.cfg.EfSearch
	g.entryMu.RUnlock()
	if top == absent {
		return nil, true
	}
	if opt.Ef > 0 {
		ef = opt.Ef
	}
	ef = max(ef, k)

	if len(q) != len(g.vecs.Vector(entry)) {
		return nil, true // a query of the wrong size matches nothing, rather than panicking in Dot
	}
	sc := g.queryScorer(q)
	cur := candidate{entry, sc.dist(entry)}
	var buf []uint32
	for layer := top; layer > 0; layer-- {
		cur, buf = g.greedy(&sc, cur, layer, buf)
	}
	vis := g.getVisited(len(g.levels))
	defer g.putVisited(vis)
	found, complete := g.searchLayer(&sc, []candidate{cur}, ef, 0, vis, opt.Allow, opt.MaxVisits)
	sorted := found.sorted()
	if sc.codes != nil { // the ef candidates were found on codes: rank them by their float vectors
		willNeed(g.vecs, sorted)
		for i := range sorted {
			sorted[i].dist = 1 - vek32.Dot(q, g.vecs.Vector(sorted[i].slot))
		}
		slices.SortFunc(sorted, func(a, b candidate) int {
			if a.dist != b.dist {
				if a.dist < b.dist {
					return -1
				}
				return 1
			}
			return int(a.slot) - int(b.slot)
		})
	}
	if len(sorted) > k {
		sorted = sorted[:k]
	}
	results = make([]Result, len(sorted))
	for i, c := range sorted {
		results[i] = Result{Slot: c.slot, Score: 1 - c.dist}
	}
	return results, complete
}

// greedy walks layer towards q from cur, one best neighbour at a time.
func (g *Graph) greedy(sc *scorer, cur candidate, layer int, buf []uint32) (candidate, []uint32) {
	for changed := true; changed; {
		changed = false
		buf = g.neighbours(cur.slot, layer, buf)
		for _, n := range buf {
			if g.levelOf(n) < layer {
				continue // deleted since the list was written
			}
			if d := sc.dist(n); d < cur.dist {
				cur, changed = candidate{n, d}, true
			}
		}
	}
	return cur, buf
}

// searchLayer is the HNSW beam search on one layer. It returns up to ef nearest allowed nodes as a
// max-heap, and false if maxVisits was exceeded.
func (g *Graph) searchLayer(sc *scorer, entries []candidate, ef, layer int, vis *visited,
	allow func(uint32) bool, maxVisits int) (*maxHeap, bool) {
	cands := make(minHeap, 0, 2*ef)
	found := make(maxHeap, 0, ef+1)
	for _, e := range entries {
		if vis.visit(e.slot) {
			continue
		}
		cands.push(e)
		if allow == nil || allow(e.slot) {
			found.push(e)
		}
	}
	for len(found) > ef {
		found.pop()
	}
	visits := 0
	buf := make([]uint32, 0, 2*g.cfg.M)
	for len(cands) > 0 {
		c := cands.pop()
		if len(found) >= ef && c.dist > found.peek().dist {
			break
		}
		buf = g.neighbours(c.slot, layer, buf)
		fresh := buf[:0]
		for _, n := range buf {
			if !vis.visit(n) && g.levelOf(n) >= layer {
				fresh = append(fresh, n)
			}
		}
		sc.prefetch(fresh)
		for _, n := range fresh {
			d := sc.dist(n)
			visits++
			if maxVisits > 0 && visits > maxVisits {
				return &found, false
			}
			if len(found) < ef || d < found.peek().dist {
				cands.push(candidate{n, d})
				if allow == nil || allow(n) {
					found.push(candidate{n, d})
					if len(found) > ef {
						found.pop()
					}
				}
			}
		}
	}
	return &found, true
}
