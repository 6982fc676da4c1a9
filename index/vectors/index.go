// Package vectors stores unit-length float32 vectors under uint64 keys and finds the nearest ones,
// by exact scan or through an HNSW graph, with optional filters. It knows nothing about photos.
//
// On disk, in one directory: vectors.<gen>.f32 (the rows, memory-mapped), vectors.<gen>.i8 (their int8
// copy, which scans and the graph score before rescoring with the rows: codes.go), vectors.meta (which slot
// holds which key; replaced atomically on Flush) and graph.<gen>.<commit>.hnsw (the HNSW neighbour lists, a
// cache that Open brings up to date). The graph is built incrementally: every Put inserts into it, so
// it is ready the moment the library outgrows exact search.
package vectors

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cairn-photos/cairn/index/hnsw"
)

// Options tune the index; zero fields take defaults.
type Options struct {
	M              int // HNSW links per node (2·M on layer 0); default 16. Fixed once the graph exists.
	EfConstruction int // HNSW candidate list while inserting; default 128
	// EfSearch is the HNSW candidate list while searching. Zero adapts it to the index's size: 64 up to
	// 100,000 vectors (recall@10 ≈ 0.999 on 768-d clustered data), growing with the square root of the size
	// beyond, to 200 at 1,000,000 (recall ≈ 0.975 there, where 64 gives 0.93).
	EfSearch int
	// ExactBelow is the number of candidates (live vectors, or vectors a filter allows) under which
	// Search scans exactly instead of walking the graph; default 4096.
	ExactBelow int
	// GraphSaveEvery is the least number of changes Flush lets accumulate before it rewrites the graph
	// file; default 4096 (or a quarter of the graph, if more). The graph is also saved when a change is
	// older than two minutes, and by Close.
	GraphSaveEvery int
	// ReadOnly opens an existing index for searching only: no file is created, written or removed, so
	// a reader needs no write permission and leaves the files as they were. Put, Delete and Compact fail.
	ReadOnly bool

	// codesGate, in tests, holds a background rebuild of the codes back until it is closed.
	codesGate <-chan struct{}
	// codesInline, in tests, lowers the number of stale codes Open recomputes itself (inlineCodes).
	codesInline int
}

func (o Options) withDefaults() Options {
	if o.M <= 1 {
		o.M = 16
	}
	if o.EfConstruction <= 0 {
		o.EfConstruction = 128
	}
	if o.ExactBelow <= 0 {
		o.ExactBelow = 4096
	}
	if o.GraphSaveEvery <= 0 {
		o.GraphSaveEvery = 4096
	}
	if o.codesInline <= 0 {
		o.codesInline = inlineCodes
	}
	return o
}

// Adaptive efSearch: baseEf up to baseEfSize vectors, then growing with the square root of the size.
const (
	baseEf     = 64
	baseEfSize = 100_000
	maxEf      = 400
)

// efSearch is the HNSW candidate list for a search of n vectors.
func (o Options) efSearch(n int) int {
	if o.EfSearch > 0 {
		return o.EfSearch
	}
	if n <= baseEfSize {
		return baseEf
	}
	return min(maxEf, int(math.Round(baseEf*math.Sqrt(float64(n)/baseEfSize))))
}

// Hit is a search result: a key and its cosine similarity (dot product) with the query.
type Hit struct {
	ID    uint64
	Score float32
}

// ErrClosed is returned by calls on a closed index.
var ErrClosed = errors.New("vectors: index is closed")

// ErrReadOnly is returned by writes to an index opened with Options.ReadOnly.
var ErrReadOnly = errors.New("vectors: index is open read-only")

// Index is a persistent vector index. Put, Delete, Get and Search are safe for concurrent use.
type Index struct {
	dir string
	opt Options

	// flushMu serialises Flush, Compact and Close, so the slow disk writes of a flush can run
	// without holding mu.
	flushMu sync.Mutex
	// mu guards the store and ids. Writers to the store hold it exclusively; searches share it, so
	// the store's mapping cannot move under them.
	mu sync.RWMutex
	// addMu lets graph inserts run in parallel without mu, which they would otherwise hold for the
	// whole (slow) insert and so serialise every Put behind the last one. Inserts share addMu;
	// whatever moves the mapping, deletes from the graph or needs the graph to stand still (growing
	// the file, Delete, exporting the graph, Compact, Close) takes it exclusively, always after mu.
	addMu  sync.RWMutex
	st     *store
	ids    map[uint64]uint32 // key → slot of its live row
	graph  *hnsw.Graph
	closed bool

	rebuild *codesRebuild // of the codes, when Open started one

	epoch        atomic.Uint64 // counts changes of the mapping of keys to slots: see KeyMap
	graphCommit  uint32        // commit the saved graph matches
	graphChanges int           // changes since the graph was saved
	graphDirtyAt time.Time     // when the first of those changes happened
}

// Open opens the index in dir, creating it if absent. It takes no lock: the caller makes sure only one
// process opens dir at a time.
func Open(dir string, dim int, opt Options) (*Index, error) {
	if dim <= 0 {
		return nil, fmt.Errorf("open vector index %s: bad dimension %d", dir, dim)
	}
	opt = opt.withDefaults()
	st, err := openStore(dir, dim, opt.ReadOnly)
	if err != nil {
		return nil, fmt.Errorf("open vector index %s: %w", dir, err)
	}
	ix := &Index{dir: dir, opt: opt, st: st, ids: make(map[uint64]uint32, st.liveCount())}
	// Filling a map of a million keys and decoding the graph each take a few hundred milliseconds;
	// they read the store only, so they overlap.
	mapped := make(chan struct{})
	go func() {
		defer close(mapped)
		for slot := range st.slots() {
			if st.isLive(uint32(slot)) {
				ix.ids[st.idAt(uint32(slot))] = uint32(slot)
			}
		}
	}()
	ix.startCodes()
	ix.restoreGraph()
	<-mapped
	if st.CodesReady() { // the first scans then find the codes in memory
		go st.codes.rows.preload(headerSize + st.slots()*st.codes.rows.rowSize)
	}
	return ix, nil
}

