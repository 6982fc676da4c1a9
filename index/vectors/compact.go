package vectors

import "fmt"

// Compact rewrites the vector file with only live rows, packed from slot 0, and renumbers the graph to
// match. Slot reuse keeps the file from growing in normal use; Compact gives space back after many
// deletes. The switch is atomic: the new vector file and graph are written under a new generation
// first, and the metadata rename commits them. Searches wait while it runs.
func (ix *Index) Compact() error {
	if ix.opt.ReadOnly {
		return ErrReadOnly
	}
	ix.stopCodes() // the new generation's codes are written with its rows
	defer ix.lockAll()()
	if ix.closed {
		return ErrClosed
	}
	old := ix.st
	gen, commit := old.m.gen+1, old.m.commit+1
	next, err := newStore(ix.dir, old.dim(), gen, commit-1, len(ix.ids))
	if err != nil {
		return fmt.Errorf("compact: %w", err)
	}
	newSlot := make(map[uint32]uint32, len(ix.ids))
	for slot := range old.slots() {
		s := uint32(slot)
		if !old.isLive(s) {
			continue
		}
		ns, err := next.add(old.idAt(s), old.Vector(s))
		if err != nil {
			next.discard()
			return fmt.Errorf("compact: %w", err)
		}
		newSlot[s] = ns
	}
	graph := ix.graph.Renumber(next, func(s uint32) (uint32, bool) { ns, ok := newSlot[s]; return ns, ok })
	// The graph goes first: until the metadata names the new generation, it is an ignored leftover.
	if err := saveGraph(ix.dir, gen, commit, graph); err != nil {
		next.discard()
		return fmt.Errorf("compact: %w", err)
	}
	if err := next.commit(); err != nil {
		next.discard()
		return fmt.Errorf("compact: %w", err)
	}
	old.close()
	removeStale(ix.dir, gen)
	removeGraphsExcept(ix.dir, graphFileName(gen, commit))
	ix.st, ix.graph, ix.graphCommit, ix.graphChanges = next, graph, commit, 0
	for id, s := range ix.ids {
		ix.ids[id] = newSlot[s]
	}
	ix.epoch.Add(1)
	return nil
}
