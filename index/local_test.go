package index

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// TestWritesSideBySide: writes called from several goroutines at once all land, records and vectors alike,
// and stored sees every generation once, in order, one write at a time (the race detector checks the last:
// stored appends to a slice without a lock of its own).
func TestWritesSideBySide(t *testing.T) {
	const dim, writers, writes, perWrite = 8, 4, 6, 40
	s, err := OpenLocal(t.TempDir(), LocalOptions{VectorsDir: "vectors", Dim: dim})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var gens []uint64
	stored := func(gen uint64) error {
		gens = append(gens, gen)
		return nil
	}
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(w), 1))
			for i := range writes {
				docs := make([]Doc, perWrite)
				for j := range docs {
					id := ID(uint64(w)<<32 | uint64(i*perWrite+j))
					docs[j] = Doc{ID: id, Name: fmt.Sprintf("w%d p%d", w, j), Peaks: []string{"everest"}, Record: "{}", Vector: unit(r, dim)}
				}
				if err := s.Write(docs, nil, stored); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	want := make([]uint64, writers*writes)
	for i := range want {
		want[i] = uint64(i + 1)
	}
	if !slices.Equal(gens, want) {
		t.Fatalf("stored saw generations %v, want 1 to %d in order", gens, len(want))
	}
	if gen, err := s.Generation(); err != nil || gen != uint64(len(want)) {
		t.Fatalf("generation %d (%v), want %d", gen, err, len(want))
	}
	n, err := s.Count()
	if err != nil || n != writers*writes*perWrite {
		t.Fatalf("%d records (%v), want %d", n, err, writers*writes*perWrite)
	}
	if v := s.Vectors().Len(); v != n {
		t.Fatalf("%d vectors for %d records", v, n)
	}
	if ids, err := s.MatchName("W1 p3"); err != nil || len(ids) != writes {
		t.Fatalf("name match found %d records (%v), want %d", len(ids), err, writes)
	}
	if counts, err := s.PeakCounts(); err != nil || counts["everest"] != n {
		t.Fatalf("peak counts %v (%v), want everest on all %d", counts, err, n)
	}
}

func unit(r *rand.Rand, dim int) []float32 {
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

// TestModelSwitchThroughTheStore: a second vector set fills beside the one in use, which keeps answering;
// once used, it answers, the old set and sets given up are gone, and a store opened again on it finds what
// was put. Names that are not vector sets' are refused, and a read-only store opens none.
func TestModelSwitchThroughTheStore(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenLocal(dir, LocalOptions{VectorsDir: VectorsDir, Dim: 2})
	if err != nil {
		t.Fatal(err)
	}
	id := ID(42)
	if err := s.Write([]Doc{{ID: id, Name: "a.jpg", Record: "{}", Vector: []float32{1, 0}}}, nil, nil); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"meta.bleve", "vectors", "../vectors-x", "thumbs"} {
		if set, err := s.NextVectors(bad, 3); err == nil {
			set.Close()
			t.Errorf("NextVectors(%q) was taken", bad)
		}
	}
	given, err := s.NextVectors("vectors-given-up", 3)
	if err != nil {
		t.Fatal(err)
	}
	given.Close()
	next, err := s.NextVectors("vectors-b", 3)
	if err != nil {
		t.Fatal(err)
	}
	if err := next.Put(Key(id), []float32{0, 0.6, 0.8}); err != nil {
		t.Fatal(err)
	}
	if err := next.Flush(); err != nil {
		t.Fatal(err)
	}
	if v, ok := s.Vectors().Get(Key(id)); !ok || len(v) != 2 {
		t.Fatalf("while the next set fills, the store answers with %v, %v", v, ok)
	}
	if err := s.UseVectors("vectors-c"); err == nil {
		t.Error("a set never opened was used")
	}
	if err := s.UseVectors("vectors-b"); err != nil {
		t.Fatal(err)
	}
	if v, ok := s.Vectors().Get(Key(id)); !ok || len(v) != 3 {
		t.Errorf("after the switch the store answers with %v, %v", v, ok)
	}
	for _, gone := range []string{VectorsDir, "vectors-given-up"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there: %v", gone, err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = OpenLocal(dir, LocalOptions{VectorsDir: "vectors-b", Dim: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Vectors().Has(Key(id)) {
		t.Error("the new set lost its vector across a close")
	}
	s.Close()
	ro, err := OpenLocal(dir, LocalOptions{VectorsDir: "vectors-b", Dim: 3, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.NextVectors("vectors-d", 3); err == nil {
		t.Error("a read-only store opened a vector set")
	}
	if _, err := os.Stat(filepath.Join(dir, "vectors-d")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a read-only store made a folder")
	}
}
