package vectors

import (
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/cairn-photos/cairn/index/annbench/clustered"
	"github.com/viterin/vek/vek32"
)

// vectorFor is a fixed unit vector per id, so a test can check any id's stored vector without
// remembering what was put.
func vectorFor(id uint64, dim int) []float32 {
	r := rand.New(rand.NewPCG(id, 42))
	v := make([]float32, dim)
	var s float64
	for i := range v {
		v[i] = float32(r.NormFloat64())
		s += float64(v[i]) * float64(v[i])
	}
	for i := range v {
		v[i] /= float32(math.Sqrt(s))
	}
	return v
}

func mustOpen(t testing.TB, dir string, dim int, opt Options) *Index {
	t.Helper()
	ix, err := Open(dir, dim, opt)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return ix
}

// bruteForce ranks every stored vector against q, optionally among allowed ids only.
func bruteForce(ix *Index, q []float32, k int, allow *Filter) []uint64 {
	type scored struct {
		id    uint64
		score float32
	}
	var all []scored
	for _, id := range ix.IDs() {
		if allow != nil && !allow.Allows(id) {
			continue
		}
		v, _ := ix.Get(id)
		all = append(all, scored{id, vek32.Dot(q, v)})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].score > all[j].score })
	var out []uint64
	for i := 0; i < k && i < len(all); i++ {
		out = append(out, all[i].id)
	}
	return out
}

func recallOf(hits []Hit, want []uint64) float64 {
	set := map[uint64]bool{}
	for _, w := range want {
		set[w] = true
	}
	n := 0
	for _, h := range hits {
		if set[h.ID] {
			n++
		}
	}
	return float64(n) / float64(len(want))
}

func TestPutGetHasDelete(t *testing.T) {
	ix := mustOpen(t, t.TempDir(), 8, Options{})
	defer ix.Close()
	for id := uint64(1); id <= 100; id++ {
		if err := ix.Put(id, vectorFor(id, 8)); err != nil {
			t.Fatal(err)
		}
	}
	slots := ix.st.slots()
	if err := ix.Put(9, vectorFor(9, 8)); err != nil || ix.st.slots() != slots {
		t.Fatalf("putting an unchanged vector again used a new slot (%d -> %d), err %v", slots, ix.st.slots(), err)
	}
	if err := ix.Put(5, vectorFor(500, 8)); err != nil { // replace
		t.Fatal(err)
	}
	if err := ix.Delete(7); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(12345); err != nil {
		t.Fatalf("deleting an absent id: %v", err)
	}
	if ix.Len() != 99 || len(ix.IDs()) != 99 || ix.Has(7) || !ix.Has(8) {
		t.Fatalf("Len %d, IDs %d, Has(7) %v, Has(8) %v", ix.Len(), len(ix.IDs()), ix.Has(7), ix.Has(8))
	}
	got, ok := ix.Get(5)
	if !ok || got[0] != vectorFor(500, 8)[0] {
		t.Fatalf("Get(5) after replace = %v, %v", got, ok)
	}
	got[0] = 99 // a copy: changing it must not change the index
	if again, _ := ix.Get(5); again[0] == 99 {
		t.Fatal("Get returned the stored row itself")
	}
	if err := ix.Put(1, make([]float32, 3)); err == nil {
		t.Error("Put of a wrong-sized vector succeeded")
	}
	if err := ix.Put(1, []float32{float32(math.NaN()), 0, 0, 0, 0, 0, 0, 0}); err == nil {
		t.Error("Put of a NaN vector succeeded")
	}
	if _, err := ix.Search(make([]float32, 3), 5, nil); err == nil {
		t.Error("Search with a wrong-sized query succeeded")
	}
	hits, err := ix.Search(vectorFor(42, 8), 3, nil)
	if err != nil || len(hits) != 3 || hits[0].ID != 42 || math.Abs(float64(hits[0].Score)-1) > 1e-5 {
		t.Fatalf("search for a stored vector: %v, %v", hits, err)
	}
}

