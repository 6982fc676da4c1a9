package library

import (
	"slices"
	"sync"
)

// photoTable holds in memory the few facts of every photo that filters, sorting, facets and change detection
// need, so that a query never parses stored records: at a million photos a filter is a scan of a slice.
// It is derived from the metadata index and kept in step with every write to it (table_store.go), with the
// order newest first maintained as rows change, so no query sorts every photo.
type photoTable struct {
	mu      sync.RWMutex
	rows    []tableRow
	at      map[uint64]int    // vector key → index in rows
	peakIDs []string          // peak ids interned: rowPeak.Peak indexes this
	peakAt  map[string]uint16 // peak id → index in peakIDs
	gen     uint64            // the metadata index's write generation the rows agree with

	// newest lists the rows newest first (photos without a time last, by path); pos is each row's place in
	// it, or -1 while the row waits in fresh. Changes leave holes (-1) in newest and rows in fresh; settle
	// merges them in one pass, so a batch of writes costs one pass over the order, not a sort.
	newest []int32
	pos    []int32
	fresh  []int32
	holes  int

	// version counts changes; browseMu guards what is derived from one version by the first reader to ask
	// (readers hold mu for reading only): the unfiltered browse, the rows of each peak and of each place.
	version       uint64
	browseMu      sync.Mutex
	browsed       *browseSnapshot
	byPeak        [][]int32 // see peakRows
	byPeakVersion uint64
	cells         map[gridKey][]int32 // see grid
	cellsVersion  uint64
}

// tableRow is one photo's facts.
type tableRow struct {
	Key      uint64 // vectorKey of the photo id
	Rel      string
	Size     int64
	ModTime  int64
	Embedded bool
	HasTime  bool
	LocalMs  int64 // capture wall-clock time in the photo's own offset, as Unix milliseconds of that time in UTC
	HasGPS   bool
	Lat, Lon float64
	Heading  float32 // the camera's heading, degrees from true north (see viewOf); NaN when unknown
	FOV      float32 // horizontal field of view of the upright photo, degrees
	Peaks    []rowPeak
}

// rowPeak is one predicted peak of a row.
type rowPeak struct {
	Peak  uint16 // index in photoTable.peakIDs
	Score float32
}

func newPhotoTable(rows []tableRow, peakIDs []string) *photoTable {
	t := &photoTable{rows: rows, at: make(map[uint64]int, len(rows)), peakIDs: peakIDs, peakAt: map[string]uint16{}}
	for i, r := range rows {
		t.at[r.Key] = i
	}
	for i, id := range peakIDs {
		t.peakAt[id] = uint16(i)
	}
	t.pos = make([]int32, len(rows))
	for i := range t.pos {
		t.pos[i] = -1
		t.fresh = append(t.fresh, int32(i))
	}
	t.settle()
	return t
}

// withOrder sets the order newest first read from the cache file, which must be a permutation of the rows.
func (t *photoTable) withOrder(newest []int32) bool {
	if len(newest) != len(t.rows) {
		return false
	}
	pos := make([]int32, len(t.rows))
	for i := range pos {
		pos[i] = -1
	}
	for p, r := range newest {
		if r < 0 || int(r) >= len(pos) || pos[r] >= 0 {
			return false
		}
		pos[r] = int32(p)
	}
	t.newest, t.pos, t.fresh, t.holes = newest, pos, nil, 0
	return true
}

// rowOf makes p's row.
func (t *photoTable) rowOf(p Photo) tableRow {
	r := tableRow{Key: vectorKey(p.ID), Rel: p.Rel, Size: p.Size, ModTime: p.ModTime, Embedded: p.Embedded}
	if !p.ShotTime.IsZero() {
		r.HasTime, r.LocalMs = true, p.ShotTime.Local().UnixMilli()
	}
	if p.GPS != nil {
		r.HasGPS, r.Lat, r.Lon = true, p.GPS.Lat, p.GPS.Lon
	}
	heading, fov := viewOf(p)
	r.Heading, r.FOV = float32(heading), float32(fov)
	for _, g := range p.PredictedPeaks {
		r.Peaks = append(r.Peaks, rowPeak{Peak: t.intern(g.ID), Score: float32(g.Score)})
	}
	return r
}

// intern returns the index of peak id, adding it when new; the caller holds t.mu for writing.
func (t *photoTable) intern(id string) uint16 {
	i, ok := t.peakAt[id]
	if !ok {
		i = uint16(len(t.peakIDs))
		t.peakAt[id] = i
		t.peakIDs = append(t.peakIDs, id)
	}
	return i
}

// apply puts the rows of photos and removes the rows of keys, as the write that made the metadata index's
// generation gen. It returns the write as a log record, or nil when the table was behind before it: a
// table being rebuilt never claims to agree with the index.
func (t *photoTable) apply(photos []Photo, keys []uint64, gen uint64) []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	rows := make([]tableRow, len(photos))
	for i, p := range photos {
		rows[i] = t.rowOf(p)
	}
	t.putRows(rows)
	t.removeRows(keys)
	t.settle()
	if t.gen+1 != gen {
		return nil
	}
	t.gen = gen
	return t.encodeWrite(gen, rows, keys)
}

