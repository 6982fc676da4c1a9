package library

import (
	"context"
	"fmt"
	"image"
	"os"
	"runtime/debug"
	"sync"

	"github.com/cairn-photos/cairn/library/media"
)

// readResult is one photo read by a worker: its record and, with a model, its vector.
type readResult struct {
	c      candidate
	photo  Photo
	img    image.Image // decoded upright, until it is embedded
	vector []float32
	err    error
}

// embedBatch bounds how many photos go through the image tower at once.
const embedBatch = 8

// readAll reads the candidates and sends each result, in any order, on the returned channel, which is closed
// when all are read or ctx is cancelled. A bounded pool of workers decodes; one stage after them embeds what
// the workers have ready as one batch (the tower uses every core itself) and names the peaks.
func (l *Library) readAll(ctx context.Context, todo []candidate) <-chan readResult {
	decoded := l.decodeAll(ctx, todo)
	out := make(chan readResult, embedBatch)
	go func() {
		defer close(out)
		for {
			batch := receiveBatch(decoded, embedBatch)
			if batch == nil {
				return
			}
			l.identifyBatch(batch)
			for _, r := range batch {
				out <- r
			}
		}
	}()
	return out
}

// decodeAll reads and decodes the candidates with l.opt.Workers workers.
func (l *Library) decodeAll(ctx context.Context, todo []candidate) <-chan readResult {
	jobs := make(chan candidate)
	out := make(chan readResult, l.opt.Workers)
	var wg sync.WaitGroup
	for range l.opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				out <- l.decodePhoto(c)
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

// receiveBatch waits for one result, then takes what else is ready, up to max; nil when ch is closed.
func receiveBatch(ch <-chan readResult, max int) []readResult {
	r, ok := <-ch
	if !ok {
		return nil
	}
	batch := []readResult{r}
	for len(batch) < max {
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

// decodePhoto reads one file into a record and a cached thumbnail, and keeps the decoded image for the model.
// A panic in a decoder or parser is contained here and becomes this file's error.
func (l *Library) decodePhoto(c candidate) (r readResult) {
	r.c = c
	defer func() {
		if p := recover(); p != nil {
			r.err = fmt.Errorf("reader crashed: %v", p)
			r.img = nil
			debug.FreeOSMemory()
		}
	}()
	data, err := readFileLimited(c.abs, maxFileSize)
	if err != nil {
		r.err = err
		return r
	}
	info, img, err := decodeFor(data, l.opt.Embedder)
	if err != nil {
		r.err = err
		return r
	}
	r.photo = record(c, info, img.Bounds())
	if err := l.writeThumb(r.photo.ID, media.Thumbnail(img, ThumbSize)); err != nil {
		r.err = err
		return r
	}
	if l.opt.Embedder != nil {
		r.img = img
	}
	return r
}

// identifyBatch embeds the decoded photos of a batch together and names their peaks. A failure of the model
// on the batch is tried again photo by photo, so one bad photo does not take the others with it.
func (l *Library) identifyBatch(batch []readResult) {
	var ok []*readResult
	for i := range batch {
		if batch[i].err == nil {
			ok = append(ok, &batch[i])
		}
	}
	if l.opt.Embedder != nil && len(ok) > 0 {
		imgs := make([]image.Image, len(ok))
		for i, r := range ok {
			imgs[i] = r.img
		}
		vecs, err := l.embedSafely(imgs)
		for i, r := range ok {
			switch {
			case err == nil:
				r.vector = vecs[i]
			case len(ok) > 1:
				vec, err := l.embedSafely(imgs[i : i+1])
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
	for _, r := range ok {
		if r.err != nil {
			continue
		}
		preds, err := l.identifier.predict(r.photo, r.vector, predictionsN)
		if err != nil {
			r.err = fmt.Errorf("identify peaks: %w", err)
			continue
		}
		r.photo.PredictedPeaks = guesses(preds)
	}
}

// embedSafely runs the image tower, turning a panic into an error.
func (l *Library) embedSafely(imgs []image.Image) (vecs [][]float32, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("image tower crashed: %v", p)
		}
	}()
	vecs, err = l.opt.Embedder.EmbedImages(imgs)
	if err == nil && len(vecs) != len(imgs) {
		err = fmt.Errorf("image tower returned %d vectors for %d images", len(vecs), len(imgs))
	}
	return vecs, err
}

// record builds the Photo of a read file.
func record(c candidate, info media.Info, upright image.Rectangle) Photo {
	m := info.Meta
	p := Photo{
		ID:             PhotoID(c.rel), // of the exact name, as change detection computes it
		Format:         string(info.Format),
		Size:           c.size,
		ModTime:        c.modTime,
		Focal35mm:      m.Focal35mm,
		Make:           m.Make,
		Model:          m.Model,
		PredictedPeaks: []PeakGuess{},
	}
	p.setNames(c.abs, c.rel)
	p.Width, p.Height = info.Width, info.Height
	if (upright.Dx() > upright.Dy()) != (info.Width > info.Height) {
		p.Width, p.Height = info.Height, info.Width
	}
	if m.HasShotTime {
		p.ShotTime = formatShotTime(m.ShotTime, m.HasOffset)
	}
	if m.HasGPS {
		p.GPS = &LatLon{Lat: m.Lat, Lon: m.Lon}
	}
	if m.HasAltitude {
		alt := m.AltitudeM
		p.Altitude = &alt
	}
	if m.HasHeading {
		h := m.HeadingDeg
		p.Heading = &h
	}
	return p
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
