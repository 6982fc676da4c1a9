package index

import (
	"fmt"
	"math"
	"math/rand/v2"
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