func TestOpenRejectsOtherDimension(t *testing.T) {
	dir := t.TempDir()
	mustOpen(t, dir, 8, Options{}).Close()
	if _, err := Open(dir, 16, Options{}); err == nil {
		t.Fatal("opening an 8-d index as 16-d succeeded")
	}
}

// fill puts n clustered vectors with ids 1..n.
func fill(t testing.TB, ix *Index, n, dim int, seed uint64) {
	t.Helper()
	gen := clustered.New(clustered.Params{Dim: dim, Clusters: 24, Seed: seed})
	v := make([]float32, dim)
	for id := uint64(1); id <= uint64(n); id++ {
		gen.Next(v)
		if err := ix.Put(id, v); err != nil {
			t.Fatal(err)
		}
	}
}

func queries(n, dim int) [][]float32 {
	return clustered.New(clustered.Params{Dim: dim, Clusters: 24, Seed: 1}).Rows(n)
}

func TestGraphSearchRecall(t *testing.T) {
	ix := mustOpen(t, t.TempDir(), 64, Options{ExactBelow: 100, EfSearch: 64})
	defer ix.Close()
	fill(t, ix, 4000, 64, 1)
	var sum float64
	qs := queries(50, 64)
	for _, q := range qs {
		hits, err := ix.Search(q, 10, nil)
		if err != nil {
			t.Fatal(err)
		}
		sum += recallOf(hits, bruteForce(ix, q, 10, nil))
	}
	r := sum / float64(len(qs))
	t.Logf("recall@10 through the graph: %.3f", r)
	if r < 0.95 {
		t.Errorf("recall@10 = %.3f, want >= 0.95", r)
	}
}

func TestFilteredSearch(t *testing.T) {
	ix := mustOpen(t, t.TempDir(), 32, Options{ExactBelow: 30})
	defer ix.Close()
	fill(t, ix, 3000, 32, 2)
	var broad, narrow, tiny []uint64
	for id := uint64(1); id <= 3000; id++ {
		if id%2 == 0 {
			broad = append(broad, id) // 1500 allowed: graph search
		}
		if id%50 == 0 {
			narrow = append(narrow, id) // 60 allowed: the graph gives up, exact over the allowed
		}
		if id%300 == 0 {
			tiny = append(tiny, id) // 10 allowed: straight to exact
		}
	}
	narrow = append(narrow, 999999) // ids not in the index are ignored
	for _, tc := range []struct {
		name    string
		f       *Filter
		minRecl float64
	}{{"broad", NewFilter(broad), 0.9}, {"narrow", NewFilter(narrow), 1}, {"tiny", NewFilter(tiny), 1}} {
		var sum float64
		qs := queries(30, 32)
		for _, q := range qs {
			hits, err := ix.Search(q, 10, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hits {
				if !tc.f.Allows(h.ID) {
					t.Fatalf("%s: id %d not allowed", tc.name, h.ID)
				}
			}
			sum += recallOf(hits, bruteForce(ix, q, 10, tc.f))
		}
		if r := sum / float64(len(qs)); r < tc.minRecl {
			t.Errorf("%s filter: recall %.3f, want >= %.2f", tc.name, r, tc.minRecl)
		}
	}
	if hits, _ := ix.Search(queries(1, 32)[0], 5, NewFilter(nil)); len(hits) != 0 {
		t.Errorf("empty filter returned %v", hits)
	}
}

func TestReopenAfterClose(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir, 32, Options{ExactBelow: 10})
	fill(t, ix, 1500, 32, 3)
	for id := uint64(1); id <= 1500; id += 10 {
		ix.Delete(id)
	}
	q := queries(1, 32)[0]
	before, _ := ix.Search(q, 10, nil)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(1, vectorFor(1, 32)); !errors.Is(err, ErrClosed) {
		t.Errorf("Put after Close: %v, want ErrClosed", err)
	}
	ix = mustOpen(t, dir, 32, Options{ExactBelow: 10})
	defer ix.Close()
	if ix.Len() != 1350 || ix.Has(11) || !ix.Has(12) {
		t.Fatalf("after reopen: Len %d, Has(11) %v, Has(12) %v", ix.Len(), ix.Has(11), ix.Has(12))
	}
	if ix.graphChanges != 0 {
		t.Errorf("the saved graph needed %d re-inserts after a clean close", ix.graphChanges)
	}
	after, _ := ix.Search(q, 10, nil)
	if len(after) != len(before) {
		t.Fatalf("results differ after reopen: %v vs %v", after, before)
	}
	for i := range after {
		if after[i] != before[i] {
			t.Fatalf("result %d differs after reopen: %v vs %v", i, after[i], before[i])
		}
	}
}

