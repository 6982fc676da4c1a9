package library

import (
	"slices"
	"sync"
	"unsafe"

	"github.com/cairn-photos/cairn/index"
	"github.com/cairn-photos/cairn/index/vectors"
)

// photoTable holds in memory the few facts of every photo that filters, sorting, facets and change detection
// need, so that a query never parses stored records: at a million photos a filter is a scan of a slice.
// It is derived from the metadata index and kept in step with every write to it (table_store.go), with the
// order newest first maintained as rows change, so no query sorts every photo.
//
// Rows hold no pointers: paths and peak lists are spans of one buffer each (rels, peaks), so a million rows
// are three allocations the garbage collector never scans, and the snapshot on disk is the same bytes
// (table_file.go), used where they were read.
type photoTable struct {
	mu      sync.RWMutex
	rows    []tableRow
	rels    []byte    // every row's path, end to end; spans no row uses any more are dropped by compact
	peaks   []rowPeak // every row's predicted peaks, end to end, likewise
	at      keyIndex  // vector key → index in rows
	peakIDs []string  // peak ids interned: rowPeak.Peak indexes this
	peakAt  map[string]uint16
	gen     uint64 // the metadata index's write generation the rows agree with

	relsUsed, peaksUsed int  // how much of rels and peaks the rows use: compact drops the rest when it is most
	legacy              bool // read from a file of an earlier version, to be saved in the current one

	// newest lists the rows newest first (photos without a time last, by path); pos is each row's place in
	// it, or -1 while the row waits in fresh. Changes leave holes (-1) in newest and rows in fresh; settle
	// merges them in one pass, so a batch of writes costs one pass over the order, not a sort.
	newest []int32
	pos    []int32
	fresh  []int32
	holes  int

	// version counts changes. What is derived from one version is made by the first reader to ask (readers
	// hold mu for reading only), each under a lock of its own, so that a browse never waits while the grid
	// or the map to the vectors is made: the unfiltered browse, the rows of each peak, of each place.
	version       uint64
	browseMu      sync.Mutex
	browsed       *browseSnapshot
	peaksMu       sync.Mutex
	byPeak        [][]int32 // see peakRows
	byPeakVersion uint64
	byScore       []*peakRanking // by peak, made when first asked for; of byPeakVersion
	cellsMu       sync.Mutex
	cells         *placeGrid // see grid
	vecKeysMu     sync.Mutex
	vecKeys       *vectors.KeyMap
	vecKeysOf     index.Vectors
	vecKeysAt     uint64 // the version vecKeys maps the rows of

	slots sync.Pool // of *[]int32: see takeSlots
}

// tableRow is one photo's facts, without pointers (see photoTable). Its layout is the snapshot's: a change
// of it changes tableVersion.
type tableRow struct {
	Key      uint64 // vectorKey of the photo id
	Size     int64
	ModTime  int64
	LocalMs  int64 // capture wall-clock time in the photo's own offset, as Unix milliseconds of that time in UTC
	Lat, Lon float64
	Heading  float32 // the camera's heading, degrees from true north (see viewOf); NaN when unknown
	FOV      float32 // horizontal field of view of the upright photo, degrees
	relAt    uint32  // the path is rels[relAt:relAt+relLen]
	peaksAt  uint32  // the predicted peaks are peaks[peaksAt:peaksAt+nPeaks]
	relLen   uint16
	nPeaks   uint8
	flags    uint8
	_        uint32
}

const (
	flagEmbedded = 1 << iota
	flagTime
	flagGPS
)

func (r *tableRow) Embedded() bool { return r.flags&flagEmbedded != 0 }
func (r *tableRow) HasTime() bool  { return r.flags&flagTime != 0 }
func (r *tableRow) HasGPS() bool   { return r.flags&flagGPS != 0 }

// rowPeak is one predicted peak of a row.
type rowPeak struct {
	Peak  uint16 // index in photoTable.peakIDs
	_     uint16
	Score float32
}

// looseRow is a row with its path and peaks of its own: as a write makes it, the log records it and the
// earlier cache formats held it.
type looseRow struct {
	Key      uint64
	Rel      string
	Size     int64
	ModTime  int64
	Embedded bool
	HasTime  bool
	LocalMs  int64
	HasGPS   bool
	Lat, Lon float64
	Heading  float32
	FOV      float32
	Peaks    []rowPeak
}

