package library

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// openMarker is a file that exists while a library is open. Finding it at Open means the last process that
// had the library open died without closing it (kill -9, power loss), so its stores may disagree: the scan
// makes vectors durable before the documents that point at them (store_writer.go), and removes vectors before
// documents, so a crash can leave vectors without documents and documents without vectors. Reconciling costs a
// walk over every id of both stores; the marker keeps that walk off the common path of a clean open.
const openMarker = "open"

// markOpen creates the open marker of the library in dir and reports whether it was already there.
func markOpen(dir string) (unclean bool, err error) {
	path := filepath.Join(dir, openMarker)
	if _, err := os.Stat(path); err == nil {
		unclean = true
	}
	f, err := os.Create(path)
	if err != nil {
		return unclean, fmt.Errorf("mark library %s open: %w", dir, err)
	}
	// Synced, so a power loss after documents reached the disk cannot leave them without the marker.
	err = errors.Join(f.Sync(), f.Close())
	if err != nil {
		return unclean, fmt.Errorf("mark library %s open: %w", dir, err)
	}
	return unclean, nil
}

// markClosed removes the open marker once the stores are closed and agree.
func markClosed(dir string) error {
	if err := os.Remove(filepath.Join(dir, openMarker)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("mark library %s closed: %w", dir, err)
	}
	return nil
}

// Reconciled says what reconcile repaired.
type Reconciled struct {
	OrphanVectors int // vectors whose photo had no document: deleted
	Unembedded    int // documents marked embedded whose vector was missing: marked for embedding again
}

// reconcile makes the stores agree after a crash: vectors without a document are deleted, and documents
// marked embedded without a vector lose the mark (the next scan embeds them again, since change detection
// also asks the vector index). A torn tail of the vector file needs nothing here: the vector index trusts
// rows only up to the slot count of its last checksummed commit, and the next Put overwrites the rest.
// It needs the vector index, so without a model it does nothing and leaves the marker for a later open.
func (l *Library) reconcile() (Reconciled, error) {
	var rec Reconciled
	if l.vectors == nil {
		return rec, nil
	}
	vecs := map[uint64]bool{}
	for _, k := range l.vectors.IDs() {
		vecs[k] = true
	}
	var lacking []string // documents without a vector
	err := l.meta.EachID(func(id string) error {
		k := vectorKey(id)
		if vecs[k] {
			delete(vecs, k) // what stays in vecs has no document
		} else {
			lacking = append(lacking, id)
		}
		return nil
	})
	if err != nil {
		return rec, fmt.Errorf("reconcile %s: %w", l.dir, err)
	}
	for k := range vecs {
		if err := l.vectors.Delete(k); err != nil {
			return rec, fmt.Errorf("reconcile %s: drop orphan vector %s: %w", l.dir, photoIDOfKey(k), err)
		}
	}
	if len(vecs) > 0 {
		if err := l.vectors.Flush(); err != nil {
			return rec, fmt.Errorf("reconcile %s: %w", l.dir, err)
		}
	}
	rec.OrphanVectors = len(vecs)
	if rec.Unembedded, err = l.unmarkEmbedded(lacking); err != nil {
		return rec, fmt.Errorf("reconcile %s: %w", l.dir, err)
	}
	return rec, nil
}

// unmarkEmbedded clears the embedded flag of the given documents that have it, a chunk at a time; it returns
// how many it changed. Most documents without a vector are photos the model could not read, flagged already.
func (l *Library) unmarkEmbedded(ids []string) (int, error) {
	n := 0
	for chunk := range slices.Chunk(ids, 1000) {
		stored, err := l.loadStored(chunk) // an unreadable record is left out: the next scan reads its photo
		if err != nil {
			return n, err
		}
		var puts []storedPhoto
		for _, sp := range stored {
			if !sp.Embedded {
				continue
			}
			sp.Embedded = false
			puts = append(puts, sp)
		}
		if len(puts) == 0 {
			continue
		}
		if err := l.writePhotos(puts, nil); err != nil {
			return n, err
		}
		n += len(puts)
	}
	return n, nil
}
