package vectors

import (
	"fmt"
	"time"
)

// Flush makes every Put and Delete so far durable: after it returns, a kill -9 loses none of them.
// The graph file is rewritten only after max(Options.GraphSaveEvery, a quarter of the graph) changes
// or when a change is two minutes old, because Open can re-insert the vectors a stale graph lacks; the
// two-minute rule bounds that work to two minutes of inserting.
func (ix *Index) Flush() error {
	if ix.opt.ReadOnly {
		return nil // nothing was written
	}
	ix.flushMu.Lock()
	defer ix.flushMu.Unlock()
	ix.mu.Lock()
	if ix.closed {
		ix.mu.Unlock()
		return ErrClosed
	}
	due := ix.graphChanges >= max(ix.opt.GraphSaveEvery, ix.graph.Len()/4) ||
		(ix.graphChanges > 0 && time.Since(ix.graphDirtyAt) > 2*time.Minute)
	if due { // exporting the graph needs it to stand still: do it all under the locks
		defer ix.mu.Unlock()
		ix.addMu.Lock()
		defer ix.addMu.Unlock()
		return ix.flushLocked(true)
	}
	st := ix.st
	if !st.dirty {
		ix.mu.Unlock()
		return nil
	}
	// The usual case: sync and write the metadata while Put and Search carry on.
	c := st.beginCommit()
	ix.mu.Unlock()
	err := st.writeCommit(c)
	ix.mu.Lock()
	st.endCommit(c, err)
	ix.mu.Unlock()
	if err != nil {
		return fmt.Errorf("flush vector index %s: %w", ix.dir, err)
	}
	return nil
}

func (ix *Index) flushLocked(saveGraphToo bool) error {
	if ix.st.dirty {
		if err := ix.st.commit(); err != nil {
			return fmt.Errorf("flush vector index %s: %w", ix.dir, err)
		}
	}
	if saveGraphToo && (ix.graphChanges > 0 || ix.graphCommit != ix.st.m.commit) {
		if err := saveGraph(ix.dir, ix.st.m.gen, ix.st.m.commit, ix.graph); err != nil {
			return fmt.Errorf("flush vector index %s: %w", ix.dir, err)
		}
		ix.graphCommit, ix.graphChanges = ix.st.m.commit, 0
		removeGraphsExcept(ix.dir, graphFileName(ix.st.m.gen, ix.st.m.commit))
	}
	return nil
}

// Close flushes everything, the graph included, and releases the files.
func (ix *Index) Close() error {
	ix.stopCodes()
	defer ix.lockAll()()
	if ix.closed {
		return nil
	}
	var err error
	if !ix.opt.ReadOnly {
		err = ix.flushLocked(true)
	}
	ix.closed = true
	if cerr := ix.st.close(); err == nil {
		err = cerr
	}
	return err
}

// lockAll takes every lock, in their order, for work that needs the whole index to stand still; it returns
// the function that releases them.
func (ix *Index) lockAll() (unlock func()) {
	ix.flushMu.Lock()
	ix.mu.Lock()
	ix.addMu.Lock()
	return func() {
		ix.addMu.Unlock()
		ix.mu.Unlock()
		ix.flushMu.Unlock()
	}
}
