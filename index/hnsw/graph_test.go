package hnsw

import (
	"bytes"
	"errors"
	"sort"
	"sync"
	"testing"

	"github.com/cairn-photos/cairn/index/annbench/clustered"
	"github.com/viterin/vek/vek32"
)

// rows is the simplest Vectors: a slice of rows in memory.
type rows [][]float32

func (r rows) Vector(slot uint32) []float32 { return r[slot] }

func data(n, queries, dim int) (rows, rows) {
	gen := clustered.New(clustered.Params{Dim: dim, Clusters: 32, Seed: 7})
	return gen.Rows(n), gen.Rows(queries)
}

// exactTop is the ground truth: the k best slots among those allowed.
func exactTop(base rows, q []float32, k int, allow func(uint32) bool) []uint32 {
	type scored struct {
		slot  uint32
		score float32
	}
	var all []scored
	for i, v := range base {
		if allow == nil || allow(uint32(i)) {
			all = append(all, scored{uint32(i), vek32.Dot(q, v)})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].score > all[j].score })
	out := make([]uint32, 0, k)
	for i := 0; i < k && i < len(all); i++ {
		out = append(out, all[i].slot)
	}
	return out
}

func recall(got []Result, want []uint32) float64 {
	set := map[uint32]bool{}
	for _, w := range want {
		set[w] = true
	}
	hit := 0
	for _, r := range got {
		if set[r.Slot] {
			hit++
		}
	}
	return float64(hit) / float64(len(want))
}

func build(base rows, cfg Config) *Graph {
	g := New(base, cfg)
	for i := range base {
		g.Add(uint32(i))
	}
	return g
}

func meanRecall(t *testing.T, g *Graph, base, queries rows, k int, opt SearchOptions) float64 {
	t.Helper()
	var sum float64
	for _, q := range queries {
		got, _ := g.SearchWith(q, k, opt)
		sum += recall(got, exactTop(base, q, k, opt.Allow))
	}
	return sum / float64(len(queries))
}

func TestRecallAgainstExact(t *testing.T) {
	base, queries := data(4000, 100, 96)
	g := build(base, Config{M: 12, EfConstruction: 100, Seed: 1})
	if g.Len() != len(base) {
		t.Fatalf("Len = %d, want %d", g.Len(), len(base))
	}
	low := meanRecall(t, g, base, queries, 10, SearchOptions{Ef: 10})
	high := meanRecall(t, g, base, queries, 10, SearchOptions{Ef: 100})
	t.Logf("recall@10 ef=10 %.3f ef=100 %.3f", low, high)
	if high < 0.97 {
		t.Errorf("recall@10 at ef=100 = %.3f, want >= 0.97", high)
	}
	if low > high+0.01 {
		t.Errorf("recall fell as ef grew: %.3f -> %.3f", low, high)
	}
}

func TestSearchReturnsScoresBestFirst(t *testing.T) {
	base, queries := data(500, 5, 32)
	g := build(base, Config{M: 8})
	for _, q := range queries {
		got := g.Search(q, 10)
		if len(got) != 10 {
			t.Fatalf("got %d results, want 10", len(got))
		}
		for i, r := range got {
			if want := vek32.Dot(q, base[r.Slot]); abs(r.Score-want) > 1e-5 {
				t.Errorf("score of slot %d = %v, want dot %v", r.Slot, r.Score, want)
			}
			if i > 0 && got[i-1].Score < r.Score {
				t.Errorf("results not best first at %d", i)
			}
		}
	}
}

func TestWrongSizedQueryFindsNothing(t *testing.T) {
	base, _ := data(50, 0, 16)
	g := build(base, Config{M: 4})
	if got := g.Search(make([]float32, 8), 3); len(got) != 0 {
		t.Fatalf("8-d query on a 16-d graph returned %v", got)
	}
}

func TestDeleteRepairsGraph(t *testing.T) {
	base, queries := data(3000, 60, 64)
	g := build(base, Config{M: 10, EfConstruction: 80, Seed: 3})
	deleted := map[uint32]bool{}
	for i := 0; i < len(base); i += 3 { // a third of the nodes, including the entry point sooner or later
		g.Delete(uint32(i))
		deleted[uint32(i)] = true
	}
	g.Delete(0) // deleting twice is harmless
	if want := len(base) - len(deleted); g.Len() != want {
		t.Fatalf("Len after deletes = %d, want %d", g.Len(), want)
	}
	live := func(s uint32) bool { return !deleted[s] }
	var sum float64
	for _, q := range queries {
		got, _ := g.SearchWith(q, 10, SearchOptions{Ef: 80})
		for _, r := range got {
			if deleted[r.Slot] {
				t.Fatalf("deleted slot %d returned", r.Slot)
			}
		}
		sum += recall(got, exactTop(base, q, 10, live))
	}
	r := sum / float64(len(queries))
	t.Logf("recall@10 after deleting a third: %.3f", r)
	if r < 0.93 {
		t.Errorf("recall after deletes = %.3f, want >= 0.93", r)
	}
	for s := range deleted { // re-adding a deleted slot brings it back
		g.Add(s)
	}
	if g.Len() != len(base) {
		t.Errorf("Len after re-adding = %d, want %d", g.Len(), len(base))
	}
}

func TestDeleteEverything(t *testing.T) {
	base, queries := data(200, 1, 16)
	g := build(base, Config{M: 4})
	for i := range base {
		g.Delete(uint32(i))
	}
	if g.Len() != 0 || len(g.Search(queries[0], 5)) != 0 {
		t.Fatalf("empty graph still answers: Len %d", g.Len())
	}
	g.Add(7)
	if got := g.Search(queries[0], 5); len(got) != 1 || got[0].Slot != 7 {
		t.Fatalf("after re-adding slot 7 got %v", got)
	}
}

