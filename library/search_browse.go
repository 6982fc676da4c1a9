package library

import (
	"context"
	"slices"
)

// browseSnapshot is the unfiltered browse of one version of the table: every photo as a match in each time
// order (oldest first made when first asked for), and the photos per peak. It is made once per change of the
// table and shared by every browse until the next, so browsing a million photos copies nothing.
type browseSnapshot struct {
	version        uint64
	newest, oldest []Match
	counts         []int
}

// snapshot returns the unfiltered browse of the table as it is; the caller holds t.mu for reading.
func (t *photoTable) snapshot() *browseSnapshot {
	t.browseMu.Lock()
	defer t.browseMu.Unlock()
	if b := t.browsed; b != nil && b.version == t.version {
		return b
	}
	b := &browseSnapshot{version: t.version, newest: make([]Match, len(t.newest)), counts: make([]int, len(t.peakIDs))}
	for i, r := range t.newest {
		b.newest[i] = Match{key: t.rows[r].Key}
	}
	for i := range t.rows {
		for _, p := range t.peaksOf(&t.rows[i]) {
			b.counts[p.Peak]++
		}
	}
	t.browsed = b
	return b
}

// oldestOf returns b's matches oldest first, making them the first time; the caller holds t.mu for reading
// and b is the table's current snapshot.
func (t *photoTable) oldestOf(b *browseSnapshot) []Match {
	t.browseMu.Lock()
	defer t.browseMu.Unlock()
	if b.oldest == nil {
		oldest := make([]Match, 0, len(b.newest))
		t.eachOldest(func(p int) { oldest = append(oldest, b.newest[p]) })
		b.oldest = oldest
	}
	return b.oldest
}

// eachOldest calls fn with the places in the order newest first of every row oldest first: the dated rows
// the other way round, then the undated ones by path as before.
func (t *photoTable) eachOldest(fn func(p int)) {
	dated := t.datedCount()
	for p := dated - 1; p >= 0; p-- {
		fn(p)
	}
	for p := dated; p < len(t.newest); p++ {
		fn(p)
	}
}

// browse lists every photo the filters allow in time order, with the facets.
func (s *search) browse(ctx context.Context) (Results, error) {
	return s.complete(ctx, s.browseMatches())
}

// browseMatches sets the matches of a browse and returns their counts by peak.
func (s *search) browseMatches() (counts []int) {
	t := s.t
	if !s.q.filters() {
		b := t.snapshot()
		s.res.All = b.newest
		if s.q.Sort == Oldest {
			s.res.All = t.oldestOf(b)
		}
		return b.counts
	}
	counts = make([]int, len(t.peakIDs))
	take := func(r int32) {
		row := &t.rows[r]
		s.res.All = append(s.res.All, Match{key: row.Key})
		for _, p := range t.peaksOf(row) {
			counts[p.Peak]++
		}
	}
	if f := &s.f; f.hasFrom || f.hasTo {
		// The order is by time: the rows of the span are all there is to test.
		lo, hi := t.timeSpan(f.hasFrom, f.from, f.hasTo, f.to)
		if s.q.Sort == Oldest {
			for p := hi - 1; p >= lo; p-- {
				if r := t.newest[p]; s.f.allows(&t.rows[r]) {
					take(r)
				}
			}
		} else {
			for _, r := range t.newest[lo:hi] {
				if s.f.allows(&t.rows[r]) {
					take(r)
				}
			}
		}
		return counts
	}
	// The allowed rows are counted and marked by their place in the time order, which is then walked over
	// the unfiltered browse's matches, in order in memory.
	allowed := newRowSet(len(t.newest))
	n := 0
	if g, spans, _ := s.f.placeCandidates(t); g != nil && s.f.peaks == nil {
		// By place alone: the grid has all it takes, in order.
		s.f.eachPlaced(g, spans, func(j int32) {
			allowed.add(g.pos[j])
			n++
			for _, k := range g.peaks[g.peakAt[j]:g.peakAt[j+1]] {
				counts[k]++
			}
		})
	} else {
		s.eachAllowed(func(i int32) {
			if allowed.add(t.pos[i]) {
				n++
				for _, pk := range t.peaksOf(&t.rows[i]) {
					counts[pk.Peak]++
				}
			}
		})
	}
	all := t.snapshot().newest
	s.res.All = make([]Match, 0, n)
	add := func(p int) { s.res.All = append(s.res.All, Match{key: all[p].key}) }
	if s.q.Sort == Oldest {
		dated := t.datedCount()
		allowed.eachDown(0, dated, add)
		allowed.each(dated, len(t.newest), add)
	} else {
		allowed.each(0, len(t.newest), add)
	}
	return counts
}

