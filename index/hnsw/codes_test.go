package hnsw

import (
	"sync/atomic"
	"testing"

	"github.com/cairn-photos/cairn/index/quant"
	"github.com/viterin/vek/vek32"
)

// codedRows are rows with their int8 codes, as a vector store with a code file offers them.
type codedRows struct {
	rows
	codes  [][]int8
	scales []float32
	ready  atomic.Bool
}

func withCodes(r rows) *codedRows {
	c := &codedRows{rows: r, codes: make([][]int8, len(r)), scales: make([]float32, len(r))}
	for i, v := range r {
		c.codes[i] = make([]int8, len(v))
		c.scales[i] = quant.Quantize(c.codes[i], v)
	}
	c.ready.Store(true)
	return c
}

func (c *codedRows) Code(slot uint32) ([]int8, float32) { return c.codes[slot], c.scales[slot] }
func (c *codedRows) CodesReady() bool                   { return c.ready.Load() }
func (c *codedRows) PrefetchCode(slot uint32)           { quant.Prefetch(c.codes[slot]) }

// TestCodesKeepRecall: a graph built and searched on int8 codes finds what one on the floats finds, and
// its results carry the float scores, best first.
func TestCodesKeepRecall(t *testing.T) {
	base, queries := data(4000, 100, 96)
	cfg := Config{M: 12, EfConstruction: 100, Seed: 1}
	floats := meanRecall(t, build(base, cfg), base, queries, 10, SearchOptions{Ef: 40})
	coded := withCodes(base)
	g := New(coded, cfg)
	for i := range base {
		g.Add(uint32(i))
	}
	codes := meanRecall(t, g, base, queries, 10, SearchOptions{Ef: 40})
	t.Logf("recall@10 at ef 40: floats %.3f, codes %.3f", floats, codes)
	if codes < floats-0.02 {
		t.Fatalf("recall@10 on codes %.3f, on floats %.3f", codes, floats)
	}
	res := g.Search(queries[0], 10)
	for i, r := range res {
		if want := vek32.Dot(queries[0], base[r.Slot]); abs(r.Score-want) > 1e-6 {
			t.Fatalf("result %d scores %g, its float dot product is %g", i, r.Score, want)
		}
		if i > 0 && r.Score > res[i-1].Score {
			t.Fatalf("results not best first: %v", res)
		}
	}

	// Until the codes are ready, the graph keeps to the floats: codes it must not read are garbage.
	coded.ready.Store(false)
	for i := range coded.codes {
		coded.codes[i][0] ^= 0x7f
	}
	if got := meanRecall(t, g, base, queries, 10, SearchOptions{Ef: 40}); got < floats-0.02 {
		t.Fatalf("searching before the codes are ready: recall %.3f", got)
	}
}
