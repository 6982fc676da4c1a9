package library

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/cairn-photos/cairn/index"
	"github.com/cairn-photos/cairn/internal/atomicfile"
)

// table returns the library's photo table. Open starts loading it from its files; a query that comes first
// waits for the load, never for a rebuild: a copy that is behind the metadata index (a crash between the
// index's write and the log's) is served while a new one is built in the background. Only a library with no
// readable copy at all builds one before answering.
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
	var t *photoTable
	if l.tabRead != nil {
		t, l.tabRead = <-l.tabRead, nil
	} else {
		t = l.readTable()
	}
	if t == nil {
		if t, err = l.buildTable(); err != nil {
			return nil, err
		}
		l.tab = t
		return t, l.saveSnapshot(t)
	}
	l.tab = t
	if t.gen != gen {
		l.bg.Add(1)
		go l.rebuildTable()
	}
	return t, nil
}

// readTable reads the table's snapshot and replays its log, cutting a damaged tail off the log; nil when
// there is no readable snapshot. A cache file of an earlier version is read once in its place.
func (l *Library) readTable() *photoTable {
	data, err := os.ReadFile(filepath.Join(l.dir, tableFile))
	if err != nil {
		return l.readOldTable()
	}
	t, err := decodeSnapshot(data)
	if err != nil {
		return nil
	}
	l.tabSnapshot = int64(len(data))
	logPath := filepath.Join(l.dir, tableLog)
	log, err := os.ReadFile(logPath)
	if err == nil {
		t.mu.Lock()
		good := t.replayLog(log)
		t.mu.Unlock()
		l.tabLog = int64(good)
		if good < len(log) && !l.opt.ReadOnly {
			os.Truncate(logPath, int64(good)) // appending after a torn record would hide every later one
		}
	}
	if t.legacy && !l.opt.ReadOnly {
		l.saveSnapshot(t) // failing, the earlier file is read again next time
	}
	return t
}

