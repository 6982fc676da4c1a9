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
	puts := make([]storedPhoto, len(photos))
	for i, p := range photos {
		if p.ID != PhotoID(p.RawRel()) {
			return fmt.Errorf("import %s: id %s is not the digest of its path", p.Rel, p.ID)
		}
		puts[i] = storedPhoto{Photo: p}
		if vecs == nil || vecs[i] == nil {
			continue
		}
		if l.vecs() == nil {
			return errors.New("import: vectors given but the library has no model")
		}
		puts[i].vector = vecs[i]
	}
	if err := l.writePhotos(puts, nil); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	// Imported records are as current as a scan's: opening the library must not start one by itself.
	l.manifest.LastScan = time.Now().UTC()
	return l.writeManifest()
}
