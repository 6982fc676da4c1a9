// Package hnsw is a hierarchical navigable small world graph (Malkov & Yashunin) over vectors that live
// elsewhere. The graph stores only neighbour lists of slot numbers; it reads vectors through the Vectors
// interface, so a memory-mapped vector file is never duplicated in memory.
//
// Vectors are expected to be unit length; the score is the dot product (cosine) and the graph's distance
// is 1 − dot. Add, Delete and Search are safe for concurrent use.
package hnsw

import (
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
)

// Vectors gives the graph read access to the vector stored in a slot.
type Vectors interface {
	Vector(slot uint32) []float32
}

// RowsOnDisk is what Vectors whose rows may still be on disk (a memory-mapped file) implement: WillNeed
// asks for the rows of slots to be read ahead of their use, so that the rows a rescoring is about to read
// come from the disk side by side instead of one page fault after another.
type RowsOnDisk interface {
	WillNeed(slots func(yield func(uint32) bool))
}

// willNeed passes the slots of cands to vecs's WillNeed, when it has one.
func willNeed(vecs Vectors, cands []candidate) {
	if d, ok := vecs.(RowsOnDisk); ok {
		d.WillNeed(func(yield func(uint32) bool) {
			for _, c := range cands {
				if !yield(c.slot) {
					return
				}
			}
		})
	}
}

// Config holds the graph's tuning knobs; a zero field takes its default.
type Config struct {
	M              int     // links per node on upper layers; layer 0 keeps 2·M. Default 16.
	Ml             float64 // level multiplier; default 1/ln(M).
	EfConstruction int     // candidate list size while inserting. Default 128.
	EfSearch       int     // candidate list size while searching. Default 64.
	Seed           uint64  // seed for level draws, for reproducible graphs.
}

func (c Config) withDefaults() Config {
	if c.M <= 1 {
		c.M = 16
	}
	if c.Ml <= 0 {
		c.Ml = 1 / math.Log(float64(c.M))
	}
	if c.EfConstruction <= 0 {
		c.EfConstruction = 128
	}
	if c.EfSearch <= 0 {
		c.EfSearch = 64
	}
	return c
}

// lockStripes is the number of mutexes guarding neighbour lists; a node uses stripe slot%lockStripes.
// Code never holds two stripes at once, so stripes cannot deadlock.
const lockStripes = 4096

// absent marks a slot that is not in the graph.
const absent = -1

// Graph is an HNSW graph keyed by vector slot.
type Graph struct {
	vecs  Vectors
	codes Codes // vecs's codes, if it has them
	cfg   Config

	// resize guards the slices below against reallocation: every operation holds it for reading,
	// growing the capacity holds it for writing.
	resize sync.RWMutex
	levels []atomic.Int32 // top layer of each slot, or absent
	layer0 []uint32       // per slot: count, then up to 2·M links
	upper  [][]uint32     // per slot with level > 0: for each layer 1..level, count then up to M links
	locks  [lockStripes]sync.Mutex

	entryMu sync.RWMutex
	entry   uint32
	top     int // level of entry; absent when empty

	count atomic.Int64

	rngMu sync.Mutex
	rng   *rand.Rand

	visitedPool sync.Pool
}

// New returns an empty graph reading vectors from vecs.
func New(vecs Vectors, cfg Config) *Graph {
	cfg = cfg.withDefaults()
	codes, _ := vecs.(Codes)
	return &Graph{
		vecs:  vecs,
		codes: codes,
		cfg:   cfg,
		top:   absent,
		rng:   rand.New(rand.NewPCG(cfg.Seed, 0x9e3779b97f4a7c15)),
	}
}

// Config returns the graph's configuration with defaults filled in.
func (g *Graph) Config() Config { return g.cfg }

// SetEfSearch changes the default candidate list size of Search.
func (g *Graph) SetEfSearch(ef int) {
	if ef > 0 {
		g.entryMu.Lock()
		g.cfg.EfSearch = ef
		g.entryMu.Unlock()
	}
}

// Len is the number of nodes in the graph.
func (g *Graph) Len() int { return int(g.count.Load()) }

// Has reports whether slot is in the graph.
func (g *Graph) Has(slot uint32) bool {
	g.resize.RLock()
	defer g.resize.RUnlock()
	return g.levelOf(slot) != absent
}

// Reserve makes room for slots below n so later Adds need not grow the graph.
func (g *Graph) Reserve(n int) {
	g.resize.Lock()
	defer g.resize.Unlock()
	g.growLocked(n)
}

// Bytes is the size of the neighbour lists as exported (slightly less than the file, which adds a
// header and a byte per absent slot).
func (g *Graph) Bytes() int64 {
	g.resize.RLock()
	defer g.resize.RUnlock()
	var n int64
	for i := range g.levels {
		if g.levels[i].Load() == absent {
			continue
		}
		n += 1 + 2 + 4*int64(g.layer0[i*g.stride0()])
		if u := g.upper[i]; u != nil {
			for l := 1; l <= int(g.levels[i].Load()); l++ {
				n += 2 + 4*int64(u[(l-1)*g.strideUp()])
			}
		}
	}
	return n
}

func (g *Graph) stride0() int  { return 1 + 2*g.cfg.M }
func (g *Graph) strideUp() int { return 1 + g.cfg.M }

func (g *Graph) maxLinks(layer int) int {
	if layer == 0 {
		return 2 * g.cfg.M
	}
	return g.cfg.M
}

// growLocked extends capacity to at least n slots; the caller holds resize for writing.
func (g *Graph) growLocked(n int) {
	if n <= len(g.levels) {
		return
	}
	capacity := max(n, 2*len(g.levels), 1024)
	levels := make([]atomic.Int32, capacity)
	for i := range levels {
		if i < len(g.levels) {
			levels[i].Store(g.levels[i].Load())
		} else {
			levels[i].Store(absent)
		}
	}
	layer0 := make([]uint32, capacity*g.stride0())
	copy(layer0, g.layer0)
	upper := make([][]uint32, capacity)
	copy(upper, g.upper)
	g.levels, g.layer0, g.upper = levels, layer0, upper
}

// levelOf returns the slot's top layer or absent; the caller holds resize for reading.
func (g *Graph) levelOf(slot uint32) int {
	if int(slot) >= len(g.levels) {
		return absent
	}
	return int(g.levels[slot].Load())
}

// list returns the slice holding slot's count and links on layer; the caller holds the slot's stripe.
func (g *Graph) list(slot uint32, layer int) []uint32 {
	if layer == 0 {
		s := g.stride0()
		return g.layer0[int(slot)*s : (int(slot)+1)*s]
	}
	s := g.strideUp()
	return g.upper[slot][(layer-1)*s : layer*s]
}

// neighbours copies slot's links on layer into buf.
func (g *Graph) neighbours(slot uint32, layer int, buf []uint32) []uint32 {
	buf = buf[:0]
	mu := &g.locks[slot%lockStripes]
	mu.Lock()
	if g.levelOf(slot) >= layer {
		l := g.list(slot, layer)
		buf = append(buf, l[1:1+l[0]]...)
	}
	mu.Unlock()
	return buf
}

func (g *Graph) randomLevel() int {
	g.rngMu.Lock()
	u := g.rng.Float64()
	g.rngMu.Unlock()
	level := int(-math.Log(1-u) * g.cfg.Ml)
	return min(level, 30)
}
