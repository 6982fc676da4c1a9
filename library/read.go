package library

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/cairn-photos/cairn/library/media"
)

// photoWork is one photo going through the stages of a scan from its file.
type photoWork struct {
	c      candidate
	photo  storedPhoto
	img    image.Image // decode's model input, until embed has used it
	vector []float32
	err    error
}

// embedBatch bounds how many photos go through the image tower at once.
const embedBatch = 8

// readFiles takes the candidates through every stage from their files and stores them, counting them in sum
// and reporting progress. A store that cannot be written stops it; a photo that cannot be read is skipped.
func (l *Library) readFiles(ctx context.Context, todo []candidate, tp *trackPlacer, sum *Summary, skipMu *sync.Mutex, progress func(Progress)) error {
	w := newStoreWriter(l)
	skipMu.Lock()
	p := Progress{Phase: "reading", Total: len(todo) + sum.Unchanged + sum.Rederived + len(sum.Skipped), Unchanged: sum.Unchanged}
	p.Done = p.Unchanged + sum.Rederived + len(sum.Skipped) // what the walk could not read is handled already
	skipMu.Unlock()
	meter := rateMeter{start: time.Now()}
	lastReport := time.Time{}
	results := l.readAll(ctx, todo, tp)
	for r := range results {
		p.Done++
		p.Current = r.c.rel
		skipMu.Lock()
		if r.err != nil {
			sum.Skipped = append(sum.Skipped, Skip{Path: r.c.rel, Reason: r.err.Error(), size: r.c.size, modTime: r.c.modTime, content: isContentError(r.err)})
		} else if err := w.add(r); err != nil {
			skipMu.Unlock()
			// A store that cannot be written is not a bad photo: stop, keeping what is stored.
			drain(results)
			return errors.Join(err, w.flush())
		} else {
			sum.Indexed++
			if r.photo.GPSSource == GPSFromTrack {
				sum.OnTracks++
			}
		}
		p.Indexed, p.Skipped = sum.Indexed, len(sum.Skipped)
		skipMu.Unlock()
		if time.Since(lastReport) >= progressEvery {
			meter.update(&p, p.Indexed+p.Skipped)
			progress(p)
			lastReport = time.Now()
		}
	}
	if err := w.flush(); err != nil {
		return err
	}
	p.Phase = "done"
	meter.update(&p, p.Indexed+p.Skipped)
	p.ETA = 0
	progress(p)
	return nil
}

// readAll reads the candidates and sends each result, in any order, on the returned channel, which is closed
// when all are read or ctx is cancelled. A bounded pool of workers runs the stages on the file (read, decode,
// place); one goroutine after them embeds the decoded photos in batches (the tower uses every core itself,
// taking turns with the decoding) and identifies.
func (l *Library) readAll(ctx context.Context, todo []candidate, tp *trackPlacer) <-chan photoWork {
	cores := newCoreShare(runtime.NumCPU())
	decoded := l.eachFile(ctx, todo, func(c candidate) photoWork { return l.readPhoto(c, tp, cores) })
	out := make(chan photoWork, embedBatch)
	go func() {
		defer close(out)
		for {
			batch := receiveBatch(decoded, embedBatch, l.opt.Embedder != nil)
			if batch == nil {
				return
			}
			embedAll(l.opt.Embedder, batch, cores)
			for i := range batch {
				if batch[i].err == nil {
					l.identifyWork(&batch[i])
				}
				out <- batch[i]
			}
		}
	}()
	return out
}