// restoreGraph loads the saved graph and brings it up to date with the committed vectors: nodes for
// slots freed or rewritten since the graph was saved are removed, missing live slots inserted.
func (ix *Index) restoreGraph() {
	st := ix.st
	g, commit, ok := loadGraph(ix.dir, st.m.gen, st.m.commit, st)
	if !ok {
		g, commit = ix.newGraph(), 0
	}
	g.SetEfSearch(ix.opt.efSearch(0))
	var stale []uint32
	for slot := range st.slots() {
		s := uint32(slot)
		live := st.isLive(s)
		if live && st.m.written[s] <= commit && g.Has(s) {
			continue // unchanged since the graph was saved
		}
		g.Delete(s)
		if live {
			stale = append(stale, s)
		}
	}
	addAll(g, stale)
	ix.graph, ix.graphCommit = g, commit
	if len(stale) > 0 {
		ix.graphChanges, ix.graphDirtyAt = len(stale), time.Now()
	}
}

func (ix *Index) newGraph() *hnsw.Graph {
	return hnsw.New(ix.st, hnsw.Config{M: ix.opt.M, EfConstruction: ix.opt.EfConstruction, EfSearch: ix.opt.efSearch(0)})
}

// addAll inserts slots into g from one worker per CPU.
func addAll(g *hnsw.Graph, slots []uint32) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(slots)/64)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < int64(len(slots)); i = next.Add(1) - 1 {
				g.Add(slots[i])
			}
		}()
	}
	wg.Wait()
}

// Put stores vec under id, replacing any earlier vector. vec must be unit length. Put does not sync;
// call Flush for durability.
func (ix *Index) Put(id uint64, vec []float32) error {
	if err := ix.checkVector(vec); err != nil {
		return fmt.Errorf("put %d: %w", id, err)
	}
	if ix.opt.ReadOnly {
		return ErrReadOnly
	}
	ix.mu.Lock()
	if ix.closed {
		ix.mu.Unlock()
		return ErrClosed
	}
	if old, ok := ix.ids[id]; ok && slices.Equal(ix.st.Vector(old), vec) {
		ix.mu.Unlock()
		return nil // a re-scan of an unchanged photo costs nothing
	}
	old, replacing := ix.ids[id]
	exclusive := replacing || ix.st.needsGrow()
	if exclusive { // the mapping moves, or the graph loses a node: no insert may be running
		ix.addMu.Lock()
	}
	slot, err := ix.st.add(id, vec)
	if err == nil && replacing {
		ix.st.remove(old)
		ix.graph.Delete(old)
	}
	if exclusive {
		ix.addMu.Unlock()
	}
	if err != nil {
		ix.mu.Unlock()
		return fmt.Errorf("put %d: %w", id, err)
	}
	ix.ids[id] = slot
	ix.noteChange()
	ix.mu.Unlock()

	// The graph insert is the slow part; it runs beside searches and other inserts. A Delete of the
	// same id meanwhile may leave a node for a dead slot, which searches skip.
	ix.addMu.RLock()
	defer ix.addMu.RUnlock()
	if !ix.closed {
		ix.graph.Add(slot)
	}
	return nil
}

func (ix *Index) checkVector(vec []float32) error {
	if len(vec) != ix.st.dim() {
		return fmt.Errorf("vector has %d dimensions, index has %d", len(vec), ix.st.dim())
	}
	for _, x := range vec {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return errors.New("vector holds NaN or Inf")
		}
	}
	return nil
}

// noteChange counts a change the saved graph does not have, which KeyMaps made before do not have either;
// the caller holds mu.
func (ix *Index) noteChange() {
	ix.epoch.Add(1)
	if ix.graphChanges == 0 {
		ix.graphDirtyAt = time.Now()
	}
	ix.graphChanges++
}

// Delete removes id; deleting an absent id is not an error.
func (ix *Index) Delete(id uint64) error {
	if ix.opt.ReadOnly {
		return ErrReadOnly
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return ErrClosed
	}
	slot, ok := ix.ids[id]
	if !ok {
		return nil
	}
	delete(ix.ids, id)
	ix.addMu.Lock()
	ix.st.remove(slot)
	ix.graph.Delete(slot)
	ix.addMu.Unlock()
	ix.noteChange()
	return nil
}

// Get returns a copy of id's vector.
func (ix *Index) Get(id uint64) ([]float32, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	slot, ok := ix.ids[id]
	if !ok || ix.closed {
		return nil, false
	}
	return append([]float32(nil), ix.st.Vector(slot)...), true
}

// Has reports whether id is stored.
func (ix *Index) Has(id uint64) bool {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	_, ok := ix.ids[id]
	return ok
}

// Len is the number of stored ids.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.ids)
}

// IDs lists the stored ids in no particular order.
func (ix *Index) IDs() []uint64 {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]uint64, 0, len(ix.ids))
	for id := range ix.ids {
		out = append(out, id)
	}
	return out
}
