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

func BenchmarkSearch20k(b *testing.B) {
	base, queries := data(20000, 100, 768)
	g := build(base, Config{M: 16, EfConstruction: 64})
	i := 0
	for b.Loop() {
		g.SearchWith(queries[i%len(queries)], 10, SearchOptions{Ef: 40})
		i++
	}
}

// BenchmarkBuild10k is single-threaded insertion of 10k × 768 at the default M and efConstruction.
func BenchmarkBuild10k(b *testing.B) {
	base, _ := data(10000, 0, 768)
	for b.Loop() {
		build(base, Config{M: 16, EfConstruction: 128})
	}
}
