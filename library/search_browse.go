package library

import "context"

// browseSnapshot is the unfiltered browse of one version of the table: every photo as a match in each time
// order, and the photos per peak. It is made once per change of the table and shared by every browse until
// the next, so browsing a million photos copies nothing.
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
		for _, p := range t.rows[i].Peaks {
			b.counts[p.Peak]++
		}
	}
	b.oldest = make([]Match, 0, len(b.newest))
	t.eachOldest(func(p int) { b.oldest = append(b.oldest, b.newest[p]) })
	t.browsed = b
	return b
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
			s.res.All = b.oldest
		}
		return b.counts
	}
	counts = make([]int, len(t.peakIDs))
	take := func(r int32) {
		row := &t.rows[r]
		if !s.f.allows(row) {
			return
		}
		s.res.All = append(s.res.All, Match{key: row.Key})
		for _, p := range row.Peaks {
			counts[p.Peak]++
		}
	}
	if f := &s.f; f.hasFrom || f.hasTo {
		// The order is by time: the rows of the span are all there is to test.
		lo, hi := t.timeSpan(f.hasFrom, f.from, f.hasTo, f.to)
		if s.q.Sort == Oldest {
			for p := hi - 1; p >= lo; p-- {
				take(t.newest[p])
			}
		} else {
			for _, r := range t.newest[lo:hi] {
				take(r)
			}
		}
		return counts
	}
	// The candidates are tested and marked by their place in the time order, which is then walked.
	allowed := make([]uint64, (len(t.newest)+63)/64)
	s.eachCandidate(func(i int32) {
		if s.f.allows(&t.rows[i]) {
			p := t.pos[i]
			allowed[p/64] |= 1 << (p % 64)
		}
	})
	at := func(p int) {
		if allowed[p/64]&(1<<(p%64)) != 0 {
			take(t.newest[p])
		}
	}
	if s.q.Sort == Oldest {
		t.eachOldest(at)
	} else {
		for p := range t.newest {
			at(p)
		}
	}
	return counts
}

// peakRows lists, for each interned peak, the rows predicted to show it, made once per version of the
// table like the browse snapshot; the caller holds t.mu for reading.
func (t *photoTable) peakRows() [][]int32 {
	t.browseMu.Lock()
	defer t.browseMu.Unlock()
	if t.byPeak != nil && t.byPeakVersion == t.version {
		return t.byPeak
	}
	counts := make([]int, len(t.peakIDs))
	for i := range t.rows {
		for _, p := range t.rows[i].Peaks {
			counts[p.Peak]++
		}
	}
	out := make([][]int32, len(t.peakIDs))
	for k, n := range counts {
		out[k] = make([]int32, 0, n)
	}
	for i := range t.rows {
		for _, p := range t.rows[i].Peaks {
			out[p.Peak] = append(out[p.Peak], int32(i))
		}
	}
	t.byPeak, t.byPeakVersion = out, t.version
	return out
}

// eachCandidate calls fn with every row the filters may allow, and maybe others, visiting as few as the
// table's orders permit: the rows of the date span, of the asked peaks or of the places the circle or box
// touches, whichever are fewest, or else every row. A row may come more than once when it shows several
// asked peaks.
func (s *search) eachCandidate(fn func(r int32)) {
	t, f := s.t, &s.f
	best, lo, hi := len(t.rows), 0, 0
	var lists [][]int32
	if f.hasFrom || f.hasTo {
		lo, hi = t.timeSpan(f.hasFrom, f.from, f.hasTo, f.to)
		best = hi - lo
		lists = [][]int32{t.newest[lo:hi]}
	}
	if f.peaks != nil {
		byPeak := t.peakRows()
		var peakLists [][]int32
		n := 0
		for k, want := range f.peaks {
			if want {
				peakLists = append(peakLists, byPeak[k])
				n += len(byPeak[k])
			}
		}
		if n < best {
			best, lists = n, peakLists
		}
	}
	if placeLists, n, ok := f.placeCandidates(t); ok && n < best {
		best, lists = n, placeLists
	}
	if best == len(t.rows) {
		for i := range t.rows {
			fn(int32(i))
		}
		return
	}
	for _, rows := range lists {
		for _, r := range rows {
			fn(r)
		}
	}
}
