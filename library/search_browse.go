package library

import (
	"context"
	"math/bits"
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
	allowed := make([]uint64, (len(t.newest)+63)/64)
	n := 0
	if g, spans, _ := s.f.placeCandidates(t); g != nil && s.f.peaks == nil {
		// By place alone: the grid has all it takes, in order.
		for _, sp := range spans {
			for j := sp[0]; j < sp[1]; j++ {
				if s.f.allowsPlace(g.lat[j], g.lon[j]) {
					p := g.pos[j]
					allowed[p/64] |= 1 << (p % 64)
					n++
					for _, k := range g.peaks[g.peakAt[j]:g.peakAt[j+1]] {
						counts[k]++
					}
				}
			}
		}
	} else {
		s.eachAllowed(func(i int32) {
			p := t.pos[i]
			if allowed[p/64]&(1<<(p%64)) == 0 {
				allowed[p/64] |= 1 << (p % 64)
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
		eachSetBitDown(allowed, 0, dated, add)
		eachSetBit(allowed, dated, len(t.newest), add)
	} else {
		eachSetBit(allowed, 0, len(t.newest), add)
	}
	return counts
}

// eachSetBit calls fn with every set bit of set from lo up to hi, ascending, skipping empty words whole.
func eachSetBit(set []uint64, lo, hi int, fn func(p int)) {
	for w := lo / 64; w*64 < hi; w++ {
		word := set[w]
		if w == lo/64 {
			word &^= 1<<(lo%64) - 1
		}
		for word != 0 {
			p := w*64 + bits.TrailingZeros64(word)
			if p >= hi {
				return
			}
			fn(p)
			word &= word - 1
		}
	}
}

// eachSetBitDown calls fn with every set bit of set from hi-1 down to lo.
func eachSetBitDown(set []uint64, lo, hi int, fn func(p int)) {
	if hi <= lo {
		return
	}
	for w := (hi - 1) / 64; w >= 0 && w*64+63 >= lo; w-- {
		word := set[w]
		if w == (hi-1)/64 && hi%64 != 0 {
			word &= 1<<(hi%64) - 1
		}
		for word != 0 {
			top := 63 - bits.LeadingZeros64(word)
			p := w*64 + top
			if p < lo {
				return
			}
			fn(p)
			word &^= 1 << top
		}
	}
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
	return out
}

// eachAllowed calls fn with every row the filters allow, visiting as few as the table's orders permit: the
// rows of the date span, of the asked peaks or of the places the circle or box touches, whichever are
// fewest, or else every row. A row may come more than once when it shows several asked peaks. Rows found
// by place alone are tested on the grid's copy of their positions, read in order.
func (s *search) eachAllowed(fn func(r int32)) {
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
	if g, spans, n := f.placeCandidates(t); g != nil && n < best {
		if !f.hasFrom && !f.hasTo && f.peaks == nil {
			for _, sp := range spans {
				for j := sp[0]; j < sp[1]; j++ {
					if f.allowsPlace(g.lat[j], g.lon[j]) {
						fn(g.rows[j])
					}
				}
			}
			return
		}
		best, lists = n, nil
		for _, sp := range spans {
			lists = append(lists, g.rows[sp[0]:sp[1]])
		}
	}
	if f.hasFrom || f.hasTo {
		if span := t.newest[lo:hi]; f.peaks == nil && f.near == nil && f.box == nil {
			for _, r := range span { // the span is exactly the rows of the dates: nothing to test
				fn(r)
			}
			return
		}
	}
	if best == len(t.rows) {
		for i := range t.rows {
			if f.allows(&t.rows[i]) {
				fn(int32(i))
			}
		}
		return
	}
	for _, rows := range lists {
		for _, r := range rows {
			if f.allows(&t.rows[r]) {
				fn(r)
			}
		}
	}
}