// buildTable reads every stored record into a new table, stamped with the generation before the first
// read. The caller holds storeMu or tableMu, so a write whose records land meanwhile is applied to the
// table after it (writeOnce): its rows are put again, and the generation moves on or is found ahead.
func (l *Library) buildTable() (*photoTable, error) {
	gen, err := l.store.Generation()
	if err != nil {
		return nil, err
	}
	t := newPhotoTable(nil, nil)
	var rows []looseRow
	flush := func() {
		t.mu.Lock()
		t.putRows(rows)
		t.mu.Unlock()
		rows = rows[:0]
	}
	err = l.store.Each([]string{fieldRecord}, func(id string, fields map[string]string) error {
		if err := l.bgCtx.Err(); err != nil {
			return err
		}
		p, err := decodeRecord(id, fields[fieldRecord])
		if err != nil {
			return nil // an unreadable record is read again from its photo by the next scan
		}
		t.mu.Lock()
		rows = append(rows, t.rowOf(p))
		t.mu.Unlock()
		if len(rows) >= 4096 {
			flush()
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list stored photos: %w", err)
	}
	flush()
	t.mu.Lock()
	t.settle()
	t.gen = gen
	t.mu.Unlock()
	return t, nil
}

// rebuildTable builds the table afresh in the background and puts it in place of the one served. Writes
// wait for it (they would have nothing in step to go to); queries go on with the served copy.
func (l *Library) rebuildTable() {
	defer l.bg.Done()
	l.storeMu.Lock()
	defer l.storeMu.Unlock()
	t, err := l.buildTable()
	if err != nil {
		return // the served copy stays; the next open tries again
	}
	l.tableMu.Lock()
	l.tab = t
	l.tableMu.Unlock()
	l.saveSnapshot(t)
}

// saveSnapshot writes the table whole and empties its log. A read-only library writes nothing.
func (l *Library) saveSnapshot(t *photoTable) error {
	if l.opt.ReadOnly {
		return nil
	}
	t.mu.RLock()
	data := t.encodeSnapshot()
	t.mu.RUnlock()
	if err := atomicfile.Write(filepath.Join(l.dir, tableFile), data, 0o644); err != nil {
		return fmt.Errorf("save photo table: %w", err)
	}
	if err := os.Truncate(filepath.Join(l.dir, tableLog), 0); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("save photo table: %w", err)
	}
	l.tabSnapshot, l.tabLog = int64(len(data)), 0
	return nil
}

// writePhotos stores puts and deletes the photos of ids in the metadata index, keeping the photo table in
// step in memory and on disk. The store orders the writes so that a crash never leaves a record pointing at
// a missing vector. Many puts are written in steps of writeStep photos, each its own generation, two at a
// time: while one step's records are indexed, the next one's vectors go into the graph.
func (l *Library) writePhotos(puts []storedPhoto, deletes []string) error {
	if l.opt.ReadOnly {
		return ErrReadOnly
	}
	if len(puts) <= writeStep {
		return l.writeOnce(puts, deletes)
	}
	var next atomic.Int64
	var failed atomic.Bool
	steps := (len(puts) + writeStep - 1) / writeStep
	errs := make([]error, min(2, steps))
	var wg sync.WaitGroup
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < steps && !failed.Load(); i = int(next.Add(1) - 1) {
				var del []string
				if i == steps-1 {
					del = deletes
				}
				if err := l.writeOnce(puts[i*writeStep:min(len(puts), (i+1)*writeStep)], del); err != nil {
					errs[w] = err
					failed.Store(true)
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// writeStep is the most photos one write to the store holds: big enough for the metadata index to make few
// segments, small enough for two steps to overlap.
const writeStep = 2000

// writeOnce is one write to the store: one generation, and one record of the photo table's log.
func (l *Library) writeOnce(puts []storedPhoto, deletes []string) error {
	// The table is read before the write, so that it is not found behind the write and rebuilt.
	if _, err := l.table(); err != nil {
		return err
	}
	docs := make([]index.Doc, len(puts))
	photos := make([]Photo, len(puts))
	for i, p := range puts {
		doc, err := photoDocument(p)
		if err != nil {
			return err
		}
		docs[i] = doc
		photos[i] = p.Photo
	}
	keys := make([]uint64, len(deletes))
	for i, id := range deletes {
		keys[i] = vectorKey(id)
	}
	return l.store.Write(docs, deletes, func(gen uint64) error {
		l.storeMu.Lock()
		defer l.storeMu.Unlock()
		t, err := l.table()
		if err != nil {
			return err
		}
		rec := t.apply(photos, keys, gen)
		if rec == nil {
			return nil // behind: the rebuild under way reads this write from the index
		}
		// A lost record leaves the files behind the index's generation, which the next open notices.
		if l.tabLog, err = appendFile(filepath.Join(l.dir, tableLog), rec); err != nil {
			return fmt.Errorf("log photo table: %w", err)
		}
		if l.tabLog > l.tabSnapshot/4+1<<20 {
			return l.saveSnapshot(t)
		}
		return nil
	})
}

// prefetchTable starts reading the photo table's files while the stores open (they do not depend on each
// other); table takes what it read.
func (l *Library) prefetchTable() {
	l.tabRead = make(chan *photoTable, 1)
	l.bg.Go(func() { l.tabRead <- l.readTable() })
}

// loadTable starts making the photo table ready for the first query: its files read and checked against
// the metadata index, and what browses and filters derive from it made, the map of its rows to their
// vectors too, which a filtered search by concept would otherwise wait for (a million lookups).
func (l *Library) loadTable() {
	l.bg.Go(func() {
		t, err := l.table()
		if err != nil {
			return // the first query's to report
		}
		t.mu.RLock()
		defer t.mu.RUnlock()
		t.snapshot()
		t.peakRows()
		t.grid()
		if vecs := l.vecs(); vecs != nil {
			t.keyMap(vecs)
		}
	})
}
