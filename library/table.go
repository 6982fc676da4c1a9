package library

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/cairn-photos/cairn/index"
	"github.com/cairn-photos/cairn/internal/atomicfile"
)

// photoTable holds in memory the few facts of every photo that filters, sorting, facets and change detection
// need, so that a query never parses stored records: at 100,000 photos a filter is a scan of a slice.
// It is derived from the metadata index, and cached on disk stamped with the index's generation, so opening
// a large library does not read every record again.
type photoTable struct {
	mu      sync.RWMutex
	rows    []tableRow
	at      map[uint64]int    // vector key → index in rows
	peakIDs []string          // peak ids interned: rowPeak.Peak indexes this
	peakAt  map[string]uint16 // peak id → index in peakIDs
	// newestMu guards newest for readers: they hold mu for reading only, so two searches may ask for the
	// order at once. Writers of rows hold mu exclusively, which keeps every reader out.
	newestMu sync.Mutex
	newest   []int32 // rows newest first, computed on demand; nil after a change
	changed  bool    // since the table was read from or saved to its cache file
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

// tableFile is the table's cache file in the library folder.
const tableFile = "table.gob"

// tableVersion changes whenever tableRow does, so an old cache file is rebuilt rather than misread.
const tableVersion = 5

// rowOf makes p's row, interning its peaks; the caller holds t.mu for writing.
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
		i, ok := t.peakAt[g.ID]
		if !ok {
			i = uint16(len(t.peakIDs))
			t.peakAt[g.ID] = i
			t.peakIDs = append(t.peakIDs, g.ID)
		}
		r.Peaks = append(r.Peaks, rowPeak{Peak: i, Score: float32(g.Score)})
	}
	return r
}

func newPhotoTable(rows []tableRow, peakIDs []string) *photoTable {
	t := &photoTable{rows: rows, at: make(map[uint64]int, len(rows)), peakIDs: peakIDs, peakAt: map[string]uint16{}}
	for i, r := range rows {
		t.at[r.Key] = i
	}
	for i, id := range peakIDs {
		t.peakAt[id] = uint16(i)
	}
	return t
}

// put adds or replaces the rows of photos.
func (t *photoTable) put(photos ...Photo) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, p := range photos {
		r := t.rowOf(p)
		if i, ok := t.at[r.Key]; ok {
			t.rows[i] = r
			continue
		}
		t.at[r.Key] = len(t.rows)
		t.rows = append(t.rows, r)
	}
	t.newest, t.changed = nil, true
}

// remove drops the rows of the given keys.
func (t *photoTable) remove(keys ...uint64) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		i, ok := t.at[k]
		if !ok {
			continue
		}
		last := len(t.rows) - 1
		t.rows[i] = t.rows[last]
		t.at[t.rows[i].Key] = i
		t.rows = t.rows[:last]
		delete(t.at, k)
	}
	t.newest, t.changed = nil, true
}

// newestFirst returns row indexes by capture time, newest first; photos without a time come last, by path.
// The caller holds t.mu for reading; the order is computed once per change, by the first reader to ask.
func (t *photoTable) newestFirst() []int32 {
	t.newestMu.Lock()
	defer t.newestMu.Unlock()
	if order := t.newest; order != nil {
		return order
	}
	order := make([]int32, len(t.rows))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(a, b int) bool { return newer(t.rows[order[a]], t.rows[order[b]]) })
	t.newest = order
	return order
}

// oldestFirst turns a newestFirst order around, keeping the photos without a time last.
func (t *photoTable) oldestFirst(newest []int32) []int32 {
	dated := len(newest)
	for dated > 0 && !t.rows[newest[dated-1]].HasTime {
		dated--
	}
	out := make([]int32, 0, len(newest))
	for i := dated - 1; i >= 0; i-- {
		out = append(out, newest[i])
	}
	return append(out, newest[dated:]...)
}

