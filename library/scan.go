package library

import (
	"context"
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

// Scan brings the library up to date with the album and with the inputs of its stages (stages.go). New and
// changed photos (by size and modification time) go through every stage from their files; unchanged photos
// go only through the stages whose inputs changed — from what the stores kept when no stage that needs the
// file is among them, so a changed catalog re-identifies every photo without reading one. Photos no longer
// in the album leave the library. Files that cannot be read are reported in the summary and the scan goes
// on. Cancelling ctx stops the scan after the photos already done are stored; a later scan continues where
// it stopped.
func (l *Library) Scan(ctx context.Context, progress func(Progress)) (Summary, error) {
	if l.opt.ReadOnly {
		return Summary{}, ErrReadOnly
	}
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
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
	want := l.stageDigests()
	stale := staleStages(l.manifest.Stages, want)
	plan, err := l.planScan(ctx, stale, skip)
	if err != nil {
		return sum, err
	}
	if err := l.remove(plan.gone); err != nil {
		return sum, err
	}
	sum.Removed, sum.Unchanged = len(plan.gone), plan.unchanged

	sum.Others = plan.others
	sum.Skipped = append(sum.Skipped, plan.knownBad...)
	tp, err := l.newScanPlacer(ctx)
	if err != nil {
		return sum, err
	}
	if len(plan.fromStores) > 0 {
		n, onTracks, err := l.rederive(ctx, plan.fromStores, stale, tp, progress)
		sum.Rederived, sum.RederivedStages, sum.OnTracks = n, storedStages(stale), onTracks
		if err != nil {
			return sum, err
		}
	}
	if !needsFile(stale) {
		// Every unchanged photo is current now; what is left to read is new or changed and is read with
		// the current inputs. Recording them here keeps a cancelled read from repeating this work.
		if err := l.recordStages(want); err != nil {
			return sum, err
		}
	}

	if err := l.readFiles(ctx, plan.fromFile, tp, &sum, &skipMu, progress); err != nil {
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		sum.Elapsed = time.Since(start)
		return sum, err
	}
	if tp != nil && sum.Indexed > 0 {
		// The photos just read may tell more of their cameras' clocks: place the unplaced again.
		placed, err := l.replaceOnTracks(ctx, progress)
		if err != nil {
			return sum, err
		}
		sum.OnTracks += placed
	}
	if sum.Indexed > 0 {
		// The photos just read may tell more of their cameras' crop factors.
		ids, err := l.inferFocal35(ctx)
		if err == nil && len(ids) > 0 {
			_, _, err = l.rederive(ctx, ids, map[string]bool{stageIdentify: true}, tp, progress)
		}
		if err != nil {
			return sum, err
		}
	}
	if err := l.saveKnownBad(sum.Skipped, want); err != nil {
		return sum, err
	}
	sum.Elapsed = time.Since(start)
	l.manifest.LastScan = time.Now().UTC()
	return sum, l.recordStages(want)
}

// recordStages notes in the manifest that every stored photo was derived with the stage inputs want.
func (l *Library) recordStages(want map[string]string) error {
	l.manifest.Stages = want
	l.manifest.CatalogDigest = l.opt.Catalog.Digest()
	return l.writeManifest()
}

// scanPlan is what a scan does with each photo.
type scanPlan struct {
	fromFile   []candidate    // new, changed, or in need of a stage that reads the file: every stage runs
	fromStores []string       // ids of unchanged photos whose later stages run again from the stores
	gone       []string       // ids of photos no longer in the album
	unchanged  int            // photos nothing is done with
	others     map[string]int // files that are not photos, by extension
	knownBad   []Skip         // files a scan found unreadable before, unchanged since: not read again
}

// planScan lists the album and compares it with the stored photos, given the stages whose inputs changed.
func (l *Library) planScan(ctx context.Context, stale map[string]bool, skip func(rel, reason string)) (scanPlan, error) {
	var plan scanPlan
	known, err := l.storedFiles()
	if err != nil {
		return plan, err
	}
	walk, err := walkAlbum(ctx, l.album, skip)
	if err != nil {
		return plan, err
	}
	found := walk.found
	plan.others = walk.others
	bad := l.loadKnownBad(l.stageDigests())
	rerun := len(stale) > 0
	readAgain := needsFile(stale)
	seen := make(map[string]bool, len(found))
	for _, c := range found {
		id := PhotoID(c.rel)
		seen[id] = true
		k, ok := known[id]
		if b, isBad := bad[c.rel]; !ok && isBad && b.Size == c.size && b.ModTime == c.modTime {
			// Unchanged since a scan with these stages found it unreadable: listed again, not read again.
			plan.knownBad = append(plan.knownBad, Skip{Path: c.rel, Reason: b.Reason, size: c.size, modTime: c.modTime, content: true})
			continue
		}
		switch {
		case !ok || k.size != c.size || k.modTime != c.modTime || readAgain || !l.hasVector(id, k.embedded):
			plan.fromFile = append(plan.fromFile, c)
		case rerun:
			plan.fromStores = append(plan.fromStores, id)
		default:
			plan.unchanged++
		}
	}
	for id := range known {
		if !seen[id] {
			plan.gone = append(plan.gone, id)
		}
	}
	return plan, nil
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
	for i := range t.rows {
		r := &t.rows[i]
		out[photoIDOfKey(r.Key)] = storedFile{size: r.Size, modTime: r.ModTime, embedded: r.Embedded()}
	}
	return out, nil
}

// hasVector tells whether a stored photo needs no embedding: there is no model, or its vector is there.
func (l *Library) hasVector(id string, embedded bool) bool {
	v := l.vecs()
	if v == nil {
		return true
	}
	return embedded && v.Has(vectorKey(id))
}

// remove deletes photos from every store.
func (l *Library) remove(ids []string) error {
	if len(ids) == 0 {
		return nil
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
