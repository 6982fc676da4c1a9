package library

import (
	"errors"
	"fmt"
	"time"
)

// Import stores photo records made elsewhere, with their vectors when the library has a model (vecs[i]
// belongs to photos[i]; nil vecs or a nil entry stores none). The ids must be PhotoID of the records' Rel.
// It serves generated libraries for benchmarks and moving records between data roots.
func (l *Library) Import(photos []Photo, vecs [][]float32) error {
	if l.opt.ReadOnly {
		return ErrReadOnly
	}
	l.writeMu.Lock()
	defer l.writeMu.Unlock()
	if vecs != nil && len(vecs) != len(photos) {
		return fmt.Errorf("import: %d photos but %d vectors", len(photos), len(vecs))
	}
	for i, p := range photos {
		if p.ID != PhotoID(p.RawRel()) {
			return fmt.Errorf("import %s: id %s is not the digest of its path", p.Rel, p.ID)
		}
		if vecs == nil || vecs[i] == nil {
			continue
		}
		if l.vectors == nil {
			return errors.New("import: vectors given but the library has no model")
		}
		if err := l.vectors.Put(vectorKey(p.ID), vecs[i]); err != nil {
			return fmt.Errorf("import %s: %w", p.Rel, err)
		}
	}
	if l.vectors != nil {
		if err := l.vectors.Flush(); err != nil {
			return fmt.Errorf("import: %w", err)
		}
	}
	puts := make([]storedPhoto, len(photos))
	for i, p := range photos {
		puts[i] = storedPhoto{Photo: p}
	}
	if err := l.writePhotos(puts, nil); err != nil {
		return err
	}
	// Imported records are as current as a scan's: opening the library must not start one by itself.
	l.manifest.LastScan = time.Now().UTC()
	return l.writeManifest()
}
