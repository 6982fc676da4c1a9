package vectors

import (
	"sort"
	"testing"

	"github.com/cairn-photos/cairn/index/annbench/clustered"
	"github.com/cairn-photos/cairn/internal/testenv"
	"github.com/viterin/vek/vek32"
)

func TestExactSearchMatchesSort(t *testing.T) {
	rows := Matrix{Dim: 24}
	for id := range uint64(20000) { // enough rows for the parallel path
		rows.Data = append(rows.Data, vectorFor(id, 24)...)
	}
	q := vectorFor(99999, 24)
	type scored struct {
		slot  uint32
		score float32
	}
	var all []scored
	for s := range uint32(rows.Len()) {
		all = append(all, scored{s, vek32.Dot(q, rows.Vector(s))})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].score > all[j].score })
	even := func(s uint32) bool { return s%2 == 0 }
	var evenSlots []uint32
	for s := uint32(0); s < uint32(rows.Len()); s += 2 {
		evenSlots = append(evenSlots, s)
	}
	for _, workers := range []int{1, 2, 3} {
		got := ExactSearch(rows, rows.Len(), q, 15, nil, workers)
		for i := range got {
			if got[i].Slot != all[i].slot || got[i].Score != all[i].score {
				t.Fatalf("workers=%d rank %d: %v, want %v", workers, i, got[i], all[i])
			}
		}
		filtered := ExactSearch(rows, rows.Len(), q, 15, even, workers)
		viaSlots := ExactSearchSlots(rows, evenSlots, q, 15)
		j := 0
		for _, a := range all {
			if j == 15 {
				break
			}
			if !even(a.slot) {
				continue
			}
			if filtered[j].Slot != a.slot || viaSlots[j].Slot != a.slot {
				t.Fatalf("filtered rank %d: %v and %v, want slot %d", j, filtered[j], viaSlots[j], a.slot)
			}
			j++
		}
	}
	if got := ExactSearch(rows, rows.Len(), q, 0, nil, 0); got != nil {
		t.Errorf("k=0 returned %v", got)
	}
	if got := ExactSearchSlots(rows, []uint32{3}, q, 10); len(got) != 1 || got[0].Slot != 3 {
		t.Errorf("one allowed slot: %v", got)
	}
}

// TestCodesScanRecall measures what the scan of codes loses against the scan of floats: recall@k of the
// k results after rescoring rescoreDepth(k) candidates, on 768-d clustered vectors and on vectors
// nearly uniform on the sphere, where the best scores crowd closest together.
func TestCodesScanRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("scans 10,000 × 768 many times")
	}
	testenv.SkipUnderRace(t, "a measurement: one goroutine per scan, nothing shared")
	const n, dim, nq = 10000, 768, 40
	for _, kind := range []struct {
		name     string
		clusters int
	}{{"clustered", 24}, {"uniform", 0}} {
		m := Matrix{Dim: dim, Data: make([]float32, (n+nq)*dim)}
		if kind.clusters > 0 {
			gen := clustered.New(clustered.Params{Dim: dim, Clusters: kind.clusters, Seed: 3})
			for i := range n + nq {
				gen.Next(m.Vector(uint32(i)))
			}
		} else {
			for i := range n + nq {
				copy(m.Vector(uint32(i)), vectorFor(uint64(i), dim))
			}
		}
		base := Matrix{Dim: dim, Data: m.Data[:n*dim]}
		coded := NewCodedMatrix(base)
		for _, k := range []int{10, 50, 100} {
			hit, total := 0, 0
			for i := range nq {
				q := m.Vector(uint32(n + i))
				want := map[uint32]bool{}
				for _, s := range ExactSearch(base, n, q, k, nil, 1) {
					want[s.Slot] = true
				}
				got := ExactSearch(coded, n, q, k, nil, 1)
				for j, s := range got {
					if want[s.Slot] {
						hit++
					}
					if s.Score != vek32.Dot(q, base.Vector(s.Slot)) || (j > 0 && s.Score > got[j-1].Score) {
						t.Fatalf("%s k=%d: result %d is not scored by its float vector, best first", kind.name, k, j)
					}
				}
				total += k
			}
			recall := float64(hit) / float64(total)
			t.Logf("%s: recall@%d of the scan of codes %.4f", kind.name, k, recall)
			if recall < 0.995 {
				t.Errorf("%s: recall@%d of the scan of codes is %.4f", kind.name, k, recall)
			}
		}
	}
}
