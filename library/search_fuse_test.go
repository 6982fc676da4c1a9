package library

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/cairn-photos/cairn/library/peaks"
)

// TestFuseMatchesReciprocalRankFusion: fusion with its shortcut (the longest list's own rows kept in order,
// the rest sorted and merged in) ranks and explains every row as plain reciprocal rank fusion does, with
// lists that overlap a lot, a little or not at all, and a list that names a row twice; and counts the
// fused rows' peaks.
func TestFuseMatchesReciprocalRankFusion(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var rows []looseRow
	for i := range 3000 {
		row := looseRow{Key: r.Uint64(), Rel: fmt.Sprintf("p%d.jpg", i)}
		for range r.IntN(4) {
			row.Peaks = append(row.Peaks, rowPeak{Peak: uint16(r.IntN(5)), Score: r.Float32()})
		}
		rows = append(rows, row)
	}
	tab := newPhotoTable(rows, []string{"a", "b", "c", "d", "e"})
	pick := func(n int) []int32 { // n distinct rows in random order
		p := r.Perm(len(rows))[:n]
		out := make([]int32, n)
		for i, v := range p {
			out[i] = int32(v)
		}
		return out
	}
	for round := range 40 {
		s := &search{t: tab}
		for l := range 1 + r.IntN(6) {
			rows := pick(r.IntN(1 + 2000/(l+1)))
			if round%10 == 9 && len(rows) > 3 {
				rows = append(rows, rows[1])
			}
			s.add(ranked{why: fmt.Sprintf("list %d", l), rows: rows})
		}
		f := s.fuse()
		got := f.all

		type ref struct {
			row   int32
			score float64
			why   []string
		}
		byRow := map[int32]*ref{}
		var want []*ref
		for _, list := range s.lists {
			for rank, row := range list.rows {
				m := byRow[row]
				if m == nil {
					m = &ref{row: row}
					byRow[row] = m
					want = append(want, m)
				}
				m.score += 1 / float64(rrfK+rank+1)
				if !slices.Contains(m.why, list.why) {
					m.why = append(m.why, list.why)
				}
			}
		}
		sort.Slice(want, func(i, j int) bool {
			if want[i].score != want[j].score {
				return want[i].score > want[j].score
			}
			return tab.rows[want[i].row].Key < tab.rows[want[j].row].Key
		})
		if len(got) != len(want) {
			t.Fatalf("round %d: %d fused rows, want %d", round, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			why := s.res.Why(Match{key: g.key, why: g.why})
			if g.row != w.row || g.score != w.score || g.key != tab.rows[w.row].Key || !slices.Equal(why, w.why) {
				t.Fatalf("round %d, rank %d: row %d score %v why %q, want row %d score %v why %q", round, i, g.row, g.score, why, w.row, w.score, w.why)
			}
		}
		counts := make([]int, len(tab.peakIDs))
		for _, w := range want {
			for _, p := range tab.peaksOf(&tab.rows[w.row]) {
				counts[p.Peak]++
			}
		}
		if !slices.Equal(f.counts, counts) {
			t.Fatalf("round %d: peak counts %v, want %v", round, f.counts, counts)
		}
		for i, v := range tab.takeSlots() {
			if v != 0 {
				t.Fatalf("round %d: fusion left slot %d at %d", round, i, v)
			}
		}
	}
}

// TestPredictedPeaksRanking: a search by peaks lists the allowed photos predicted to show any of them by
// their best score among those peaks, best first, each once, none with a score of 0.
func TestPredictedPeaksRanking(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	var photos []Photo
	for i := range 4000 {
		p := tablePhoto(r, i)
		if i%7 == 0 && len(p.PredictedPeaks) > 0 {
			p.PredictedPeaks[0].Score = 0
		}
		if r.IntN(3) > 0 {
			p.GPS = &LatLon{Lat: 27.8 + r.Float64()*0.2, Lon: 86.7 + r.Float64()*0.2}
		}
		photos = append(photos, p)
	}
	tab := newPhotoTable(nil, nil)
	tab.apply(photos, nil, 1)
	for _, q := range []struct {
		ids []string
		q   Query
	}{
		{[]string{"peak1"}, Query{}},
		{[]string{"peak2", "peak5"}, Query{}},
		{[]string{"peak0", "peak3", "peak8"}, Query{Near: &Circle{Lat: 27.9, Lon: 86.8, KM: 6}}},
		{[]string{"peak4"}, Query{From: time.Date(2020, 1, 10, 0, 0, 0, 0, time.UTC)}},
		{[]string{"peak6", "nosuchpeak"}, Query{}},
	} {
		tab.mu.RLock()
		s := &search{l: &Library{opt: Options{Catalog: &peaks.Catalog{}}}, t: tab, q: q.q, f: q.q.rowFilter(tab)}
		got := s.byPredictedPeaks(q.ids).rows
		var want []scored
		for i := range tab.rows {
			row := &tab.rows[i]
			var best float32
			for _, p := range tab.peaksOf(row) {
				if slices.Contains(q.ids, tab.peakIDs[p.Peak]) {
					best = max(best, p.Score)
				}
			}
			if best > 0 && s.f.allows(row) {
				want = append(want, scored{row: int32(i), score: float64(best)})
			}
		}
		tab.mu.RUnlock()
		slices.SortFunc(want, byScore)
		wantRows := make([]int32, len(want))
		for i, w := range want {
			wantRows[i] = w.row
		}
		if len(want) == 0 || !slices.Equal(got, wantRows) {
			t.Errorf("peaks %v, query %+v: %d rows, want %d in this order", q.ids, q.q, len(got), len(wantRows))
		}
	}
}
