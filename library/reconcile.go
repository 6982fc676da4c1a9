package library

import (
	"fmt"
	"slices"
)

// Reconciled says what reconcile repaired.
type Reconciled struct {
	OrphanVectors int // vectors whose photo had no record: deleted
	Unembedded    int // records marked embedded whose vector was missing: marked for embedding again
}

// reconcile makes the stores agree after a crash (the store finds that it was left open): the store drops
// vectors without a record and names the records without a vector, and those lose their embedded mark, so
// the next scan embeds them again (change detection also asks the vector index). Without vectors nothing
// can be compared, and the store keeps its mark of the crash for a later open with the model.
func (l *Library) reconcile() (Reconciled, error) {
	var rec Reconciled
	lacking, orphans, err := l.store.Recover()
	if err != nil {
		return rec, err
	}
	rec.OrphanVectors = orphans
	if rec.Unembedded, err = l.unmarkEmbedded(lacking); err != nil {
		return rec, fmt.Errorf("reconcile %s: %w", l.dir, err)
	}
	return rec, nil
}

// unmarkEmbedded clears the embedded flag of the given records that have it, a chunk at a time; it returns
// how many it changed. Most records without a vector are photos the model could not read, flagged already.
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
