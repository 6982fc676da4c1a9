package vectors

import (
	"slices"
	"testing"
)

// askingRows records what a rescoring asks to be read ahead.
type askingRows struct {
	Matrix
	asked []uint32
}

func (r *askingRows) WillNeed(slots func(yield func(uint32) bool)) {
	for s := range slots {
		r.asked = append(r.asked, s)
	}
}

// TestRescoreAsksForItsRowsFirst: the rows a rescoring reads are asked for before it reads them, every one.
func TestRescoreAsksForItsRowsFirst(t *testing.T) {
	const dim = 8
	rows := &askingRows{Matrix: Matrix{Dim: dim}}
	for i := range 20 {
		rows.Data = append(rows.Data, vectorFor(uint64(i), dim)...)
	}
	found := []Scored{{Slot: 3}, {Slot: 17}, {Slot: 5}, {Slot: 11}}
	got := rescore(rows, vectorFor(5, dim), slices.Clone(found), 2)
	if len(got) != 2 || got[0].Slot != 5 {
		t.Fatalf("rescore = %v, want slot 5 first of 2", got)
	}
	want := []uint32{3, 17, 5, 11}
	if !slices.Equal(rows.asked, want) {
		t.Fatalf("asked for %v, want %v", rows.asked, want)
	}
}

// TestWillNeedOnTheIndexFile: asking for rows of a real index's file, live, freed or past its end, is harmless
// and the searches after it still answer.
func TestWillNeedOnTheIndexFile(t *testing.T) {
	ix := mustOpen(t, t.TempDir(), 16, Options{ExactBelow: 10})
	defer ix.Close()
	for id := range uint64(50) {
		if err := ix.Put(id, vectorFor(id, 16)); err != nil {
			t.Fatal(err)
		}
	}
	ix.st.WillNeed(slices.Values([]uint32{0, 7, 49, 50, 1 << 30}))
	hits, err := ix.Search(vectorFor(7, 16), 1, nil)
	if err != nil || len(hits) != 1 || hits[0].ID != 7 {
		t.Fatalf("search after WillNeed: %v, %v", hits, err)
	}
}