// eachFile runs work on the candidates with l.opt.Workers workers and sends the results, in any order, on
// the returned channel, which is closed when all are done or ctx is cancelled.
func (l *Library) eachFile(ctx context.Context, todo []candidate, work func(candidate) photoWork) <-chan photoWork {
	jobs := make(chan candidate)
	out := make(chan photoWork, l.opt.Workers)
	var wg sync.WaitGroup
	for range l.opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				out <- work(c)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, c := range todo {
			select {
			case jobs <- c:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// receiveBatch waits for one result, then takes what else is ready, up to max, or with full waits for max
// results unless ch closes first; nil when ch is closed. The image tower wants full batches: runs of several
// photos do more per CPU-second than runs of one, and while it waits the decoding has the cores.
func receiveBatch(ch <-chan photoWork, max int, full bool) []photoWork {
	r, ok := <-ch
	if !ok {
		return nil
	}
	batch := []photoWork{r}
	for len(batch) < max {
		if full {
			r, ok := <-ch
			if !ok {
				return batch
			}
			batch = append(batch, r)
			continue
		}
		select {
		case r, ok := <-ch:
			if !ok {
				return batch
			}
			batch = append(batch, r)
		default:
			return batch
		}
	}
	return batch
}

// readPhoto runs the stages that need the file — read, decode (which caches the thumbnail) — and place, and
// keeps the decoded image for the model. A panic in a decoder or parser is contained here and becomes this
// file's error.
func (l *Library) readPhoto(c candidate, tp *trackPlacer, cores *coreShare) (r photoWork) {
	r.c = c
	defer func() {
		if p := recover(); p != nil {
			r.err = fmt.Errorf("%w: %v", errReaderCrashed, p)
			r.img = nil
			debug.FreeOSMemory()
		}
	}()
	data, err := l.readFile(c.abs)
	if err != nil {
		r.err = err
		return r
	}
	defer cores.hold(1)() // the file is read: from here on the work is the CPU's
	sp, img, err := placedFileStages(c, data, l.opt.Embedder, tp)
	if err != nil {
		r.err = err
		return r
	}
	if err := l.writeThumb(sp.ID, media.Thumbnail(img, ThumbSize)); err != nil {
		r.err = err
		return r
	}
	r.photo = sp
	if l.opt.Embedder != nil {
		r.img = img
	}
	return r
}

// embedAll runs the embed stage with e on the decoded photos of a batch together, holding the cores its tower
// uses. A failure of the model on the batch is tried again photo by photo, so one bad photo does not take
// the others with it.
func embedAll(e Embedder, batch []photoWork, cores *coreShare) {
	var ok []*photoWork
	for i := range batch {
		if batch[i].err == nil && batch[i].img != nil {
			ok = append(ok, &batch[i])
		}
	}
	if e == nil || len(ok) == 0 {
		return
	}
	imgs := make([]image.Image, len(ok))
	for i, r := range ok {
		imgs[i] = r.img
	}
	release := cores.hold(cores.towerThreads(e))
	defer release()
	vecs, err := embedSafely(e, imgs)
	for i, r := range ok {
		switch {
		case err == nil:
			r.vector = vecs[i]
		case len(ok) > 1:
			vec, err := embedSafely(e, imgs[i:i+1])
			if err != nil {
				r.err = fmt.Errorf("embed: %w", err)
				continue
			}
			r.vector = vec[0]
		default:
			r.err = fmt.Errorf("embed: %w", err)
		}
		r.img = nil
		r.photo.Embedded = r.err == nil
	}
}

// identifyWork runs the identify stage on a photo read from its file.
func (l *Library) identifyWork(r *photoWork) {
	out, err := l.identifier.identifyStage(identifyInput{photo: r.photo.Photo, vector: r.vector, pixels: r.photo.Derived.Pixels}, predictionsN)
	if err != nil {
		r.err = fmt.Errorf("identify peaks: %w", err)
		return
	}
	out.apply(&r.photo.Photo)
}

// embedSafely runs the image tower, turning a panic into an error.
func embedSafely(e Embedder, imgs []image.Image) (vecs [][]float32, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("image tower crashed: %v", p)
		}
	}()
	vecs, err = e.EmbedImages(imgs)
	if err == nil && len(vecs) != len(imgs) {
		err = fmt.Errorf("image tower returned %d vectors for %d images", len(vecs), len(imgs))
	}
	return vecs, err
}

// readFileLimited reads a whole file, refusing files over limit bytes.
func readFileLimited(path string, limit int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("file too large to be a photo: %d MB", fi.Size()>>20)
	}
	if fi.Size() == 0 {
		return nil, fmt.Errorf("empty file")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	return data, nil
}
