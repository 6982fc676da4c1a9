package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/cairn-photos/cairn/index"
)

// SwitchModel makes e, loaded from the folder dir, the library's model. It embeds every photo with e into
// vectors of its own, reading the album's files (a vector comes from pixels), while the library goes on
// searching with its old model and vectors, which stay as they are. Only when every photo that can be read
// has its new vector does the library change over, in one manifest write, and drop the old vectors; peaks
// are then named again from the stores. A switch that is cancelled or killed leaves the library on its old
// model, and switching to the same model again resumes it. The caller closes the old model after it
// returns; Scan waits while a switch runs.
func (l *Library) SwitchModel(ctx context.Context, e Embedder, dir string, progress func(Progress)) (Summary, error) {
	if l.opt.ReadOnly {
		return Summary{}, ErrReadOnly
	}
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	if progress == nil {
		progress = func(Progress) {}
	}
	start := time.Now()
	var sum Summary
	if l.opt.Embedder != nil && sameModel(l.manifest, e) {
		return sum, nil
	}
	nextDir := index.VectorsDir + "-" + modelDigest(e)
	next, err := l.store.NextVectors(nextDir, e.Dim())
	if err != nil {
		return sum, fmt.Errorf("switch to model %s: %w", e.Name(), err)
	}
	if err := l.embedAllWith(ctx, e, next, &sum, progress); err != nil {
		return sum, errors.Join(err, next.Close())
	}
	if err := l.changeModel(e, dir, next, nextDir); err != nil {
		return sum, err
	}
	// Identify derives from the vectors: name the peaks again, from the stores.
	want := l.stageDigests()
	done := make(map[string]string, len(want))
	for s, d := range l.manifest.Stages {
		done[s] = d
	}
	done[stageEmbed] = want[stageEmbed]
	stale := staleStages(done, want)
	if stale[stageIdentify] && !needsFile(stale) {
		ids, err := l.storedIDs()
		if err != nil {
			return sum, err
		}
		tp, err := l.newScanPlacer(ctx)
		if err != nil {
			return sum, err
		}
		if sum.Rederived, _, err = l.rederive(ctx, ids, stale, tp, progress); err != nil {
			return sum, err
		}
		sum.RederivedStages = storedStages(stale)
		done = want
	}
	l.manifest.Stages = done
	sum.Elapsed = time.Since(start)
	return sum, l.writeManifest()
}

// modelDigest names a model's vectors folder: models that make comparable vectors share it.
func modelDigest(e Embedder) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%s", e.Name(), e.Dim(), e.Preprocessing()))
	return hex.EncodeToString(sum[:6])
}

// embedAllWith puts into next a vector by e of every stored photo that next lacks, reading their files with
// the scan's workers, and marks in sum how many it embedded and which it could not read.
func (l *Library) embedAllWith(ctx context.Context, e Embedder, next index.VectorSet, sum *Summary, progress func(Progress)) error {
	var todo []candidate
	err := l.eachStored(ctx, func(sp storedPhoto) error {
		if !next.Has(vectorKey(sp.ID)) {
			todo = append(todo, candidate{rel: sp.RawRel(), abs: sp.File(), size: sp.Size, modTime: sp.ModTime})
		}
		return nil
	})
	if err != nil {
		return err
	}
	p := Progress{Phase: "embedding", Total: len(todo)}
	progress(p)
	meter := rateMeter{start: time.Now()}
	cores := newCoreShare(runtime.NumCPU())
	decode := func(c candidate) (r photoWork) {
		r.c = c
		defer func() {
			if p := recover(); p != nil {
				r.err, r.img = fmt.Errorf("reader crashed: %v", p), nil
				debug.FreeOSMemory()
			}
		}()
		data, err := l.readFile(c.abs)
		if err == nil {
			defer cores.hold(1)()
			_, r.img, err = decodeFor(data, e)
		}
		r.err = err
		return r
	}
	decoded := l.eachFile(ctx, todo, decode)
	lastFlush := time.Now()
	for {
		batch := receiveBatch(decoded, embedBatch, true)
		if batch == nil {
			break
		}
		embedAll(e, batch, cores)
		for _, r := range batch {
			p.Done++
			if r.err != nil {
				sum.Skipped = append(sum.Skipped, Skip{Path: r.c.rel, Reason: r.err.Error()})
				continue
			}
			if err := next.Put(vectorKey(PhotoID(r.c.rel)), r.vector); err != nil {
				drain(decoded)
				return fmt.Errorf("store vector of %s: %w", r.c.rel, err)
			}
			sum.Indexed++
		}
		if time.Since(lastFlush) >= batchAge {
			if err := next.Flush(); err != nil {
				drain(decoded)
				return err
			}
			lastFlush = time.Now()
		}
		meter.update(&p, p.Done)
		progress(p)
	}
	if err := next.Flush(); err != nil {
		return err
	}
	return ctx.Err()
}

// changeModel makes e and its complete vectors next (the store's set nextDir) the library's. The manifest
// write is the switch: before it the old vectors are the library's (and next is closed when it fails),
// after it the new ones, and the store only drops the old ones then. The records' embedded flags follow the
// new vectors.
func (l *Library) changeModel(e Embedder, dir string, next index.VectorSet, nextDir string) error {
	l.modelMu.Lock()
	m := l.manifest
	m.ModelName, m.VectorDim, m.Preprocessing, m.ModelDir, m.VectorsDir = e.Name(), e.Dim(), e.Preprocessing(), dir, nextDir
	if err := index.WriteManifest(l.dir, m); err != nil {
		l.modelMu.Unlock()
		return errors.Join(err, next.Close())
	}
	l.manifest = m
	err := l.store.UseVectors(nextDir)
	l.opt.Embedder, l.opt.ModelDir = e, dir
	l.identifier = NewIdentifier(l.opt.Catalog, e, l.opt.Terrain)
	l.modelMu.Unlock()
	return errors.Join(err, l.markEmbedded())
}

// markEmbedded sets every record's embedded flag to whether its photo has a vector now.
func (l *Library) markEmbedded() error {
	var puts []storedPhoto
	err := l.eachStored(context.Background(), func(sp storedPhoto) error {
		has := l.vecs().Has(vectorKey(sp.ID))
		if sp.Embedded == has {
			return nil
		}
		sp.Embedded = has
		puts = append(puts, sp)
		if len(puts) < batchSize {
			return nil
		}
		err := l.writePhotos(puts, nil)
		puts = nil
		return err
	})
	if err == nil {
		err = l.writePhotos(puts, nil)
	}
	return err
}

// storedIDs lists the ids of every stored photo.
func (l *Library) storedIDs() ([]string, error) {
	files, err := l.storedFiles()
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(files))
	for id := range files {
		ids = append(ids, id)
	}
	return ids, nil
}
