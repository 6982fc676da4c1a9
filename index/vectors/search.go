package vectors

import (
	"fmt"

	"github.com/cairn-photos/cairn/index/hnsw"
)

// Search returns up to k stored ids nearest to q, best first. allow, when not nil, limits the results
// to its ids. Search chooses the method itself:
//   - fewer than Options.ExactBelow candidates (live vectors, or live vectors the filter allows):
//     an exact parallel scan, which is then both faster and perfect;
//   - otherwise the HNSW graph. A filtered graph search walks through disallowed nodes but only
//     returns allowed ones; if it has to compute more distances than the filter allows vectors,
//     the filter is selective enough that the exact scan over the allowed vectors wins, and Search
//     switches to it (as Lucene and Elasticsearch do).
func (ix *Index) Search(q []float32, k int, allow *Filter) ([]Hit, error) {
	if err := ix.checkVector(q); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if k <= 0 {
		return nil, nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, ErrClosed
	}
	if allow != nil && allow.rows != nil && (allow.rows.ix != ix || !allow.rows.Current()) {
		return nil, ErrStaleFilter
	}
	var found []Scored
	if allow == nil {
		found = ix.searchAll(q, k)
	} else {
		found = ix.searchAllowed(q, k, allow)
	}
	hits := make([]Hit, 0, len(found))
	for _, f := range found {
		if ix.st.isLive(f.Slot) {
			hits = append(hits, Hit{ID: ix.st.idAt(f.Slot), Score: f.Score})
		}
	}
	return hits, nil
}

func (ix *Index) searchAll(q []float32, k int) []Scored {
	if len(ix.ids) < ix.opt.ExactBelow || ix.graph.Len() < len(ix.ids)/2 {
		return ExactSearch(ix.st, ix.st.slots(), q, k, ix.st.isLive, 0)
	}
	res, _ := ix.graph.SearchWith(q, k, hnsw.SearchOptions{Ef: ix.opt.efSearch(len(ix.ids))})
	return res
}

func (ix *Index) searchAllowed(q []float32, k int, allow *Filter) []Scored {
	ef := max(ix.opt.efSearch(len(ix.ids)), k)
	// A graph search through a filter letting a share s of the vectors through visits about ef/s nodes and
	// computes the distances of their 2·M links; the exact scan computes s·N. Below s² = 2·M·ef/N the scan
	// is cheaper (at a million vectors and ef 200, a filter of fewer than 8 % of them; a filter of a quarter
	// or more always walks the graph).
	if n, all := float64(allow.Len()), float64(len(ix.ids)); n*n < float64(2*ix.opt.M*ef)*all && 4*n < all {
		return ExactSearchSlots(ix.st, ix.allowedSlots(allow), q, k)
	}
	if allow.rows != nil && allow.Len() >= ix.opt.ExactBelow { // the bitset is there: no list of slots unless needed
		res, complete := ix.graph.SearchWith(q, k, hnsw.SearchOptions{Ef: ef, Allow: allow.set.has, MaxVisits: allow.Len()})
		if complete {
			return res
		}
	}
	slots := ix.allowedSlots(allow)
	if len(slots) < ix.opt.ExactBelow || allow.rows != nil {
		return ExactSearchSlots(ix.st, slots, q, k)
	}
	var set bitset
	for _, s := range slots {
		set.set(s)
	}
	res, complete := ix.graph.SearchWith(q, k, hnsw.SearchOptions{Ef: ef, Allow: set.has, MaxVisits: len(slots)})
	if !complete {
		return ExactSearchSlots(ix.st, slots, q, k)
	}
	return res
}
