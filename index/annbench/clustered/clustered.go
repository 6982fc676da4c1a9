// Package clustered generates unit vectors that bunch the way image embeddings do: points gather
// around cluster centres and spread mostly within a low-dimensional subspace per cluster, plus a
// little isotropic noise. Uniform random vectors would make every method look equally bad, and
// tight isotropic blobs would make every method look equally good.
package clustered

import (
	"math"
	"math/rand/v2"
)

// Params shape the data; zero fields take defaults.
type Params struct {
	Dim      int     // vector dimension; default 768
	Clusters int     // number of centres; default 256
	LocalDim int     // dimension of each cluster's spread; default 24
	Spread   float64 // length of the in-cluster offset relative to the unit centre; default 0.7
	Noise    float64 // length of the isotropic noise; default 0.25
	Seed     uint64
}

func (p Params) withDefaults() Params {
	if p.Dim <= 0 {
		p.Dim = 768
	}
	if p.Clusters <= 0 {
		p.Clusters = 256
	}
	if p.LocalDim <= 0 {
		p.LocalDim = min(24, p.Dim)
	}
	if p.Spread <= 0 {
		p.Spread = 0.7
	}
	if p.Noise <= 0 {
		p.Noise = 0.25
	}
	return p
}

// Generator draws vectors; it is deterministic for a seed and not safe for concurrent use.
type Generator struct {
	p       Params
	rng     *rand.Rand
	centres [][]float32
	bases   [][][]float32 // per cluster, LocalDim directions
}

// New builds the cluster centres and subspaces for p.
func New(p Params) *Generator {
	p = p.withDefaults()
	g := &Generator{p: p, rng: rand.New(rand.NewPCG(p.Seed, 0x5eed))}
	for range p.Clusters {
		g.centres = append(g.centres, g.randomUnit())
		basis := make([][]float32, p.LocalDim)
		for i := range basis {
			basis[i] = g.randomUnit()
		}
		g.bases = append(g.bases, basis)
	}
	return g
}

// Dim is the dimension of the generated vectors.
func (g *Generator) Dim() int { return g.p.Dim }

// Next fills dst (length Dim) with a fresh unit vector.
func (g *Generator) Next(dst []float32) {
	c := g.rng.IntN(g.p.Clusters)
	copy(dst, g.centres[c])
	scale := g.p.Spread / math.Sqrt(float64(g.p.LocalDim))
	for _, dir := range g.bases[c] {
		z := float32(g.rng.NormFloat64() * scale)
		for i, x := range dir {
			dst[i] += z * x
		}
	}
	noise := g.p.Noise / math.Sqrt(float64(g.p.Dim))
	for i := range dst {
		dst[i] += float32(g.rng.NormFloat64() * noise)
	}
	normalize(dst)
}

// Rows returns n fresh vectors.
func (g *Generator) Rows(n int) [][]float32 {
	rows := make([][]float32, n)
	for i := range rows {
		rows[i] = make([]float32, g.p.Dim)
		g.Next(rows[i])
	}
	return rows
}

func (g *Generator) randomUnit() []float32 {
	v := make([]float32, g.p.Dim)
	for i := range v {
		v[i] = float32(g.rng.NormFloat64())
	}
	normalize(v)
	return v
}

func normalize(v []float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}
