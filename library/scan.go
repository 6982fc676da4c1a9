package library

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/cairn-photos/cairn/index"
)

// maxFileSize bounds the bytes read for one photo; larger files are skipped rather than read into memory.
const maxFileSize = 512 << 20

// Batching of writes: a batch reaches the stores when it holds batchSize photos or is batchAge old.
const (
	batchSize = 256
	batchAge  = 2 * time.Second
)

// progressEvery throttles progress reports.
const progressEvery = 100 * time.Millisecond

// Scan brings the library up to date with the album: new and changed photos are read, unchanged ones (same size
// and modification time) are not decoded at all, and photos no longer in the album leave the library. Files that
// cannot be read are reported in the summary and the scan goes on. Cancelling ctx stops the scan after the
// photos already read are stored; a later scan continues where it stopped.
func (l *Library) Scan(ctx context.Context, progress func(Progress)) (Summary, error) {
	start := time.Now()
	if progress == nil {
		progress = func(Progress) {}
	}
	var sum Summary
	var skipMu sync.Mutex
	skip := func(rel, reason string) {
		skipMu.Lock()
		sum.Skipped = append(sum.Skipped, Skip{Path: rel, Reason: reason})
		skipMu.Unlock()
	}

	progress(Progress{Phase: "listing"})
	known, err := l.storedFiles()
	if err != nil {
		return sum, err
	}
	found, err := walkAlbum(ctx, l.album, skip)
	if err != nil {
		return sum, err
	}

	var todo []candidate
	seen := make(map[string]bool, len(found))
	for _, c := range found {
		id := PhotoID(c.rel)
		seen[id] = true
		if k, ok := known[id]; ok && k.size == c.size && k.modTime == c.modTime && l.hasVector(id, k.embedded) {
			sum.Unchanged++
			continue
		}
		todo = append(todo, c)
	}
	var gone []string
	for id := range known {
		if !seen[id] {
			gone = append(gone, id)
		}
	}
	if err := l.remove(gone); err != nil {
		return sum, err
	}
	sum.Removed = len(gone)
	if digest := l.opt.Catalog.Digest(); digest != l.manifest.CatalogDigest {
		if len(known) > 0 {
			progress(Progress{Phase: "identifying"})
			if err := l.repredict(ctx); err != nil {
				return sum, err
			}
		}
		l.manifest.CatalogDigest = digest
		if err := index.WriteManifest(l.dir, l.manifest); err != nil {
			return sum, err
		}
	}

	w := newStoreWriter(l)
	p := Progress{Phase: "reading", Total: len(todo) + sum.Unchanged + len(sum.Skipped), Unchanged: sum.Unchanged}
	p.Done = p.Unchanged + len(sum.Skipped) // what the walk could not read is handled already
	meter := rateMeter{start: time.Now()}
	lastReport := time.Time{}
	results := l.readAll(ctx, todo)
	for r := range results {
		p.Done++
		p.Current = r.c.rel
		if r.err != nil {
			skip(r.c.rel, r.err.Error())
		} else if err := w.add(r); err != nil {
			// A store that cannot be written is not a bad photo: stop, keeping what is stored.
			drain(results)
			return sum, errors.Join(err, w.flush())
		} else {
			sum.Indexed++
		}
		skipMu.Lock()
		p.Indexed, p.Skipped = sum.Indexed, len(sum.Skipped)
		skipMu.Unlock()
		if time.Since(lastReport) >= progressEvery {
			meter.update(&p, p.Indexed+p.Skipped)
			progress(p)
			lastReport = time.Now()
		}
	}
	if err := w.flush(); err != nil {
		return sum, err
	}
	sum.Elapsed = time.Since(start)
	p.Phase = "done"
	meter.update(&p, p.Indexed+p.Skipped)
	p.ETA = 0
	progress(p)
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	l.manifest.LastScan = time.Now().UTC()
	return sum, errors.Join(l.saveTable(), l.writeManifest())
}

// storedFile is what change detection needs to know of a stored photo.
type storedFile struct {
	size, modTime int64
	embedded      bool
}

func (l *Library) storedFiles() (map[string]storedFile, error) {
	t, err := l.table()
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	out := make(map[string]storedFile, len(t.rows))
	for _, r := range t.rows {
		out[photoIDOfKey(r.Key)] = storedFile{size: r.Size, modTime: r.ModTime, embedded: r.Embedded}
	}
	return out, nil
}

// hasVector tells whether a stored photo needs no embedding: there is no model, or its vector is there.
func (l *Library) hasVector(id string, embedded bool) bool {
	if l.vectors == nil {
		return true
	}
	return embedded && l.vectors.Has(vectorKey(id))
}

// remove deletes photos from every store.
func (l *Library) remove(ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	if l.vectors == nil {
		l.agreed = false // their vectors stay behind until an open with the model reconciles
	}
	if l.vectors != nil {
		for _, id := range ids {
			if err := l.vectors.Delete(vectorKey(id)); err != nil {
				return fmt.Errorf("remove vector of %s: %w", id, err)
			}
		}
		if err := l.vectors.Flush(); err != nil {
			return err
		}
	}
	if err := l.writePhotos(nil, ids); err != nil {
		return err
	}
	for _, id := range ids {
		os.Remove(l.ThumbPath(id))
	}
	return nil
}

func (l *Library) writeManifest() error {
	return index.WriteManifest(l.dir, l.manifest)
}

func drain[T any](ch <-chan T) {
	for range ch {
	}
}
