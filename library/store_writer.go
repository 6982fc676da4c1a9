package library

import (
	"fmt"
	"time"
)

// storeWriter gathers read photos into batches. Vectors are made durable before the documents that point at
// them, so after a crash a document may lack a vector (and is embedded again) but never the reverse.
type storeWriter struct {
	l       *Library
	photos  []storedPhoto
	started time.Time
}

func newStoreWriter(l *Library) *storeWriter {
	return &storeWriter{l: l}
}

func (w *storeWriter) add(r photoWork) error {
	if r.vector != nil {
		if err := w.l.vectors.Put(vectorKey(r.photo.ID), r.vector); err != nil {
			return fmt.Errorf("store vector of %s: %w", r.photo.Rel, err)
		}
	}
	if len(w.photos) == 0 {
		w.started = time.Now()
	}
	w.photos = append(w.photos, r.photo)
	if len(w.photos) >= batchSize || time.Since(w.started) >= batchAge {
		return w.flush()
	}
	return nil
}

func (w *storeWriter) flush() error {
	if len(w.photos) == 0 {
		return nil
	}
	if w.l.vectors != nil {
		if err := w.l.vectors.Flush(); err != nil {
			return fmt.Errorf("flush vectors: %w", err)
		}
	}
	if err := w.l.writePhotos(w.photos, nil); err != nil {
		return err
	}
	w.photos = nil
	return nil
}