func newPhotoTable(rows []looseRow, peakIDs []string) *photoTable {
	t := &photoTable{peakIDs: peakIDs, peakAt: map[string]uint16{}}
	for i, id := range peakIDs {
		t.peakAt[id] = uint16(i)
	}
	t.putRows(rows)
	t.settle()
	return t
}

// rel is r's path; it stays valid after the table changes (rels is only ever appended to or replaced).
func (t *photoTable) rel(r *tableRow) string {
	if r.relLen == 0 {
		return ""
	}
	return unsafe.String(&t.rels[r.relAt], int(r.relLen))
}

// peaksOf is r's predicted peaks; read only.
func (t *photoTable) peaksOf(r *tableRow) []rowPeak {
	end := r.peaksAt + uint32(r.nPeaks)
	return t.peaks[r.peaksAt:end:end]
}

// row returns the row of key, or nil.
func (t *photoTable) row(key uint64) *tableRow {
	if i, ok := t.at.find(t.rows, key); ok {
		return &t.rows[i]
	}
	return nil
}

// keyMap maps the rows, by number, to their vectors in vecs, made again when the rows or the vectors have
// changed since it was last made; the caller holds t.mu for reading.
func (t *photoTable) keyMap(vecs index.Vectors) *vectors.KeyMap {
	t.vecKeysMu.Lock()
	defer t.vecKeysMu.Unlock()
	if m := t.vecKeys; m != nil && t.vecKeysOf == vecs && t.vecKeysAt == t.version && m.Current() {
		return m
	}
	keys := make([]uint64, len(t.rows))
	for i := range t.rows {
		keys[i] = t.rows[i].Key
	}
	t.vecKeys, t.vecKeysOf, t.vecKeysAt = vecs.KeyMap(keys), vecs, t.version
	return t.vecKeys
}

// takeSlots lends a slice of zeros with an entry per row, for a search to note where it put each row it
// met; giveSlots takes it back zeroed again. A search that meets few rows then spends nothing per row of
// the table, and one that meets many spends no map.
func (t *photoTable) takeSlots() []int32 {
	if s, ok := t.slots.Get().(*[]int32); ok && len(*s) >= len(t.rows) {
		return *s
	}
	return make([]int32, len(t.rows))
}

