package vectors

import (
	"sort"
	"testing"

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
