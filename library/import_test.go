package library

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestImportInSteps: a batch of more photos than one write step is stored in steps, two side by side; each
// step is one generation of the store and one record of the table's log, the table ends in step with the
// index, every photo has its record and its vector, and the table's files the next open reads are in step too.
func TestImportInSteps(t *testing.T) {
	album, root := t.TempDir(), t.TempDir()
	m := loadTinyModel(t, "tiny")
	opt := Options{DataRoot: root, Embedder: m}
	lib, err := Open(album, true, opt)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(11, 12))
	const n = 2*writeStep + 137
	photos := make([]Photo, n)
	vecs := make([][]float32, n)
	for i := range photos {
		photos[i] = tablePhoto(r, i)
		vecs[i] = randomUnit(r, m.Dim())
	}
	before, err := lib.store.Generation()
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.Import(photos, vecs); err != nil {
		t.Fatal(err)
	}
	gen, err := lib.store.Generation()
	if err != nil {
		t.Fatal(err)
	}
	if gen != before+3 {
		t.Fatalf("%d photos advanced the generation from %d to %d, want one step of %d each", n, before, gen, writeStep)
	}
	tab, err := lib.table()
	if err != nil {
		t.Fatal(err)
	}
	if tab.gen != gen || len(tab.rows) != n {
		t.Fatalf("table at generation %d with %d rows, want %d and %d", tab.gen, len(tab.rows), gen, n)
	}
	checkOrder(t, tab)
	docs, vecIDs, err := StoreIDs(lib)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != n || len(vecIDs) != n {
		t.Fatalf("%d records and %d vectors, want %d of each", len(docs), len(vecIDs), n)
	}
	for i, id := range docs {
		if vecIDs[i] != id {
			t.Fatalf("record %s and vector %s differ", id, vecIDs[i])
		}
	}
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}

	again := lib.readTable() // the closed library's files, as the next open finds them

	if again == nil {
		t.Fatal("no readable table files after reopening")
	}
	if again.gen != gen || len(again.rows) != n {
		t.Fatalf("table files at generation %d with %d rows, want %d and %d", again.gen, len(again.rows), gen, n)
	}
	lib, err = Open(album, false, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	res, err := lib.Search(t.Context(), Query{})
	if err != nil || len(res.All) != n {
		t.Fatalf("browse after reopening: %d matches (%v), want %d", len(res.All), err, n)
	}
}

// randomUnit is a random unit vector of dim dimensions.
func randomUnit(r *rand.Rand, dim int) []float32 {
	v := make([]float32, dim)
	var s float64
	for i := range v {
		x := r.NormFloat64()
		v[i], s = float32(x), s+x*x
	}
	for i := range v {
		v[i] /= float32(math.Sqrt(s))
	}
	return v
}
