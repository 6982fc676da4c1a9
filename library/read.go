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
	vector []float32
	err    error
}

// readAll reads the candidates with a bounded pool of workers and sends each result, in any order, on the
// returned channel, which is closed when all are read or ctx is cancelled.
func (l *Library) readAll(ctx context.Context, todo []candidate) <-chan readResult {
	jobs := make(chan candidate)
	out := make(chan readResult, l.opt.Workers)
	var wg sync.WaitGroup
	for range l.opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				out <- l.readPhoto(c)
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

// readPhoto reads one file into a record, a cached thumbnail and a vector. A panic in a decoder or parser is
// contained here and becomes this file's error.
func (l *Library) readPhoto(c candidate) (r readResult) {
	r.c = c
	defer func() {
		if p := recover(); p != nil {
			r.err = fmt.Errorf("reader crashed: %v", p)
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
		if r.vector, err = l.identifier.embed(img); err != nil {
			r.err = err
			return r
		}
		r.photo.Embedded = true
	}
	preds, err := l.identifier.predict(r.photo, r.vector, predictionsN)
	if err != nil {
		r.err = fmt.Errorf("identify peaks: %w", err)
		return r
	}
	r.photo.PredictedPeaks = guesses(preds)
	return r
}

// record builds the Photo of a read file.
func record(c candidate, info media.Info, upright image.Rectangle) Photo {
	m := info.Meta
	p := Photo{
		ID:             PhotoID(c.rel),
		Path:           c.abs,
		Rel:            c.rel,
		Format:         string(info.Format),
		Size:           c.size,
		ModTime:        c.modTime,
		Focal35mm:      m.Focal35mm,
		Make:           m.Make,
		Model:          m.Model,
		PredictedPeaks: []PeakGuess{},
	}
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
