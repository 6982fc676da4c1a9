package vectors

import (
	"runtime"
	"sort"
	"sync"

	"github.com/cairn-photos/cairn/index/hnsw"
	"github.com/cairn-photos/cairn/index/quant"
	"github.com/viterin/vek/vek32"
)

// Rows is read access to vectors by slot: a Store, a Matrix, anything the graph can also read.
type Rows = hnsw.Vectors

// Scored is a slot with its dot product against a query.
type Scored = hnsw.Result

// minParallelRows is the scan size below which one goroutine beats starting several.
const minParallelRows = 8192

// ExactSearch scores slots [0, n) of rows against q and returns the k best, best first. allow, when
// set, skips slots it rejects (deleted slots, filters). The scan is split over workers goroutines
// (0 = one per CPU), each keeping its own bounded heap.
//
// When rows has int8 codes ready (hnsw.Codes), the scan scores the codes, a quarter of the memory of the
// floats, keeps the best rescoreDepth(k), and ranks those by their float vectors: the results and scores
// are the floats', and a true top-k result is lost only if quantization pushes it below that depth.
func ExactSearch(rows Rows, n int, q []float32, k int, allow func(uint32) bool, workers int) []Scored {
	if codes, qc, qs := queryCodes(rows, q); codes != nil {
		depth := rescoreDepth(k)
		found := exact(n, workers, depth, func(lo, hi int, top *topK) {
			for s := uint32(lo); s < uint32(hi); s++ {
				if allow == nil || allow(s) {
					c, scale := codes.Code(s)
					top.offer(Scored{Slot: s, Score: qs * scale * float32(quant.Dot(qc, c))}, depth)
				}
			}
		})
		return rescore(rows, q, found, k)
	}
	return exact(n, workers, k, func(lo, hi int, top *topK) {
		for s := uint32(lo); s < uint32(hi); s++ {
			if allow == nil || allow(s) {
				top.offer(Scored{Slot: s, Score: vek32.Dot(q, rows.Vector(s))}, k)
			}
		}
	})
}

// ExactSearchSlots is ExactSearch over an explicit list of slots, for selective filters where
// listing the allowed slots is cheaper than testing every slot.
func ExactSearchSlots(rows Rows, slots []uint32, q []float32, k int) []Scored {
	if codes, qc, qs := queryCodes(rows, q); codes != nil {
		depth := rescoreDepth(k)
		found := exact(len(slots), 0, depth, func(lo, hi int, top *topK) {
			part := slots[lo:hi]
			for i, s := range part {
				if i+prefetchAhead < len(part) { // scattered rows: the hardware prefetcher cannot guess them
					codes.PrefetchCode(part[i+prefetchAhead])
				}
				c, scale := codes.Code(s)
				top.offer(Scored{Slot: s, Score: qs * scale * float32(quant.Dot(qc, c))}, depth)
			}
		})
		return rescore(rows, q, found, k)
	}
	return exact(len(slots), 0, k, func(lo, hi int, top *topK) {
		for _, s := range slots[lo:hi] {
			top.offer(Scored{Slot: s, Score: vek32.Dot(q, rows.Vector(s))}, k)
		}
	})
}

// Rescoring: a scan of codes keeps rescoreFactor·k candidates, and at least minRescore, for the floats to
// rank. Quantization moves a 768-d unit vector's score by about 10⁻³ (package quant), so only results
// within that of the k-th can swap places with it. On 768-d clustered and uniform vectors
// (TestCodesScanRecall) rescoring only k keeps recall@k at 0.987–0.998, twice k at 1.000; four times k
// leaves a margin for 4·k float rows read at random.
const (
	rescoreFactor = 4
	minRescore    = 100
)

// prefetchAhead is how many rows ahead a scan of scattered slots asks for the codes it will score.
const prefetchAhead = 8

func rescoreDepth(k int) int { return max(rescoreFactor*k, minRescore) }

// queryCodes returns rows's codes and q's code and scale, or nil codes when rows has none ready.
func queryCodes(rows Rows, q []float32) (hnsw.Codes, []int8, float32) {
	codes, ok := rows.(hnsw.Codes)
	if !ok || !codes.CodesReady() {
		return nil, nil, 0
	}
	qc := make([]int8, len(q))
	return codes, qc, quant.Quantize(qc, q)
}

// rescore replaces the scores of found by the float dot products and returns the k best, best first.
func rescore(rows Rows, q []float32, found []Scored, k int) []Scored {
	if d, ok := rows.(hnsw.RowsOnDisk); ok {
		d.WillNeed(func(yield func(uint32) bool) {
			for _, f := range found {
				if !yield(f.Slot) {
					return
				}
			}
		})
	}
	for i := range found {
		found[i].Score = vek32.Dot(q, rows.Vector(found[i].Slot))
	}
	sortBest(found)
	return found[:min(k, len(found))]
}

// exact splits [0, n) into ranges, runs scan on each from its own goroutine, and merges the heaps.
func exact(n, workers, k int, scan func(lo, hi int, top *topK)) []Scored {
	if k <= 0 || n <= 0 {
		return nil
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n/minParallelRows))
	parts := make([]topK, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w] = make(topK, 0, k+1)
			scan(n*w/workers, n*(w+1)/workers, &parts[w])
		}()
	}
	wg.Wait()
	all := parts[0]
	for _, p := range parts[1:] {
		for _, s := range p {
			all.offer(s, k)
		}
	}
	return all.sorted()
}

// topK is a min-heap on score holding the k best seen so far; the worst sits at index 0.
type topK []Scored

func (t *topK) offer(s Scored, k int) {
	a := *t
	if len(a) == k {
		if s.Score <= a[0].Score {
			return
		}
		a[0] = s
		t.down(0)
		return
	}
	a = append(a, s)
	*t = a
	for i := len(a) - 1; i > 0; {
		p := (i - 1) / 2
		if a[p].Score <= a[i].Score {
			break
		}
		a[p], a[i] = a[i], a[p]
		i = p
	}
}

func (t topK) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(t) {
			return
		}
		m := l
		if r := l + 1; r < len(t) && t[r].Score < t[l].Score {
			m = r
		}
		if t[i].Score <= t[m].Score {
			return
		}
		t[i], t[m] = t[m], t[i]
		i = m
	}
}

func (t topK) sorted() []Scored {
	out := append([]Scored(nil), t...)
	sortBest(out)
	return out
}

// sortBest orders by score, best first, and by slot among equal scores.
func sortBest(s []Scored) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].Score != s[j].Score {
			return s[i].Score > s[j].Score
		}
		return s[i].Slot < s[j].Slot
	})
}
