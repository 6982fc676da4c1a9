package hnsw

import (
	"testing"

	"github.com/viterin/vek/vek32"
)

func BenchmarkDot768(b *testing.B) {
	x, y := data(2, 0, 768)
	_ = y
	for b.Loop() {
		vek32.Dot(x[0], x[1])
	}
}

func BenchmarkSearch20k(b *testing.B) {
	base, queries := data(20000, 100, 768)
	g := build(base, Config{M: 16, EfConstruction: 64})
	b.ResetTimer()
	i := 0
	for b.Loop() {
		g.SearchWith(queries[i%len(queries)], 10, SearchOptions{Ef: 40})
		i++
	}
}