// giveSlots takes back a slice of takeSlots, which the caller has zeroed.
func (t *photoTable) giveSlots(s []int32) { t.slots.Put(&s) }

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
func (t *photoTable) rowOf(p Photo) looseRow {
	r := looseRow{Key: vectorKey(p.ID), Rel: p.Rel, Size: p.Size, ModTime: p.ModTime, Embedded: p.Embedded}
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

// pack makes the row of l, its path and peaks appended to the table's buffers unless old has them already;
// the caller holds t.mu for writing.
func (t *photoTable) pack(l *looseRow, old *tableRow) tableRow {
	r := tableRow{Key: l.Key, Size: l.Size, ModTime: l.ModTime, LocalMs: l.LocalMs, Lat: l.Lat, Lon: l.Lon,
		Heading: l.Heading, FOV: l.FOV, relLen: uint16(len(l.Rel)), nPeaks: uint8(len(l.Peaks))}
	if l.Embedded {
		r.flags |= flagEmbedded
	}
	if l.HasTime {
		r.flags |= flagTime
	}
	if l.HasGPS {
		r.flags |= flagGPS
	}
	if old != nil && t.rel(old) == l.Rel {
		r.relAt = old.relAt
	} else {
		r.relAt = uint32(len(t.rels))
		t.rels = append(t.rels, l.Rel...)
	}
	if old != nil && slices.Equal(t.peaksOf(old), l.Peaks) {
		r.peaksAt = old.peaksAt
	} else {
		r.peaksAt = uint32(len(t.peaks))
		t.peaks = append(t.peaks, l.Peaks...)
	}
	return r
}

// loose is r with its own path and peaks.
func (t *photoTable) loose(r *tableRow) looseRow {
	return looseRow{Key: r.Key, Rel: t.rel(r), Size: r.Size, ModTime: r.ModTime, Embedded: r.Embedded(),
		HasTime: r.HasTime(), LocalMs: r.LocalMs, HasGPS: r.HasGPS(), Lat: r.Lat, Lon: r.Lon, Heading: r.Heading,
		FOV: r.FOV, Peaks: t.peaksOf(r)}
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
	rows := make([]looseRow, len(photos))
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
func (t *photoTable) putRows(rows []looseRow) {
	for k := range rows {
		l := &rows[k]
		i, ok := t.at.find(t.rows, l.Key)
		t.relsUsed, t.peaksUsed = t.relsUsed+len(l.Rel), t.peaksUsed+len(l.Peaks)
		if !ok {
			i = len(t.rows)
			t.rows = append(t.rows, t.pack(l, nil))
			t.at.put(t.rows, i)
			t.pos = append(t.pos, -1)
			t.fresh = append(t.fresh, int32(i))
			continue
		}
		old := &t.rows[i]
		t.relsUsed, t.peaksUsed = t.relsUsed-int(old.relLen), t.peaksUsed-int(old.nPeaks)
		moved := old.HasTime() != l.HasTime || old.LocalMs != l.LocalMs || t.rel(old) != l.Rel
		if moved && t.pos[i] >= 0 {
			t.newest[t.pos[i]] = -1
			t.pos[i] = -1
			t.holes++
			t.fresh = append(t.fresh, int32(i))
		}
		t.rows[i] = t.pack(l, old)
	}
	t.version++
	t.compact()
}

// removeRows drops the rows of keys; the caller holds t.mu for writing and settles the order afterwards.
func (t *photoTable) removeRows(keys []uint64) {
	if len(keys) == 0 {
		return
	}
	t.settle() // every row has its place in newest, so moving a row is renumbering one entry
	for _, k := range keys {
		i, ok := t.at.find(t.rows, k)
		if !ok {
			continue
		}
		t.at.remove(t.rows, k)
		t.relsUsed, t.peaksUsed = t.relsUsed-int(t.rows[i].relLen), t.peaksUsed-int(t.rows[i].nPeaks)
		t.newest[t.pos[i]] = -1
		t.holes++
		last := len(t.rows) - 1
		if i != last {
			t.rows[i] = t.rows[last]
			t.at.moved(t.rows, last, i)
			t.pos[i] = t.pos[last]
			t.newest[t.pos[i]] = int32(i)
		}
		t.rows, t.pos = t.rows[:last], t.pos[:last]
	}
	t.version++
}

// compact copies the paths and peaks the rows use into new buffers when the old ones are mostly spans no
// row uses any more (replaced or removed rows). Paths handed out before point into the old buffer, which
// stays as long as they do.
func (t *photoTable) compact() {
	if len(t.rels) <= 2*t.relsUsed+1<<16 && len(t.peaks) <= 2*t.peaksUsed+1<<13 {
		return
	}
	rels, peaks := make([]byte, 0, t.relsUsed), make([]rowPeak, 0, t.peaksUsed)
	for i := range t.rows {
		r := &t.rows[i]
		at, pat := len(rels), len(peaks)
		rels = append(rels, t.rel(r)...)
		peaks = append(peaks, t.peaksOf(r)...)
		r.relAt, r.peaksAt = uint32(at), uint32(pat)
	}
	t.rels, t.peaks = rels, peaks
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
	case t.newer(ra, rb):
		return -1
	case t.newer(rb, ra):
		return 1
	}
	return 0
}

// datedCount is how many rows have a capture time: the dated rows lead the order newest first.
func (t *photoTable) datedCount() int {
	n, _ := slices.BinarySearchFunc(t.newest, true, func(r int32, _ bool) int {
		if t.rows[r].HasTime() {
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
func (t *photoTable) older(a, b *tableRow) bool {
	if a.HasTime() != b.HasTime() {
		return a.HasTime()
	}
	if a.LocalMs != b.LocalMs {
		return a.LocalMs < b.LocalMs
	}
	return t.rel(a) < t.rel(b)
}

// newer orders rows newest first, undated last, then by path.
func (t *photoTable) newer(a, b *tableRow) bool {
	if a.HasTime() != b.HasTime() {
		return a.HasTime()
	}
	if a.LocalMs != b.LocalMs {
		return a.LocalMs > b.LocalMs
	}
	return t.rel(a) < t.rel(b)
}
