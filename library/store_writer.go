package library

import (
	"fmt"
	"time"
)

// storeWriter gathers read photos into batches. Vectors are made durable before the documents that point at
// them, so after a crash a document may lack a vector (and is embedded again) but never the reverse.
type storeWriter struct {
	l       *Library
	docs    map[string]any
	started time.Time
}

func newStoreWriter(l *Library) *storeWriter {
	return &storeWriter{l: l, docs: map[string]any{}}
}

func (w *storeWriter) add(r readResult) error {
	if r.vector != nil {
		if err := w.l.vectors.Put(vectorKey(r.photo.ID), r.vector); err != nil {
			return fmt.Errorf("store vector of %s: %w", r.photo.Rel, err)
		}
	}
	doc, err := photoDocument(r.photo)
	if err != nil {
		return err
	}
	if len(w.docs) == 0 {
		w.started = time.Now()
	}
	w.docs[r.photo.ID] = doc
	if len(w.docs) >= batchSize || time.Since(w.started) >= batchAge {
		return w.flush()
	}
	return nil
}

func (w *storeWriter) flush() error {
	if len(w.docs) == 0 {
		return nil
	}
	if w.l.vectors != nil {
		if err := w.l.vectors.Flush(); err != nil {
			return fmt.Errorf("flush vectors: %w", err)
		}
	}
	if err := w.l.meta.Write(w.docs, nil); err != nil {
		return err
	}
	w.docs = map[string]any{}
	return nil
}
