package vectors

import (
	"fmt"
	"sync"
	"testing"

	"github.com/cairn-photos/cairn/index/annbench/clustered"
	"github.com/cairn-photos/cairn/index/hnsw"
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