// putRows adds or replaces rows; the caller holds t.mu for writing and settles the order afterwards.
func (t *photoTable) putRows(rows []tableRow) {
	for _, r := range rows {
		i, ok := t.at[r.Key]
		if !ok {
			i = len(t.rows)
			t.at[r.Key] = i
			t.rows = append(t.rows, r)
			t.pos = append(t.pos, -1)
			t.fresh = append(t.fresh, int32(i))
			continue
		}
		old := &t.rows[i]
		moved := old.HasTime != r.HasTime || old.LocalMs != r.LocalMs || old.Rel != r.Rel
		if moved && t.pos[i] >= 0 {
			t.newest[t.pos[i]] = -1
			t.pos[i] = -1
			t.holes++
			t.fresh = append(t.fresh, int32(i))
		}
		t.rows[i] = r
	}
	t.version++
}

// removeRows drops the rows of keys; the caller holds t.mu for writing and settles the order afterwards.
func (t *photoTable) removeRows(keys []uint64) {
	if len(keys) == 0 {
		return
	}
	t.settle() // every row has its place in newest, so moving a row is renumbering one entry
	for _, k := range keys {
		i, ok := t.at[k]
		if !ok {
			continue
		}
		t.newest[t.pos[i]] = -1
		t.holes++
		last := len(t.rows) - 1
		if i != last {
			t.rows[i] = t.rows[last]
			t.at[t.rows[i].Key] = i
			t.pos[i] = t.pos[last]
			t.newest[t.pos[i]] = int32(i)
		}
		t.rows, t.pos = t.rows[:last], t.pos[:last]
		delete(t.at, k)
	}
	t.version++
}

// settle merges the fresh rows into the order newest first and closes its holes: one copy of the order,
// with a binary search for each fresh row.
func (t *photoTable) settle() {
	if len(t.fresh) == 0 && t.holes == 0 {
		return
	}
	old := t.newest
	if t.holes > 0 {
		old = slices.DeleteFunc(slices.Clone(old), func(r int32) bool { return r < 0 })
	}
	slices.SortFunc(t.fresh, t.compareNewer)
	merged := make([]int32, 0, len(t.rows))
	at := 0
	for _, f := range t.fresh {
		n, _ := slices.BinarySearchFunc(old[at:], f, t.compareNewer)
		merged = append(merged, old[at:at+n]...)
		merged = append(merged, f)
		at += n
	}
	merged = append(merged, old[at:]...)
	for p, r := range merged {
		t.pos[r] = int32(p)
	}
	t.newest, t.fresh, t.holes = merged, t.fresh[:0], 0
}

// compareNewer orders rows newest first, photos without a time last, then by path.
func (t *photoTable) compareNewer(a, b int32) int {
	switch ra, rb := &t.rows[a], &t.rows[b]; {
	case newer(ra, rb):
		return -1
	case newer(rb, ra):
		return 1
	}
	return 0
}

// datedCount is how many rows have a capture time: the dated rows lead the order newest first.
func (t *photoTable) datedCount() int {
	n, _ := slices.BinarySearchFunc(t.newest, true, func(r int32, _ bool) int {
		if t.rows[r].HasTime {
			return -1
		}
		return 1
	})
	return n
}

// timeSpan is the part of the order newest first taken from..to (Unix milliseconds of the wall clock), inclusive.
func (t *photoTable) timeSpan(hasFrom bool, from int64, hasTo bool, to int64) (lo, hi int) {
	dated := t.datedCount()
	lo, hi = 0, dated
	if hasTo { // the first row not after to
		lo, _ = slices.BinarySearchFunc(t.newest[:dated], to, func(r int32, to int64) int {
			if t.rows[r].LocalMs > to {
				return -1
			}
			return 1
		})
	}
	if hasFrom { // the first row before from
		hi, _ = slices.BinarySearchFunc(t.newest[:dated], from, func(r int32, from int64) int {
			if t.rows[r].LocalMs >= from {
				return -1
			}
			return 1
		})
	}
	return lo, max(lo, hi)
}

// older orders rows oldest first, undated last, then by path.
func older(a, b *tableRow) bool {
	if a.HasTime != b.HasTime {
		return a.HasTime
	}
	if a.LocalMs != b.LocalMs {
		return a.LocalMs < b.LocalMs
	}
	return a.Rel < b.Rel
}

// newer orders rows newest first, undated last, then by path.
func newer(a, b *tableRow) bool {
	if a.HasTime != b.HasTime {
		return a.HasTime
	}
	if a.LocalMs != b.LocalMs {
		return a.LocalMs > b.LocalMs
	}
	return a.Rel < b.Rel
}
