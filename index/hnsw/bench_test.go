package hnsw

import (
	"testing"

	"github.com/viterin/vek/vek32"
)

func BenchmarkDot768(b *testing.B) {
	x, _ := data(2, 0, 768)
	for b.Loop() {
		vek32.Dot(x[0], x[1])
	}
}

// vectorKinds are the two ways the graph reads vectors: the floats, and their int8 codes.
var vectorKinds = []struct {
	name string
	wrap func(rows) Vectors
}{
	{"floats", func(r rows) Vectors { return r }},
	{"codes", func(r rows) Vectors { return withCodes(r) }},
}

func BenchmarkSearch20k(b *testing.B) {
	base, queries := data(20000, 100, 768)
	for _, kind := range vectorKinds {
		b.Run(kind.name, func(b *testing.B) {
			g := New(kind.wrap(base), Config{M: 16, EfConstruction: 64})
			for i := range base {
				g.Add(uint32(i))
			}
			i := 0
			for b.Loop() {
				g.SearchWith(queries[i%len(queries)], 10, SearchOptions{Ef: 40})
				i++
			}
		})
	}
}

// BenchmarkBuild10k is single-threaded insertion of 10k × 768 at the default M and efConstruction.
func BenchmarkBuild10k(b *testing.B) {
	base, _ := data(10000, 0, 768)
	for _, kind := range vectorKinds {
		b.Run(kind.name, func(b *testing.B) {
			vecs := kind.wrap(base)
			for b.Loop() {
				g := New(vecs, Config{M: 16, EfConstruction: 128})
				for i := range base {
					g.Add(uint32(i))
				}
			}
		})
	}
}