// Deleted slots leave dangling links in the graph; the saved graph must still load, or every
// reopen would silently rebuild it.
func TestReopenAfterDeletesLoadsTheSavedGraph(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir, 16, Options{})
	for id := uint64(0); id < 500; id++ {
		ix.Put(id, vectorFor(id, 16))
	}
	ix.Close()
	for round := range 2 {
		ix = mustOpen(t, dir, 16, Options{})
		if ix.graphChanges != 0 || ix.graph.Len() != 500 {
			t.Fatalf("round %d: reopening re-inserted %d vectors; graph holds %d", round, ix.graphChanges, ix.graph.Len())
		}
		for i := range uint64(100) {
			ix.Put(10000+i, vectorFor(10000+i, 16))
		}
		ix.Flush()
		for i := range uint64(100) {
			ix.Delete(10000 + i)
		}
		ix.Close()
	}
}

func TestFlushIsDurableWithoutClose(t *testing.T) {
	dir := t.TempDir()
	a := mustOpen(t, dir, 16, Options{})
	for id := uint64(1); id <= 300; id++ {
		a.Put(id, vectorFor(id, 16))
	}
	a.Delete(3)
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	for id := uint64(1000); id < 1100; id++ { // never flushed: lost in the "crash"
		a.Put(id, vectorFor(id, 16))
	}
	a.Delete(4)
	a.Put(5, vectorFor(5000, 16)) // an unflushed replacement must not tear the flushed row
	// a is abandoned, as if the process died; its mapping stays open like a dead process's page cache.
	b := mustOpen(t, dir, 16, Options{})
	defer b.Close()
	if b.Len() != 299 || b.Has(3) || !b.Has(4) || b.Has(1000) {
		t.Fatalf("after crash: Len %d, Has(3) %v, Has(4) %v, Has(1000) %v", b.Len(), b.Has(3), b.Has(4), b.Has(1000))
	}
	checkVectors(t, b, 16)
}

// checkVectors asserts every stored id holds exactly vectorFor(id).
func checkVectors(t *testing.T, ix *Index, dim int) {
	t.Helper()
	for _, id := range ix.IDs() {
		got, _ := ix.Get(id)
		want := vectorFor(id, dim)
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("id %d: stored vector differs at %d", id, i)
			}
		}
	}
}

func TestReopenAfterTornWrites(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir, 16, Options{ExactBelow: 10})
	for id := uint64(1); id <= 500; id++ {
		ix.Put(id, vectorFor(id, 16))
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	graphs, _ := filepath.Glob(filepath.Join(dir, "graph.*.hnsw"))
	if len(graphs) != 1 {
		t.Fatalf("want one graph file, have %v", graphs)
	}
	// A crash mid-write: a half-written metadata temp file, a torn graph, junk past the last row.
	if err := os.WriteFile(filepath.Join(dir, metaName+".tmp"), []byte("CRNMETA1 half"), 0o644); err != nil {
		t.Fatal(err)
	}
	g, _ := os.ReadFile(graphs[0])
	if err := os.WriteFile(graphs[0], g[:len(g)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, rowFileName(0)), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("junk junk junk"))
	f.Close()

	ix = mustOpen(t, dir, 16, Options{ExactBelow: 10})
	if ix.Len() != 500 || ix.graph.Len() != 500 {
		t.Fatalf("after torn writes: Len %d, graph %d", ix.Len(), ix.graph.Len())
	}
	checkVectors(t, ix, 16)
	hits, _ := ix.Search(vectorFor(77, 16), 1, nil)
	if len(hits) != 1 || hits[0].ID != 77 {
		t.Fatalf("search after rebuilding the graph: %v", hits)
	}
	if _, err := os.Stat(filepath.Join(dir, metaName+".tmp")); !os.IsNotExist(err) {
		t.Error("the torn temp file was left behind")
	}
	ix.Close()

	// A corrupt commit record cannot be trusted at all: Open must say so, not guess.
	m, _ := os.ReadFile(filepath.Join(dir, metaName))
	m[len(m)/2] ^= 1
	os.WriteFile(filepath.Join(dir, metaName), m, 0o644)
	if _, err := Open(dir, 16, Options{}); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open with a corrupt metadata file: %v, want ErrCorrupt", err)
	}
}