func TestFilteredSearch(t *testing.T) {
	base, queries := data(3000, 50, 64)
	g := build(base, Config{M: 12, Seed: 5})
	allow := func(s uint32) bool { return s%4 == 1 }
	for _, q := range queries {
		got, complete := g.SearchWith(q, 10, SearchOptions{Ef: 100, Allow: allow})
		if !complete {
			t.Fatal("search without a visit limit reported incomplete")
		}
		for _, r := range got {
			if !allow(r.Slot) {
				t.Fatalf("slot %d is not allowed", r.Slot)
			}
		}
	}
	r := meanRecall(t, g, base, queries, 10, SearchOptions{Ef: 100, Allow: allow})
	t.Logf("filtered recall@10 (25%% allowed): %.3f", r)
	if r < 0.9 {
		t.Errorf("filtered recall = %.3f, want >= 0.9", r)
	}
	rare := func(s uint32) bool { return s%500 == 0 }
	if _, complete := g.SearchWith(queries[0], 10, SearchOptions{Allow: rare, MaxVisits: 6}); complete {
		t.Error("a selective filter under a tiny visit limit should report incomplete")
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	base, queries := data(1500, 20, 48)
	g := build(base, Config{M: 8, Seed: 9})
	g.Delete(10)
	var buf bytes.Buffer
	if err := g.Export(&buf); err != nil {
		t.Fatal(err)
	}
	h, err := Import(bytes.NewReader(buf.Bytes()), base)
	if err != nil {
		t.Fatal(err)
	}
	if h.Len() != g.Len() || h.Has(10) || !h.Has(11) || h.Config().M != g.Config().M || h.Config().Ml != g.Config().Ml {
		t.Fatalf("imported graph differs: Len %d vs %d, config %+v vs %+v", h.Len(), g.Len(), h.Config(), g.Config())
	}
	for _, q := range queries {
		a, b := g.Search(q, 10), h.Search(q, 10)
		if len(a) != len(b) {
			t.Fatalf("result lengths differ")
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("result %d differs: %v vs %v", i, a[i], b[i])
			}
		}
	}
	if g.Bytes() <= 0 || g.Bytes() > int64(buf.Len()) {
		t.Errorf("Bytes() = %d, exported %d", g.Bytes(), buf.Len())
	}

	data := buf.Bytes()
	for _, cut := range []int{0, 10, len(data) / 2, len(data) - 1} {
		if _, err := Import(bytes.NewReader(data[:cut]), base); !errors.Is(err, ErrCorrupt) {
			t.Errorf("import of %d/%d bytes: err = %v, want ErrCorrupt", cut, len(data), err)
		}
	}
	flipped := append([]byte(nil), data...)
	flipped[len(flipped)/3] ^= 0x40
	if _, err := Import(bytes.NewReader(flipped), base); !errors.Is(err, ErrCorrupt) {
		t.Errorf("import of a flipped byte: err = %v, want ErrCorrupt", err)
	}
}

func TestExportAfterDeletingTheHighestSlots(t *testing.T) {
	base, queries := data(600, 5, 16)
	g := build(base, Config{M: 6})
	for s := 500; s < 600; s++ { // links from other nodes may still name these slots
		g.Delete(uint32(s))
	}
	var buf bytes.Buffer
	if err := g.Export(&buf); err != nil {
		t.Fatal(err)
	}
	h, err := Import(&buf, base)
	if err != nil {
		t.Fatalf("import after deleting the highest slots: %v", err)
	}
	if h.Len() != 500 || len(h.Search(queries[0], 5)) != 5 {
		t.Fatalf("imported graph: Len %d", h.Len())
	}
}

func TestConcurrentAddSearchDelete(t *testing.T) {
	base, queries := data(2000, 20, 32)
	g := New(base, Config{M: 8, EfConstruction: 40})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(base); i += 4 {
				g.Add(uint32(i))
			}
		}()
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 300; i++ {
			g.Search(queries[i%len(queries)], 5)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 100; i++ {
			g.Delete(uint32(i * 7))
		}
	}()
	wg.Wait()
	for i := 0; i < 100; i++ { // deletes may have run before their adds; settle the final state
		g.Delete(uint32(i * 7))
	}
	if want := len(base) - 100; g.Len() != want {
		t.Fatalf("Len = %d, want %d", g.Len(), want)
	}
	r := meanRecall(t, g, base, queries, 5, SearchOptions{Ef: 64, Allow: func(s uint32) bool { return s%7 != 0 || s >= 700 }})
	if r < 0.9 {
		t.Errorf("recall after concurrent build = %.3f, want >= 0.9", r)
	}
}

func abs(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

func TestRenumberKeepsSearchResults(t *testing.T) {
	base, queries := data(1000, 10, 32)
	g := build(base, Config{M: 8, Seed: 4})
	for s := uint32(0); s < 1000; s += 2 {
		g.Delete(s)
	}
	// Compact: odd slots move to s/2.
	packed := make(rows, 500)
	for i := range packed {
		packed[i] = base[2*i+1]
	}
	h := g.Renumber(packed, func(old uint32) (uint32, bool) { return old / 2, old%2 == 1 })
	if h.Len() != g.Len() {
		t.Fatalf("Len %d, want %d", h.Len(), g.Len())
	}
	for _, q := range queries {
		a, b := g.Search(q, 5), h.Search(q, 5)
		for i := range a {
			if b[i].Slot != a[i].Slot/2 || b[i].Score != a[i].Score {
				t.Fatalf("result %d: %v after renumbering, %v before", i, b[i], a[i])
			}
		}
	}
}
