package library

import "time"

// storeWriter gathers read photos into batches for the store, which makes their vectors durable before the
// records that point at them: after a crash a record may lack a vector (and is embedded again), never the
// reverse.
type storeWriter struct {
	l       *Library
	photos  []storedPhoto
	started time.Time
}

func newStoreWriter(l *Library) *storeWriter {
	return &storeWriter{l: l}
}

func (w *storeWriter) add(r photoWork) error {
	if len(w.photos) == 0 {
		w.started = time.Now()
	}
	sp := r.photo
	sp.vector = r.vector
	w.photos = append(w.photos, sp)
	if len(w.photos) >= batchSize || time.Since(w.started) >= batchAge {
		return w.flush()
	}
	return nil
}

func (w *storeWriter) flush() error {
	if len(w.photos) == 0 {
		return nil
	}
	if err := w.l.writePhotos(w.photos, nil); err != nil {
		return err
	}
	w.photos = nil
	return nil
}