func TestSlotsAreReusedAfterFlush(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir, 16, Options{})
	defer ix.Close()
	for id := uint64(1); id <= 2000; id++ {
		ix.Put(id, vectorFor(id, 16))
	}
	for id := uint64(1); id <= 1000; id++ {
		ix.Delete(id)
	}
	ix.Flush()
	slots := ix.st.slots()
	for id := uint64(3001); id <= 3800; id++ {
		ix.Put(id, vectorFor(id, 16))
	}
	if ix.st.slots() != slots {
		t.Fatalf("slots grew from %d to %d although 1000 were free", slots, ix.st.slots())
	}
	checkVectors(t, ix, 16)
}

func TestCompact(t *testing.T) {
	dir := t.TempDir()
	ix := mustOpen(t, dir, 32, Options{ExactBelow: 10})
	fill(t, ix, 3000, 32, 5)
	for id := uint64(1); id <= 3000; id++ {
		if id%3 != 0 {
			ix.Delete(id)
		}
	}
	qs := queries(20, 32)
	var before [][]Hit
	for _, q := range qs {
		h, _ := ix.Search(q, 5, nil)
		before = append(before, h)
	}
	sizeOf := func() int64 {
		fi, err := os.Stat(filepath.Join(dir, rowFileName(ix.st.m.gen)))
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	oldSize := sizeOf()
	if err := ix.Compact(); err != nil {
		t.Fatal(err)
	}
	if ix.st.slots() != 1000 || sizeOf() >= oldSize {
		t.Fatalf("after compaction: %d slots, file %d bytes (was %d)", ix.st.slots(), sizeOf(), oldSize)
	}
	if old, _ := filepath.Glob(filepath.Join(dir, rowFileName(0))); len(old) != 0 {
		t.Error("the old vector file was left behind")
	}
	ix.Close()
	ix = mustOpen(t, dir, 32, Options{ExactBelow: 10})
	defer ix.Close()
	if ix.Len() != 1000 || ix.graphChanges != 0 {
		t.Fatalf("reopened compacted index: Len %d, graph re-inserts %d", ix.Len(), ix.graphChanges)
	}
	for i, q := range qs {
		h, _ := ix.Search(q, 5, nil)
		for j := range h {
			if h[j] != before[i][j] {
				t.Fatalf("query %d result %d: %v after compaction, %v before", i, j, h[j], before[i][j])
			}
		}
	}
}

func TestConcurrentPutSearchDelete(t *testing.T) {
	ix := mustOpen(t, t.TempDir(), 16, Options{ExactBelow: 50, M: 8, EfConstruction: 32})
	defer ix.Close()
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := uint64(w); id < 1500; id += 3 {
				if err := ix.Put(id, vectorFor(id, 16)); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Add(3)
	go func() {
		defer wg.Done()
		for i := range 200 {
			if _, err := ix.Search(vectorFor(uint64(i), 16), 5, nil); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	go func() {
		defer wg.Done()
		for id := uint64(0); id < 1500; id += 10 {
			ix.Delete(id)
		}
	}()
	go func() {
		defer wg.Done()
		for range 5 {
			if err := ix.Flush(); err != nil {
				t.Error(err)
			}
		}
	}()
	wg.Wait()
	for id := uint64(0); id < 1500; id += 10 {
		ix.Delete(id)
	}
	if ix.Len() != 1350 {
		t.Fatalf("Len = %d, want 1350", ix.Len())
	}
	checkVectors(t, ix, 16)
	// The graph is approximate and its shape depends on how the writers interleaved, so one query may miss
	// (about one run in a thousand did); a graph broken by the concurrent writes misses many.
	found := 0
	for id := uint64(1); id < 1500; id += 10 {
		hits, _ := ix.Search(vectorFor(id, 16), 1, nil)
		if len(hits) == 1 && hits[0].ID == id {
			found++
		}
	}
	if found < 144 {
		t.Fatalf("after the concurrent build a search for a stored vector finds it %d times in 150", found)
	}
}

func TestEfSearchAdaptsToSize(t *testing.T) {
	adaptive := Options{}
	for _, c := range []struct{ n, want int }{{1000, 64}, {100_000, 64}, {400_000, 128}, {1_000_000, 202}, {100_000_000, 400}} {
		if got := adaptive.efSearch(c.n); got != c.want {
			t.Errorf("efSearch(%d) = %d, want %d", c.n, got, c.want)
		}
	}
	if got := (Options{EfSearch: 30}).efSearch(1_000_000); got != 30 {
		t.Errorf("an explicit EfSearch became %d", got)
	}
}

// TestFilterByRows: a filter of a KeyMap's rows finds what a filter of the same keys finds, and a write to
// the index (put, delete, compaction) makes it stale rather than wrong.
func TestFilterByRows(t *testing.T) {
	ix := mustOpen(t, t.TempDir(), 32, Options{ExactBelow: 30})
	defer ix.Close()
	fill(t, ix, 3000, 32, 2)
	keys := []uint64{999999} // a row without a vector
	for id := uint64(3000); id >= 1; id-- {
		keys = append(keys, id)
	}
	m := ix.KeyMap(keys)
	for _, every := range []uint64{2, 50, 300} {
		var ids []uint64
		f := m.Filter()
		f.AllowRow(0) // no vector: adds nothing
		for row, id := range keys {
			if id%every == 0 {
				ids = append(ids, id)
				f.AllowRow(row)
				f.AllowRow(row) // twice is once
			}
		}
		if f.Len() != len(ids) {
			t.Fatalf("every %d: filter of %d rows for %d keys", every, f.Len(), len(ids))
		}
		byKey := NewFilter(ids)
		for _, q := range queries(10, 32) {
			got, err := ix.Search(q, 10, f)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := ix.Search(q, 10, byKey)
			if len(got) != len(want) {
				t.Fatalf("every %d: %d hits by rows, %d by keys", every, len(got), len(want))
			}
			for i := range got {
				if got[i].ID != want[i].ID {
					t.Fatalf("every %d: hit %d is %d by rows, %d by keys", every, i, got[i].ID, want[i].ID)
				}
			}
		}
	}
	q := queries(1, 32)[0]
	for name, change := range map[string]func() error{
		"put":     func() error { return ix.Put(5000, vectorFor(5000, 32)) },
		"delete":  func() error { return ix.Delete(4) },
		"compact": ix.Compact,
	} {
		f := m.Filter()
		f.AllowRow(1)
		if err := change(); err != nil {
			t.Fatal(err)
		}
		if m.Current() {
			t.Errorf("%s: the key map is still current", name)
		}
		if _, err := ix.Search(q, 5, f); !errors.Is(err, ErrStaleFilter) {
			t.Errorf("%s: search with a stale filter: %v", name, err)
		}
		m = ix.KeyMap(keys)
		f = m.Filter()
		f.AllowRow(1)
		if hits, err := ix.Search(q, 5, f); err != nil || len(hits) != 1 || hits[0].ID != keys[1] {
			t.Errorf("%s: after a new key map: %v, %v", name, hits, err)
		}
	}
}