// older orders rows oldest first, undated last, then by path.
func older(a, b tableRow) bool {
	if a.HasTime != b.HasTime {
		return a.HasTime
	}
	if a.LocalMs != b.LocalMs {
		return a.LocalMs < b.LocalMs
	}
	return a.Rel < b.Rel
}

// newer orders rows newest first, undated last, then by path.
func newer(a, b tableRow) bool {
	if a.HasTime != b.HasTime {
		return a.HasTime
	}
	if a.LocalMs != b.LocalMs {
		return a.LocalMs > b.LocalMs
	}
	return a.Rel < b.Rel
}

// tableCache is the cache file's content.
type tableCache struct {
	Version    int
	Generation uint64
	Rows       []tableRow
	PeakIDs    []string
}

// readTableCache reads the cached table of dir when it was written at the metadata index's generation gen.
func readTableCache(dir string, gen uint64) (*photoTable, bool) {
	data, err := os.ReadFile(filepath.Join(dir, tableFile))
	if err != nil {
		return nil, false
	}
	var c tableCache
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&c); err != nil || c.Version != tableVersion || c.Generation != gen {
		return nil, false
	}
	return newPhotoTable(c.Rows, c.PeakIDs), true
}

// save writes the table to its cache file when it changed, stamped with gen, the generation of the
// metadata index it agrees with.
func (t *photoTable) save(dir string, gen uint64) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.changed {
		return nil
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(tableCache{Version: tableVersion, Generation: gen, Rows: t.rows, PeakIDs: t.peakIDs}); err != nil {
		return fmt.Errorf("encode photo table: %w", err)
	}
	if err := atomicfile.Write(filepath.Join(dir, tableFile), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("save photo table: %w", err)
	}
	t.changed = false
	return nil
}

// table returns the library's photo table, reading it from its cache or, when the cache is stale, from the
// stored records.
func (l *Library) table() (*photoTable, error) {
	l.tableMu.Lock()
	defer l.tableMu.Unlock()
	if l.tab != nil {
		return l.tab, nil
	}
	gen, err := l.store.Generation()
	if err != nil {
		return nil, err
	}
	if t, ok := readTableCache(l.dir, gen); ok {
		l.tab = t
		return t, nil
	}
	t := newPhotoTable(nil, nil)
	err = l.store.Each([]string{fieldRecord}, func(id string, fields map[string]string) error {
		p, err := decodeRecord(id, fields[fieldRecord])
		if err != nil {
			return nil // an unreadable record is read again from its photo by the next scan
		}
		t.put(p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list stored photos: %w", err)
	}
	l.tab = t
	return t, nil
}

// saveTable caches the photo table on disk, when it is loaded and changed.
func (l *Library) saveTable() error {
	l.tableMu.Lock()
	t := l.tab
	l.tableMu.Unlock()
	if t == nil {
		return nil
	}
	gen, err := l.store.Generation()
	if err != nil {
		return err
	}
	return t.save(l.dir, gen)
}

// writePhotos stores puts, with their vectors, and deletes the photos of ids, keeping the photo table in
// step. The store orders the writes so that a crash never leaves a record pointing at a missing vector.
func (l *Library) writePhotos(puts []storedPhoto, deletes []string) error {
	if l.opt.ReadOnly {
		return ErrReadOnly
	}
	docs := make([]index.Doc, len(puts))
	for i, p := range puts {
		doc, err := photoDocument(p)
		if err != nil {
			return err
		}
		docs[i] = doc
	}
	if err := l.store.Write(docs, deletes); err != nil {
		return err
	}
	l.tableMu.Lock()
	t := l.tab
	l.tableMu.Unlock()
	if t == nil {
		return nil // not loaded: its cache file is stale now and is rebuilt when needed
	}
	for _, sp := range puts {
		t.put(sp.Photo)
	}
	keys := make([]uint64, len(deletes))
	for i, id := range deletes {
		keys[i] = vectorKey(id)
	}
	t.remove(keys...)
	return nil
}