// peakRows lists, for each interned peak, the rows predicted to show it, made once per version of the
// table like the browse snapshot; the caller holds t.mu for reading.
func (t *photoTable) peakRows() [][]int32 {
	t.peaksMu.Lock()
	defer t.peaksMu.Unlock()
	return t.peakRowsLocked()
}

// peakRowsLocked is peakRows for a caller holding t.peaksMu.
func (t *photoTable) peakRowsLocked() [][]int32 {
	if t.byPeak != nil && t.byPeakVersion == t.version {
		return t.byPeak
	}
	counts := make([]int, len(t.peakIDs))
	for i := range t.rows {
		for _, p := range t.peaksOf(&t.rows[i]) {
			counts[p.Peak]++
		}
	}
	out := make([][]int32, len(t.peakIDs))
	for k, n := range counts {
		out[k] = make([]int32, 0, n)
	}
	for i := range t.rows {
		for _, p := range t.peaksOf(&t.rows[i]) {
			out[p.Peak] = append(out[p.Peak], int32(i))
		}
	}
	t.byPeak, t.byPeakVersion = out, t.version
	t.byScore = nil
	return out
}

// peakRanking is the rows predicted to show one peak, best prediction first (then by row), with the
// predictions' scores.
type peakRanking struct {
	rows   []int32
	scores []float32
}

// peakRanking returns the ranking of the rows predicted to show peak k, made the first time a version of
// the table is asked for it, so that a search by a peak's name sorts nothing; the caller holds t.mu for
// reading.
func (t *photoTable) peakRanking(k uint16) *peakRanking {
	t.peaksMu.Lock()
	defer t.peaksMu.Unlock()
	rows := t.peakRowsLocked()[k]
	if t.byScore == nil {
		t.byScore = make([]*peakRanking, len(t.peakIDs))
	}
	if pr := t.byScore[k]; pr != nil {
		return pr
	}
	hits := make([]scored, len(rows))
	for j, r := range rows {
		hits[j].row = r
		for _, p := range t.peaksOf(&t.rows[r]) {
			if p.Peak == k {
				hits[j].score = max(hits[j].score, float64(p.Score))
			}
		}
	}
	slices.SortFunc(hits, byScore)
	hits = slices.CompactFunc(hits, func(a, b scored) bool { return a.row == b.row }) // a peak predicted twice
	pr := &peakRanking{rows: make([]int32, len(hits)), scores: make([]float32, len(hits))}
	for j, h := range hits {
		pr.rows[j], pr.scores[j] = h.row, float32(h.score)
	}
	t.byScore[k] = pr
	return pr
}

// eachAllowed calls fn with every row the filters allow, visiting as few as the table's orders permit: the
// rows of the date span, of the asked peaks or of the places the circle or box touches, whichever are
// fewest, or else every row. A row may come more than once when it shows several asked peaks. Rows found
// by place are tested on the grid's copy of their positions, read in order, and not at all in cells the
// circle or box holds whole.
func (s *search) eachAllowed(fn func(r int32)) {
	t, f := s.t, &s.f
	timed := f.hasFrom || f.hasTo
	best, lo, hi := len(t.rows), 0, 0
	if timed {
		lo, hi = t.timeSpan(f.hasFrom, f.from, f.hasTo, f.to)
		best = hi - lo
	}
	var peakLists [][]int32 // the rows of the asked peaks, when they are the fewest so far
	byPeaks := false
	if f.peaks != nil {
		byPeak := t.peakRows()
		n := 0
		for k, want := range f.peaks {
			if want {
				peakLists = append(peakLists, byPeak[k])
				n += len(byPeak[k])
			}
		}
		if byPeaks = n < best; byPeaks {
			best = n
		}
	}
	testRow := func(r int32) {
		if f.allows(&t.rows[r]) {
			fn(r)
		}
	}
	if g, spans, n := f.placeCandidates(t); g != nil && n < best {
		f.eachPlaced(g, spans, func(j int32) {
			if r := g.rows[j]; !timed && f.peaks == nil || f.allowsTime(&t.rows[r]) && f.allowsPeaks(&t.rows[r]) {
				fn(r)
			}
		})
		return
	}
	switch {
	case byPeaks:
		for _, rows := range peakLists {
			for _, r := range rows {
				testRow(r)
			}
		}
	case timed && f.peaks == nil && f.near == nil && f.box == nil:
		for _, r := range t.newest[lo:hi] { // the span is exactly the rows of the dates: nothing to test
			fn(r)
		}
	case timed:
		for _, r := range t.newest[lo:hi] {
			testRow(r)
		}
	default:
		for i := range t.rows {
			testRow(int32(i))
		}
	}
}
