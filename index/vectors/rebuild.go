package vectors

import (
	"context"
	"sync"
)

// Codes missing from the code file (lost, from an older version, or written after the last commit it was
// complete for) are recomputed from the float rows: inline in Open when few, else in the background while
// searches and inserts keep to the floats, which they check before each search or insert
// (store.CodesReady).
const (
	inlineCodes = 16384 // at most this many are recomputed before Open returns (about 20 ms)
	codesChunk  = 4096  // the background rebuild holds the read lock for this many at a time
)

// codesRebuild is the background recomputation of codes, if one was started.
type codesRebuild struct {
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// startCodes brings the new store's codes up to date, inline or by starting the background rebuild.
// It runs in Open, before the index is shared.
func (ix *Index) startCodes() {
	st := ix.st
	if st.codes == nil || st.CodesReady() {
		return
	}
	stale := st.staleCodes()
	if len(stale) <= ix.opt.codesInline {
		for _, s := range stale {
			st.codes.put(s, st.Vector(s))
		}
		st.codesReady.Store(true)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	ix.rebuild = &codesRebuild{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(ix.rebuild.done)
		if ix.opt.codesGate != nil {
			select {
			case <-ix.opt.codesGate:
			case <-ctx.Done():
				return
			}
		}
		ix.rebuildCodes(ctx, st, stale)
	}()
}

// stopCodes stops a background rebuild and waits for it; the caller holds no lock of the index.
func (ix *Index) stopCodes() {
	if r := ix.rebuild; r != nil {
		r.once.Do(r.cancel)
		<-r.done
	}
}

// rebuildCodes recomputes the codes of the stale slots a chunk at a time under the read lock, so writers
// wait for at most one chunk. A Put meanwhile writes its own code; recomputing one it already wrote
// gives the same bytes. Once every code is there, searches switch to them, and the file, synced, is marked
// complete for the last commit, so the next Open need not do this again.
func (ix *Index) rebuildCodes(ctx context.Context, st *store, stale []uint32) {
	for len(stale) > 0 {
		n := min(len(stale), codesChunk)
		ix.mu.RLock()
		if ctx.Err() != nil || ix.closed || ix.st != st {
			ix.mu.RUnlock()
			return
		}
		for _, s := range stale[:n] {
			if st.isLive(s) {
				st.codes.put(s, st.Vector(s))
			}
		}
		ix.mu.RUnlock()
		stale = stale[n:]
	}
	ix.mu.RLock()
	st.codesReady.Store(true)
	durable := st.durable
	ix.mu.RUnlock()
	// Close and Compact wait for this goroutine before they unmap the file, so it stays mapped.
	if err := st.codes.rows.sync(); err != nil {
		return // the next Open recomputes them again
	}
	ix.mu.RLock()
	st.codes.markComplete(durable)
	ix.mu.RUnlock()
}
