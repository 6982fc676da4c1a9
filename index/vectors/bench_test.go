package vectors

import (
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/index/annbench/clustered"
	"github.com/cairn-photos/cairn/index/hnsw"
	"github.com/cairn-photos/cairn/internal/testenv"
)

// The benchmarks use 20k × 768 clustered vectors, the size of a large personal album, and report
// recall@10 against the exact scan next to the latency. Run: go test -run '^$' -bench . ./index/vectors/
// For 100k and 1M, use go run ./index/annbench (see its doc comment).

const benchN, benchDim, benchQueries = 20000, 768, 200

type benchData struct {
	base    Matrix
	queries Matrix
	graph   *hnsw.Graph
	truth   [][]uint32
}

var benchOnce = sync.OnceValue(func() *benchData {
	gen := clustered.New(clustered.Params{Dim: benchDim, Seed: 11})
	d := &benchData{base: Matrix{Dim: benchDim, Data: make([]float32, benchN*benchDim)},
		queries: Matrix{Dim: benchDim, Data: make([]float32, benchQueries*benchDim)}}
	for i := range benchN {
		gen.Next(d.base.Vector(uint32(i)))
	}
	for i := range benchQueries {
		gen.Next(d.queries.Vector(uint32(i)))
	}
	d.graph = hnsw.New(d.base, hnsw.Config{M: 16, EfConstruction: 128, Seed: 1})
	slots := make([]uint32, benchN)
	for i := range slots {
		slots[i] = uint32(i)
	}
	addAll(d.graph, slots)
	for i := range benchQueries {
		var want []uint32
		for _, s := range ExactSearch(d.base, benchN, d.queries.Vector(uint32(i)), 10, nil, 0) {
			want = append(want, s.Slot)
		}
		d.truth = append(d.truth, want)
	}
	return d
})

func BenchmarkHNSWSearch20k(b *testing.B) {
	d := benchOnce()
	for _, ef := range []int{10, 20, 40, 80} {
		b.Run(fmt.Sprintf("ef=%d", ef), func(b *testing.B) {
			hits, total, i := 0, 0, 0
			for b.Loop() {
				q := i % benchQueries
				res, _ := d.graph.SearchWith(d.queries.Vector(uint32(q)), 10, hnsw.SearchOptions{Ef: ef})
				hits += overlap(res, d.truth[q])
				total += len(d.truth[q])
				i++
			}
			b.ReportMetric(float64(hits)/float64(total), "recall@10")
		})
	}
}

func BenchmarkExactSearch20k(b *testing.B) {
	d := benchOnce()
	for _, workers := range []int{1, 0} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			i := 0
			for b.Loop() {
				ExactSearch(d.base, benchN, d.queries.Vector(uint32(i%benchQueries)), 10, nil, workers)
				i++
			}
		})
	}
}

// BenchmarkPut measures Put into an index of 20k vectors, graph insertion included.
func BenchmarkPut20k(b *testing.B) {
	d := benchOnce()
	ix, err := Open(b.TempDir(), benchDim, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	i := 0
	for b.Loop() {
		if err := ix.Put(uint64(i%benchN), d.base.Vector(uint32(i%benchN))); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func overlap(res []hnsw.Result, want []uint32) int {
	n := 0
	for _, r := range res {
		for _, w := range want {
			if r.Slot == w {
				n++
				break
			}
		}
	}
	return n
}

// floatsOnly hides a store's codes, for comparing the scan of codes with the scan of floats.
type floatsOnly struct{ Rows }

// BenchmarkScanDir scans an existing index read-only — a generated library's, e.g.
// CAIRN_VECTORS_BENCH_DIR=/tmp/cairn-generated-1000000-true-v2/data/libraries/*/vectors — as the library's
// filtered searches do: the exact scan of every 25th slot (40,000 of a million, like "within 5 km"), and
// the graph search through a filter of every 5th (like "one year"), on codes and on floats.
func BenchmarkScanDir(b *testing.B) {
	dir := os.Getenv("CAIRN_VECTORS_BENCH_DIR")
	if dir == "" {
		b.Skip("set CAIRN_VECTORS_BENCH_DIR to an index directory")
	}
	ix, err := Open(dir, benchDim, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	waitCodes(ix)
	n := ix.st.slots()
	var slots []uint32
	var fifth bitset
	for s := range uint32(n) {
		if s%25 == 0 {
			slots = append(slots, s)
		}
		if s%5 == 0 {
			fifth.set(s)
		}
	}
	qs := queries(50, benchDim)
	for _, kind := range []struct {
		name string
		rows Rows
	}{{"codes", ix.st}, {"floats", floatsOnly{ix.st}}} {
		b.Run("exact/"+kind.name, func(b *testing.B) {
			i, cpu := 0, testenv.ProcessCPU()
			for b.Loop() {
				start := time.Now()
				ExactSearchSlots(kind.rows, slots, qs[i%len(qs)], 100)
				if i == 0 { // the first touch of these rows since opening
					b.ReportMetric(float64(time.Since(start).Microseconds())/1000, "first-ms")
				}
				i++
			}
			b.ReportMetric(float64(testenv.ProcessCPU()-cpu)/1e6/float64(b.N), "cpu-ms/op")
		})
		b.Run("graph/"+kind.name, func(b *testing.B) {
			g := ix.graph
			if kind.name == "floats" {
				g = g.Renumber(kind.rows, func(s uint32) (uint32, bool) { return s, true })
			}
			i, cpu := 0, testenv.ProcessCPU()
			for b.Loop() {
				g.SearchWith(qs[i%len(qs)], 100, hnsw.SearchOptions{Ef: ix.opt.efSearch(n), Allow: fifth.has})
				i++
			}
			b.ReportMetric(float64(testenv.ProcessCPU()-cpu)/1e6/float64(b.N), "cpu-ms/op")
		})
	}
}
